"""Users through ``api.users`` (seed: getUsers, createUser, getUser, updateUser, deleteUser, resetUserPassword,
get/add/deleteUserRealmRoleMappings, getUserGroups, addUserToGroup, removeUserFromGroup)."""

from __future__ import annotations

import pytest
import requests

from pulumi_keycloak_dynamic.api import Conflict, KeycloakAdmin, groups, roles, users
from tests.conftest import KeycloakTarget


def test_user_lifecycle(admin: KeycloakAdmin, realm: str) -> None:
    user_id = users.create_user(
        admin, realm, {"username": "Alice", "firstName": "Al", "email": "alice@example.com", "enabled": True}
    )
    found = users.find_user(admin, realm, "alice")
    assert found is not None and found["id"] == user_id and found["username"] == "alice"  # stored lower-case
    users.create_user(admin, realm, {"username": "alice2", "enabled": True})
    assert users.find_user(admin, realm, "alic") is None  # exact, not a prefix
    assert {u["username"] for u in users.list_users(admin, realm)} == {"alice", "alice2"}
    assert [u["username"] for u in users.list_users(admin, realm, email="alice@example.com")] == ["alice"]
    with pytest.raises(Conflict) as err:
        users.create_user(admin, realm, {"username": "alice"})
    assert "User exists with same username" in str(err.value)

    # a PUT without "attributes" changes only the fields it names
    users.update_user(admin, realm, user_id, {"lastName": "Liddell"})
    got = users.get_user(admin, realm, user_id)
    assert got is not None
    assert (got["firstName"], got["lastName"], got["email"]) == ("Al", "Liddell", "alice@example.com")
    # Keycloak 26 (user profile): a PUT carrying "attributes" rebuilds the profile from the body, so
    # firstName/email left out are cleared, and custom attributes are dropped unless the realm allows them
    users.update_user(admin, realm, user_id, {"attributes": {"team": ["blue"]}})
    got = users.get_user(admin, realm, user_id)
    assert got is not None and "firstName" not in got and "email" not in got and not got.get("attributes")

    profile = admin.get(f"/{realm}/users/profile")
    admin.put(f"/{realm}/users/profile", {**profile, "unmanagedAttributePolicy": "ENABLED"})
    users.update_user(admin, realm, user_id, {**got, "firstName": "Alice", "attributes": {"team": ["blue"]}})
    got = users.get_user(admin, realm, user_id)
    assert got is not None and got["firstName"] == "Alice" and got["attributes"] == {"team": ["blue"]}

    assert users.delete_user(admin, realm, user_id) is True
    assert users.get_user(admin, realm, user_id) is None
    assert users.delete_user(admin, realm, user_id) is False


def test_reset_password_lets_the_user_log_in(admin: KeycloakAdmin, realm: str, keycloak: KeycloakTarget) -> None:
    user_id = users.create_user(
        admin, realm, {"username": "bob", "enabled": True, "firstName": "B", "lastName": "C", "email": "b@example.com"}
    )
    users.reset_password(admin, realm, user_id, "s3cret-Passw0rd")
    token_url = f"{keycloak.url}/realms/{realm}/protocol/openid-connect/token"
    form = {"grant_type": "password", "client_id": "admin-cli", "username": "bob"}
    assert requests.post(token_url, data={**form, "password": "s3cret-Passw0rd"}, timeout=30).status_code == 200
    wrong = requests.post(token_url, data={**form, "password": "wrong"}, timeout=30)
    assert wrong.status_code in (400, 401)  # Keycloak 26.7 answers 400 invalid_grant
    assert wrong.json()["error_description"] == "Invalid user credentials"
    users.reset_password(admin, realm, user_id, "other-Passw0rd", temporary=True)
    assert users.get_user(admin, realm, user_id)["requiredActions"] == ["UPDATE_PASSWORD"]  # type: ignore[index]


def test_realm_role_mappings(admin: KeycloakAdmin, realm: str) -> None:
    user_id = users.create_user(admin, realm, {"username": "carol"})
    initial = {r["name"] for r in users.get_realm_role_mappings(admin, realm, user_id)}
    assert initial == {roles.default_roles_name(realm)}
    editor = roles.create_role(admin, realm, {"name": "editor"})
    viewer = roles.create_role(admin, realm, {"name": "viewer"})
    users.add_realm_role_mappings(admin, realm, user_id, [editor, viewer])
    assert {r["name"] for r in users.get_realm_role_mappings(admin, realm, user_id)} == initial | {"editor", "viewer"}
    users.remove_realm_role_mappings(admin, realm, user_id, [editor])
    assert {r["name"] for r in users.get_realm_role_mappings(admin, realm, user_id)} == initial | {"viewer"}


def test_group_membership(admin: KeycloakAdmin, realm: str) -> None:
    user_id = users.create_user(admin, realm, {"username": "dave"})
    top = groups.create_group(admin, realm, {"name": "top"})
    child = groups.create_child_group(admin, realm, top, {"name": "child"})
    assert users.get_user_groups(admin, realm, user_id) == []
    users.join_group(admin, realm, user_id, top)
    users.join_group(admin, realm, user_id, child)
    assert {g["path"] for g in users.get_user_groups(admin, realm, user_id)} == {"/top", "/top/child"}
    assert [u["username"] for u in groups.list_members(admin, realm, child)] == ["dave"]
    assert users.leave_group(admin, realm, user_id, top) is True
    assert [g["path"] for g in users.get_user_groups(admin, realm, user_id)] == ["/top/child"]
    assert groups.list_members(admin, realm, top) == []
