"""check() of identity providers and their mappers, from the program alone (no API call).

What the server offers is only known at ``up``: an unknown ``provider_id`` is refused there with
the server's own list, a mapper type that does not fit with the provider's list of mapper types.
In preview, a close misspelling of a built-in provider id is refused (a custom provider SPI may
use any other id), as are the URLs and settings an OIDC or SAML provider cannot work without.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ...engine.checks import contains_unknown, is_unknown, suggest, url_problem
from ...engine.fields import is_sensitive_key

#: Provider ids Keycloak 26.0-26.7 offers out of the box (serverinfo ``identityProviders``).
BUILTIN_PROVIDERS = (
    "oidc", "keycloak-oidc", "saml", "oauth2", "bitbucket", "facebook", "github", "gitlab", "google", "instagram",
    "linkedin-openid-connect", "microsoft", "openshift-v3", "openshift-v4", "paypal", "stackoverflow", "twitter",
    "kubernetes", "jwt-authorization-grant",
)
OIDC_PROVIDERS = ("oidc", "keycloak-oidc")
#: Config keys holding absolute URLs.
URL_KEYS = (
    "authorizationUrl", "tokenUrl", "userInfoUrl", "jwksUrl", "logoutUrl", "metadataDescriptorUrl",
    "singleSignOnServiceUrl", "singleLogoutServiceUrl", "artifactResolutionServiceUrl",
)
#: Mapper types that only fit OIDC providers (and the social ones built on OIDC/OAuth 2).
OIDC_MAPPERS = (
    "oidc-advanced-group-idp-mapper", "oidc-advanced-role-idp-mapper", "oidc-role-idp-mapper",
    "oidc-user-attribute-idp-mapper", "oidc-user-session-note-idp-mapper", "oidc-username-idp-mapper",
)


def _known_str(value: Any) -> str | None:
    return value if isinstance(value, str) and not is_unknown(value) else None


def check_identity_provider(inputs: Mapping[str, Any]) -> list[tuple[str, str]]:
    failures = _check_identity_provider(inputs)
    config = inputs.get("config")
    if isinstance(config, dict) and any(is_sensitive_key(k) for k in config):
        # The engine prints a failing property's whole value ("property config value {...}"), secrets
        # included: name no property (each message names its config key itself).
        failures = [("" if prop == "config" else prop, reason) for prop, reason in failures]
    return failures


def _check_identity_provider(inputs: Mapping[str, Any]) -> list[tuple[str, str]]:
    failures: list[tuple[str, str]] = []
    provider = _known_str(inputs.get("provider_id"))
    if provider and provider not in BUILTIN_PROVIDERS:
        hint = suggest(provider, list(BUILTIN_PROVIDERS))
        if hint:
            failures.append(("provider_id", f"'provider_id' {provider!r} is not a Keycloak provider{hint}"))
    config = inputs.get("config")
    if isinstance(config, dict) and "clientSecret" in config and inputs.get("client_secret") is not None:
        failures.append(("client_secret", "client_secret is given twice (also as config['clientSecret']); keep one"))
    if not isinstance(config, dict):
        if provider in OIDC_PROVIDERS or provider == "saml":
            failures.append(("config", _missing(provider, config)))
        return failures
    for key in URL_KEYS + (("issuer",) if provider in OIDC_PROVIDERS else ()):
        value = _known_str(config.get(key))
        if value:
            problem = url_problem(value, "absolute")
            if problem:
                failures.append(("config", f"config['{key}'] {value!r} {problem}"))
    if contains_unknown(config):
        return failures
    if provider in OIDC_PROVIDERS and not (config.get("authorizationUrl") and config.get("tokenUrl")):
        failures.append(("config", _missing(provider, config)))
    if provider in OIDC_PROVIDERS and not config.get("clientId"):
        failures.append(("config", f"an '{provider}' identity provider needs config['clientId'] (its client at "
                         "the upstream provider)"))
    if provider == "saml" and not config.get("singleSignOnServiceUrl"):
        failures.append(("config", _missing(provider, config)))
    return failures


def _missing(provider: str | None, config: Any) -> str:
    if provider == "saml":
        return ("a 'saml' identity provider needs config['singleSignOnServiceUrl'] (the upstream IdP's SSO URL, "
                "from its SAML metadata)")
    issuer = config.get("issuer") if isinstance(config, dict) else None
    where = f" from {issuer}/.well-known/openid-configuration" if isinstance(issuer, str) else (
        " from the issuer's /.well-known/openid-configuration")
    return (f"an '{provider}' identity provider needs config['authorizationUrl'] and config['tokenUrl'] "
            f"(copy authorization_endpoint and token_endpoint{where}; Keycloak does not read the discovery "
            "document itself)")


def check_mapper_fits(mapper_type: Any, provider: Any) -> list[tuple[str, str]]:
    """A mapper type that cannot work with the provider's protocol (when both are known)."""
    kind, prov = _known_str(mapper_type), _known_str(provider)
    if not kind or not prov:
        return []
    if kind.startswith("saml-") and prov != "saml":
        return [("identity_provider_mapper", f"mapper type {kind!r} is for SAML identity providers; "
                 f"identity provider type {prov!r} needs an oidc-* or hardcoded-* mapper")]
    if kind in OIDC_MAPPERS and prov == "saml":
        return [("identity_provider_mapper", f"mapper type {kind!r} is for OpenID Connect identity providers; "
                 "a 'saml' provider needs a saml-* or hardcoded-* mapper (e.g. 'saml-user-attribute-idp-mapper')")]
    return []
