"""Shared helpers of the Keycloak guardrails: type tokens, reading inputs, remediation copies, and
:func:`detector_policy`, the builder of the policies that find at most one problem per resource.

Policies see a resource's *inputs* (``args.props``) as the user declared them, in snake_case. A key
that is absent was not declared, so Keycloak's server default applies (see ``SERVER_DEFAULTS``).

During ``pulumi preview`` some inputs are unknown (computed from other resources). Reading them
through ``args.props`` raises ``UnknownValueError`` in validations; in remediations the SDK hands
over a secrets-preserving view that does not check for unknowns, so the raw sentinel strings show
up instead. :func:`read` turns both into :data:`UNKNOWN`, and every check skips unknown values.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final, TypeVar

from pulumi_policy import ResourceValidationPolicy, Secret
from pulumi_policy.proxy import UnknownValueError, _is_unknown
from pulumi_policy.secret import secrets_preserving_proxy

if TYPE_CHECKING:  # only in annotations
    from pulumi_policy import EnforcementLevel, PolicyConfigSchema, ReportViolation, ResourceValidationArgs, Severity

REALM: Final = "pulumi-python:dynamic/keycloak:Realm"
CLIENT: Final = "pulumi-python:dynamic/keycloak:Client"
ROLE: Final = "pulumi-python:dynamic/keycloak:Role"

PKCE_METHOD_ATTRIBUTE: Final = "pkce.code.challenge.method"

# What Keycloak 26 uses for inputs a user leaves out (checked against a 26.7 server: a client made
# through the admin API with only `clientId`, a realm with only `realm`/`enabled`).
SERVER_DEFAULTS: Final[dict[str, dict[str, Any]]] = {
    CLIENT: {
        "protocol": "openid-connect",
        "public_client": False,
        "bearer_only": False,
        "standard_flow_enabled": True,
        "implicit_flow_enabled": False,
        "direct_access_grants_enabled": False,
        "service_accounts_enabled": False,
        "full_scope_allowed": True,
        "client_authenticator_type": "client-secret",
    },
    REALM: {
        "ssl_required": "external",
        "brute_force_protected": False,
        "access_token_lifespan": 300,
        "sso_session_idle_timeout": 1800,
        "sso_session_max_lifespan": 36000,
        "password_policy": "",
    },
}


class _Marker:
    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


MISSING: Final = _Marker("MISSING")
"""The input was not declared by the user."""
UNKNOWN: Final = _Marker("UNKNOWN")
"""The input's value is not known yet (preview of a value computed from another resource)."""


def read(props: Any, *path: str | int) -> Any:
    """The input at ``path`` (secrets unwrapped), or :data:`MISSING` / :data:`UNKNOWN`."""
    current = props
    try:
        for key in path:
            if isinstance(current, Secret):
                current = current.value
            if _is_unknown(current):
                return UNKNOWN
            if isinstance(key, int):
                if not isinstance(current, Sequence) or isinstance(current, str) or key >= len(current):
                    return MISSING
            elif not isinstance(current, Mapping) or key not in current:
                return MISSING
            current = current[key]
    except UnknownValueError:
        return UNKNOWN
    if isinstance(current, Secret):
        current = current.value
    return UNKNOWN if _is_unknown(current) else current


def declared_or_default(props: Any, resource_type: str, key: str) -> tuple[Any, bool]:
    """``(value, declared)``: the declared input, else Keycloak's default for it."""
    value = read(props, key)
    if value is MISSING or value is None:
        return SERVER_DEFAULTS[resource_type].get(key), False
    return value, True


def as_bool(value: Any) -> bool | None:
    """Booleans as users write them (True, "true", 1); ``None`` when it is not a boolean."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value != 0
    if isinstance(value, str):
        lowered = value.strip().lower()
        if lowered in ("true", "1", "yes", "on"):
            return True
        if lowered in ("false", "0", "no", "off", ""):
            return False
    return None


def flag(props: Any, resource_type: str, key: str) -> tuple[bool | None, bool] | None:
    """A boolean input with its default: ``(value, declared)``, or ``None`` if unknown/unreadable."""
    value, declared = declared_or_default(props, resource_type, key)
    if value is UNKNOWN:
        return None
    parsed = as_bool(value)
    return None if parsed is None else (parsed, declared)


def as_int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        try:
            return int(value.strip())
        except ValueError:
            return None
    return None


def string_list(props: Any, key: str) -> Iterator[tuple[int, str]]:
    """``(index, value)`` of the known string items of a list input (unknown items skipped)."""
    value = read(props, key)
    if value is MISSING or value is UNKNOWN or value is None:
        return
    if isinstance(value, str):  # a single value where a list was expected: check it all the same
        yield 0, value
        return
    if not isinstance(value, Sequence):
        return
    for index in range(len(value)):
        item = read(value, index)
        if isinstance(item, str):
            yield index, item


def describe(args: Any, kind: str) -> str:
    """How a message names the resource: ``Client 'web-app'``."""
    return f"{kind} '{args.name}'" if getattr(args, "name", "") else kind


def config_value(args: Any, key: str, default: Any) -> Any:
    """A policy config property; the defaults here match the config schema's defaults."""
    config = args.get_config() or {}
    value = config.get(key, default)
    return default if value is None else value


# ---------------------------------------------------------------------------- remediations
def raw(value: Any) -> Any:
    """The SDK proxies' underlying object (secret markers kept), or the value itself."""
    if isinstance(value, (Mapping, Sequence)) and not isinstance(value, (str, bytes)):
        try:
            return value["__target"]  # type: ignore[call-overload,index,unused-ignore]
        except (KeyError, TypeError, IndexError, UnknownValueError):
            return value
    return value


def plain_copy(value: Any) -> Any:
    """A deep copy made of dicts and lists (proxies unwrapped, ``Secret`` markers kept)."""
    value = raw(value)
    if isinstance(value, _Marker):
        return value
    if isinstance(value, Secret):
        return Secret(plain_copy(value.value))
    if isinstance(value, Mapping):
        return {key: plain_copy(value[key]) for key in value}
    if isinstance(value, Sequence) and not isinstance(value, (str, bytes)):
        return [plain_copy(item) for item in value]
    return copy.copy(value)


def with_changes(args: Any, changes: Mapping[str, Any]) -> Mapping[str, Any]:
    """All inputs of the resource (hidden ones included) with ``changes`` applied on top.

    A remediation's result replaces *all* of the resource's inputs, so everything else,
    including the dynamic provider's hidden ``__provider`` input and secret markers, is kept. It is
    returned in the SDK's secrets-preserving view, as the next remediation gets it as its input.
    """
    props = plain_copy(args.props)
    assert isinstance(props, dict)
    for key, value in changes.items():
        old = props.get(key)
        props[key] = Secret(value) if isinstance(old, Secret) and not isinstance(value, Secret) else value
    return preserving(props)


def preserving(props: dict[str, Any]) -> Mapping[str, Any]:
    """``props`` in the secrets-preserving view the SDK uses for remediations."""
    view = secrets_preserving_proxy(props)
    assert isinstance(view, Mapping)
    return view


def with_attribute(args: Any, name: str, value: Any) -> Mapping[str, Any] | None:
    """Inputs with ``attributes[name] = value``; ``None`` if ``attributes`` is unknown."""
    current = plain_copy(read_raw(args.props, "attributes"))
    if current is UNKNOWN:
        return None
    secret = isinstance(current, Secret)
    attributes = current.value if secret else current
    if attributes is MISSING or attributes is None:
        attributes = {}
    if not isinstance(attributes, dict):
        return None
    attributes[name] = value
    return with_changes(args, {"attributes": Secret(attributes) if secret else attributes})


def read_raw(props: Any, key: str) -> Any:
    """The input ``key`` without unwrapping a secret marker (``MISSING``/``UNKNOWN`` as in :func:`read`)."""
    target = raw(props)
    try:
        if not isinstance(target, Mapping) or key not in target:
            return MISSING
        value = target[key]
    except UnknownValueError:
        return UNKNOWN
    inner = value.value if isinstance(value, Secret) else value
    return UNKNOWN if _is_unknown(inner) else value


# ---------------------------------------------------------------------------- policies
Problem = TypeVar("Problem")


def detector_policy(
    *,
    name: str,
    description: str,
    detect: Callable[[ResourceValidationArgs], Problem | None],
    message: Callable[[ResourceValidationArgs, Problem], str],
    fix: Callable[[ResourceValidationArgs, Problem], Mapping[str, Any] | None] | None = None,
    enforcement_level: EnforcementLevel,
    severity: Severity,
    tags: list[str],
    remediation_steps: str,
    config_schema: PolicyConfigSchema | None = None,
) -> ResourceValidationPolicy:
    """A policy that finds at most one problem in a resource, reports it and, with ``fix``, remediates it.

    ``detect(args)`` returns the problem (a phrase for the message, or the values the message and
    the fix need), or ``None`` when the resource passes or cannot be judged (another resource
    type, unknown inputs). ``message(args, problem)`` is the violation's text; ``fix(args, problem)``
    the resource's new inputs (``None``: leave them). Validation and remediation both go through
    ``detect``, so they always agree on what is a violation.
    """

    def validate(args: ResourceValidationArgs, report: ReportViolation) -> None:
        problem = detect(args)
        if problem is not None:
            report(message(args, problem), None)

    def remediate(args: ResourceValidationArgs) -> Mapping[str, Any] | None:
        problem = detect(args)
        if problem is None or fix is None:
            return None
        return fix(args, problem)

    return ResourceValidationPolicy(
        name=name,
        description=description,
        validate=validate,
        # The SDK types remediations as returning an Awaitable, but it takes a plain mapping as well.
        remediate=remediate if fix is not None else None,  # type: ignore[arg-type]
        enforcement_level=enforcement_level,
        severity=severity,
        tags=tags,
        config_schema=config_schema,
        remediation_steps=remediation_steps,
    )
