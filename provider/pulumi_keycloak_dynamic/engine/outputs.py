"""What a resource's outputs hold: built from Keycloak's representation, with no request of its own.

* :func:`outputs_from`: the outputs of one object (declared inputs' server values, the
  spec's extra outputs, the id, and :data:`MANAGED`, the declared names).
* :func:`output_value`: a field's output is the server's value, cut to the shape the program
  declared for the kinds Keycloak fills with more than anyone declares (``FieldKind.shaped``).
* :func:`written_tells_outcome`: whether the representation an update just PUT already is the
  outcome (plain values Keycloak stores as sent, :data:`STORED_AS_SENT`), so no GET follows.
* :func:`refuse_silent_change`: a value Keycloak changed on its own (the spec's
  ``written_problem``) fails the create or update instead of showing as a diff next time.

The provider (:mod:`.provider`) fetches or writes the representation and builds the outputs here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..api import KeycloakError
from .digest import as_digest
from .fields import Field
from .spec import ObjectSpec
from .values import from_server, project

#: Output listing which inputs the user declared (the fields this resource owns). The provider's
#: bookkeeping: kept in the state, not an attribute of the resource classes (runtime.py).
MANAGED = "managed_fields"


def outputs_from(
    spec: ObjectSpec,
    inputs: Mapping[str, Any],
    object_id: str,
    rep: dict[str, Any],
    declared: list[str],
    every_field: bool = False,
) -> dict[str, Any]:
    """The declared inputs' server values, the spec's outputs, the id and the declared names;
    ``every_field`` (an import) also every other input's value.

    An undeclared input has no output (the resource classes read it as None): outputs of every
    field made each resource's state, diff and gRPC messages 4-5 times larger (a Client has 46
    inputs, a program typically declares 5-10), which is what the engine and the SDK spend
    their time on per resource; ``representation()`` reads the whole object when needed, and
    ``client_secret()`` a secret Keycloak generated (a secret output costs the engine most of all:
    bench/README.md)."""
    outs: dict[str, Any] = {}
    for field in spec.fields:
        if not (every_field or field.name in declared):
            continue
        if field.deprecated or field.api == "" or field.write_only:
            outs[field.name] = as_digest(inputs.get(field.name)) if field.digest else inputs.get(field.name)
            continue
        outs[field.name] = output_value(field, inputs.get(field.name), rep.get(field.api_name), declared)
    for output in spec.outputs:  # outputs that are not inputs (a group's path)
        outs[output.name] = rep.get(output.api_name)
    outs[spec.id_output] = str(rep.get("id") or object_id)
    outs[MANAGED] = sorted(declared)
    return outs


def output_value(field: Field, declared_value: Any, server_value: Any, declared: list[str]) -> Any:
    """A field's output: the server's value, cut to the shape the program declared for map kinds.

    ``read()`` reports inputs cut to the shape of the previous outputs, so this shape is also what
    a refresh leaves as inputs: no server-added key or mapper default ever shows as a removal.
    """
    value = from_server(field, server_value)
    if not field.kind.shaped:  # Keycloak adds keys of its own there, which would churn every diff
        return value
    if field.name not in declared:
        return None
    return project(field, declared_value, value)


def written_tells_outcome(spec: ObjectSpec, to_send: Mapping[str, Any], rep: Mapping[str, Any]) -> bool:
    """Whether the representation just PUT tells the outputs, so no GET needs to follow.

    True when every changed input is a plain value that went into that PUT (no secret, map,
    sub-object or sub-resource written by a hook, which Keycloak may transform or answer apart),
    and the spec knows of no value Keycloak changes silently (``written_problem``: it needs the
    stored object, so a read-back).
    """
    if type(spec).written_problem is not ObjectSpec.written_problem:
        return False
    for name in to_send:
        field = spec.by_name[name]
        if not field.kind.stored_as_sent or field.secret or field.write_only or field.api_name not in rep:
            return False
    return bool(to_send)


def refuse_silent_change(spec: ObjectSpec, inputs: Mapping[str, Any], outs: Mapping[str, Any]) -> None:
    problem = spec.written_problem(inputs, outs)
    if problem:
        raise KeycloakError(problem)
