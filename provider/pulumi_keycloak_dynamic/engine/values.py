"""Field-level ownership: canonical values, comparison of only what was declared, merging.

The three rules that keep diffs settled and undeclared fields untouched:

Each rule asks the field's kind (:mod:`.kinds`) what it means for its values:

* :func:`canonical` puts a user's value in the form Keycloak stores (sorted sets, string
  attribute values, camelCase keys), so a value Keycloak echoes back compares equal;
* :func:`owned_equal` compares only what the user declared: map keys, object keys and list
  items (by key) the user did not write are never compared;
* :func:`merge` overlays the declared values on the server's current representation, so a
  write never resets what the user did not declare.
"""

from __future__ import annotations

from typing import Any

from .digest import digest_matches
from .fields import Field
from .kinds import subset_equal

__all__ = ["canonical", "from_server", "merge", "owned_equal", "owned_items", "project", "removed_keys", "subset_equal"]


def canonical(field: Field, value: Any) -> Any:
    """The user's value in Keycloak's own form (assumes ``check()`` validated its type)."""
    return None if value is None else field.kind.canonical(value)


def from_server(field: Field, value: Any) -> Any:
    """A server value in the same form as :func:`canonical` gives for user values."""
    return None if value is None else field.kind.from_server(value)


def owned_equal(field: Field, declared: Any, actual: Any) -> bool:
    """Does the server value ``actual`` agree with everything the user declared?"""
    if declared is None:
        return True
    if field.digest:
        return digest_matches(declared, actual)
    return field.kind.owned_equal(declared, actual)


def removed_keys(field: Field, declared: Any, previous: Any) -> list[Any]:
    """Keys of a keyed list (mapper names) owned before (``previous``, the last outputs) that
    ``declared`` no longer lists: the program removed them, so they are deleted from Keycloak.
    Dropping the whole input (``declared`` None) stops owning the items and removes nothing."""
    return field.kind.removed_keys(declared, previous)


def owned_items(field: Field, declared: Any, actual: Any) -> Any:
    """The server's keyed list cut to the items the user declared (by key)."""
    return field.kind.owned_items(declared, actual)


def project(field: Field, declared: Any, actual: Any) -> Any:
    """The server's value cut to the shape the user declared (what ``read()`` reports as inputs)."""
    if declared is None or actual is None:
        return actual
    return field.kind.project(declared, actual)


def merge(current: Any, declared: Any) -> Any:
    """Overlay declared values on the server's representation (maps merge, lists replace)."""
    if isinstance(current, dict) and isinstance(declared, dict):
        merged = dict(current)
        for key, value in declared.items():
            merged[key] = merge(current.get(key), value)
        return merged
    return declared
