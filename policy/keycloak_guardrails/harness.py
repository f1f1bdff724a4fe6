"""Run the pack's policies in-process, through pulumi_policy's own analyzer service.

``PolicyPack(...)`` starts a gRPC server and blocks, so it cannot be used in a test. This drives
the same service object the server would (``_PolicyAnalyzerServicer`` of the installed
pulumi_policy) with the protobuf requests the engine sends: properties in the wire format (secret
markers and unknown sentinels included), resource options, and the pack config as the engine
passes it after ``--policy-pack-config``. Useful for unit tests of the policies and for trying a
set of inputs quickly; the real CLI is exercised by the e2e tests.

Values given as ``pulumi_policy.Secret(...)`` are sent as secrets; the constants of
``pulumi_policy.proxy`` (e.g. ``UNKNOWN_STRING_VALUE``) as unknowns.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pulumi_policy.policy as sdk_policy
from google.protobuf import json_format, struct_pb2
from pulumi.runtime.proto import analyzer_pb2
from pulumi_policy import (
    EnforcementLevel,
    Policy,
    PolicyCustomTimeouts,
    PolicyResourceOptions,
    ResourceValidationArgs,
    ResourceValidationPolicy,
)
from pulumi_policy.deserialize import deserialize_properties, serialize_properties
from pulumi_policy.proxy import unknown_checking_proxy

from . import PACK_NAME, POLICIES
from .common import plain_copy
from .secret_values import install_secret_tracking

_LEVELS = {
    analyzer_pb2.ADVISORY: "advisory",
    analyzer_pb2.MANDATORY: "mandatory",
    analyzer_pb2.REMEDIATE: "remediate",
    analyzer_pb2.DISABLED: "disabled",
}
_LEVELS_IN = {v: k for k, v in _LEVELS.items()}


@dataclass(frozen=True)
class Violation:
    policy: str
    level: str
    message: str


def _struct(values: Mapping[str, Any]) -> struct_pb2.Struct:
    message = struct_pb2.Struct()
    json_format.ParseDict(dict(serialize_properties(values)), message)
    return message


def _servicer(policies: Sequence[Policy], config: Mapping[str, Any] | None) -> Any:
    install_secret_tracking()
    servicer = sdk_policy._PolicyAnalyzerServicer(
        PACK_NAME, "0.1.0", list(policies), EnforcementLevel.ADVISORY)
    request = analyzer_pb2.ConfigureAnalyzerRequest()
    for policy in policies:  # the engine sends every policy's level, configured or not
        entry = (config or {}).get(policy.name, {})
        if isinstance(entry, str):
            entry = {"enforcementLevel": entry}
        level = entry.get("enforcementLevel") or (policy.enforcement_level or EnforcementLevel.ADVISORY).value
        properties = {k: v for k, v in entry.items() if k != "enforcementLevel"}
        request.policyConfig[policy.name].CopyFrom(analyzer_pb2.PolicyConfig(
            enforcementLevel=_LEVELS_IN[level], properties=_struct(properties)))
    servicer.Configure(request, None)  # type: ignore[no-untyped-call]
    return servicer


def _request(resource_type: str, props: Mapping[str, Any], name: str, protect: bool) -> Any:
    return analyzer_pb2.AnalyzeRequest(
        type=resource_type,
        properties=_struct(props),
        urn=f"urn:pulumi:test::test::{resource_type}::{name}",
        name=name,
        options=analyzer_pb2.AnalyzerResourceOptions(protect=protect),
    )


def analyze(resource_type: str, props: Mapping[str, Any], *, name: str = "example", protect: bool = False,
            config: Mapping[str, Any] | None = None,
            policies: Sequence[Policy] = POLICIES) -> list[Violation]:
    """The violations the pack reports for one resource, as the engine would receive them."""
    servicer = _servicer(policies, config)
    response = servicer.Analyze(_request(resource_type, props, name, protect), None)
    return [Violation(d.policyName, _LEVELS[d.enforcementLevel], d.message) for d in response.diagnostics]


def remediate(resource_type: str, props: Mapping[str, Any], *, name: str = "example", protect: bool = False,
              config: Mapping[str, Any] | None = None,
              policies: Sequence[Policy] = POLICIES) -> tuple[dict[str, Any], list[str]]:
    """``(new inputs, names of the policies that changed them)`` after the pack's remediations.

    Only policies whose level is ``remediate`` (by default or through ``config``) run, as in the
    engine. Secret values come back as ``pulumi_policy.Secret``.
    """
    servicer = _servicer(policies, config)
    response = servicer.Remediate(_request(resource_type, props, name, protect), None)
    current: dict[str, Any] = dict(props)
    applied = []
    for remediation in response.remediations:
        if remediation.diagnostic:
            raise RuntimeError(f"{remediation.policyName}: {remediation.diagnostic}")
        current = plain_copy(deserialize_properties(json_format.MessageToDict(remediation.properties), True))
        applied.append(remediation.policyName)
    return current, applied


def wire(props: Mapping[str, Any]) -> dict[str, Any]:
    """``props`` as they arrive from the engine (JSON of a protobuf Struct: numbers become floats)."""
    return dict(json_format.MessageToDict(_struct(props)))


def validation_args(resource_type: str, props: Mapping[str, Any], *, name: str = "example",
                    protect: bool = False, config: Mapping[str, Any] | None = None,
                    for_remediation: bool = False) -> ResourceValidationArgs:
    """``ResourceValidationArgs`` built the way pulumi_policy's analyzer builds them.

    Validations get the inputs with secrets unwrapped and unknowns checked; remediations
    (``for_remediation=True``) get the secrets-preserving view.
    """
    props_view = unknown_checking_proxy(deserialize_properties(wire(props), for_remediation))
    options = PolicyResourceOptions(protect, [], None, [], PolicyCustomTimeouts(0, 0, 0), [], None)
    return ResourceValidationArgs(resource_type, props_view, f"urn:pulumi:test::test::{resource_type}::{name}",
                                  name, options, None, dict(config) if config else None, {})


def validate(policy: ResourceValidationPolicy, resource_type: str, props: Mapping[str, Any],
             **kwargs: Any) -> list[str]:
    """The messages ``policy.validate`` reports for these inputs (see :func:`validation_args`)."""
    messages: list[str] = []

    def report(message: str, urn: str | None = None) -> None:
        messages.append(message)

    policy.validate(validation_args(resource_type, props, **kwargs), report)
    return messages


def remediated(policy: ResourceValidationPolicy, resource_type: str, props: Mapping[str, Any],
               **kwargs: Any) -> dict[str, Any] | None:
    """What ``policy.remediate`` returns for these inputs, as plain dicts (``None``: no change)."""
    result = policy.remediate(validation_args(resource_type, props, for_remediation=True, **kwargs))
    return None if result is None else plain_copy(result)
