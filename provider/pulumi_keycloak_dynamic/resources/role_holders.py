"""``ServiceAccountRoles`` (the roles of a client's service account) and ``RealmDefaultRoles`` (the
roles every new user of a realm gets), by name. Both take over an object Keycloak made itself."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pulumi

from ._base import KeycloakResource, collect_inputs


@dataclass
class ServiceAccountRolesArgs:
    """Inputs of :class:`ServiceAccountRoles` (``realm`` and ``client_id`` required)."""

    realm: pulumi.Input[str] | None = None
    """Realm of the client. Changing it replaces the resource."""
    client_id: pulumi.Input[str] | None = None
    """clientId of a confidential client with service_accounts_enabled (a Client's `client_id` output)."""
    realm_roles: pulumi.Input[Sequence[str]] | None = None
    """Realm roles of the service account; exactly this set (default-roles-<realm> kept unless listed)."""
    client_roles: pulumi.Input[Mapping[str, Sequence[str]]] | None = None
    """Client roles: {clientId: [names]}, e.g. {"realm-management": ["view-users"]}."""


class ServiceAccountRoles(KeycloakResource, module="keycloak", name="ServiceAccountRoles"):
    """The roles a client's service account holds (``pulumi-python:dynamic/keycloak:ServiceAccountRoles``).

    Destroying it removes the roles it gave; the service-account user stays with its client.
    """

    service_account_user_id: pulumi.Output[str]
    """Id of the client's service-account user (the Pulumi id)."""
    end_state: pulumi.Output[dict[str, Any]]
    """Keycloak's representation of the service-account user."""
    managed_fields: pulumi.Output[list[str]]
    """The inputs this resource manages."""

    def __init__(
        self,
        resource_name: str,
        args: ServiceAccountRolesArgs | None = None,
        opts: pulumi.ResourceOptions | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__("ServiceAccountRoles", resource_name, collect_inputs(args, kwargs), opts)


@dataclass
class RealmDefaultRolesArgs:
    """Inputs of :class:`RealmDefaultRoles` (``realm`` required)."""

    realm: pulumi.Input[str] | None = None
    """Realm. Changing it replaces the resource."""
    realm_roles: pulumi.Input[Sequence[str]] | None = None
    """Realm roles every new user gets; exactly this set (e.g. ['offline_access', 'uma_authorization'])."""
    client_roles: pulumi.Input[Mapping[str, Sequence[str]]] | None = None
    """Client roles every new user gets: {clientId: [names]}, e.g. {"account": ["view-profile"]}."""


class RealmDefaultRoles(KeycloakResource, module="keycloak", name="RealmDefaultRoles"):
    """The composites of ``default-roles-<realm>`` (``pulumi-python:dynamic/keycloak:RealmDefaultRoles``).

    Destroying it stops managing the default roles and leaves them as they are.
    """

    default_roles_id: pulumi.Output[str]
    """Id of the realm's default-roles composite role (the Pulumi id)."""
    end_state: pulumi.Output[dict[str, Any]]
    """Keycloak's representation of the default-roles role."""
    managed_fields: pulumi.Output[list[str]]
    """The inputs this resource manages."""

    def __init__(
        self,
        resource_name: str,
        args: RealmDefaultRolesArgs | None = None,
        opts: pulumi.ResourceOptions | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__("RealmDefaultRoles", resource_name, collect_inputs(args, kwargs), opts)
