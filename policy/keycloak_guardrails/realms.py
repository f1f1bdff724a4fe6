"""Guardrails for Keycloak realms (``pulumi-python:dynamic/keycloak:Realm``)."""

from __future__ import annotations

import re

from pulumi_policy import (
    EnforcementLevel,
    PolicyConfigSchema,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    Severity,
)

from .common import (
    REALM,
    UNKNOWN,
    as_int,
    config_value,
    declared_or_default,
    describe,
    detector_policy,
    flag,
    with_changes,
)

TAGS = ["keycloak", "realm"]


def _realm(args: ResourceValidationArgs) -> str | None:
    return describe(args, "Realm") if args.resource_type == REALM else None


# ---------------------------------------------------------------------------- TLS
SSL_ORDER = {"none": 0, "external": 1, "all": 2}


def _ssl_problem(args: ResourceValidationArgs) -> tuple[str, str] | None:
    """``(current, wanted)`` when ssl_required is weaker than the configured minimum."""
    if args.resource_type != REALM:
        return None
    value, _ = declared_or_default(args.props, REALM, "ssl_required")
    if value is UNKNOWN or not isinstance(value, str):
        return None
    wanted = str(config_value(args, "minimum", "external"))
    if SSL_ORDER.get(value.lower(), 0) < SSL_ORDER.get(wanted, 1):
        return value, wanted
    return None


ssl_required = detector_policy(
    name="keycloak-realm-ssl-required",
    description="Realms must require TLS (ssl_required must not be 'none').",
    detect=_ssl_problem,
    message=lambda args, problem: (
        f"{_realm(args)}: ssl_required is '{problem[0]}': logins, codes and tokens may travel over "
        f"plain http. Set ssl_required='{problem[1]}' ('external' requires TLS for all but "
        "private-network addresses, 'all' for every request) (RFC 9700 §2.6; RFC 6749 §10.9)."),
    fix=lambda args, problem: with_changes(args, {"ssl_required": problem[1]}),
    enforcement_level=EnforcementLevel.MANDATORY,
    severity=Severity.HIGH,
    tags=TAGS,
    config_schema=PolicyConfigSchema(properties={
        "minimum": {"type": "string", "enum": ["external", "all"], "default": "external",
                    "description": "The weakest ssl_required accepted."},
    }),
    remediation_steps="Set ssl_required='external' or 'all' (the remediation sets the configured minimum).",
)


# ---------------------------------------------------------------------------- brute force
def _brute_force_problem(args: ResourceValidationArgs) -> str | None:
    """How brute-force detection is off (declared false or left at the default), or ``None``."""
    if args.resource_type != REALM:
        return None
    result = flag(args.props, REALM, "brute_force_protected")
    if result is None or result[0] is not False:
        return None
    how = "is false" if result[1] else "is not declared (Keycloak's default is false)"
    return f"brute_force_protected {how}"


brute_force_protection = detector_policy(
    name="keycloak-realm-brute-force-protection",
    description="Realms must turn on brute-force detection.",
    detect=_brute_force_problem,
    message=lambda args, problem: (
        f"{_realm(args)}: {problem}: passwords can be guessed without limit. Set "
        "brute_force_protected=True (Keycloak then locks accounts out temporarily after repeated "
        "login failures)."),
    fix=lambda args, _: with_changes(args, {"brute_force_protected": True}),
    enforcement_level=EnforcementLevel.MANDATORY,
    severity=Severity.HIGH,
    tags=TAGS,
    remediation_steps="Set brute_force_protected=True (the remediation does this).",
)


# ---------------------------------------------------------------------------- lifespans
LIFESPANS = {
    # input → (config property, default maximum in seconds, what it bounds, reference)
    "access_token_lifespan": ("maxAccessTokenLifespan", 900, "a stolen access token stays usable",
                              "RFC 6819 §5.1.5.3"),
    "sso_session_idle_timeout": ("maxSsoSessionIdleTimeout", 7200,
                                 "an abandoned session and its refresh tokens stay usable",
                                 "RFC 9700 §4.14"),
    "sso_session_max_lifespan": ("maxSsoSessionMaxLifespan", 86400,
                                 "a session and its refresh tokens stay usable",
                                 "RFC 9700 §4.14"),
}


def _validate_lifespans(args: ResourceValidationArgs, report: ReportViolation) -> None:
    who = _realm(args)
    if who is None:
        return
    for key, (option, default_max, risk, ref) in LIFESPANS.items():
        value, declared = declared_or_default(args.props, REALM, key)
        seconds = None if value is UNKNOWN else as_int(value)
        limit = as_int(config_value(args, option, default_max))
        if seconds is None or limit is None:
            continue
        note = "" if declared else " (not declared: Keycloak's default)"
        if seconds <= 0:
            report(f"{who}: {key} is {seconds}{note}: not a bounded lifespan. Set {key} to a positive "
                   f"number of seconds, at most {limit} ({ref}).", None)
        elif seconds > limit:
            report(f"{who}: {key} is {seconds}s{note}, above the maximum of {limit}s: {risk} that long. "
                   f"Set {key} <= {limit} (policy config '{option}') ({ref}).", None)


token_lifespans = ResourceValidationPolicy(
    name="keycloak-realm-token-lifespans",
    description="Realm access-token and SSO-session lifespans must stay within bounds.",
    validate=_validate_lifespans,
    enforcement_level=EnforcementLevel.MANDATORY,
    severity=Severity.MEDIUM,
    tags=TAGS,
    config_schema=PolicyConfigSchema(properties={
        option: {"type": "integer", "minimum": 1, "default": default_max,
                 "description": f"Largest accepted {key}, in seconds."}
        for key, (option, default_max, _, _) in LIFESPANS.items()
    }),
    remediation_steps="Lower the lifespans, or raise the bounds in the policy config.",
)


# ---------------------------------------------------------------------------- password policy
_POLICY_ITEM = re.compile(r"([A-Za-z][\w-]*)\s*(?:\(([^)]*)\))?")


def parse_password_policy(text: str) -> dict[str, str]:
    """Keycloak's policy string (``length(12) and notUsername(undefined)``) as ``{name: argument}``."""
    items: dict[str, str] = {}
    for part in re.split(r"\s+and\s+", text.strip()):
        match = _POLICY_ITEM.fullmatch(part.strip())
        if match:
            items[match.group(1)] = (match.group(2) or "").strip()
    return items


def _password_policy_problems(args: ResourceValidationArgs) -> list[str]:
    value, declared = declared_or_default(args.props, REALM, "password_policy")
    if value is UNKNOWN:
        return []
    min_length = as_int(config_value(args, "minLength", 12)) or 12
    required = [str(r) for r in config_value(args, "requiredPolicies", ["notUsername"])]
    items = parse_password_policy(value if isinstance(value, str) else "")
    if not items:
        state = "is empty" if declared else "is not declared (Keycloak then has no password policy)"
        suggestion = " and ".join([f"length({min_length})", *required])
        return [f"password_policy {state}: set e.g. password_policy='{suggestion}'"]
    problems = []
    length = as_int(items.get("length", "")) if "length" in items else None
    if length is None:
        problems.append(f"password_policy has no length(...) rule: add 'length({min_length})'")
    elif length < min_length:
        problems.append(f"password_policy has length({length}), below the minimum {min_length}: "
                        f"use 'length({min_length})' or more")
    for name in required:
        if name not in items:
            problems.append(f"password_policy lacks '{name}': add ' and {name}'")
    return problems


def _validate_password_policy(args: ResourceValidationArgs, report: ReportViolation) -> None:
    who = _realm(args)
    if who is None:
        return
    for problem in _password_policy_problems(args):
        report(f"{who}: {problem} (NIST SP 800-63B §5.1.1.2).", None)


password_policy = ResourceValidationPolicy(
    name="keycloak-realm-password-policy",
    description="Realms must have a password policy with a minimum length.",
    validate=_validate_password_policy,
    enforcement_level=EnforcementLevel.MANDATORY,
    severity=Severity.MEDIUM,
    tags=TAGS,
    config_schema=PolicyConfigSchema(properties={
        "minLength": {"type": "integer", "minimum": 1, "default": 12,
                      "description": "Smallest accepted length(N)."},
        "requiredPolicies": {"type": "array", "items": {"type": "string"}, "default": ["notUsername"],
                             "description": "Keycloak password policy names that must be present."},
    }),
    remediation_steps="Set password_policy, e.g. 'length(12) and notUsername'.",
)


# ---------------------------------------------------------------------------- protect
def _unprotected(args: ResourceValidationArgs) -> str | None:
    if args.resource_type != REALM or args.opts is None or args.opts.protect:
        return None
    return "the resource is not protected"


protected = detector_policy(
    name="keycloak-realm-protected",
    description="Realms should be protected against deletion (protect=True).",
    detect=_unprotected,
    message=lambda args, problem: (
        f"{_realm(args)}: {problem}, and deleting a realm deletes every client, user, role and group "
        "in it. Pass opts=pulumi.ResourceOptions(protect=True)."),
    enforcement_level=EnforcementLevel.ADVISORY,
    severity=Severity.MEDIUM,
    tags=TAGS,
    remediation_steps="Add protect=True to the realm's ResourceOptions.",
)


REALM_POLICIES = [
    ssl_required,
    brute_force_protection,
    token_lifespans,
    password_policy,
    protected,
]
