"""Type name → spec instance.

Specs register themselves with :func:`register` when their module is imported; the package's
``resources`` modules import their spec, so importing ``pulumi_keycloak_dynamic`` (which the
dynamic-provider host does when it unpickles a provider) registers every kind. The engine itself
imports no spec module.
"""

from __future__ import annotations

from .spec import ObjectSpec

_SPECS: dict[str, ObjectSpec] = {}


def register(spec_class: type[ObjectSpec]) -> type[ObjectSpec]:
    """Class decorator: make ``spec_class`` the spec of its ``type_name``."""
    _SPECS[spec_class.type_name] = spec_class()
    return spec_class


def spec_for(type_name: str) -> ObjectSpec:
    """The registered spec of ``type_name``."""
    try:
        return _SPECS[type_name]
    except KeyError:
        known = ", ".join(sorted(_SPECS)) or "none (import pulumi_keycloak_dynamic first)"
        raise LookupError(f"no Keycloak resource type '{type_name}'; registered: {known}") from None


def registered_specs() -> list[ObjectSpec]:
    """Every registered spec, in registration order."""
    return list(_SPECS.values())
