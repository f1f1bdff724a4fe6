"""How the provider recognises an object it created itself: the owner marker.

An interrupted run (the CLI killed, the network lost, a create whose answer or clean-up never
arrived) can leave an object in Keycloak that no state records. On the next ``up`` its create
meets Keycloak's 409 "exists already". The provider then takes the object back only when it
carries this stack's owner marker: a digest of project, stack, resource type and resource name
written at create time. An object made by anyone else (by hand, by another stack) has no marker
or another one, and still gets the "exists already … import_" error.

Where the marker lives is a spec's choice (:attr:`ObjectSpec.owner_mark`): by default an
attribute ``pulumi-keycloak-dynamic.owner`` in the object's ``attributes`` map (realms, clients
and roles store it as it is sent). A kind whose attributes Keycloak may drop (users, unless the
realm's user profile allows unmanaged attributes) can give another :class:`OwnerMark`, or
``None`` to opt out (an interrupted create of that kind then needs ``import_``).

The marker is never a declared input, so it is never compared in a diff, and it is left out of
the outputs; updates keep it (they merge over the server's representation).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

#: Hidden input carrying the marker from the resource class to ``create()``.
OWNER_KEY = "__owner"
#: The attribute holding the marker in Keycloak.
OWNER_ATTRIBUTE = "pulumi-keycloak-dynamic.owner"


def owner_marker(project: str, stack: str, type_name: str, resource_name: str) -> str:
    """The marker of one resource of one stack (a digest: it names no project or stack)."""
    digest = hashlib.sha256(f"{project}\0{stack}\0{type_name}\0{resource_name}".encode()).hexdigest()
    return f"v1:{digest[:32]}"


class OwnerMark:
    """Where a kind of object carries the owner marker. Subclass for another place."""

    def write(self, rep: dict[str, Any], marker: str) -> None:
        """Add the marker to the representation a create POSTs."""
        raise NotImplementedError

    def read(self, found: Mapping[str, Any]) -> str | None:
        """The marker an object found in Keycloak carries, or None."""
        raise NotImplementedError

    def hide(self, rep: dict[str, Any]) -> None:
        """Remove the marker from a representation before it becomes outputs."""

    def owns(self, found: Mapping[str, Any] | None, marker: str | None) -> bool:
        """Was ``found`` created by the resource whose marker is ``marker``?"""
        return bool(found is not None and marker and self.read(found) == marker)


class AttributeMark(OwnerMark):
    """The marker as one entry of a string map of the object: ``attributes`` by default (string or
    list values), or another map such as an identity provider's ``config``."""

    def __init__(self, key: str = OWNER_ATTRIBUTE, *, as_list: bool = False, container: str = "attributes") -> None:
        self.key = key
        self.as_list = as_list
        self.container = container

    def write(self, rep: dict[str, Any], marker: str) -> None:
        entries = dict(rep.get(self.container) or {})
        entries[self.key] = [marker] if self.as_list else marker
        rep[self.container] = entries

    def read(self, found: Mapping[str, Any]) -> str | None:
        value = (found.get(self.container) or {}).get(self.key)
        if isinstance(value, list):
            value = value[0] if value else None
        return value if isinstance(value, str) else None

    def hide(self, rep: dict[str, Any]) -> None:
        entries = rep.get(self.container)
        if isinstance(entries, dict) and self.key in entries:
            rep[self.container] = {k: v for k, v in entries.items() if k != self.key}
