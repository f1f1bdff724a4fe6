"""Realms: ``/admin/realms[/{realm}]``.

A realm's natural key is its name (``realm``). Keycloak's realm ``PUT`` is partial: fields absent
from the body keep their server values, so :func:`update_realm` sends only what should change.
"""

from __future__ import annotations

from typing import Any

from .client import KeycloakAdmin
from .paths import fill

#: A realm (its name); the collection of realms is the Admin API's root, "".
REALM = "/{realm}"


def realm_path(realm: str) -> str:
    return fill(REALM, realm=realm)


def list_realms(admin: KeycloakAdmin, *, brief: bool = False) -> list[dict[str, Any]]:
    """Every realm the login may see (one request; this listing is not paged)."""
    return list(admin.get("", {"briefRepresentation": str(brief).lower()}) or [])


def get_realm(admin: KeycloakAdmin, realm: str) -> dict[str, Any] | None:
    """The realm's representation, or ``None`` when there is no such realm."""
    found: dict[str, Any] | None = admin.get_or_none(realm_path(realm))
    return found


def create_realm(admin: KeycloakAdmin, body: dict[str, Any]) -> str:
    """Create a realm from ``body`` (``realm`` is required); return its name."""
    name = body.get("realm")
    if not name:
        raise ValueError("a realm representation needs a 'realm' name")
    admin.create("", body, lambda: name if get_realm(admin, name) is not None else None)
    return str(name)


def update_realm(admin: KeycloakAdmin, realm: str, changes: dict[str, Any]) -> None:
    """Change the given fields of a realm; every other field keeps its value."""
    admin.put(realm_path(realm), changes)


def rename_realm(admin: KeycloakAdmin, old_name: str, new_name: str) -> None:
    """Rename a realm (its ``id`` stays). Raises :class:`Conflict` when ``new_name`` is taken."""
    admin.put(realm_path(old_name), {"realm": new_name})


def delete_realm(admin: KeycloakAdmin, realm: str) -> bool:
    """Delete a realm and everything in it; ``False`` when it was already gone."""
    return admin.delete(realm_path(realm))
