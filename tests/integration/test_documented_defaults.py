"""Every documented default (``Field.default``, the *default* column of the reference pages) is what
Keycloak holds for an object created through the provider without that input: the create body is
the spec's own (``create_representation``), so a value the provider sends on its own (a Client's
``publicClient: false``) counts, as it does for a user. The reference page once said a client's
``public_client`` defaults to true (Keycloak's value when nothing is sent) while the provider sends
false: this test names such a disagreement on either server version."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

import pulumi_keycloak_dynamic  # noqa: F401  (registers every spec)
from pulumi_keycloak_dynamic.api import KeycloakAdmin
from pulumi_keycloak_dynamic.engine import ObjectSpec, spec_for
from pulumi_keycloak_dynamic.engine.fields import keycloak_string

#: The smallest valid inputs of each kind that documents defaults (the realm is filled in).
MINIMAL: dict[str, dict[str, Any]] = {
    "Client": {"client_id": "defaults"},
    "User": {"username": "defaults"},
    "IdentityProvider": {"alias": "defaults", "provider_id": "github",
                         "config": {"clientId": "x", "clientSecret": "y"}},
}


def documented(spec: ObjectSpec) -> dict[str, str]:
    return {f.name: f.default for f in spec.fields if f.default and f.api != "" and not f.deprecated}


def disagreements(spec: ObjectSpec, rep: dict[str, Any]) -> dict[str, tuple[str, Any]]:
    """input → (documented default, the server's value); a flag Keycloak leaves out is false."""
    found = {}
    for name, default in documented(spec).items():
        value = rep.get(spec.by_name[name].api_name)
        if value is None and spec.by_name[name].kind.name == "bool":
            value = False
        if keycloak_string(value) != default:
            found[name] = (default, value)
    return found


def test_every_kind_with_defaults_is_covered() -> None:
    from pulumi_keycloak_dynamic.engine import registered_specs

    with_defaults = {s.type_name for s in registered_specs() if documented(s)}
    assert with_defaults == {"Realm", *MINIMAL}


def test_a_new_realm_has_the_documented_defaults(admin: KeycloakAdmin) -> None:
    spec = spec_for("Realm")
    name = f"t-{uuid.uuid4().hex[:10]}"
    admin.post("", spec.create_representation({"realm": name}))
    try:
        assert disagreements(spec, admin.get(f"/{name}")) == {}
    finally:
        admin.delete(f"/{name}")


@pytest.mark.parametrize("type_name", sorted(MINIMAL))
def test_a_new_object_has_the_documented_defaults(admin: KeycloakAdmin, realm: str, type_name: str) -> None:
    spec = spec_for(type_name)
    inputs = {"realm": realm, **MINIMAL[type_name]}
    admin.post(spec.collection_path(admin, inputs), spec.create_representation(inputs))
    rep = spec.find(admin, inputs)
    assert rep is not None
    rep = admin.get(spec.item_path(admin, inputs, str(rep["id"])))  # find() may answer a brief one
    assert disagreements(spec, rep) == {}
