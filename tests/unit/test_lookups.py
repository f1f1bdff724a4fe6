"""Lookups without a server: which fields a result holds, how a representation becomes one, what is
refused before any request. (Against Keycloak and the CLI: tests/e2e/test_lookups.py.)"""

from __future__ import annotations

import dataclasses
from typing import Any

import pulumi
import pytest

import pulumi_keycloak_dynamic as package
from pulumi_keycloak_dynamic import lookups
from pulumi_keycloak_dynamic.engine import registered_specs, spec_for
from pulumi_keycloak_dynamic.engine.lookup import lookup_fields, output_names, read_found
from pulumi_keycloak_dynamic.engine.ownership import OWNER_ATTRIBUTE
from pulumi_keycloak_dynamic.lookups import kinds
from pulumi_keycloak_dynamic.lookups._runtime import Lookup, close
from pulumi_keycloak_dynamic.specs.helpers.role_sets import EVERY_CLIENT, Composites, only_declared_clients


class NoRequests:
    """An admin client that must not be asked anything."""

    def __getattr__(self, name: str) -> Any:
        raise AssertionError(f"a request was made: {name}")


class Answers:
    """An admin client answering GETs from a table, and counting them."""

    def __init__(self, table: dict[str, Any]) -> None:
        self.table = table
        self.asked: list[str] = []

    def get(self, path: str, params: Any = None) -> Any:
        self.asked.append(path)
        return self.table[path]

    def list_all(self, path: str, params: Any = None) -> Any:
        return self.get(path)


def test_every_kind_has_a_lookup_exported_from_the_package() -> None:
    read = {lookup.type_name for lookup in kinds.LOOKUPS} | set(kinds.COVERED)
    assert {spec.type_name for spec in registered_specs()} <= read
    for lookup in kinds.LOOKUPS:
        assert callable(getattr(package, lookup.function)) and callable(getattr(package, f"{lookup.function}_output"))
    assert package.get_realm_keys is lookups.get_realm_keys


def test_a_kind_declared_nowhere_gets_a_lookup_by_its_natural_key() -> None:
    derived = kinds.derived(spec_for("IdentityProviderMapper"))
    assert derived.function == "get_identity_provider_mapper"
    assert [(name, required) for name, _, required in derived.args] == [
        ("realm", True), ("identity_provider_alias", True), ("name", True)]
    assert derived.describe({"realm": "acme", "identity_provider_alias": "corp", "name": "m"}) == \
        "IdentityProviderMapper 'acme/corp/m'"


@pytest.mark.parametrize("lookup", kinds.LOOKUPS, ids=[lookup.function for lookup in kinds.LOOKUPS])
def test_results_hold_the_resource_outputs_a_read_tells(lookup: Lookup) -> None:
    spec = lookup.spec
    result = getattr(lookups, f"Get{lookup.type_name}Result")
    names = [f.name for f in dataclasses.fields(result)]
    assert names == output_names(spec, lookup.extras, lookup.omit)  # the generated class follows the engine
    assert names[0] == spec.id_output
    for field in spec.fields:
        if field.deprecated or field.write_only:
            assert field.name not in names, f"{field.name} is never read back"
    for name in spec.key_fields:
        assert name in names
    assert set(lookup.extras) <= set(names)


def test_a_client_representation_becomes_its_outputs() -> None:
    spec = spec_for("Client")
    rep: dict[str, Any] = {
        "id": "u-1", "clientId": "app", "secret": "s3cret", "publicClient": False, "clientTemplate": "old",
        "redirectUris": ["https://b/*", "https://a/*"], "registrationAccessToken": "tok",
        "attributes": {OWNER_ATTRIBUTE: "v1:x", "saml.signing.private.key": "KEY",
                       "pkce.code.challenge.method": "S256"},
        "protocolMappers": [{"id": "m-1", "name": "aud", "protocol": "openid-connect", "config": {"a": "b"}}],
    }
    lookup = kinds.BY_NAME["get_client"]
    outs = read_found(NoRequests(), spec, {"realm": "acme", "client_id": "app"}, rep,  # type: ignore[arg-type]
                      lookup.extras, lookup.omit)
    assert outs["client_uuid"] == "u-1" and outs["realm"] == "acme" and outs["client_id"] == "app"
    assert outs["secret"] == "s3cret"  # the caller makes it a Pulumi secret
    assert outs["redirect_uris"] == ["https://a/*", "https://b/*"]
    assert outs["attributes"] == {"saml.signing.private.key": "[secret]", "pkce.code.challenge.method": "S256"}
    assert outs["protocol_mappers"][0]["name"] == "aud"
    assert "client_template" not in outs and "registration_access_token" not in outs
    assert "authorization_settings" not in outs  # omitted: only an endpoint of its own has it
    assert rep["attributes"][OWNER_ATTRIBUTE] == "v1:x"  # the answer itself is left as it was


def test_extras_are_read_by_the_specs_own_hooks() -> None:
    spec = spec_for("RealmDefaultRoles")
    lookup = kinds.BY_NAME["get_realm_default_roles"]
    admin = Answers({
        "/acme/roles-by-id/d-1/composites": [
            {"name": "offline_access", "clientRole": False},
            {"name": "view-profile", "clientRole": True, "containerId": "c-1"},
        ],
        "/acme/clients": [{"id": "c-1", "clientId": "account"}, {"id": "c-2", "clientId": "other"}],
    })
    outs = read_found(admin, spec, {"realm": "acme"}, {"id": "d-1", "name": "default-roles-acme"},  # type: ignore[arg-type]
                      lookup.extras)
    assert outs == {"default_roles_id": "d-1", "realm": "acme", "realm_roles": ["offline_access"],
                    "client_roles": {"account": ["view-profile"]}}
    assert admin.asked == ["/acme/roles-by-id/d-1/composites", "/acme/clients"]


def test_every_client_is_read_when_asked_for() -> None:
    assert only_declared_clients({"a": ["x"], "b": [], "c": ["z", "y"]}, EVERY_CLIENT) == {"a": ["x"], "c": ["y", "z"]}
    assert only_declared_clients({"a": ["x"]}, {"b": []}) == {"b": []}  # a resource: only what it declares
    held = Composites("acme", "r-1").held_every_client(Answers({"/acme/roles-by-id/r-1/composites": [
        {"name": "offline_access"}]}))  # type: ignore[arg-type]
    assert list(held.realm) == ["offline_access"] and held.clients == {}  # no client role: no listing


def test_lookup_fields_never_include_what_keycloak_does_not_return() -> None:
    user = [f.name for f in lookup_fields(spec_for("User"), kinds.BY_NAME["get_user"].extras)]
    assert "initial_password" not in user and "temporary" not in user
    assert {"groups", "realm_roles", "client_roles"} <= set(user)
    idp = [f.name for f in lookup_fields(spec_for("IdentityProvider"))]
    assert "client_secret" not in idp and "config" in idp


@pytest.mark.parametrize(("call", "message"), [
    (lambda: package.get_client(realm="", client_id="app"), "get_client: 'realm' must be a non-empty string"),
    (lambda: package.get_role(realm="acme", name=None), "get_role: 'name' must be a non-empty string"),  # type: ignore
    (lambda: package.get_realm_keys(realm="acme", status="ON"), "get_realm_keys: 'status' must be one of"),
])
def test_bad_arguments_fail_before_any_request(call: Any, message: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("pulumi_keycloak_dynamic.lookups._runtime.shared_admin", NoRequests())
    with pytest.raises(pulumi.RunError, match=message.replace("(", r"\(")):
        call()


def test_no_connection_settings_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    for key in ("KEYCLOAK_URL", "KEYCLOAK_USER", "KEYCLOAK_PASSWORD"):
        monkeypatch.delenv(key, raising=False)
    for call in (lambda: package.get_realm(realm="acme"), lambda: package.get_realm_keys(realm="acme")):
        with pytest.raises(pulumi.RunError, match="Keycloak's address is not set"):
            call()


def test_close_names() -> None:
    assert close("realm-managment", ["realm-management", "account", "broker"]) == " (did you mean 'realm-management'?)"
    assert close("zzz", ["account"]) == ""
