"""Realm roles and client roles, their composites, and the realm's default roles.

Every function takes ``client_uuid``: ``None`` means a realm role (``/{realm}/roles``), a client's
internal id means one of that client's roles (``/{realm}/clients/{uuid}/roles``). A role's natural
key is its name within that container; ``POST`` answers a ``Location`` ending in the *name*, so
:func:`create_role` reads the created role back to learn its id.
"""

from __future__ import annotations

from typing import Any

from .client import KeycloakAdmin
from .clients import CLIENT
from .paths import fill, quote_segment

REALM_ROLES = "/{realm}/roles"
#: ``{id}``: the client's UUID.
CLIENT_ROLES = CLIENT + "/roles"
#: Any role, realm or client, by its id.
ROLE_BY_ID = "/{realm}/roles-by-id/{id}"
#: The roles a role contains, realm and client roles mixed.
COMPOSITES = ROLE_BY_ID + "/composites"


def roles_path(realm: str, client_uuid: str | None = None) -> str:
    return fill(CLIENT_ROLES, realm=realm, id=client_uuid) if client_uuid else fill(REALM_ROLES, realm=realm)


def role_by_id_path(realm: str, role_id: str) -> str:
    return fill(ROLE_BY_ID, realm=realm, id=role_id)


def role_path(realm: str, name: str, client_uuid: str | None = None) -> str:
    return f"{roles_path(realm, client_uuid)}/{quote_segment(name)}"


def list_roles(
    admin: KeycloakAdmin, realm: str, client_uuid: str | None = None, *, brief: bool = True
) -> list[dict[str, Any]]:
    """Every role of the container, page by page (brief: without attributes)."""
    return admin.list_all(roles_path(realm, client_uuid), {"briefRepresentation": str(brief).lower()})


def get_role(
    admin: KeycloakAdmin, realm: str, name: str, client_uuid: str | None = None
) -> dict[str, Any] | None:
    found: dict[str, Any] | None = admin.get_or_none(role_path(realm, name, client_uuid))
    return found


def get_role_by_id(admin: KeycloakAdmin, realm: str, role_id: str) -> dict[str, Any] | None:
    found: dict[str, Any] | None = admin.get_or_none(role_by_id_path(realm, role_id))
    return found


def create_role(
    admin: KeycloakAdmin, realm: str, body: dict[str, Any], client_uuid: str | None = None
) -> dict[str, Any]:
    """Create a role (``name`` required) and return it as the server stores it (with its ``id``)."""
    name = str(body["name"])
    admin.create(
        roles_path(realm, client_uuid),
        body,
        lambda: name if get_role(admin, realm, name, client_uuid) is not None else None,
    )
    created = get_role(admin, realm, name, client_uuid)
    if created is None:  # deleted by someone else in between
        raise LookupError(f"role {name!r} vanished right after it was created in realm {realm!r}")
    return created


def update_role(
    admin: KeycloakAdmin, realm: str, name: str, body: dict[str, Any], client_uuid: str | None = None
) -> None:
    """PUT a role by its current name (a different ``name`` in ``body`` renames it)."""
    admin.put(role_path(realm, name, client_uuid), {"name": name, **body})


def delete_role(admin: KeycloakAdmin, realm: str, name: str, client_uuid: str | None = None) -> bool:
    return admin.delete(role_path(realm, name, client_uuid))


def export_roles(admin: KeycloakAdmin, realm: str) -> dict[str, Any]:
    """Every realm and client role of the realm with attributes and composites by name, in one
    request (the partial export): ``{"realm": [...], "client": {clientId: [...]}}``. Client roles
    are in it only when the clients are exported too."""
    path = f"/{quote_segment(realm)}/partial-export"
    params = {"exportGroupsAndRoles": "true", "exportClients": "true"}
    answer = admin.session.request("POST", path, params=params).json()
    return dict((answer or {}).get("roles") or {})


# -------------------------------------------------------------- composites
def _brief(roles: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """What Keycloak needs to identify a role in a composites or mappings body."""
    return [{"id": r["id"], "name": r.get("name")} for r in roles]


def get_composites(
    admin: KeycloakAdmin, realm: str, name: str, client_uuid: str | None = None
) -> list[dict[str, Any]]:
    """The roles this role directly contains (realm and client roles alike)."""
    return list(admin.get(f"{role_path(realm, name, client_uuid)}/composites") or [])


def add_composites(
    admin: KeycloakAdmin, realm: str, name: str, roles: list[dict[str, Any]], client_uuid: str | None = None
) -> None:
    """Make ``roles`` (representations with ``id``) part of the role; already-present ones are kept."""
    if roles:
        admin.post(f"{role_path(realm, name, client_uuid)}/composites", _brief(roles), idempotent=True)


def remove_composites(
    admin: KeycloakAdmin, realm: str, name: str, roles: list[dict[str, Any]], client_uuid: str | None = None
) -> None:
    if roles:
        admin.delete(f"{role_path(realm, name, client_uuid)}/composites", _brief(roles))


# ---------------------------------------------------------- default roles
def default_roles_name(realm: str) -> str:
    """Keycloak names the realm's default-roles composite ``default-roles-<realm in lower case>``."""
    return f"default-roles-{realm.lower()}"


def get_default_roles(admin: KeycloakAdmin, realm: str) -> list[dict[str, Any]]:
    """Roles every new user of the realm gets (the composites of ``default-roles-<realm>``)."""
    return get_composites(admin, realm, default_roles_name(realm))


def add_default_roles(admin: KeycloakAdmin, realm: str, roles: list[dict[str, Any]]) -> None:
    add_composites(admin, realm, default_roles_name(realm), roles)


def remove_default_roles(admin: KeycloakAdmin, realm: str, roles: list[dict[str, Any]]) -> None:
    remove_composites(admin, realm, default_roles_name(realm), roles)
