"""Realms through ``api.realms`` against the real Keycloak (seed: getRealms, getRealm, updateRealm, deleteRealm)."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import pytest

from pulumi_keycloak_dynamic.api import Conflict, KeycloakAdmin, NotFound
from pulumi_keycloak_dynamic.api import realms as api


def test_create_get_list_update_delete(admin: KeycloakAdmin) -> None:
    name = f"t-{uuid.uuid4().hex[:10]}"
    try:
        assert api.create_realm(admin, {"realm": name, "enabled": True, "displayName": "Before"}) == name
        got = api.get_realm(admin, name)
        assert got is not None and got["realm"] == name and got["displayName"] == "Before"
        assert name in [r["realm"] for r in api.list_realms(admin)]
        brief = next(r for r in api.list_realms(admin, brief=True) if r["realm"] == name)
        assert "accessTokenLifespan" not in brief

        # PUT is partial: only the given field changes
        api.update_realm(admin, name, {"registrationAllowed": True})
        after = api.get_realm(admin, name)
        assert after is not None
        assert after["registrationAllowed"] is True
        assert after["displayName"] == "Before"
        assert after["accessTokenLifespan"] == got["accessTokenLifespan"]
    finally:
        assert api.delete_realm(admin, name) is True
    assert api.get_realm(admin, name) is None
    assert api.delete_realm(admin, name) is False


def test_create_is_not_repeated_when_the_realm_exists(admin: KeycloakAdmin, realm: str) -> None:
    with pytest.raises(Conflict) as err:
        api.create_realm(admin, {"realm": realm})
    assert err.value.status == 409
    assert "\n" not in str(err.value)


def test_rename_keeps_the_id_and_conflicts_on_a_taken_name(
    admin: KeycloakAdmin, realm_factory: Callable[..., str]
) -> None:
    old, taken = realm_factory(), realm_factory()
    realm_id = admin.get(f"/{old}")["id"]
    with pytest.raises(Conflict):
        api.rename_realm(admin, old, taken)
    new = f"t-{uuid.uuid4().hex[:10]}"
    api.rename_realm(admin, old, new)
    try:
        assert api.get_realm(admin, old) is None
        renamed = api.get_realm(admin, new)
        assert renamed is not None and renamed["id"] == realm_id
    finally:
        api.delete_realm(admin, new)


def test_update_of_a_missing_realm_is_not_found(admin: KeycloakAdmin) -> None:
    with pytest.raises(NotFound) as err:
        api.update_realm(admin, f"missing-{uuid.uuid4().hex[:8]}", {"enabled": False})
    assert err.value.status == 404
    assert "Realm not found" in str(err.value)
