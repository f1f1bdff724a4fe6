"""Clients of a realm, their secret, protocol mappers, client-scope links and authorization settings.

Two names, never mixed up: ``client_id`` is the OAuth ``clientId`` a user chooses (the natural
key); ``client_uuid`` is Keycloak's internal ``id`` that every ``/clients/{uuid}`` path needs.
"""

from __future__ import annotations

from typing import Any, Literal

from .client import KeycloakAdmin
from .paths import fill, quote_segment

ScopeKind = Literal["default", "optional"]
CLIENTS = "/{realm}/clients"
#: ``{id}``: the client's UUID.
CLIENT = CLIENTS + "/{id}"
PROTOCOL_MAPPERS = CLIENT + "/protocol-mappers/models"
SERVICE_ACCOUNT_USER = CLIENT + "/service-account-user"
AUTHORIZATION = CLIENT + "/authz/resource-server"


def clients_path(realm: str) -> str:
    return fill(CLIENTS, realm=realm)


def client_path(realm: str, client_uuid: str) -> str:
    return fill(CLIENT, realm=realm, id=client_uuid)


def find_client(admin: KeycloakAdmin, realm: str, client_id: str) -> dict[str, Any] | None:
    """The client whose ``clientId`` is exactly ``client_id``, or ``None``."""
    found = admin.get(clients_path(realm), {"clientId": client_id, "search": "false"}) or []
    return next((c for c in found if c.get("clientId") == client_id), None)


def list_clients(admin: KeycloakAdmin, realm: str) -> list[dict[str, Any]]:
    return admin.list_all(clients_path(realm))


def get_client(admin: KeycloakAdmin, realm: str, client_uuid: str) -> dict[str, Any] | None:
    found: dict[str, Any] | None = admin.get_or_none(client_path(realm, client_uuid))
    return found


def create_client(admin: KeycloakAdmin, realm: str, body: dict[str, Any]) -> str:
    """Create a client (``clientId`` required); return its ``client_uuid``."""
    client_id = body["clientId"]

    def find() -> str | None:
        found = find_client(admin, realm, client_id)
        return str(found["id"]) if found else None

    return admin.create(clients_path(realm), body, find)


def update_client(admin: KeycloakAdmin, realm: str, client_uuid: str, body: dict[str, Any]) -> None:
    """PUT client fields. Keycloak 26 keeps most fields absent from ``body`` and merges
    ``attributes`` by key; a list given (``redirectUris``, ...) replaces the server's list.
    Exception: ``authorizationServicesEnabled`` absent counts as false, and turning it off deletes
    the client's resource server with all its resources and policies: send it on every update.

    ``serviceAccountsEnabled`` absent is read from the server first (one GET more) and sent as it
    is: Keycloak 26.0 takes it absent as false and deletes the service-account user with its role
    mappings (and a PUT with authorization on then fails with 500 "Client does not have a service
    account."); 26.1 and later keep it."""
    if "serviceAccountsEnabled" not in body:
        current = get_client(admin, realm, client_uuid) or {}
        body = {**body, "serviceAccountsEnabled": bool(current.get("serviceAccountsEnabled"))}
    admin.put(client_path(realm, client_uuid), body)


def delete_client(admin: KeycloakAdmin, realm: str, client_uuid: str) -> bool:
    return admin.delete(client_path(realm, client_uuid))


# ------------------------------------------------------------------ secret
def get_client_secret(admin: KeycloakAdmin, realm: str, client_uuid: str) -> str:
    answer = admin.get(f"{client_path(realm, client_uuid)}/client-secret") or {}
    return str(answer.get("value") or "")


def regenerate_client_secret(admin: KeycloakAdmin, realm: str, client_uuid: str) -> str:
    answer = admin.post(f"{client_path(realm, client_uuid)}/client-secret") or {}
    return str(answer.get("value") or "")


# -------------------------------------------------------- protocol mappers
def _mappers_path(realm: str, client_uuid: str) -> str:
    return fill(PROTOCOL_MAPPERS, realm=realm, id=client_uuid)


def list_protocol_mappers(admin: KeycloakAdmin, realm: str, client_uuid: str) -> list[dict[str, Any]]:
    return list(admin.get(_mappers_path(realm, client_uuid)) or [])


def create_protocol_mapper(admin: KeycloakAdmin, realm: str, client_uuid: str, body: dict[str, Any]) -> str:
    """Create a protocol mapper (``name`` is unique per client); return its id."""

    def find() -> str | None:
        mappers = list_protocol_mappers(admin, realm, client_uuid)
        return next((str(m["id"]) for m in mappers if m.get("name") == body["name"]), None)

    return admin.create(_mappers_path(realm, client_uuid), body, find)


def update_protocol_mapper(
    admin: KeycloakAdmin, realm: str, client_uuid: str, mapper_id: str, body: dict[str, Any]
) -> None:
    """PUT a whole mapper (Keycloak wants its ``id`` in the body too)."""
    admin.put(f"{_mappers_path(realm, client_uuid)}/{quote_segment(mapper_id)}", {**body, "id": mapper_id})


def delete_protocol_mapper(admin: KeycloakAdmin, realm: str, client_uuid: str, mapper_id: str) -> bool:
    return admin.delete(f"{_mappers_path(realm, client_uuid)}/{quote_segment(mapper_id)}")


# ------------------------------------------------------ client-scope links
def find_client_scope(admin: KeycloakAdmin, realm: str, name: str) -> dict[str, Any] | None:
    """The realm's client scope named ``name`` (the listing is not paged), or ``None``."""
    from .client_scopes import find_client_scope as find

    return find(admin, realm, name)


def _links_path(realm: str, client_uuid: str, kind: ScopeKind) -> str:
    return f"{client_path(realm, client_uuid)}/{kind}-client-scopes"


def list_client_scopes_of(
    admin: KeycloakAdmin, realm: str, client_uuid: str, kind: ScopeKind
) -> list[dict[str, Any]]:
    """The client's ``default`` or ``optional`` client scopes (``id`` and ``name`` each)."""
    return list(admin.get(_links_path(realm, client_uuid, kind)) or [])


def add_client_scope_to(
    admin: KeycloakAdmin, realm: str, client_uuid: str, kind: ScopeKind, scope_id: str
) -> None:
    admin.put(f"{_links_path(realm, client_uuid, kind)}/{quote_segment(scope_id)}")


def remove_client_scope_from(
    admin: KeycloakAdmin, realm: str, client_uuid: str, kind: ScopeKind, scope_id: str
) -> bool:
    return admin.delete(f"{_links_path(realm, client_uuid, kind)}/{quote_segment(scope_id)}")


# ------------------------------------------------- authorization services
def _authz_path(realm: str, client_uuid: str) -> str:
    return fill(AUTHORIZATION, realm=realm, id=client_uuid)


def get_authorization_settings(admin: KeycloakAdmin, realm: str, client_uuid: str) -> dict[str, Any] | None:
    """The resource-server settings, or ``None`` when authorization is not enabled on the client."""
    found: dict[str, Any] | None = admin.get_or_none(_authz_path(realm, client_uuid))
    return found


def update_authorization_settings(
    admin: KeycloakAdmin, realm: str, client_uuid: str, body: dict[str, Any]
) -> None:
    """PUT resource-server settings (``policyEnforcementMode``, ``decisionStrategy``, ...)."""
    admin.put(_authz_path(realm, client_uuid), body)


def export_authorization_settings(admin: KeycloakAdmin, realm: str, client_uuid: str) -> dict[str, Any] | None:
    """The resource server as Keycloak exports it (``GET …/settings``): its settings with every
    resource, scope and policy by name (roles, resources and policies named, not by id), or
    ``None`` when authorization is not enabled. (``GET …/resource-server`` answers empty lists.)"""
    found: dict[str, Any] | None = admin.get_or_none(f"{_authz_path(realm, client_uuid)}/settings")
    return found


def import_authorization_settings(admin: KeycloakAdmin, realm: str, client_uuid: str, body: dict[str, Any]) -> None:
    """``POST …/import``: creates the resources, scopes and policies named in ``body`` that do not
    exist; an existing one is not reliably updated (26.0 keeps a policy's logic, 26.7 a resource's uris)."""
    admin.post(f"{_authz_path(realm, client_uuid)}/import", body, idempotent=True)


#: An item kind of a resource server → its endpoint below ``…/authz/resource-server`` and id key.
AUTHZ_ITEMS = {"resources": ("resource", "_id"), "scopes": ("scope", "id"), "policies": ("policy", "id")}


def find_authorization_item(
    admin: KeycloakAdmin, realm: str, client_uuid: str, kind: str, name: str
) -> tuple[str, dict[str, Any]] | None:
    """(path, representation) of the resource, scope or policy named ``name``, or ``None``."""
    endpoint, id_key = AUTHZ_ITEMS[kind]
    base = f"{_authz_path(realm, client_uuid)}/{endpoint}"
    found = admin.get(base, {"name": name, "max": "-1"}) or []
    item = next((i for i in found if isinstance(i, dict) and i.get("name") == name), None)
    if item is None:
        return None
    path = f"{base}/{quote_segment(str(item[id_key]))}"
    full: dict[str, Any] = admin.get(path) if kind == "resources" else item  # the listing has no scopes
    return path, full
