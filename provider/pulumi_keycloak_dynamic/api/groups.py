"""Groups: top-level and child groups, lookup by path, children and members.

A group's natural key is its path (``/parent/child``). Since Keycloak 23 a group carries
``subGroupCount`` instead of inline ``subGroups``, and ``GET /groups/{id}/children`` is paged with
``max`` defaulting to 10, so children (like members) are always fetched page by page.
Groups have a ``description`` from Keycloak 26.3 on (``PUT`` sets it every time: omitting it
clears it); 26.0-26.2 reject a body that holds one with 400 ``Unrecognized field "description"``.
Bodies are sent as given except that ``"description": None`` is left out (the same as absent on
every release), so a 26.0 server is not sent a field it does not know; give a real description
only to 26.3+ (:func:`..serverinfo.group_description_supported`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .client import KeycloakAdmin
from .paths import fill, quote_segment

GROUPS = "/{realm}/groups"
GROUP = GROUPS + "/{id}"


def groups_path(realm: str) -> str:
    return fill(GROUPS, realm=realm)


def group_path(realm: str, group_id: str) -> str:
    return fill(GROUP, realm=realm, id=group_id)


def path_names(path: str | Sequence[str]) -> list[str]:
    """``"/a/b"`` -> ``["a", "b"]``; a list of names is taken as is (names may hold a ``/``)."""
    if isinstance(path, str):
        return [name for name in path.split("/") if name]
    return list(path)


def find_group_by_path(admin: KeycloakAdmin, realm: str, path: str | Sequence[str]) -> dict[str, Any] | None:
    """The group at ``path`` (``"/parent/child"`` or ``["parent", "child"]``), or ``None``."""
    names = path_names(path)
    if not names:
        raise ValueError("a group path needs at least one name")
    segments = "/".join(quote_segment(name) for name in names)
    found: dict[str, Any] | None = admin.get_or_none(f"/{quote_segment(realm)}/group-by-path/{segments}")
    return found


def list_groups(admin: KeycloakAdmin, realm: str, search: str | None = None) -> list[dict[str, Any]]:
    """Top-level groups (``search`` matches names at any depth), page by page."""
    params = {"briefRepresentation": "false", **({"search": search} if search else {})}
    return admin.list_all(groups_path(realm), params)


def get_group(admin: KeycloakAdmin, realm: str, group_id: str) -> dict[str, Any] | None:
    found: dict[str, Any] | None = admin.get_or_none(group_path(realm, group_id))
    return found


def create_group(admin: KeycloakAdmin, realm: str, body: dict[str, Any]) -> str:
    """Create a top-level group (``name`` required); return its id."""

    def find() -> str | None:
        found = find_group_by_path(admin, realm, [str(body["name"])])
        return str(found["id"]) if found else None

    return admin.create(groups_path(realm), _sendable(body), find)


def create_child_group(admin: KeycloakAdmin, realm: str, parent_id: str, body: dict[str, Any]) -> str:
    """Create a group below ``parent_id`` (``name`` required); return its id."""

    def find() -> str | None:
        child = next(
            (c for c in list_children(admin, realm, parent_id) if c.get("name") == body["name"]), None
        )
        return str(child["id"]) if child else None

    return admin.create(f"{group_path(realm, parent_id)}/children", _sendable(body), find)


def update_group(admin: KeycloakAdmin, realm: str, group_id: str, body: dict[str, Any]) -> None:
    """PUT a group (``name``, ``description`` from 26.3 on, ``attributes``); omitted ``description`` is cleared."""
    admin.put(group_path(realm, group_id), _sendable(body))


def _sendable(body: dict[str, Any]) -> dict[str, Any]:
    """``body`` without ``"description": None`` (Keycloak before 26.3 rejects the field itself)."""
    return {k: v for k, v in body.items() if not (k == "description" and v is None)}


def delete_group(admin: KeycloakAdmin, realm: str, group_id: str) -> bool:
    """Delete a group with its children."""
    return admin.delete(group_path(realm, group_id))


def list_children(admin: KeycloakAdmin, realm: str, group_id: str) -> list[dict[str, Any]]:
    """Every direct child of a group, page by page (the server's default page is only 10)."""
    return admin.list_all(f"{group_path(realm, group_id)}/children", {"briefRepresentation": "false"})


def list_members(admin: KeycloakAdmin, realm: str, group_id: str) -> list[dict[str, Any]]:
    """Every direct member (user) of a group, page by page."""
    return admin.list_all(f"{group_path(realm, group_id)}/members")


def walk_groups(admin: KeycloakAdmin, realm: str) -> list[dict[str, Any]]:
    """Every group of the realm at any depth, parents before children (each listing paged).

    Top-level groups come from one paged listing; a group's children are fetched only when its
    ``subGroupCount`` says it has some (Keycloak 23+ no longer inlines ``subGroups``).
    """
    found: list[dict[str, Any]] = []
    pending = list(reversed(list_groups(admin, realm)))
    while pending:
        group = pending.pop()
        found.append(group)
        if group.get("subGroupCount", len(group.get("subGroups") or [])):
            pending.extend(reversed(list_children(admin, realm, str(group["id"]))))
    return found


def move_group(admin: KeycloakAdmin, realm: str, group_id: str, parent_id: str | None) -> None:
    """Re-parent a group in place (same id, members, roles and sub-groups); ``None``: to the top level.

    Keycloak moves an existing group when its representation, with its id, is posted to the new
    parent's ``children`` (or to ``/groups``); the body's other fields are not applied.
    """
    body = {"id": group_id, "name": (get_group(admin, realm, group_id) or {}).get("name")}
    target = f"{group_path(realm, parent_id)}/children" if parent_id else groups_path(realm)
    admin.post(target, body)
