"""Keycloak's defaults, learned from the server itself.

An export writes only the fields that differ from what Keycloak gives an object created with
nothing but its name. Those defaults change between Keycloak versions (new attributes, other
default client scopes), so rather than a table per version, :class:`ServerDefaults` creates a
scratch realm, creates there the smallest object of each kind (``ObjectSpec.scratch_body``), reads
it back and deletes the scratch realm at the end. Without the right to create realms, every field
Keycloak returns is written (the program is longer but adopts just the same).
"""

from __future__ import annotations

import json
import uuid
from types import TracebackType
from typing import Any

from ..api import Forbidden, KeycloakAdmin, Unauthorized
from ..engine.spec import ObjectSpec


class ServerDefaults:
    """Per-kind default representations of one server; a context manager that cleans up."""

    def __init__(self, admin: KeycloakAdmin) -> None:
        self.admin = admin
        self.scratch_realm: str | None = None
        self.note = "Fields equal to Keycloak's defaults (learned from a scratch realm on this server) are left out."
        self._usable = True
        self._cache: dict[tuple[str, str], dict[str, Any]] = {}

    def __enter__(self) -> ServerDefaults:
        return self

    def __exit__(self, *_: type[BaseException] | BaseException | TracebackType | None) -> None:
        if self.scratch_realm is not None:
            self.admin.delete(f"/{self.scratch_realm}")
            self.scratch_realm = None

    def _scratch(self) -> str | None:
        if self.scratch_realm is None and self._usable:
            name = f"pkd-export-defaults-{uuid.uuid4().hex[:8]}"
            try:
                self.admin.create("", {"realm": name}, lambda: None)
            except (Forbidden, Unauthorized):
                self._usable = False
                self.note = (
                    "The login may not create realms, so Keycloak's defaults could not be learned: every field "
                    "Keycloak returns is written."
                )
                return None
            self.scratch_realm = name
        return self.scratch_realm

    def builtin_keys(self, specs: list[ObjectSpec]) -> dict[str, set[tuple[Any, ...]]]:
        """Per kind, the natural keys (without the realm) of what a new realm holds: Keycloak's
        built-ins of this version. Call before any scratch object exists. Empty without the scratch realm."""
        scratch = self._scratch()
        if scratch is None:
            return {}
        return {
            spec.type_name: {spec.natural_key(inputs)[1:] for inputs, _ in spec.list_in_realm(self.admin, scratch)}
            for spec in specs
            if spec.new_realm_builtins
        }

    def for_object(self, spec: ObjectSpec, rep: dict[str, Any]) -> dict[str, Any]:
        """What Keycloak returns for the smallest object of ``spec``'s kind that is like ``rep``."""
        body = spec.scratch_body(rep)
        if body is None:
            return {}
        key = (spec.type_name, json.dumps(body, sort_keys=True))
        if key not in self._cache:
            scratch = self._scratch()
            if scratch is None:
                return {}
            self._cache[key] = spec.scratch_object(self.admin, scratch, body)
        return self._cache[key]
