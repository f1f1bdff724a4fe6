"""Type name → spec instance. Specs register themselves on import of ``pulumi_keycloak_dynamic.specs``."""

from __future__ import annotations

import importlib

from .spec import ObjectSpec

_SPECS: dict[str, ObjectSpec] = {}


def register(spec_class: type[ObjectSpec]) -> type[ObjectSpec]:
    _SPECS[spec_class.type_name] = spec_class()
    return spec_class


def spec_for(type_name: str) -> ObjectSpec:
    if type_name not in _SPECS:
        importlib.import_module("pulumi_keycloak_dynamic.specs")
    return _SPECS[type_name]
