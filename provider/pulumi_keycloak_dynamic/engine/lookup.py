"""Reading an object no resource of the program manages (a lookup): its outputs, as the engine
builds a resource's outputs from Keycloak's representation, for every field a read can tell.

* :func:`lookup_fields`: the inputs of a kind that a lookup returns: those Keycloak's
  representation holds (never a deprecated or write-only input), the natural key's own inputs,
  and ``extras``, inputs a spec's ``read_extra`` reads from endpoints of their own when declared.
* :func:`read_found`: the outputs of an object ``find`` found; no request but what ``read_extra``
  makes for the ``extras`` (the finders answer the object's full representation already).

Nothing is written and nothing is kept: the lookups (:mod:`pulumi_keycloak_dynamic.lookups`) run
in the program, with the connection settings and the one login of the process.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from ..api import KeycloakAdmin
from .adoption import found_id
from .fields import Field, redact
from .outputs import MANAGED, outputs_from
from .spec import ObjectSpec


def lookup_fields(spec: ObjectSpec, extras: Mapping[str, Any] | None = None, omit: tuple[str, ...] = ()) -> list[Field]:
    """The inputs a lookup of ``spec``'s kind returns, in the spec's order (see the module doc)."""
    extra = dict(extras or {})
    return [
        f for f in spec.fields
        if not f.deprecated and not f.write_only and f.name not in omit
        and ((f.sent and f.api != "") or f.name in spec.key_fields or f.name in extra)
    ]


def output_names(spec: ObjectSpec, extras: Mapping[str, Any] | None = None, omit: tuple[str, ...] = ()) -> list[str]:
    """Every name a lookup's result holds: the id output first, the fields, then the spec's own outputs."""
    names = [spec.id_output] + [f.name for f in lookup_fields(spec, extras, omit) if f.name != spec.id_output]
    return names + [o.name for o in spec.outputs if o.name not in names]


def secret_names(spec: ObjectSpec) -> list[str]:
    """The outputs a resource of this kind always keeps secret (a client's ``secret``)."""
    return [f.name for f in spec.fields if f.secret]


def read_found(
    admin: KeycloakAdmin,
    spec: ObjectSpec,
    key: Mapping[str, Any],
    found: dict[str, Any],
    extras: Mapping[str, Any] | None = None,
    omit: tuple[str, ...] = (),
) -> dict[str, Any]:
    """The lookup's outputs of the object ``found`` (what ``spec.find(admin, key)`` answered).

    ``extras`` are the inputs ``read_extra`` is told are declared (a role set as ``[]``), so it
    reads them; values under sensitive keys of maps (a private key among attributes) are masked,
    as ``representation()`` masks them, and the spec's secret fields are left to the caller to
    wrap as Pulumi secrets (:func:`secret_names`).
    """
    rep = copy.deepcopy(found)
    object_id = found_id(rep) or ""
    if spec.owner_mark is not None:
        spec.owner_mark.hide(rep)  # this package's bookkeeping, not the object's data
    spec.read_extra(admin, {**key, **dict(extras or {})}, object_id, rep)
    fields = lookup_fields(spec, extras, omit)
    outs = outputs_from(spec, key, object_id, rep, [f.name for f in fields])
    outs.pop(MANAGED, None)
    secret = set(secret_names(spec))
    wanted = output_names(spec, extras, omit)
    return {name: outs.get(name) if name in secret else redact(outs.get(name)) for name in wanted}
