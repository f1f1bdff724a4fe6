"""The "no plaintext secrets" guardrail, and how it can tell a Pulumi secret from a plain string.

How secrets reach a Python policy (pulumi_policy 1.21, engine v3.259):

- The engine sends inputs to the analyzer *with* secret markers (``KeepSecrets: true``): a secret is
  ``{"4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", "value": ...}``.
- ``Analyze`` (validations) deserializes them with ``proxy_secrets=False``: the marker is dropped
  and ``args.props`` holds the bare value, so a validation alone cannot tell (pulumi-policy #241).
- ``Remediate`` deserializes with ``proxy_secrets=True``: ``args.props`` is a secrets-preserving
  view whose raw target (``props["__target"]``) keeps ``pulumi_policy.Secret`` wrappers, and a
  remediation that returns ``Secret(value)`` makes the engine store the value as a secret.

So :func:`install_secret_tracking` wraps the SDK's ``Analyze`` handler to note, per request and
thread, which input paths arrived marked secret; the validation consults that, and also honours
``Secret`` wrappers it finds in the props (remediation views, and unit tests). When neither source
of truth is there, the check stays silent rather than guess.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import pulumi_policy.policy as sdk_policy
from google.protobuf import json_format
from pulumi_policy import (
    EnforcementLevel,
    PolicyConfigSchema,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    Secret,
    Severity,
)
from pulumi_policy.deserialize import SPECIAL_SECRET_SIG, SPECIAL_SIG_KEY
from pulumi_policy.proxy import UnknownValueError, _is_unknown

from .common import CLIENT, REALM, ROLE, describe, plain_copy, preserving, raw

Path = tuple[str | int, ...]

# Input names (lower-cased, without '_', '-', '.') that hold credentials in our resources and in
# the Keycloak representations they pass through: Client.secret, Realm.smtp_server.password,
# identity-provider clientSecret, LDAP bindCredential, ...
SECRET_KEYS = frozenset({
    "secret", "clientsecret", "password", "bindcredential", "privatekey", "secretkey", "apikey",
    "accesstoken", "refreshtoken", "keystorepassword", "truststorepassword",
})

_TRACKED = threading.local()


def _normalize(key: str) -> str:
    return key.lower().replace("_", "").replace("-", "").replace(".", "")


def wire_secret_paths(wire: Any, path: Path = ()) -> set[Path]:
    """Paths of the values marked secret in the wire form of a property map."""
    found: set[Path] = set()
    if isinstance(wire, dict):
        if wire.get(SPECIAL_SIG_KEY) == SPECIAL_SECRET_SIG:
            return {path}
        for key, value in wire.items():
            found |= wire_secret_paths(value, (*path, key))
    elif isinstance(wire, list):
        for index, value in enumerate(wire):
            found |= wire_secret_paths(value, (*path, index))
    return found


def install_secret_tracking() -> bool:
    """Make the SDK's ``Analyze`` handler record which inputs arrived secret. Idempotent.

    Returns False if this pulumi_policy has no such handler (then secrets cannot be told apart in
    validations and the plaintext-secret check only acts in remediations).
    """
    servicer = getattr(sdk_policy, "_PolicyAnalyzerServicer", None)
    original = getattr(servicer, "Analyze", None)
    if servicer is None or original is None:
        return False
    if getattr(original, "_keycloak_guardrails_tracking", False):
        return True

    @functools.wraps(original)
    def analyze(self: Any, request: Any, context: Any) -> Any:
        _TRACKED.paths = wire_secret_paths(json_format.MessageToDict(request.properties))
        try:
            return original(self, request, context)
        finally:
            _TRACKED.paths = None

    analyze._keycloak_guardrails_tracking = True  # type: ignore[attr-defined]
    servicer.Analyze = analyze
    return True


def _tracked_paths() -> set[Path] | None:
    paths = getattr(_TRACKED, "paths", None)
    return paths if isinstance(paths, set) else None


def _walk(value: Any, path: Path, secret: bool) -> Iterator[tuple[Path, Any, bool]]:
    """``(path, value, is_marked_secret)`` of every leaf, skipping hidden ``__`` inputs."""
    value = raw(value)
    if isinstance(value, Secret):
        yield from _walk(value.value, path, True)
        return
    if isinstance(value, Mapping):
        for key in list(value):
            if isinstance(key, str) and key.startswith("__"):
                continue
            try:
                item = value[key]
            except UnknownValueError:
                continue
            yield from _walk(item, (*path, key), secret)
    elif isinstance(value, Sequence) and not isinstance(value, (str, bytes)):
        for index in range(len(value)):
            try:
                item = value[index]
            except UnknownValueError:
                continue
            yield from _walk(item, (*path, index), secret)
    else:
        yield path, value, secret


def _secret_key(path: Path, extra: frozenset[str]) -> bool:
    names = [p for p in path if isinstance(p, str)]
    return bool(names) and _normalize(names[-1]) in (SECRET_KEYS | extra)


def plaintext_secrets(args: ResourceValidationArgs) -> list[Path] | None:
    """Paths of credential inputs given as plain strings; ``None`` if secretness is unknowable."""
    tracked = _tracked_paths()
    props = raw(args.props)
    config = args.get_config() or {}
    extra = frozenset(_normalize(str(k)) for k in config.get("extraKeys", []) or [])
    leaves = list(_walk(props, (), False))
    # Evidence that this view of the inputs still carries secret markers: the Analyze hook ran, or
    # the SDK's secrets-preserving view (remediations), or any Secret wrapper at all (the hidden
    # `__provider` input of a dynamic resource is always secret).
    view_keeps_markers = (tracked is not None or _is_secrets_preserving(args.props)
                          or any(secret for _, _, secret in leaves) or _has_secret(props))
    if not view_keeps_markers:
        return None
    found = []
    for path, value, marked in leaves:
        if not isinstance(value, str) or not value or _is_unknown(value) or not _secret_key(path, extra):
            continue
        if marked or (tracked is not None and any(path[:n] in tracked for n in range(len(path) + 1))):
            continue
        found.append(path)
    return found


def _has_secret(props: Any) -> bool:
    return isinstance(props, Mapping) and any(isinstance(raw(props)[k], Secret) for k in raw(props))


def _is_secrets_preserving(props: Any) -> bool:
    return type(props).__name__ in ("_DictSecretsProxy", "_ListSecretsProxy")


def _show(path: Path) -> str:
    text = str(path[0])
    for part in path[1:]:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text


KINDS = {CLIENT: "Client", REALM: "Realm", ROLE: "Role"}


def _validate_plaintext(args: ResourceValidationArgs, report: ReportViolation) -> None:
    kind = KINDS.get(args.resource_type)
    if kind is None:
        return
    for path in plaintext_secrets(args) or []:
        report(f"{describe(args, kind)}: {_show(path)} is a plain string, so it is stored unencrypted "
               f"in the stack state and shown in diffs. Pass {_show(path)} as a Pulumi secret: read it "
               "with config.require_secret(...) or wrap it in pulumi.Output.secret(...).", None)


def _remediate_plaintext(args: ResourceValidationArgs) -> Mapping[str, Any] | None:
    if args.resource_type not in KINDS:
        return None
    paths = plaintext_secrets(args)
    if not paths:
        return None
    props = plain_copy(args.props)
    for path in paths:
        parent: Any = props
        for part in path[:-1]:
            parent = parent[part]
            if isinstance(parent, Secret):  # pragma: no cover - a secret's leaves are never reported
                break
        else:
            parent[path[-1]] = Secret(parent[path[-1]])
    return preserving(props)


no_plaintext_secrets = ResourceValidationPolicy(
    name="keycloak-no-plaintext-secrets",
    description="Credentials (client secret, SMTP password, ...) should be Pulumi secrets, "
                "not plain strings.",
    validate=_validate_plaintext,
    remediate=_remediate_plaintext,  # type: ignore[arg-type]  # the SDK accepts plain results too
    enforcement_level=EnforcementLevel.ADVISORY,
    severity=Severity.HIGH,
    tags=["keycloak", "secrets"],
    config_schema=PolicyConfigSchema(properties={
        "extraKeys": {"type": "array", "items": {"type": "string"}, "default": [],
                      "description": "More input names to treat as credentials."},
    }),
    remediation_steps="Read the value with config.require_secret(...) or wrap it in "
                      "pulumi.Output.secret(...); the remediation marks it secret for you.",
)
