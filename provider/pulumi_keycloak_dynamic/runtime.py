"""The runtime of the generated resource classes (hand-written; ``resources/`` holds only generated
code): what every resource class shares, turning typed Args (or keyword arguments) into the props of
a dynamic resource, marking secret outputs, and warning about inputs Keycloak no longer has.

Also two rules that need the whole program, so they live here rather than in the provider:

* **References**: an input that names another object (a role's ``composite_realm_roles``, its
  ``client_id``, any ``realm``) also takes the resource itself (``composite_realm_roles=[clerk]``):
  it becomes that resource's naming output (``clerk.name``), so Pulumi orders the two.
* **One object, one resource**: two resources of one program with the same natural key (same
  realm and clientId, same realm and role name, ...) would fight over one Keycloak object. The
  second one gets a hidden input naming both, which ``check()`` refuses (in ``preview``), also
  when key parts are Outputs (as soon as they are known).
"""

from __future__ import annotations

import asyncio
import copy
import dataclasses
import inspect
import pickle
import threading
from typing import Any

import pulumi
import pulumi.dynamic
from pulumi import _types as pulumi_types

from .engine import KeycloakProvider, spec_for
from .engine.adoption import IMPORT_KEY, SAME_KEY, key_text
from .engine.checks import UNKNOWN
from .engine.fields import snake
from .engine.ownership import OWNER_KEY, owner_marker
from .engine.provider import REPORTED_KEY
from .engine.secrets import is_secret_value
from .engine.spec import ObjectSpec


def collect_inputs(args: Any, kwargs: dict[str, Any]) -> dict[str, Any]:
    """Merge an Args dataclass and keyword arguments (keywords given win); drop unset values.

    The generated classes pass every input as a keyword, None when not given: None never
    overrides a value of the Args."""
    inputs: dict[str, Any] = {}
    if args is not None:
        if dataclasses.is_dataclass(args) and not isinstance(args, type):
            inputs.update({f.name: getattr(args, f.name) for f in dataclasses.fields(args)})
        elif isinstance(args, dict):
            inputs.update(args)
        else:
            raise TypeError(f"args must be an Args object or a dict, got {type(args).__name__}")
    inputs.update({k: v for k, v in kwargs.items() if v is not None})
    return {k: v for k, v in inputs.items() if v is not None}


class KeycloakResource(pulumi.dynamic.Resource):
    """Base of the Keycloak resources; ``type_name`` selects the spec and the type token."""

    def _register(
        self,
        type_name: str,
        resource_name: str,
        inputs: dict[str, Any],
        opts: pulumi.ResourceOptions | None,
    ) -> None:
        """Declare the resource (what ``__init__`` does; the generated classes call this).

        Not an ``__init__`` of its own: the SDK records where a resource was declared (its
        ``sourcePosition`` in the state) as the caller of the third ``__init__`` on the stack
        (Resource, CustomResource, the concrete class). Called from the generated class's
        ``__init__``, that caller is the program's line, not the generated module."""
        spec = spec_for(type_name)
        self._keycloak_type = type_name
        self._declared_inputs = dict(inputs)
        _pass_reference_hints(spec, inputs)
        if opts is not None and opts.import_:
            # Adopted by create() (Pulumi's dynamic providers cannot import: pulumi/pulumi#16175).
            inputs[IMPORT_KEY] = opts.import_
            opts = copy.copy(opts)
            opts.import_ = None
        for name, value in list(inputs.items()):
            inputs[name] = _references_resolved(spec, resource_name, name, value)
        _claim_natural_key(spec, resource_name, inputs)
        if spec.owner_mark is not None:
            # Lets create() recognise this resource's leftover of an interrupted run (never diffed).
            inputs[OWNER_KEY] = owner_marker(pulumi.get_project(), pulumi.get_stack(), type_name, resource_name)
        secret_outputs = [f.name for f in spec.fields if f.secret]
        for message in spec.warnings(inputs):
            pulumi.log.warn(f"{type_name} '{resource_name}': {message}")
        reported = known_input_failures(type_name, inputs)
        for reason in reported:
            pulumi.log.error(f"{type_name} '{resource_name}': {reason}")
        if reported:  # check() then says "printed above" instead of repeating each message
            inputs[REPORTED_KEY] = reported
        secret_outputs += [name for name in _make_secrets_secret(spec, inputs) if name not in secret_outputs]
        # Only what has an output (see __getattr__): the SDK makes an Output and four futures per
        # prop, and its wait for the program's end goes over every pending one each time a
        # resource's outputs arrive. So neither ``managed_fields`` (the provider's bookkeeping, in
        # the state only) nor the id output (the resource's id, below) is a prop.
        props: dict[str, Any] = {output.name: None for output in spec.outputs}
        props.update(inputs)
        opts = pulumi.ResourceOptions.merge(opts, pulumi.ResourceOptions(additional_secret_outputs=secret_outputs))
        # What pulumi.dynamic.Resource.__init__ does, with the provider serialized once per type
        # (the SDK would pickle it again for every resource, through one more nested wrapper each time).
        props[pulumi.dynamic.dynamic.PROVIDER_KEY] = serialized_provider(type_name)
        pulumi.CustomResource.__init__(self, f"pulumi-python:{self._resource_type_name}", resource_name, props, opts)
        if spec.id_output not in props:  # create() makes the id output the resource's id
            self.__dict__[spec.id_output] = self.id
        _untrack_own_outputs(self)
        _remember_naming_output(self, spec)

    def __getattr__(self, name: str) -> Any:
        """An input the program did not declare: its output is None (the provider keeps outputs of
        declared inputs only; ``representation(resource)`` reads the whole object). It still
        depends on this resource, as the engine's own outputs do. Made on first use only."""
        type_name = self.__dict__.get("_keycloak_type")
        if type_name is None or name.startswith("_") or name not in spec_for(type_name).by_name:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        undeclared: pulumi.Output[Any] = self.urn.apply(lambda _: None)
        self.__dict__[name] = undeclared
        return undeclared

    __init__ = _register  # a KeycloakResource made directly (the generated classes call _register)


def _untrack_own_outputs(resource: KeycloakResource) -> None:
    """Take this resource's own Outputs (its props, ``urn``, ``id``) off the SDK's list of pending
    Outputs, which the SDK's own ``Output._untrack`` does for an Output a derived one took over;
    one pending Output for all Keycloak resources of the run keeps the program waiting for them.

    Before the program ends the SDK waits for every pending Output with ``asyncio.wait(...,
    FIRST_COMPLETED)``, again after each one that resolves: work in the number of resources times
    the number still pending, quadratic in the size of the program (bench/README.md: a third of
    the program's CPU at 1,001 objects, which the floor pays too). These Outputs resolve when this
    resource's registration answers. The SDK waits for that RPC too, but only once the RPC has
    started, which may be after the SDK looked at its list: the pending Output of
    :func:`_keep_program_until_registered` stands for them. Outputs made from them (``apply``,
    ``Output.all``) stay tracked. An SDK without ``_untrack`` keeps them all tracked: slower, not
    wrong.
    """
    own = [value for value in vars(resource).values() if isinstance(value, pulumi.Output)]
    if not all(callable(getattr(value, "_untrack", None)) for value in own):
        return
    _keep_program_until_registered(resource)
    for value in own:
        value._untrack()


def _keep_program_until_registered(resource: KeycloakResource) -> None:
    """Count ``resource`` among the registrations one pending Output of this run waits for.

    That Output resolves when the last registration counted answers (an error too); a resource
    declared after that (inside an ``apply``) starts a new one."""
    state = _this_run("registering")
    if state.get("gate") is None or state["gate"].done():
        loop = asyncio.get_event_loop()
        known: asyncio.Future[bool] = loop.create_future()
        known.set_result(True)
        state.update(gate=loop.create_future(), waiting=0)
        pulumi.Output(set(), state["gate"], known)  # pending (tracked by the SDK) until the gate opens
    gate: asyncio.Future[None] = state["gate"]
    state["waiting"] += 1

    def registered(answer: asyncio.Future[Any]) -> None:
        if not answer.cancelled():
            answer.exception()  # the SDK reports a failed registration itself
        state["waiting"] -= 1
        if state["waiting"] == 0 and not gate.done():
            gate.set_result(None)

    asyncio.ensure_future(resource.urn.future()).add_done_callback(registered)


_SERIALIZED: dict[str, str] = {}
_SERIALIZED_LOCK = threading.Lock()


def serialized_provider(type_name: str) -> str:
    """The ``__provider`` input for ``type_name``: the SDK's own serialization, done once per type.

    ``pulumi.dynamic.serialize_provider`` patches ``pickle._Pickler`` and never undoes it, so every
    call nests one more wrapper (a RecursionError past ~500 resources, SDK 3.27x). Calling it once
    per provider type, and restoring the pickler after, gives the same string at a constant cost.
    The provider pickles to its type name only (no secret), so the string is not a secret either
    (``KeycloakProvider.serialize_as_secret_always`` is False).
    """
    with _SERIALIZED_LOCK:
        cached = _SERIALIZED.get(type_name)
        if cached is None:
            pickler: Any = pickle._Pickler
            saved = pickler._batch_setitems, pickler.save_dict
            try:
                cached = _SERIALIZED[type_name] = pulumi.dynamic.dynamic.serialize_provider(KeycloakProvider(type_name))
            finally:
                pickler._batch_setitems, pickler.save_dict = saved
        return cached


def _holds_output(value: Any) -> bool:
    if isinstance(value, pulumi.Output) or inspect.isawaitable(value):
        return True
    if isinstance(value, dict):
        return any(_holds_output(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return any(_holds_output(v) for v in value)
    return False


def _make_secrets_secret(spec: ObjectSpec, inputs: dict[str, Any]) -> list[str]:
    """Make every secret input a Pulumi secret before registration, by the rule ``check()`` follows
    too (:func:`~..engine.secrets.is_secret_value`); return the outputs that become secrets with them.

    Any input: a secret one (also under Keycloak's camelCase name, ``smtpServer``), and any map
    holding a sensitive key (``config={'clientSecret': ...}``), also one no spec knows (check()
    refuses that with a suggestion; its value is still kept out of sight)."""
    made: list[str] = []
    for name, value in list(inputs.items()):
        if name.startswith("__"):
            continue  # the engine's own hidden inputs
        field = spec.by_name.get(name) or spec.by_name.get(snake(name))
        if is_secret_value(field, value):
            inputs[name] = pulumi.Output.secret(value)
            made += [field.name] if field is not None else []
        elif (field is None or field.kind.shaped) and _holds_output(value):
            # Keys known only later: the input (and so the output of the same name) becomes a
            # secret once its value shows a sensitive key (a private key among attributes).
            inputs[name] = pulumi.Output.from_input(value).apply(_secret_if_sensitive)
    return made


def _secret_if_sensitive(value: Any) -> Any:
    return pulumi.Output.secret(value) if is_secret_value(None, value) else value


# ------------------------------------------------------------------ references to other resources
def _references_resolved(spec: ObjectSpec, resource_name: str, name: str, value: Any) -> Any:
    """Resources given where a name is expected become their naming output (``role.name``)."""
    if isinstance(value, KeycloakResource):
        field = spec.by_name.get(name)
        wanted = field.refers_to if field is not None else ""
        if value._keycloak_type != wanted:
            takes = f"a {wanted} resource or its name" if wanted else "a value, not a resource"
            raise pulumi.RunError(
                f"{spec.type_name} '{resource_name}': '{name}' takes {takes}; got {value._keycloak_type} resource "
                f"'{value._name}'"
            )
        return getattr(value, spec_for(value._keycloak_type).reference_output)
    if isinstance(value, (list, tuple)):
        return [_references_resolved(spec, resource_name, name, v) for v in value]
    if isinstance(value, dict):
        return {k: _references_resolved(spec, resource_name, name, v) for k, v in value.items()}
    return value


# --------------------------------------------------------------- one Keycloak object, one resource
_RUN: dict[str, Any] = {"run": None, "keys": {}, "named": {}, "registering": {}, "looked_up": {}}


def _this_run(table: str) -> dict[Any, Any]:
    """A table of this program run (a new run, e.g. the next inline program of the Automation API
    in the same process, starts afresh): ``keys``, natural keys claimed so far; ``named``, the
    naming Outputs of the resources declared so far, by id, with the plain value each was given;
    ``registering``, the pending Output waiting for registrations (:func:`_untrack_own_outputs`);
    ``looked_up``, the natural keys lookups read so far (a resource declared later refuses them)."""
    run = (pulumi.runtime.settings.get_root_resource(), pulumi.runtime.settings.get_monitor())
    current = _RUN["run"]
    if current is None or current[0] is not run[0] or current[1] is not run[1]:
        _RUN.update(run=run, keys={}, named={}, registering={}, looked_up={})
    found: dict[Any, Any] = _RUN[table]
    return found


def _claims_of_this_run() -> dict[tuple[Any, ...], str]:
    return _this_run("keys")


def _remember_naming_output(resource: KeycloakResource, spec: ObjectSpec) -> None:
    """``realm.realm`` is the Output of a value the program gave as plain text: remember that text,
    so a natural key naming the realm by that Output is claimed at once (no apply per resource)."""
    declared = resource._declared_inputs.get(spec.reference_output)
    output = resource.__dict__.get(spec.reference_output)
    if isinstance(declared, str) and isinstance(output, pulumi.Output):
        _this_run("named")[id(output)] = (output, declared)  # the Output is kept: its id stays unique


def _plain_if_known(value: Any) -> Any:
    """A resource's naming Output whose plain value the program gave: that value; else ``value``."""
    if isinstance(value, pulumi.Output):
        known = _this_run("named").get(id(value))
        if known is not None and known[0] is value:
            return known[1]
    return value


def _claim_natural_key(spec: ObjectSpec, resource_name: str, inputs: dict[str, Any]) -> None:
    """Record this resource's natural key; a second resource with the same key gets ``SAME_KEY``."""
    if not spec.key_fields:
        return
    claims = _claims_of_this_run()
    parts = {n: _plain_if_known(inputs.get(n)) for n in spec.key_fields}

    def claim(known: dict[str, Any]) -> str | None:
        if any(known.get(n) in (None, "") for n in spec.required if n in spec.key_fields):
            return None  # check() reports the missing part
        try:
            key = (spec.type_name, *spec.natural_key(known))
            hash(key)
        except Exception:  # noqa: BLE001 - a malformed key part: check() reports it
            return None
        holder = claims.setdefault(key, resource_name)
        label = key_text(key[1:])
        lookup = _this_run("looked_up").get(key)
        if lookup:
            return (f"{spec.type_name} '{resource_name}' manages {spec.type_name} '{label}', which {lookup}() read "
                    "earlier in this program: use this resource's outputs instead of the lookup")
        if holder == resource_name:
            return None
        return (
            f"{spec.type_name} '{resource_name}' and {spec.type_name} '{holder}' of this program both manage "
            f"{spec.type_name} '{label}': one Keycloak object can have one resource only; remove one of them "
            f"or change its {', '.join(spec.key_fields)}"
        )

    if any(_holds_output(v) for v in parts.values()):
        # Rare since _plain_if_known: a key part whose plain value the program never gave.
        inputs[SAME_KEY] = pulumi.Output.all(**parts).apply(claim)
        return
    message = claim(parts)
    if message:
        inputs[SAME_KEY] = message


def _pass_reference_hints(spec: ObjectSpec, inputs: dict[str, Any]) -> None:
    """For an input given a resource, copy that resource's plain declared value named by the spec's
    ``reference_hints`` into a hidden input, so ``check()`` can use it (a mapper's IdP type)."""
    for name, (their_input, hidden) in spec.reference_hints.items():
        value = inputs.get(name)
        if isinstance(value, KeycloakResource):
            declared = value._declared_inputs.get(their_input)
            if isinstance(declared, str):
                inputs[hidden] = declared


def _cache_resource_types() -> None:
    """Make the SDK evaluate each Keycloak resource class's output annotations once, not per resource.

    ``pulumi.runtime.rpc.resolve_outputs`` calls ``pulumi._types.resource_types(type(res))`` for
    every resource it registers, which runs ``typing.get_type_hints`` over all the class's
    annotations (compiling each string annotation again): 40-60 outputs on a Client or a Realm,
    milliseconds per resource. The answer depends on the class alone, so it is cached here for
    the classes of this package; any other class goes to the SDK's function unchanged.
    """
    original = pulumi_types.resource_types
    if getattr(original, "_keycloak_cached", False):
        return
    cache: dict[type, dict[str, type]] = {}

    def resource_types(resource_cls: type) -> dict[str, type]:
        if not issubclass(resource_cls, KeycloakResource):
            return original(resource_cls)
        types = cache.get(resource_cls)
        if types is None:
            types = cache[resource_cls] = original(resource_cls)
        return types

    resource_types._keycloak_cached = True  # type: ignore[attr-defined]
    pulumi_types.resource_types = resource_types


_cache_resource_types()


def known_input_failures(type_name: str, inputs: dict[str, Any]) -> list[str]:
    """``check()`` on the values known while the program runs (Outputs count as unknown).

    Pulumi's engine stops a preview at the first resource whose ``check()`` fails, so a program
    with several mistakes would show them one run at a time; reporting them here, as the
    resources are declared, shows every one in a single preview. ``check()`` still guards the
    values known only later.
    """
    known = {name: _known(value) for name, value in inputs.items()}
    result = KeycloakProvider(type_name).check({}, known)
    return [failure.reason for failure in result.failures or []]


def _known(value: Any) -> Any:
    if isinstance(value, pulumi.Output) or inspect.isawaitable(value):
        return UNKNOWN
    if isinstance(value, dict):
        return {k: _known(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_known(v) for v in value]
    return value
