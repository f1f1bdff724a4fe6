"""Identity providers of a realm (keyed by ``alias``) and their mappers (keyed by ``name``)."""

from __future__ import annotations

from typing import Any

from .client import KeycloakAdmin
from .paths import fill, quote_segment

INSTANCES = "/{realm}/identity-provider/instances"
#: ``{id}``: the alias.
INSTANCE = INSTANCES + "/{id}"
MAPPERS = INSTANCES + "/{identity_provider_alias}/mappers"
MAPPER_TYPES = INSTANCES + "/{identity_provider_alias}/mapper-types"


def instances_path(realm: str) -> str:
    return fill(INSTANCES, realm=realm)


def instance_path(realm: str, alias: str) -> str:
    return fill(INSTANCE, realm=realm, id=alias)


def list_identity_providers(admin: KeycloakAdmin, realm: str) -> list[dict[str, Any]]:
    """Every identity provider of the realm, page by page."""
    return admin.list_all(instances_path(realm), {"briefRepresentation": "false"})


def get_identity_provider(admin: KeycloakAdmin, realm: str, alias: str) -> dict[str, Any] | None:
    found: dict[str, Any] | None = admin.get_or_none(instance_path(realm, alias))
    return found


def create_identity_provider(admin: KeycloakAdmin, realm: str, body: dict[str, Any]) -> str:
    """Create an identity provider (``alias`` and ``providerId`` required); return its alias."""
    alias = str(body["alias"])
    admin.create(
        instances_path(realm),
        body,
        lambda: alias if get_identity_provider(admin, realm, alias) is not None else None,
    )
    return alias


def update_identity_provider(admin: KeycloakAdmin, realm: str, alias: str, body: dict[str, Any]) -> None:
    """PUT a whole identity provider representation (``config`` given replaces the server's)."""
    admin.put(instance_path(realm, alias), {"alias": alias, **body})


def delete_identity_provider(admin: KeycloakAdmin, realm: str, alias: str) -> bool:
    return admin.delete(instance_path(realm, alias))


# ----------------------------------------------------------------- mappers
def _mappers_path(realm: str, alias: str) -> str:
    return fill(MAPPERS, realm=realm, identity_provider_alias=alias)


def list_mappers(admin: KeycloakAdmin, realm: str, alias: str) -> list[dict[str, Any]]:
    return list(admin.get(_mappers_path(realm, alias)) or [])


def get_mapper(admin: KeycloakAdmin, realm: str, alias: str, mapper_id: str) -> dict[str, Any] | None:
    found: dict[str, Any] | None = admin.get_or_none(
        f"{_mappers_path(realm, alias)}/{quote_segment(mapper_id)}"
    )
    return found


def create_mapper(admin: KeycloakAdmin, realm: str, alias: str, body: dict[str, Any]) -> str:
    """Create a mapper of the identity provider ``alias`` (``name`` required); return its id."""
    full = {"identityProviderAlias": alias, **body}

    def find() -> str | None:
        return next(
            (str(m["id"]) for m in list_mappers(admin, realm, alias) if m.get("name") == body["name"]), None
        )

    return admin.create(_mappers_path(realm, alias), full, find)


def update_mapper(admin: KeycloakAdmin, realm: str, alias: str, mapper_id: str, body: dict[str, Any]) -> None:
    """PUT a whole mapper (Keycloak wants ``id`` and ``identityProviderAlias`` in the body)."""
    full = {"identityProviderAlias": alias, **body, "id": mapper_id}
    admin.put(f"{_mappers_path(realm, alias)}/{quote_segment(mapper_id)}", full)


def delete_mapper(admin: KeycloakAdmin, realm: str, alias: str, mapper_id: str) -> bool:
    return admin.delete(f"{_mappers_path(realm, alias)}/{quote_segment(mapper_id)}")
