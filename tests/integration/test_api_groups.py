"""Groups through ``api.groups`` (seed: getGroups, createGroup, getGroup, updateGroup, deleteGroup,
createChildGroup, getGroupMembers) plus lookup by path and paged children."""

from __future__ import annotations

import pytest

from pulumi_keycloak_dynamic.api import BadRequest, Conflict, KeycloakAdmin, groups, serverinfo, users


def test_group_lifecycle(admin: KeycloakAdmin, realm: str, keycloak_version: tuple[int, int, int]) -> None:
    if not serverinfo.group_description_supported(keycloak_version):
        _group_lifecycle_without_description(admin, realm)
        return
    top = groups.create_group(admin, realm, {"name": "staff", "description": "everyone", "attributes": {"k": ["v"]}})
    got = groups.get_group(admin, realm, top)
    assert got is not None and (got["name"], got["path"], got["description"]) == ("staff", "/staff", "everyone")
    assert got["subGroupCount"] == 0
    assert [g["name"] for g in groups.list_groups(admin, realm)] == ["staff"]
    with pytest.raises(Conflict):
        groups.create_group(admin, realm, {"name": "staff"})

    # PUT sets description every time: leaving it out clears it
    groups.update_group(admin, realm, top, {"name": "staff", "attributes": {"k": ["w"]}})
    got = groups.get_group(admin, realm, top)
    assert got is not None and got["attributes"] == {"k": ["w"]} and not got.get("description")

    groups.update_group(admin, realm, top, {"name": "people", "description": "renamed"})
    found = groups.find_group_by_path(admin, realm, "/people")
    assert found is not None and found["id"] == top and found["description"] == "renamed"
    assert groups.find_group_by_path(admin, realm, "/staff") is None
    groups.update_group(admin, realm, top, {"name": "people", "description": None})
    assert not groups.get_group(admin, realm, top).get("description")  # type: ignore[union-attr]

    assert groups.delete_group(admin, realm, top) is True
    assert groups.get_group(admin, realm, top) is None
    assert groups.delete_group(admin, realm, top) is False


def _group_lifecycle_without_description(admin: KeycloakAdmin, realm: str) -> None:
    """Keycloak before 26.3: groups have no description, and a body naming one is refused."""
    with pytest.raises(BadRequest, match='Unrecognized field "description"'):
        groups.create_group(admin, realm, {"name": "staff", "description": "everyone"})
    assert groups.list_groups(admin, realm) == []
    # "description": None is left out by the API, so it is accepted like an absent one
    top = groups.create_group(admin, realm, {"name": "staff", "description": None, "attributes": {"k": ["v"]}})
    got = groups.get_group(admin, realm, top)
    assert got is not None and (got["name"], got["path"], got["attributes"]) == ("staff", "/staff", {"k": ["v"]})
    assert "description" not in got and got["subGroupCount"] == 0
    with pytest.raises(Conflict):
        groups.create_group(admin, realm, {"name": "staff"})

    groups.update_group(admin, realm, top, {"name": "people", "attributes": {"k": ["w"]}, "description": None})
    found = groups.find_group_by_path(admin, realm, "/people")
    assert found is not None and found["id"] == top and found["attributes"] == {"k": ["w"]}
    assert groups.find_group_by_path(admin, realm, "/staff") is None
    with pytest.raises(BadRequest, match='Unrecognized field "description"'):
        groups.update_group(admin, realm, top, {"name": "people", "description": "renamed"})

    assert groups.delete_group(admin, realm, top) is True
    assert groups.get_group(admin, realm, top) is None
    assert groups.delete_group(admin, realm, top) is False


def test_children_are_paged_beyond_the_default_ten(admin: KeycloakAdmin, realm: str) -> None:
    top = groups.create_group(admin, realm, {"name": "top"})
    for i in range(12):
        groups.create_child_group(admin, realm, top, {"name": f"child-{i:02d}"})
    assert len(admin.get(f"/{realm}/groups/{top}/children")) == 10  # what a naive GET sees
    children = groups.list_children(admin, realm, top)
    assert sorted(c["name"] for c in children) == [f"child-{i:02d}" for i in range(12)]
    assert all(c["parentId"] == top for c in children)
    assert groups.get_group(admin, realm, top)["subGroupCount"] == 12  # type: ignore[index]


def test_find_by_path_with_nesting_and_odd_names(admin: KeycloakAdmin, realm: str) -> None:
    top = groups.create_group(admin, realm, {"name": "a b"})
    child = groups.create_child_group(admin, realm, top, {"name": "c&d"})
    grandchild = groups.create_child_group(admin, realm, child, {"name": "e"})
    found = groups.find_group_by_path(admin, realm, "/a b/c&d/e")
    assert found is not None and found["id"] == grandchild and found["path"] == "/a b/c&d/e"
    assert groups.find_group_by_path(admin, realm, ["a b", "c&d"])["id"] == child  # type: ignore[index]
    assert groups.find_group_by_path(admin, realm, "/a b/nope") is None
    with pytest.raises(Conflict):
        groups.create_child_group(admin, realm, top, {"name": "c&d"})
    # deleting a parent deletes the subtree
    groups.delete_group(admin, realm, top)
    assert groups.get_group(admin, realm, grandchild) is None


def test_members_are_paged(admin: KeycloakAdmin, realm: str) -> None:
    group_id = groups.create_group(admin, realm, {"name": "crowd"})
    for i in range(3):
        users.join_group(admin, realm, users.create_user(admin, realm, {"username": f"member-{i}"}), group_id)
    assert sorted(u["username"] for u in admin.list_all(f"/{realm}/groups/{group_id}/members", page_size=2)) == [
        "member-0", "member-1", "member-2"
    ]
    assert len(groups.list_members(admin, realm, group_id)) == 3


def test_walk_pages_every_level_and_move_keeps_the_id(admin: KeycloakAdmin, realm: str) -> None:
    top = groups.create_group(admin, realm, {"name": "corp"})
    children = [groups.create_child_group(admin, realm, top, {"name": f"team-{i:02d}"}) for i in range(12)]
    grandchild = groups.create_child_group(admin, realm, children[11], {"name": "inner", "attributes": {"k": ["v"]}})
    groups.create_group(admin, realm, {"name": "other"})
    walked = [g["path"] for g in groups.walk_groups(admin, realm)]
    assert len(walked) == 15 and walked[0] == "/corp" and walked.index("/corp/team-11/inner") > walked.index(
        "/corp/team-11")  # 12 children: more than Keycloak's default page of 10

    groups.move_group(admin, realm, grandchild, None)
    moved = groups.find_group_by_path(admin, realm, "/inner")
    assert moved is not None and moved["id"] == grandchild and moved["attributes"] == {"k": ["v"]}
    groups.move_group(admin, realm, grandchild, children[0])
    assert groups.find_group_by_path(admin, realm, "/corp/team-00/inner")["id"] == grandchild  # type: ignore[index]
