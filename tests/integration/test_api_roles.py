"""Realm and client roles through ``api.roles`` (seed: getRoles, createRole, getRole, updateRole, deleteRole)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from pulumi_keycloak_dynamic.api import Conflict, KeycloakAdmin, clients, roles


@pytest.mark.parametrize("on_client", [False, True], ids=["realm-role", "client-role"])
def test_role_lifecycle(admin: KeycloakAdmin, realm: str, on_client: bool) -> None:
    client_uuid = clients.create_client(admin, realm, {"clientId": "app"}) if on_client else None
    name = "reader / of things"  # a name that needs quoting in a path
    created = roles.create_role(admin, realm, {"name": name, "description": "reads"}, client_uuid)
    assert created["name"] == name and created["id"] and created["clientRole"] is on_client

    got = roles.get_role(admin, realm, name, client_uuid)
    assert got is not None and got["id"] == created["id"] and got["description"] == "reads"
    by_id = roles.get_role_by_id(admin, realm, created["id"])
    assert by_id is not None and by_id["name"] == name
    assert name in [r["name"] for r in roles.list_roles(admin, realm, client_uuid)]
    with pytest.raises(Conflict):
        roles.create_role(admin, realm, {"name": name}, client_uuid)

    roles.update_role(admin, realm, name, {"description": "reads more", "attributes": {"k": ["v"]}}, client_uuid)
    after = roles.get_role(admin, realm, name, client_uuid)
    assert after is not None and after["description"] == "reads more" and after["attributes"] == {"k": ["v"]}

    assert roles.delete_role(admin, realm, name, client_uuid) is True
    assert roles.get_role(admin, realm, name, client_uuid) is None
    assert roles.get_role_by_id(admin, realm, created["id"]) is None
    assert roles.delete_role(admin, realm, name, client_uuid) is False


def test_listing_pages_past_the_page_size(admin: KeycloakAdmin, realm: str) -> None:
    for i in range(5):
        roles.create_role(admin, realm, {"name": f"bulk-{i}"})
    names = [r["name"] for r in admin.list_all(roles.roles_path(realm), page_size=2)]
    assert {f"bulk-{i}" for i in range(5)} <= set(names)
    assert len(names) == len(set(names))
    assert sorted(names) == sorted(r["name"] for r in roles.list_roles(admin, realm))


def test_rename_by_update(admin: KeycloakAdmin, realm: str) -> None:
    created = roles.create_role(admin, realm, {"name": "old"})
    roles.update_role(admin, realm, "old", {"name": "new"})
    assert roles.get_role(admin, realm, "old") is None
    renamed = roles.get_role(admin, realm, "new")
    assert renamed is not None and renamed["id"] == created["id"]


def test_composites_mix_realm_and_client_roles(admin: KeycloakAdmin, realm: str) -> None:
    client_uuid = clients.create_client(admin, realm, {"clientId": "app"})
    parent = roles.create_role(admin, realm, {"name": "parent"})
    child = roles.create_role(admin, realm, {"name": "child"})
    client_child = roles.create_role(admin, realm, {"name": "client-child"}, client_uuid)
    assert roles.get_composites(admin, realm, "parent") == []

    roles.add_composites(admin, realm, "parent", [child, client_child])
    got = {(r["name"], r["clientRole"]) for r in roles.get_composites(admin, realm, "parent")}
    assert got == {("child", False), ("client-child", True)}
    assert roles.get_role(admin, realm, "parent")["composite"] is True  # type: ignore[index]

    roles.remove_composites(admin, realm, "parent", [child])
    assert [r["name"] for r in roles.get_composites(admin, realm, "parent")] == ["client-child"]
    assert parent["id"]


def test_default_roles(admin: KeycloakAdmin, realm_factory: Callable[..., str]) -> None:
    realm = realm_factory()
    initial = {r["name"] for r in roles.get_default_roles(admin, realm)}
    assert {"offline_access", "uma_authorization"} <= initial
    server_name = admin.get(f"/{realm}")["defaultRole"]["name"]
    assert server_name == roles.default_roles_name(realm)

    extra = roles.create_role(admin, realm, {"name": "everyone"})
    roles.add_default_roles(admin, realm, [extra])
    assert {r["name"] for r in roles.get_default_roles(admin, realm)} == initial | {"everyone"}
    roles.remove_default_roles(admin, realm, [extra])
    assert {r["name"] for r in roles.get_default_roles(admin, realm)} == initial
