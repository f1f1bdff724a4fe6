"""Guardrails for Keycloak clients (``pulumi-python:dynamic/keycloak:Client``).

Grounded in RFC 9700 (OAuth 2.0 Security Best Current Practice); section numbers are in the
messages and in ``policy/README.md``.
"""

from __future__ import annotations

from typing import Any

from pulumi_policy import (
    EnforcementLevel,
    PolicyConfigSchema,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    Severity,
)

from .common import (
    CLIENT,
    PKCE_METHOD_ATTRIBUTE,
    UNKNOWN,
    config_value,
    declared_or_default,
    describe,
    detector_policy,
    flag,
    read,
    string_list,
    with_attribute,
    with_changes,
)
from .urls import http_url_problem, redirect_uri_problems, web_origin_problems

TAGS = ["keycloak", "oauth2", "rfc9700"]


def _client(args: ResourceValidationArgs) -> str | None:
    return describe(args, "Client") if args.resource_type == CLIENT else None


def _is_true(args: ResourceValidationArgs, key: str) -> bool | None:
    """The boolean input (or Keycloak's default for it); ``None`` when unknown."""
    result = flag(args.props, CLIENT, key)
    return None if result is None else result[0]


def _is_saml(args: ResourceValidationArgs) -> bool | None:
    protocol, _ = declared_or_default(args.props, CLIENT, "protocol")
    return None if protocol is UNKNOWN else protocol == "saml"


def _default_note(declared: bool, default: Any) -> str:
    return "" if declared else f" (not declared, so Keycloak's default {default!r} applies)"


# ---------------------------------------------------------------------------- redirect URIs
def _validate_redirect_uris(args: ResourceValidationArgs, report: ReportViolation) -> None:
    who = _client(args)
    if who is None:
        return
    allow_path_wildcard = bool(config_value(args, "allowPathWildcard", True))
    for index, uri in string_list(args.props, "redirect_uris"):
        for problem in redirect_uri_problems(uri, allow_path_wildcard=allow_path_wildcard):
            report(f"{who}: redirect_uris[{index}] = '{uri}': {problem}. Register the exact https URI "
                   "of the callback, e.g. 'https://app.example.com/callback' "
                   "(http only for localhost/127.0.0.1/[::1]; RFC 9700 §2.1, §2.6, §4.1).", None)
    root_url = read(args.props, "root_url")
    if isinstance(root_url, str) and root_url:
        url_problem = http_url_problem(root_url)
        if url_problem:
            report(f"{who}: root_url = '{root_url}': {url_problem}. Use an https URL "
                   "(RFC 9700 §2.6).", None)


redirect_uris = ResourceValidationPolicy(
    name="keycloak-client-redirect-uris",
    description="Client redirect URIs must be exact https URIs: no bare '*', no wildcard host, "
                "no plain http except loopback.",
    validate=_validate_redirect_uris,
    enforcement_level=EnforcementLevel.MANDATORY,
    severity=Severity.CRITICAL,
    tags=TAGS,
    config_schema=PolicyConfigSchema(properties={
        "allowPathWildcard": {
            "type": "boolean", "default": True,
            "description": "Accept Keycloak's trailing '/*' path wildcard. Set false to require "
                           "exact matching as RFC 9700 §2.1 asks.",
        },
    }),
    remediation_steps="List each callback URI exactly, with https (http only for loopback hosts).",
)


# ---------------------------------------------------------------------------- web origins
def _validate_web_origins(args: ResourceValidationArgs, report: ReportViolation) -> None:
    who = _client(args)
    if who is None:
        return
    for index, origin in string_list(args.props, "web_origins"):
        for problem in web_origin_problems(origin):
            report(f"{who}: web_origins[{index}] = '{origin}': {problem}. Use '+' (the origins of "
                   "the redirect URIs) or exact https origins such as 'https://app.example.com'.", None)


web_origins = ResourceValidationPolicy(
    name="keycloak-client-web-origins",
    description="Client web origins (CORS) must not be '*', a wildcard host or plain http except loopback.",
    validate=_validate_web_origins,
    enforcement_level=EnforcementLevel.MANDATORY,
    severity=Severity.HIGH,
    tags=TAGS,
    remediation_steps="Use '+' or list the exact https origins of the application.",
)


# ---------------------------------------------------------------------------- implicit flow
def _implicit_problem(args: ResourceValidationArgs) -> str | None:
    if args.resource_type == CLIENT and _is_true(args, "implicit_flow_enabled") is True:
        return "implicit_flow_enabled is true"
    return None


no_implicit_flow = detector_policy(
    name="keycloak-client-no-implicit-flow",
    description="Clients must not enable the implicit flow.",
    detect=_implicit_problem,
    message=lambda args, problem: (
        f"{_client(args)}: {problem}: tokens are returned in the browser's URL where they leak and "
        "can be injected. Set implicit_flow_enabled=False and use the authorization code flow with "
        "PKCE (RFC 9700 §2.1.2)."),
    fix=lambda args, _: with_changes(args, {"implicit_flow_enabled": False}),
    enforcement_level=EnforcementLevel.MANDATORY,
    severity=Severity.HIGH,
    tags=TAGS,
    remediation_steps="Set implicit_flow_enabled=False (the remediation does this).",
)


# ---------------------------------------------------------------------------- password grant
def _password_grant_problem(args: ResourceValidationArgs) -> str | None:
    """The kind of client (``"a public client"``) that may not use the password grant, or ``None``."""
    if args.resource_type != CLIENT or _is_true(args, "direct_access_grants_enabled") is not True:
        return None
    public = _is_true(args, "public_client") is True
    if not public and bool(config_value(args, "publicClientsOnly", True)):
        return None
    return "a public client" if public else "a client"


no_password_grant = detector_policy(
    name="keycloak-client-no-password-grant",
    description="Public clients must not enable the resource owner password grant (direct access grants).",
    detect=_password_grant_problem,
    message=lambda args, kind: (
        f"{_client(args)}: direct_access_grants_enabled is true on {kind}: the resource owner "
        "password grant hands the user's password to the application and bypasses MFA. Set "
        "direct_access_grants_enabled=False and use the authorization code flow with PKCE "
        "(RFC 9700 §2.4)."),
    fix=lambda args, _: with_changes(args, {"direct_access_grants_enabled": False}),
    enforcement_level=EnforcementLevel.MANDATORY,
    severity=Severity.HIGH,
    tags=TAGS,
    config_schema=PolicyConfigSchema(properties={
        "publicClientsOnly": {
            "type": "boolean", "default": True,
            "description": "Check public clients only. Set false to forbid the password grant on "
                           "every client, as RFC 9700 §2.4 does.",
        },
    }),
    remediation_steps="Set direct_access_grants_enabled=False (the remediation does this).",
)


# ---------------------------------------------------------------------------- PKCE
def _pkce_problem(args: ResourceValidationArgs) -> str | None:
    """Why this public client needs PKCE S256, or ``None`` if it does not (or we cannot tell)."""
    if args.resource_type != CLIENT:
        return None
    if (_is_true(args, "public_client") is not True or _is_true(args, "bearer_only") is not False
            or _is_true(args, "standard_flow_enabled") is not True or _is_saml(args) is not False):
        return None
    method = read(args.props, "attributes", PKCE_METHOD_ATTRIBUTE)
    if method is UNKNOWN or read(args.props, "attributes") is UNKNOWN:
        return None
    if isinstance(method, str) and method == "S256":
        return None
    if isinstance(method, str) and method:
        return f"attributes['{PKCE_METHOD_ATTRIBUTE}'] is '{method}'"
    return f"attributes['{PKCE_METHOD_ATTRIBUTE}'] is not set"


pkce_s256 = detector_policy(
    name="keycloak-client-pkce-s256",
    description="Public clients using the authorization code flow must require PKCE with S256.",
    detect=_pkce_problem,
    message=lambda args, problem: (
        f"{_client(args)}: public client with the standard flow but {problem}: without PKCE a "
        "stolen or injected authorization code can be redeemed. Set "
        f"attributes={{'{PKCE_METHOD_ATTRIBUTE}': 'S256'}} (RFC 9700 §2.1.1, §4.8; RFC 7636)."),
    fix=lambda args, _: with_attribute(args, PKCE_METHOD_ATTRIBUTE, "S256"),
    enforcement_level=EnforcementLevel.MANDATORY,
    severity=Severity.HIGH,
    tags=TAGS,
    remediation_steps=f"Set attributes['{PKCE_METHOD_ATTRIBUTE}'] = 'S256' (the remediation does this, "
                      "keeping the other attributes).",
)


# ---------------------------------------------------------------------------- client authentication
DEFAULT_STRONG_AUTHENTICATORS = ["client-jwt", "client-x509"]


def _authenticator_problem(args: ResourceValidationArgs) -> str | None:
    """``client_authenticator_type is '...'`` when a confidential client uses a weak authenticator."""
    if args.resource_type != CLIENT or _is_true(args, "public_client") is not False:
        return None
    if _is_true(args, "bearer_only") is not False or _is_saml(args) is not False:
        return None
    kind, declared = declared_or_default(args.props, CLIENT, "client_authenticator_type")
    if kind is UNKNOWN:
        return None
    allowed = [str(a) for a in config_value(args, "allowedAuthenticators", DEFAULT_STRONG_AUTHENTICATORS)]
    if str(kind) in allowed:
        return None
    return f"client_authenticator_type is '{kind}'{_default_note(declared, kind)}"


asymmetric_authentication = detector_policy(
    name="keycloak-client-asymmetric-authentication",
    description="Confidential clients should authenticate with a key pair (client-jwt or client-x509), "
                "not a shared secret.",
    detect=_authenticator_problem,
    message=lambda args, problem: (
        f"{_client(args)}: {problem}: a shared secret can leak from either side and be replayed. "
        "Prefer client_authenticator_type='client-jwt' (signed JWT with the client's private key, "
        "RFC 7523) or 'client-x509' (mutual TLS, RFC 8705) (RFC 9700 §2.5)."),
    enforcement_level=EnforcementLevel.ADVISORY,
    severity=Severity.LOW,
    tags=TAGS,
    config_schema=PolicyConfigSchema(properties={
        "allowedAuthenticators": {
            "type": "array", "items": {"type": "string"}, "default": DEFAULT_STRONG_AUTHENTICATORS,
            "description": "client_authenticator_type values that pass.",
        },
    }),
    remediation_steps="Set client_authenticator_type='client-jwt' and register the client's public "
                      "key (attributes 'use.jwks.url'/'jwks.url' or a certificate).",
)


# ---------------------------------------------------------------------------- full scope
def _full_scope_problem(args: ResourceValidationArgs) -> str | None:
    if args.resource_type != CLIENT or _is_true(args, "bearer_only") is not False:
        return None
    result = flag(args.props, CLIENT, "full_scope_allowed")
    if result is None or result[0] is not True:
        return None
    note = "" if result[1] else " (not declared, so Keycloak's default true applies)"
    return f"full_scope_allowed is true{note}"


full_scope_disabled = detector_policy(
    name="keycloak-client-full-scope-disabled",
    description="Clients should not put all of a user's roles in their tokens (full_scope_allowed).",
    detect=_full_scope_problem,
    message=lambda args, problem: (
        f"{_client(args)}: {problem}: its tokens carry every role of the user, for every client. "
        "Set full_scope_allowed=False and map only the roles this client needs through its scope "
        "(RFC 9700 §2.3)."),
    enforcement_level=EnforcementLevel.ADVISORY,
    severity=Severity.LOW,
    tags=TAGS,
    remediation_steps="Set full_scope_allowed=False and add the needed roles to the client's scope.",
)


CLIENT_POLICIES = [
    redirect_uris,
    web_origins,
    no_implicit_flow,
    no_password_grant,
    pkce_s256,
    asymmetric_authentication,
    full_scope_disabled,
]
