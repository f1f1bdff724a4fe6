"""Users of a realm: lookup by username, password, realm role mappings and group membership.

A user's natural key is ``username`` (Keycloak stores it in lower case); ``user_id`` is its id.
"""

from __future__ import annotations

from typing import Any

from .client import KeycloakAdmin
from .paths import fill, quote_segment

USERS = "/{realm}/users"
USER = USERS + "/{id}"


def users_path(realm: str) -> str:
    return fill(USERS, realm=realm)


def user_path(realm: str, user_id: str) -> str:
    return fill(USER, realm=realm, id=user_id)


def find_user(admin: KeycloakAdmin, realm: str, username: str) -> dict[str, Any] | None:
    """The user whose username is exactly ``username`` (case-insensitive, as Keycloak's), or ``None``."""
    found = admin.get(users_path(realm), {"username": username, "exact": "true"}) or []
    return next((u for u in found if str(u.get("username", "")).lower() == username.lower()), None)


def list_users(admin: KeycloakAdmin, realm: str, **filters: str) -> list[dict[str, Any]]:
    """Every user matching ``filters`` (``search``, ``email``, ``enabled``, ...), page by page."""
    return admin.list_all(users_path(realm), dict(filters))


def get_user(admin: KeycloakAdmin, realm: str, user_id: str) -> dict[str, Any] | None:
    found: dict[str, Any] | None = admin.get_or_none(user_path(realm, user_id))
    return found


def create_user(admin: KeycloakAdmin, realm: str, body: dict[str, Any]) -> str:
    """Create a user (``username`` required); return its id."""
    username = str(body["username"])

    def find() -> str | None:
        found = find_user(admin, realm, username)
        return str(found["id"]) if found else None

    return admin.create(users_path(realm), body, find)


def update_user(admin: KeycloakAdmin, realm: str, user_id: str, body: dict[str, Any]) -> None:
    """PUT user fields. Without an ``attributes`` key Keycloak 26 changes only the fields given.
    With one, it rebuilds the user profile from the body: ``firstName``, ``lastName`` and ``email``
    left out are cleared, and custom attributes are dropped unless the realm's user profile allows
    unmanaged attributes. To change attributes, send the whole (GET-merged) representation."""
    admin.put(user_path(realm, user_id), body)


def delete_user(admin: KeycloakAdmin, realm: str, user_id: str) -> bool:
    return admin.delete(user_path(realm, user_id))


def reset_password(
    admin: KeycloakAdmin, realm: str, user_id: str, password: str, *, temporary: bool = False
) -> None:
    admin.put(
        f"{user_path(realm, user_id)}/reset-password",
        {"type": "password", "value": password, "temporary": temporary},
    )


# --------------------------------------------------------- role mappings
def _realm_mappings_path(realm: str, user_id: str) -> str:
    return f"{user_path(realm, user_id)}/role-mappings/realm"


def get_realm_role_mappings(admin: KeycloakAdmin, realm: str, user_id: str) -> list[dict[str, Any]]:
    """Realm roles mapped directly to the user (including ``default-roles-<realm>``)."""
    return list(admin.get(_realm_mappings_path(realm, user_id)) or [])


def add_realm_role_mappings(
    admin: KeycloakAdmin, realm: str, user_id: str, roles: list[dict[str, Any]]
) -> None:
    """Map realm roles (representations with ``id`` and ``name``) to the user."""
    if roles:
        admin.post(
            _realm_mappings_path(realm, user_id), [{"id": r["id"], "name": r["name"]} for r in roles], idempotent=True
        )


def remove_realm_role_mappings(
    admin: KeycloakAdmin, realm: str, user_id: str, roles: list[dict[str, Any]]
) -> None:
    if roles:
        admin.delete(
            _realm_mappings_path(realm, user_id), [{"id": r["id"], "name": r["name"]} for r in roles]
        )


# ------------------------------------------------------------------ groups
def get_user_groups(admin: KeycloakAdmin, realm: str, user_id: str) -> list[dict[str, Any]]:
    """Groups the user is a direct member of, page by page."""
    return admin.list_all(f"{user_path(realm, user_id)}/groups", {"briefRepresentation": "false"})


def join_group(admin: KeycloakAdmin, realm: str, user_id: str, group_id: str) -> None:
    admin.put(f"{user_path(realm, user_id)}/groups/{quote_segment(group_id)}")


def leave_group(admin: KeycloakAdmin, realm: str, user_id: str, group_id: str) -> bool:
    return admin.delete(f"{user_path(realm, user_id)}/groups/{quote_segment(group_id)}")
