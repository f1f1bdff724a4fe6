"""The ``Role`` resource: a realm role, or a client role when ``client_id`` is given.

Composites are named, never given as UUIDs: ``composite_realm_roles=["user"]`` and
``composite_client_roles={"app": ["viewer"]}``. Import with ``ResourceOptions(import_=...)`` using
``<realm>/<role name>`` or ``<realm>/<clientId>/<role name>``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pulumi

from ._base import KeycloakResource, collect_inputs


@dataclass
class RoleArgs:
    """Inputs of :class:`Role`. Every input is optional unless noted; unset inputs are not managed."""

    realm: pulumi.Input[str] | None = None
    """Realm of the role. Changing it replaces the role."""
    client_id: pulumi.Input[str] | None = None
    """clientId of the client owning the role (e.g. a Client resource's `client_id` output); absent for a
    realm role. Changing it replaces the role.
    """
    name: pulumi.Input[str] | None = None
    """Role name (renaming updates it in place)."""
    description: pulumi.Input[str] | None = None
    """description."""
    attributes: pulumi.Input[Mapping[str, Any]] | None = None
    """Role attributes: name → string or list of strings."""
    composite_realm_roles: pulumi.Input[Sequence[str]] | None = None
    """Realm roles this role includes, by name. When given, this is the full set."""
    composite_client_roles: pulumi.Input[Mapping[str, Sequence[str]]] | None = None
    """Client roles this role includes: {clientId: [role names]}. Each client listed is owned in full."""


class Role(KeycloakResource, module="keycloak", name="Role"):
    """A Keycloak role (type token ``pulumi-python:dynamic/keycloak:Role``).

    Example::

        admin = Role("admin", realm="acme", name="admin", composite_realm_roles=["user"])

    Pass a :class:`RoleArgs` or the same names as keyword arguments. Every input is also an output
    attribute holding the server's value; ``end_state`` is the whole representation Keycloak
    returned (secrets masked) and ``managed_fields`` lists the inputs this resource manages.
    """

    role_id: pulumi.Output[str]
    """Keycloak's internal id of the role (the Pulumi id)."""
    end_state: pulumi.Output[dict[str, Any]]
    """Keycloak's representation after the last operation, with secrets masked."""
    managed_fields: pulumi.Output[list[str]]
    """The inputs this resource manages (the ones you declared)."""

    def __init__(
        self,
        resource_name: str,
        args: RoleArgs | None = None,
        opts: pulumi.ResourceOptions | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__("Role", resource_name, collect_inputs(args, kwargs), opts)
