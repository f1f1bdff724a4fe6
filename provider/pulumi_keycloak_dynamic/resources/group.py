"""The ``Group`` resource: a group nested under ``parent`` (a path or another Group), with attributes
and realm/client roles by name. Import with ``ResourceOptions(import_="<realm>/<group path>")``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pulumi

from ._base import KeycloakResource, collect_inputs


@dataclass
class GroupArgs:
    """Inputs of :class:`Group`. ``realm`` and ``name`` are required; unset inputs are not managed."""

    realm: pulumi.Input[str] | None = None
    """Realm of the group. Changing it replaces the group."""
    name: pulumi.Input[str] | None = None
    """Group name, unique among its siblings, without '/' (renaming updates it in place)."""
    parent: Any = None
    """Parent: a :class:`Group`, its `path` output, or a path like '/staff'; top level when absent.
    Changing it moves the group in place (same id, members and sub-groups)."""
    description: pulumi.Input[str] | None = None
    """description (Keycloak 26.3 and later)."""
    attributes: pulumi.Input[Mapping[str, Any]] | None = None
    """Group attributes: name → string or list of strings (keys given are owned)."""
    realm_roles: pulumi.Input[Sequence[str]] | None = None
    """Realm roles every member holds, by name. When given, exactly this set; when absent, not managed."""
    client_roles: pulumi.Input[Mapping[str, Sequence[str]]] | None = None
    """Client roles every member holds: {clientId: [names]}; each clientId listed holds exactly these."""


class Group(KeycloakResource, module="keycloak", name="Group"):
    """A Keycloak group (type token ``pulumi-python:dynamic/keycloak:Group``).

    Example::

        staff = Group("staff", realm="acme", name="staff")
        eng = Group("eng", realm="acme", name="eng", parent=staff, realm_roles=["developer"])
    """

    group_id: pulumi.Output[str]
    """Keycloak's id of the group (the Pulumi id)."""
    path: pulumi.Output[str]
    """The group's path, e.g. '/staff/eng' (give it to a User's `groups` or a Group's `parent`)."""
    end_state: pulumi.Output[dict[str, Any]]
    """Keycloak's representation after the last operation."""
    managed_fields: pulumi.Output[list[str]]
    """The inputs this resource manages (the ones you declared)."""

    def __init__(
        self,
        resource_name: str,
        args: GroupArgs | None = None,
        opts: pulumi.ResourceOptions | None = None,
        **kwargs: Any,
    ) -> None:
        inputs = collect_inputs(args, kwargs)
        if isinstance(inputs.get("parent"), Group):
            inputs["parent"] = inputs["parent"].path
        super().__init__("Group", resource_name, inputs, opts)
