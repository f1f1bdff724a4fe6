"""Client scopes of a realm (keyed by ``name``), their protocol mappers, and the realm's default
and optional client scopes (the scopes every new client gets).

``PUT /client-scopes/{id}`` ignores ``protocolMappers``: mappers change only through their own
endpoints (``…/protocol-mappers/models``). ``POST`` keeps the mappers it is given.
"""

from __future__ import annotations

from typing import Any, Literal

from .client import KeycloakAdmin
from .paths import fill, quote_segment

RealmScopeKind = Literal["default", "optional"]
CLIENT_SCOPES = "/{realm}/client-scopes"
CLIENT_SCOPE = CLIENT_SCOPES + "/{id}"
PROTOCOL_MAPPERS = CLIENT_SCOPE + "/protocol-mappers/models"


def client_scopes_path(realm: str) -> str:
    return fill(CLIENT_SCOPES, realm=realm)


def list_client_scopes(admin: KeycloakAdmin, realm: str) -> list[dict[str, Any]]:
    """Every client scope of the realm, with its mappers (the listing is not paged)."""
    return list(admin.get(client_scopes_path(realm)) or [])


def find_client_scope(admin: KeycloakAdmin, realm: str, name: str) -> dict[str, Any] | None:
    """The client scope named exactly ``name``, or ``None``."""
    return next((s for s in list_client_scopes(admin, realm) if s.get("name") == name), None)


# -------------------------------------------------------- protocol mappers
def mappers_path(realm: str, scope_id: str) -> str:
    return fill(PROTOCOL_MAPPERS, realm=realm, id=scope_id)


def list_protocol_mappers(admin: KeycloakAdmin, realm: str, scope_id: str) -> list[dict[str, Any]]:
    return list(admin.get(mappers_path(realm, scope_id)) or [])


# ------------------------------------------- realm default/optional scopes
def _realm_links_path(realm: str, kind: RealmScopeKind) -> str:
    return f"/{quote_segment(realm)}/default-{kind}-client-scopes"


def list_realm_scopes(admin: KeycloakAdmin, realm: str, kind: RealmScopeKind) -> list[dict[str, Any]]:
    """The realm's ``default`` or ``optional`` client scopes (``id`` and ``name`` each)."""
    return list(admin.get(_realm_links_path(realm, kind)) or [])


def add_realm_scope(admin: KeycloakAdmin, realm: str, kind: RealmScopeKind, scope_id: str) -> None:
    admin.put(f"{_realm_links_path(realm, kind)}/{quote_segment(scope_id)}")


def remove_realm_scope(admin: KeycloakAdmin, realm: str, kind: RealmScopeKind, scope_id: str) -> bool:
    return admin.delete(f"{_realm_links_path(realm, kind)}/{quote_segment(scope_id)}")
