"""Protocol mappers owned by name, shared by clients and client scopes.

A mapper the program declares is created or updated in place (same id); a mapper the program
declared before and no longer lists is deleted; mappers it never declared (Keycloak's own, or
added by hand) are left alone. Dropping the whole ``protocol_mappers`` input stops owning them
and deletes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..api import KeycloakAdmin, quote_segment
from ..engine import Field
from ..engine.spec import Inputs
from ..engine.values import owned_equal, removed_keys, subset_equal


def mappers_changed(field: Field, olds: Inputs, news: Inputs) -> bool:
    """Does the declared mapper list differ from the owned mappers of the last outputs?"""
    wanted = news.get(field.name)
    if wanted is None:
        return False
    previous = olds.get(field.name)
    return not owned_equal(field, wanted, previous) or bool(removed_keys(field, wanted, previous))


def sync_mappers(
    admin: KeycloakAdmin, models_path: str, wanted: list[dict[str, Any]], removed: list[Any]
) -> None:
    """Create or update ``wanted`` by name under ``models_path`` (``…/protocol-mappers/models``);
    delete the mappers named in ``removed``."""
    existing = {m["name"]: m for m in admin.get(models_path) or []}
    for mapper in wanted:
        current = existing.get(mapper["name"])
        if current is None:
            admin.create(models_path, mapper, _finder(admin, models_path, str(mapper["name"])))
        elif not subset_equal(mapper, current):
            config = {**current.get("config", {}), **mapper.get("config", {})}
            body = {**current, **mapper, "config": config, "id": current["id"]}
            admin.put(f"{models_path}/{quote_segment(str(current['id']))}", body)
    for name in removed:
        gone = existing.get(name)
        if gone is not None:
            admin.delete(f"{models_path}/{quote_segment(str(gone['id']))}")


def _finder(admin: KeycloakAdmin, models_path: str, name: str) -> Callable[[], str | None]:
    """How a create whose answer was lost finds the mapper again (by name)."""

    def find() -> str | None:
        return next((str(m["id"]) for m in admin.get(models_path) or [] if m.get("name") == name), None)

    return find
