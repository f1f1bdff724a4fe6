"""Protocol mappers owned by name: the behaviour clients and client scopes share.

A kind that derives from :class:`ProtocolMappers` has an input ``protocol_mappers`` (a keyed list)
and names where its mappers live (``mappers_path``, a template of ``api/``). Keycloak's create
takes the mappers with the object; its PUT ignores them, so an update writes them through their
own endpoints: a mapper the program declares is created or updated in place (same id); a mapper
the program declared before and no longer lists is deleted; mappers it never declared (Keycloak's
own, or added by hand) are left alone. Dropping the whole input stops owning them and deletes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from ...api import KeycloakAdmin, quote_segment
from ...engine import ObjectSpec
from ...engine.checks import check_keyed_items, is_unknown
from ...engine.fields import snake
from ...engine.spec import Inputs
from ...engine.values import canonical, owned_equal, removed_keys, subset_equal

#: The keys a mapper may have, and what each holds.
MAPPER_KEYS = {
    "name": "str", "protocol": "str", "protocolMapper": "str", "consentRequired": "bool", "consentText": "str",
    "config": "map", "id": "str",
}
#: Mapper keys Keycloak 26 ignores (consent moved to client scopes).
LEGACY_MAPPER_KEYS = ("consentRequired", "consentText", "consent_required", "consent_text")
FIELD = "protocol_mappers"


class ProtocolMappers(ObjectSpec):
    """A kind whose ``protocol_mappers`` are owned by name (see the module)."""

    #: Where the object's mappers live, ``{id}`` the object's id (``clients.PROTOCOL_MAPPERS``).
    mappers_path: ClassVar[str]
    #: The protocols a mapper may name (empty: any).
    mapper_protocols: ClassVar[tuple[str, ...]] = ()

    def validate(self, inputs: Inputs) -> list[tuple[str, str]]:
        failures = super().validate(inputs)
        mappers = inputs.get(FIELD)
        if not isinstance(mappers, list):
            return failures
        failures.extend(check_keyed_items(self.by_name[FIELD], mappers, MAPPER_KEYS, ("name", "protocolMapper")))
        for index, item in enumerate(mappers if self.mapper_protocols else []):
            proto = item.get("protocol") if isinstance(item, dict) else None
            if isinstance(proto, str) and proto not in self.mapper_protocols and not is_unknown(proto):
                failures.append((FIELD, f"{FIELD}[{index}].protocol must be one of "
                                        f"{', '.join(self.mapper_protocols)}, got {proto!r}"))
        return failures

    def warnings(self, inputs: Inputs) -> list[str]:
        messages = super().warnings(inputs)
        mappers = inputs.get(FIELD)
        if isinstance(mappers, list) and any(isinstance(m, dict) and set(m) & set(LEGACY_MAPPER_KEYS) for m in mappers):
            messages.append(
                "protocol_mappers: 'consent_required'/'consent_text' on a mapper are ignored by Keycloak 26 "
                "(consent is set per client scope now: the client scope's 'display.on.consent.screen' and "
                "'consent.screen.text' attributes); they are left out"
            )
        return messages

    def normalize(self, inputs: dict[str, Any]) -> dict[str, Any]:
        mappers = inputs.get(FIELD)
        if isinstance(mappers, list):
            inputs[FIELD] = [
                {k: v for k, v in m.items() if k not in LEGACY_MAPPER_KEYS} if isinstance(m, dict) else m
                for m in mappers
            ]
        return super().normalize(inputs)

    def wanted_mappers(self, inputs: Inputs) -> list[dict[str, Any]]:
        """The declared mappers as Keycloak takes them: each with a protocol (the object's by default)."""
        protocol = inputs.get("protocol") or "openid-connect"
        return [{"protocol": protocol, **m} for m in canonical(self.by_name[FIELD], inputs.get(FIELD)) or []]

    def representation(self, inputs: Inputs) -> dict[str, Any]:
        rep = super().representation(inputs)
        if "protocolMappers" in rep:
            rep["protocolMappers"] = self.wanted_mappers(inputs)
        return rep

    def update_representation(self, inputs: Inputs) -> dict[str, Any]:
        rep = super().update_representation(inputs)
        rep.pop("protocolMappers", None)  # ignored by PUT: after_update writes them
        return rep

    def after_update(self, admin: KeycloakAdmin, olds: Inputs, news: Inputs, object_id: str) -> None:
        field, mappers, previous = self.by_name[FIELD], news.get(FIELD), olds.get(FIELD)
        removed = removed_keys(field, mappers, previous)
        if mappers is not None and (removed or not owned_equal(field, mappers, previous)):
            sync_mappers(admin, self.path_of(self.mappers_path, news, id=object_id), self.wanted_mappers(news), removed)
        super().after_update(admin, olds, news, object_id)

    def export_value(self, name: str, value: Any, rep: dict[str, Any]) -> Any:
        if name != FIELD or not isinstance(value, list):
            return super().export_value(name, value, rep)
        dropped = ("id", *LEGACY_MAPPER_KEYS)
        return [{snake(k): v for k, v in m.items() if k not in dropped} for m in value if isinstance(m, dict)]


def sync_mappers(admin: KeycloakAdmin, models_path: str, wanted: list[dict[str, Any]], removed: list[Any]) -> None:
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
