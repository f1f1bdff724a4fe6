"""Clients through ``api.clients`` (seed: getClients, createClient, getClient, updateClient, deleteClient,
getClientSecret, regenerateClientSecret) plus mappers, client-scope links and authorization settings."""

from __future__ import annotations

from typing import Any

from pulumi_keycloak_dynamic.api import KeycloakAdmin, roles, users
from pulumi_keycloak_dynamic.api import clients as api


def test_client_lifecycle(admin: KeycloakAdmin, realm: str) -> None:
    client_uuid = api.create_client(
        admin,
        realm,
        {"clientId": "app", "description": "d", "redirectUris": ["https://app/*"], "attributes": {"a": "1"}},
    )
    found = api.find_client(admin, realm, "app")
    assert found is not None and found["id"] == client_uuid and found["clientId"] == "app"
    assert api.find_client(admin, realm, "ap") is None  # exact, not a substring search
    got = api.get_client(admin, realm, client_uuid)
    assert got is not None and got["redirectUris"] == ["https://app/*"]
    assert "app" in [c["clientId"] for c in api.list_clients(admin, realm)]
    assert "account" in [c["clientId"] for c in api.list_clients(admin, realm)]

    # PUT keeps absent fields and merges attributes by key
    api.update_client(admin, realm, client_uuid, {"clientId": "app", "name": "App", "attributes": {"b": "2"}})
    after = api.get_client(admin, realm, client_uuid)
    assert after is not None
    assert (after["name"], after["description"], after["redirectUris"]) == ("App", "d", ["https://app/*"])
    assert after["attributes"]["a"] == "1" and after["attributes"]["b"] == "2"

    assert api.delete_client(admin, realm, client_uuid) is True
    assert api.get_client(admin, realm, client_uuid) is None
    assert api.find_client(admin, realm, "app") is None
    assert api.delete_client(admin, realm, client_uuid) is False


def test_secret_get_and_regenerate(admin: KeycloakAdmin, realm: str) -> None:
    client_uuid = api.create_client(admin, realm, {"clientId": "confidential", "publicClient": False})
    first = api.get_client_secret(admin, realm, client_uuid)
    assert len(first) >= 16
    assert api.get_client(admin, realm, client_uuid)["secret"] == first  # type: ignore[index]
    second = api.regenerate_client_secret(admin, realm, client_uuid)
    assert second and second != first
    assert api.get_client_secret(admin, realm, client_uuid) == second


def test_protocol_mappers(admin: KeycloakAdmin, realm: str) -> None:
    client_uuid = api.create_client(admin, realm, {"clientId": "mapped"})
    body: dict[str, Any] = {
        "name": "team",
        "protocol": "openid-connect",
        "protocolMapper": "oidc-hardcoded-claim-mapper",
        "config": {"claim.name": "team", "claim.value": "blue", "access.token.claim": "true"},
    }
    mapper_id = api.create_protocol_mapper(admin, realm, client_uuid, body)
    listed = {m["name"]: m for m in api.list_protocol_mappers(admin, realm, client_uuid)}
    assert listed["team"]["id"] == mapper_id
    assert listed["team"]["config"]["claim.value"] == "blue"

    changed = {**body, "config": {**body["config"], "claim.value": "green"}}
    api.update_protocol_mapper(admin, realm, client_uuid, mapper_id, changed)
    listed = {m["name"]: m for m in api.list_protocol_mappers(admin, realm, client_uuid)}
    assert listed["team"]["config"]["claim.value"] == "green"

    assert api.delete_protocol_mapper(admin, realm, client_uuid, mapper_id) is True
    assert "team" not in {m["name"] for m in api.list_protocol_mappers(admin, realm, client_uuid)}
    assert api.delete_protocol_mapper(admin, realm, client_uuid, mapper_id) is False


def test_default_and_optional_client_scope_links(admin: KeycloakAdmin, realm: str) -> None:
    client_uuid = api.create_client(admin, realm, {"clientId": "scoped"})
    default_names = {s["name"] for s in api.list_client_scopes_of(admin, realm, client_uuid, "default")}
    optional_names = {s["name"] for s in api.list_client_scopes_of(admin, realm, client_uuid, "optional")}
    assert {"profile", "email", "roles"} <= default_names
    assert "phone" in optional_names

    phone = api.find_client_scope(admin, realm, "phone")
    assert phone is not None and phone["name"] == "phone"
    assert api.find_client_scope(admin, realm, "no-such-scope") is None

    assert api.remove_client_scope_from(admin, realm, client_uuid, "optional", phone["id"]) is True
    api.add_client_scope_to(admin, realm, client_uuid, "default", phone["id"])
    default_names = {s["name"] for s in api.list_client_scopes_of(admin, realm, client_uuid, "default")}
    optional_names = {s["name"] for s in api.list_client_scopes_of(admin, realm, client_uuid, "optional")}
    assert "phone" in default_names and "phone" not in optional_names

    api.remove_client_scope_from(admin, realm, client_uuid, "default", phone["id"])
    api.add_client_scope_to(admin, realm, client_uuid, "optional", phone["id"])
    assert "phone" in {s["name"] for s in api.list_client_scopes_of(admin, realm, client_uuid, "optional")}
    assert "phone" not in {s["name"] for s in api.list_client_scopes_of(admin, realm, client_uuid, "default")}


def test_authorization_settings(admin: KeycloakAdmin, realm: str) -> None:
    plain = api.create_client(admin, realm, {"clientId": "plain"})
    assert api.get_authorization_settings(admin, realm, plain) is None

    client_uuid = api.create_client(
        admin,
        realm,
        {"clientId": "rs", "publicClient": False, "serviceAccountsEnabled": True, "authorizationServicesEnabled": True},
    )
    settings = api.get_authorization_settings(admin, realm, client_uuid)
    assert settings is not None and settings["policyEnforcementMode"] == "ENFORCING"
    api.update_authorization_settings(
        admin,
        realm,
        client_uuid,
        {**settings, "policyEnforcementMode": "PERMISSIVE", "decisionStrategy": "AFFIRMATIVE"},
    )
    after = api.get_authorization_settings(admin, realm, client_uuid)
    assert after is not None
    assert (after["policyEnforcementMode"], after["decisionStrategy"]) == ("PERMISSIVE", "AFFIRMATIVE")

    # a client PUT that leaves authorizationServicesEnabled out switches authorization off
    api.update_client(admin, realm, client_uuid, {"clientId": "rs", "authorizationServicesEnabled": True, "name": "x"})
    assert api.get_authorization_settings(admin, realm, client_uuid) is not None
    api.update_client(admin, realm, client_uuid, {"clientId": "rs", "name": "y"})
    assert api.get_authorization_settings(admin, realm, client_uuid) is None
    assert not api.get_client(admin, realm, client_uuid).get("authorizationServicesEnabled")  # type: ignore[union-attr]


def _service_account(admin: KeycloakAdmin, realm: str, client_uuid: str) -> tuple[str, list[str]]:
    """The service-account user's id and realm roles (Keycloak makes the user again if it is gone)."""
    user = admin.get(f"/{realm}/clients/{client_uuid}/service-account-user")
    return user["id"], sorted(r["name"] for r in users.get_realm_role_mappings(admin, realm, user["id"]))


def test_update_keeps_the_service_account_user(
    admin: KeycloakAdmin, realm: str, keycloak_version: tuple[int, int, int]
) -> None:
    body = {"clientId": "svc", "publicClient": False, "serviceAccountsEnabled": True}
    client_uuid = api.create_client(admin, realm, body)
    reader = roles.create_role(admin, realm, {"name": "reader"})
    users.add_realm_role_mappings(admin, realm, _service_account(admin, realm, client_uuid)[0], [reader])
    before = _service_account(admin, realm, client_uuid)
    assert "reader" in before[1]

    # the server itself: a bare PUT without serviceAccountsEnabled deletes the user on 26.0 only
    admin.put(api.client_path(realm, client_uuid), {"clientId": "svc", "name": "bare"})
    after_bare = _service_account(admin, realm, client_uuid)
    if keycloak_version < (26, 1, 0):
        assert after_bare[0] != before[0] and "reader" not in after_bare[1]
        users.add_realm_role_mappings(admin, realm, after_bare[0], [reader])
        before = _service_account(admin, realm, client_uuid)
    else:
        assert after_bare == before

    # update_client sends the server's serviceAccountsEnabled along, so every release keeps the user
    api.update_client(admin, realm, client_uuid, {"clientId": "svc", "name": "kept"})
    assert _service_account(admin, realm, client_uuid) == before
    assert api.get_client(admin, realm, client_uuid)["name"] == "kept"  # type: ignore[index]
