"""A resource and the Keycloak object that may exist already: naming it, adopting it, refusing it.

* Naming: an object by its natural key, in messages (:func:`label`) and as ``import_`` wants it
  (:func:`import_hint`).
* ``import_``: the hidden input :data:`IMPORT_KEY` must name the object the inputs describe
  (:func:`import_failures`); an import reads back only the :func:`importable` fields as inputs.
* One object, one resource: the hidden input :data:`SAME_KEY` marks the second resource of a
  program with the same natural key (:func:`same_key_failures`).
* A leftover of an interrupted create: taken back only when it carries this resource's owner
  marker (:func:`owns`, see :mod:`.ownership`).

The provider (:mod:`.provider`) calls these from ``check()``, ``create()`` and ``read()``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..api import KeycloakError
from .checks import contains_unknown
from .spec import ObjectSpec

#: Hidden input carrying ``ResourceOptions(import_=...)``. Pulumi's dynamic-provider host cannot
#: import (its Read gets no ``__provider`` then: pulumi/pulumi#16175), so the resource classes turn
#: the option into this input and ``create()`` adopts the existing object instead of posting a new one.
IMPORT_KEY = "__import_id"
#: Hidden input set by the resource classes when another resource of the same program already
#: manages the object with the same natural key: the message that names both (check() refuses it).
SAME_KEY = "__same_key_as"


def key_text(key: tuple[Any, ...]) -> str:
    """A natural key as one path: ``('acme', '/staff/qa')`` → ``acme/staff/qa`` (a part that is a
    path itself, like a group's, adds no second ``/``)."""
    parts = [str(v) for v in key if v is not None]
    return "/".join(parts[:1] + [p.lstrip("/") for p in parts[1:]])


def label(spec: ObjectSpec, inputs: Mapping[str, Any]) -> str:
    text = key_text(spec.natural_key(inputs))
    return f"'{text}'" if text else ""


def import_hint(spec: ObjectSpec, inputs: Mapping[str, Any]) -> str:
    return key_text(spec.natural_key(inputs))


def importable(spec: ObjectSpec) -> list[str]:
    return [f.name for f in spec.fields if not f.deprecated and f.api != "" and not f.secret]


def import_failures(spec: ObjectSpec, inputs: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The import id must name the object the inputs describe (checked when both are known)."""
    import_id = inputs.get(IMPORT_KEY)
    if import_id is None or contains_unknown(import_id) or contains_unknown(list(spec.natural_key(inputs))):
        return []
    expected = import_hint(spec, inputs)
    if not isinstance(import_id, str):
        return [("import_", f"import_ must be a string like '{expected}' ({spec.import_id_format})")]
    try:
        named = spec.natural_key(spec.parse_import_id(import_id))
    except KeycloakError as exc:
        return [("import_", str(exc))]
    if named != spec.natural_key(inputs):
        return [("import_", f"import_ '{import_id}' names another {spec.type_name} than the inputs; "
                 f"write import_='{expected}' ({spec.import_id_format})")]
    return []


def same_key_failures(spec: ObjectSpec, props: Mapping[str, Any]) -> list[tuple[str, str]]:
    """One Keycloak object, one resource: refuse the second resource of a program with the same key."""
    other = props.get(SAME_KEY)
    if not isinstance(other, str) or not other or contains_unknown(other):
        return []
    return [("", other)]


def found_id(found: dict[str, Any] | None) -> str | None:
    return str(found["id"]) if found else None


def owns(spec: ObjectSpec, found: dict[str, Any] | None, marker: Any) -> bool:
    """Does ``found`` carry this resource's owner marker (see :mod:`.ownership`)?"""
    return spec.owner_mark is not None and spec.owner_mark.owns(found, marker if isinstance(marker, str) else None)
