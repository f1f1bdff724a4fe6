"""Walk the specs over a live realm: every object of every exportable kind, the fields that differ
from Keycloak's defaults, references as other resources' outputs, secrets as stack config."""

from __future__ import annotations

import importlib
from collections import Counter
from functools import partial
from typing import Any

from ..api import KeycloakAdmin
from ..engine.fields import Field, snake
from ..engine.registry import registered_specs, spec_for
from ..engine.spec import ObjectSpec
from ..engine.values import from_server
from .defaults import ServerDefaults
from .model import ExportedResource, Namer, RealmExport, Ref, SecretInput, identifier, resource_name

#: (type name, output name, value) → the exported resource with that output (None: several have it).
Outputs = dict[tuple[str, str, str], "ExportedResource | None"]


def export_order(specs: list[ObjectSpec]) -> list[ObjectSpec]:
    """Kinds in the order a program declares them: each after the kinds its inputs refer to
    (``Field.refers_to``, depth first), otherwise in the order given (registration order)."""
    by_name = {s.type_name: s for s in specs}
    ordered: list[ObjectSpec] = []

    def visit(spec: ObjectSpec, path: tuple[str, ...]) -> None:
        if spec in ordered or spec.type_name in path:
            return
        for field in spec.fields:
            if field.refers_to in by_name:
                visit(by_name[field.refers_to], (*path, spec.type_name))
        ordered.append(spec)

    for spec in specs:
        visit(spec, ())
    return ordered


def exportable_specs() -> list[ObjectSpec]:
    """The registered specs that can list their objects (a ``path``, or a ``list_in_realm`` of their
    own), in :func:`export_order`."""
    importlib.import_module("pulumi_keycloak_dynamic")  # its resource classes register every spec
    own_listing = [s for s in registered_specs() if type(s).list_in_realm is not ObjectSpec.list_in_realm]
    return export_order([s for s in registered_specs() if s.path is not None or s in own_listing])


def collect(
    admin: KeycloakAdmin, realm: str, defaults: ServerDefaults, *, include_builtin: bool = False
) -> RealmExport:
    """Read the realm and describe the program that adopts it."""
    specs = exportable_specs()
    new_realm_holds = defaults.builtin_keys(specs)
    skipped: Counter[str] = Counter()
    found: list[tuple[ObjectSpec, dict[str, Any], dict[str, Any], bool]] = []
    for spec in specs:
        listed = spec.list_in_realm(admin, realm)
        for inputs, rep in sorted(listed, key=lambda pair: [str(v or "") for v in spec.natural_key(pair[0])]):
            in_new_realm = spec.natural_key(inputs)[1:] in new_realm_holds.get(spec.type_name, ())
            builtin = in_new_realm or spec.is_builtin(inputs, rep)
            if builtin and not include_builtin:
                skipped[spec.type_name] += 1
                continue
            found.append((spec, inputs, rep, builtin))
    vars_, names = Namer(("config", "pulumi")), Namer()
    resources: list[ExportedResource] = []
    index: dict[tuple[str, tuple[Any, ...]], ExportedResource] = {}
    by_output: Outputs = {}
    for spec, inputs, rep, builtin in found:
        if spec.owner_mark is not None:
            spec.owner_mark.hide(rep)  # this package's own marker is no setting of the object
        values = dict(inputs)
        default = defaults.for_object(spec, rep)
        for field in spec.fields:
            if field.name in values or not _exportable(field):
                continue
            value = _differing(spec, field, rep.get(field.api_name), default.get(field.api_name))
            if value is not None:
                value = spec.export_value(field.name, value, rep)
            if value is not None:
                values[field.name] = value
        if values.keys() == inputs.keys() and not (spec.export_unchanged or include_builtin):
            skipped[spec.type_name] += 1  # nothing differs from Keycloak's defaults (a new realm's)
            continue
        key = spec.natural_key(values)
        label = [str(v) for v in key[1:] if v is not None]  # the realm is not repeated
        var = vars_.unique(identifier(snake(spec.type_name), *label))
        name = names.unique(resource_name(*(label or [str(key[0])])), "-")
        import_id = spec.export_import_id(key)
        resource = ExportedResource(spec.type_name, var, name, import_id, key, values, builtin,
                                    protect=spec.export_protect)
        resources.append(resource)
        index[(spec.type_name, key)] = resource
        known = {**values, **{o.name: rep.get(o.api_name) for o in spec.outputs}}
        for attr, value in known.items():
            if isinstance(value, str):  # a name two objects share refers to neither (None)
                output = (spec.type_name, attr, value)
                by_output[output] = None if output in by_output else resource
    secrets: list[SecretInput] = []
    for resource in resources:
        spec = spec_for(resource.type_name)
        needs = [index[(t, k)].var for t, k in spec.prerequisites(resource.inputs) if (t, k) in index]
        resource.depends_on = sorted(set(needs) - {resource.var})
        _link(spec, resource, by_output)
        _secrets(spec, resource, secrets)
    return RealmExport(
        realm=realm,
        resources=_ordered(resources),
        secrets=secrets,
        include_builtin=include_builtin,
        skipped_builtin=dict(skipped),
        defaults_note=defaults.note,
        kinds=[s.type_name for s in specs],
    )


def _exportable(field: Field) -> bool:
    return not (field.deprecated or field.write_only or field.api == "" or field.api_name == "id")


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, (str, list, dict)) and not value)


def _differing(spec: ObjectSpec, field: Field, raw: Any, raw_default: Any) -> Any:
    """The part of the server's value that differs from the default (None: nothing to write)."""
    value = field.kind.differing(from_server(field, raw), from_server(field, raw_default), spec.server_generated_keys)
    return None if _empty(value) else value


def _link(spec: ObjectSpec, resource: ExportedResource, by_output: Outputs) -> None:
    """Inputs naming another exported object (``Field.refers_to``) become its naming output
    (``realm.realm``, ``client_web.client_id``): one name, a list of names, or a map's lists.
    Names that several exported objects share (a realm role and a client role) stay names."""
    for name, value in list(resource.inputs.items()):
        field = spec.by_name.get(name)
        if field is None or not field.refers_to or value is None:
            continue
        try:
            attr = spec_for(field.refers_to).reference_output
        except (KeyError, LookupError):
            continue

        def link(item: Any, target_type: str = field.refers_to, attr: str = attr) -> Any:
            return _ref(resource, by_output, target_type, attr, item) or item

        if isinstance(value, dict):
            resource.inputs[name] = {k: [link(i) for i in v] if isinstance(v, list) else v for k, v in value.items()}
        elif isinstance(value, list):
            resource.inputs[name] = [link(item) for item in value]
        else:
            resource.inputs[name] = link(value)


def _ref(resource: ExportedResource, by_output: Outputs, target_type: str, attr: str, value: Any) -> Ref | None:
    target = by_output.get((target_type, attr, value)) if isinstance(value, str) else None
    if target is None or target is resource:
        return None
    if target.var in resource.depends_on:
        resource.depends_on.remove(target.var)  # the reference orders them already
    return Ref(target.var, attr)


def _secrets(spec: ObjectSpec, resource: ExportedResource, secrets: list[SecretInput]) -> None:
    """Secret values never reach the files: they become ``config.require_secret`` inputs."""
    for name, value in list(resource.inputs.items()):
        field = spec.by_name.get(name)
        if field is not None:
            resource.inputs[name] = field.kind.exported(value, field.secret, partial(_secret, resource, name, secrets))


def _secret(resource: ExportedResource, name: str, secrets: list[SecretInput], map_key: str | None) -> SecretInput:
    key = identifier(resource.var, name, *([map_key] if map_key else []))
    where = f"{name}[{map_key!r}]" if map_key else name
    secret = SecretInput(key, f"{resource.type_name} '{resource.import_id}': {where}",
                         (resource.type_name, resource.import_id, name, map_key))
    secrets.append(secret)
    return secret


def _ordered(resources: list[ExportedResource]) -> list[ExportedResource]:
    """Declaration order: as listed, but every resource after those it depends on (cycles broken)."""
    by_var = {r.var: r for r in resources}
    done: set[str] = set()
    visiting: set[str] = set()
    ordered: list[ExportedResource] = []

    def visit(resource: ExportedResource) -> None:
        if resource.var in done or resource.var in visiting:
            return
        visiting.add(resource.var)
        for var in [*resource.depends_on, *_referenced(resource.inputs)]:
            if var in by_var:
                visit(by_var[var])
        visiting.discard(resource.var)
        done.add(resource.var)
        ordered.append(resource)

    for resource in resources:
        visit(resource)
    position = {r.var: i for i, r in enumerate(ordered)}
    for resource in ordered:  # a dependency cycle: drop the edges that point forwards
        own = position[resource.var]
        resource.depends_on = [v for v in resource.depends_on if position[v] < own]

        def backwards(value: Any, own: int = own) -> Any:
            if isinstance(value, Ref) and position.get(value.var, -1) >= own:
                return by_var[value.var].inputs.get(value.attr)  # the name itself (a literal)
            if isinstance(value, dict):
                return {k: backwards(v) for k, v in value.items()}
            if isinstance(value, list):
                return [backwards(v) for v in value]
            return value

        resource.inputs = {k: backwards(v) for k, v in resource.inputs.items()}
    return ordered


def _referenced(value: Any) -> list[str]:
    """Variables the value's references use (they must be declared before it)."""
    if isinstance(value, Ref):
        return [value.var]
    if isinstance(value, dict):
        return [var for v in value.values() for var in _referenced(v)]
    if isinstance(value, list):
        return [var for v in value for var in _referenced(v)]
    return []
