"""Smoke test of the foundation: log in to the real Keycloak, create and delete a realm."""

import uuid

from pulumi_keycloak_dynamic.api import KeycloakAdmin


def test_login_create_and_delete_realm(admin: KeycloakAdmin) -> None:
    name = f"smoke-{uuid.uuid4().hex[:8]}"
    realm_id = admin.create("", {"realm": name, "enabled": True}, lambda: None)
    try:
        got = admin.get(f"/{name}")
        assert got["realm"] == name
        assert got["id"] == realm_id or realm_id == name  # Location ends in the realm name
        assert got["enabled"] is True
    finally:
        assert admin.delete(f"/{name}") is True
    assert admin.get_or_none(f"/{name}") is None
    assert admin.stats.logins == 1
