"""The ``User`` resource: profile, required actions, groups by path, roles by name, and an initial
password kept secret (the state holds only a salted digest of it).
Import with ``ResourceOptions(import_="<realm>/<username>")``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pulumi

from ._base import KeycloakResource, collect_inputs
from .group import Group


@dataclass
class UserArgs:
    """Inputs of :class:`User`. ``realm`` and ``username`` are required; unset inputs are not managed."""

    realm: pulumi.Input[str] | None = None
    """Realm of the user. Changing it replaces the user."""
    username: pulumi.Input[str] | None = None
    """Login name in lower case without spaces. Renaming needs the realm's edit_username_allowed."""
    email: pulumi.Input[str] | None = None
    """email."""
    first_name: pulumi.Input[str] | None = None
    """firstName."""
    last_name: pulumi.Input[str] | None = None
    """lastName."""
    enabled: pulumi.Input[bool] | None = None
    """The user can log in (Keycloak's default for a new user: false)."""
    email_verified: pulumi.Input[bool] | None = None
    """emailVerified."""
    attributes: pulumi.Input[Mapping[str, Any]] | None = None
    """Custom attributes (need a user profile that allows unmanaged attributes or declares them)."""
    required_actions: pulumi.Input[Sequence[str]] | None = None
    """Actions at next login, e.g. ['VERIFY_EMAIL']; owned as a set."""
    realm_roles: pulumi.Input[Sequence[str]] | None = None
    """Realm roles by name; when given exactly this set (default-roles-<realm> is kept unless listed)."""
    client_roles: pulumi.Input[Mapping[str, Sequence[str]]] | None = None
    """Client roles: {clientId: [names]}; each clientId listed holds exactly these."""
    groups: Any = None
    """Groups by path ('/staff/eng') or :class:`Group`; when given, exactly these memberships."""
    initial_password: pulumi.Input[str] | None = None
    """Set at creation and whenever it changes in the program; never read back; kept as a digest."""
    temporary: pulumi.Input[bool] | None = None
    """The initial password must be changed at first login (default False)."""


class User(KeycloakResource, module="keycloak", name="User"):
    """A Keycloak user (type token ``pulumi-python:dynamic/keycloak:User``).

    Example::

        User("alice", realm="acme", username="alice", email="alice@example.com", enabled=True,
             groups=[eng.path], realm_roles=["developer"],
             initial_password=pulumi.Config().require_secret("alicePassword"), temporary=True)
    """

    user_id: pulumi.Output[str]
    """Keycloak's id of the user (the Pulumi id)."""
    end_state: pulumi.Output[dict[str, Any]]
    """Keycloak's representation after the last operation."""
    managed_fields: pulumi.Output[list[str]]
    """The inputs this resource manages (the ones you declared)."""

    def __init__(
        self,
        resource_name: str,
        args: UserArgs | None = None,
        opts: pulumi.ResourceOptions | None = None,
        **kwargs: Any,
    ) -> None:
        inputs = collect_inputs(args, kwargs)
        if isinstance(inputs.get("groups"), (list, tuple)):
            inputs["groups"] = [g.path if isinstance(g, Group) else g for g in inputs["groups"]]
        super().__init__("User", resource_name, inputs, opts)
