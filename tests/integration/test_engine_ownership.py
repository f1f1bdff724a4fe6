"""The owner marker: a create that meets its own leftover takes it back; anybody else's object is refused.

Runs the provider's ``create()`` directly against the real Keycloak (the CLI-level proof under
real interruptions is ``tests/faults``).
"""

from __future__ import annotations

from typing import Any

import pytest

from pulumi_keycloak_dynamic.api import KeycloakAdmin, clients, realms, roles
from pulumi_keycloak_dynamic.engine import KeycloakProvider
from pulumi_keycloak_dynamic.engine.errors import ProviderError
from pulumi_keycloak_dynamic.engine.ownership import OWNER_ATTRIBUTE, OWNER_KEY, owner_marker
from pulumi_keycloak_dynamic.engine.secrets import unmarked
from tests.conftest import KeycloakTarget
from tests.support.fault_proxy import FaultProxy

MINE = owner_marker("proj", "dev", "Client", "app")
OTHER_STACK = owner_marker("proj", "prod", "Client", "app")


@pytest.fixture(autouse=True)
def provider_env(keycloak: KeycloakTarget, monkeypatch: pytest.MonkeyPatch) -> None:
    for key, value in keycloak.env().items():
        monkeypatch.setenv(key, value)


def create(type_name: str, props: dict[str, Any]) -> Any:
    provider = KeycloakProvider(type_name)
    return provider.create(unmarked(provider.check({}, props).inputs))  # as the engine hands them over


@pytest.mark.parametrize("type_name", ["Client", "Role", "Realm"])
def test_a_leftover_of_this_resource_is_taken_back_with_the_declared_inputs(
    type_name: str, admin: KeycloakAdmin, realm: str
) -> None:
    props: dict[str, Any] = {
        "Client": {"realm": realm, "client_id": "app", "description": "first"},
        "Role": {"realm": realm, "name": "viewer", "description": "first", "attributes": {"team": "a"}},
        "Realm": {"realm": f"{realm}-own", "display_name": "first"},
    }[type_name]
    marker = owner_marker("proj", "dev", type_name, "x")
    first = create(type_name, {**props, OWNER_KEY: marker})  # its state never written: a leftover
    try:
        changed = "display_name" if type_name == "Realm" else "description"
        again = create(type_name, {**props, changed: "second", OWNER_KEY: marker})
        assert again.id == first.id  # the same object, no duplicate
        assert again.outs[changed] == "second"
        assert OWNER_ATTRIBUTE not in (again.outs.get("attributes") or {})  # never an output
        if type_name == "Role":
            stored = roles.get_role(admin, realm, "viewer") or {}
            assert stored["attributes"] == {"team": ["a"], OWNER_ATTRIBUTE: [marker]}  # kept by the update
    finally:
        if type_name == "Realm":
            realms.delete_realm(admin, f"{realm}-own")


@pytest.mark.parametrize("marker", [None, OTHER_STACK], ids=["made-by-hand", "other-stack"])
def test_an_object_this_resource_did_not_create_is_refused_with_the_import_advice(
    marker: str | None, admin: KeycloakAdmin, realm: str
) -> None:
    body: dict[str, Any] = {"clientId": "app", "description": "theirs"}
    if marker:
        body["attributes"] = {OWNER_ATTRIBUTE: marker}
    their_uuid = clients.create_client(admin, realm, body)
    with pytest.raises(ProviderError) as err:
        create("Client", {"realm": realm, "client_id": "app", "description": "mine", OWNER_KEY: MINE})
    assert str(err.value).startswith(f"creating Client '{realm}/app': Keycloak Client '{realm}/app' exists already")
    assert f"ResourceOptions(import_='{realm}/app')" in str(err.value)
    assert (clients.get_client(admin, realm, their_uuid) or {})["description"] == "theirs"  # untouched


def test_a_create_whose_clean_up_failed_is_taken_back_by_the_next_create(
    keycloak: KeycloakTarget, admin: KeycloakAdmin, realm: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    props = {"realm": realm, "name": "lead", "composite_realm_roles": ["helper"],
             OWNER_KEY: owner_marker("proj", "dev", "Role", "lead")}
    with FaultProxy(keycloak.url) as proxy:
        monkeypatch.setenv("KEYCLOAK_URL", proxy.url)
        proxy.add("DELETE", "/roles-by-id/", "status", times=100, status=503)
        with pytest.raises(ProviderError) as err:
            create("Role", props)  # the composite is missing: created, then the clean-up DELETE fails
        assert "composite role 'helper' does not exist" in str(err.value)  # the first failure, not the 503
        assert proxy.requests_to("DELETE", "/roles-by-id/")[-1] == "injected 503"
    monkeypatch.setenv("KEYCLOAK_URL", keycloak.url)
    leftover = roles.get_role(admin, realm, "lead")
    assert leftover is not None
    roles.create_role(admin, realm, {"name": "helper"})
    again = create("Role", props)
    assert again.id == leftover["id"]
    assert [r["name"] for r in roles.get_composites(admin, realm, "lead")] == ["helper"]
