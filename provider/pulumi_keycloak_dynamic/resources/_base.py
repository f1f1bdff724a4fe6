"""What every resource class shares: turning typed Args (or keyword arguments) into the props of
a dynamic resource, marking secret outputs, and warning about inputs Keycloak no longer has."""

from __future__ import annotations

import copy
import dataclasses
import inspect
from typing import Any

import pulumi
import pulumi.dynamic

from ..engine import KeycloakProvider, spec_for
from ..engine.checks import UNKNOWN
from ..engine.fields import is_sensitive_key
from ..engine.ownership import OWNER_KEY, owner_marker
from ..engine.provider import END_STATE, IMPORT_KEY, MANAGED


def collect_inputs(args: Any, kwargs: dict[str, Any]) -> dict[str, Any]:
    """Merge an Args dataclass and keyword arguments (keywords win); drop unset values."""
    inputs: dict[str, Any] = {}
    if args is not None:
        if dataclasses.is_dataclass(args) and not isinstance(args, type):
            inputs.update({f.name: getattr(args, f.name) for f in dataclasses.fields(args)})
        elif isinstance(args, dict):
            inputs.update(args)
        else:
            raise TypeError(f"args must be an Args object or a dict, got {type(args).__name__}")
    inputs.update(kwargs)
    return {k: v for k, v in inputs.items() if v is not None}


class KeycloakResource(pulumi.dynamic.Resource):
    """Base of the Keycloak resources; ``type_name`` selects the spec and the type token."""

    def __init__(
        self,
        type_name: str,
        resource_name: str,
        inputs: dict[str, Any],
        opts: pulumi.ResourceOptions | None,
    ) -> None:
        spec = spec_for(type_name)
        if opts is not None and opts.import_:
            # Adopted by create() (Pulumi's dynamic providers cannot import: pulumi/pulumi#16175).
            inputs[IMPORT_KEY] = opts.import_
            opts = copy.copy(opts)
            opts.import_ = None
        if spec.owner_mark is not None:
            # Lets create() recognise this resource's leftover of an interrupted run (never diffed).
            inputs[OWNER_KEY] = owner_marker(pulumi.get_project(), pulumi.get_stack(), type_name, resource_name)
        secret_outputs = [f.name for f in spec.fields if f.secret]
        for message in spec.warnings(inputs):
            pulumi.log.warn(f"{type_name} '{resource_name}': {message}")
        for reason in known_input_failures(type_name, inputs):
            pulumi.log.error(f"{type_name} '{resource_name}': {reason}")
        for name, value in list(inputs.items()):
            field = spec.by_name.get(name)
            if field is None:
                continue  # check() names unknown inputs with a suggestion
            if field.secret or (field.kind in ("str_map", "object") and _has_sensitive_key(value)):
                inputs[name] = pulumi.Output.secret(value)
                if name not in secret_outputs:
                    secret_outputs.append(name)
        props: dict[str, Any] = {f.name: None for f in spec.fields}
        props.update({spec.id_output: None, MANAGED: None, END_STATE: None})
        props.update(inputs)
        opts = pulumi.ResourceOptions.merge(opts, pulumi.ResourceOptions(additional_secret_outputs=secret_outputs))
        super().__init__(KeycloakProvider(type_name), resource_name, props, opts)


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


def _has_sensitive_key(value: Any) -> bool:
    return isinstance(value, dict) and any(isinstance(k, str) and is_sensitive_key(k) for k in value)
