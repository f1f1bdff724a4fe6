"""Client guardrails of the keycloak-guardrails pack, through pulumi_policy's validation API.

Each policy is called with ``ResourceValidationArgs`` built the way pulumi_policy's analyzer
builds them from the engine's request (``harness.validation_args``); no server is needed.
"""

from __future__ import annotations

from typing import Any

import pytest
from pulumi_policy import Secret
from pulumi_policy.proxy import UNKNOWN_BOOLEAN_VALUE, UNKNOWN_OBJECT_VALUE, UNKNOWN_STRING_VALUE

from policy.keycloak_guardrails import CLIENT, REALM, clients
from policy.keycloak_guardrails.harness import remediated, validate
from policy.keycloak_guardrails.urls import redirect_uri_problems, web_origin_problems

SPA: dict[str, Any] = {
    "realm": "shop",
    "client_id": "spa",
    "public_client": True,
    "redirect_uris": ["https://app.example.com/callback"],
    "web_origins": ["+"],
    "attributes": {"pkce.code.challenge.method": "S256"},
    "full_scope_allowed": False,
    "__provider": Secret("opaque-pickled-provider"),
}

BACKEND: dict[str, Any] = {
    "realm": "shop",
    "client_id": "orders",
    "public_client": False,
    "client_authenticator_type": "client-jwt",
    "service_accounts_enabled": True,
    "standard_flow_enabled": False,
    "full_scope_allowed": False,
}


def client(base: dict[str, Any] = SPA, **changes: Any) -> dict[str, Any]:
    return {**base, **changes}


@pytest.mark.parametrize("policy", clients.CLIENT_POLICIES, ids=lambda p: p.name)
@pytest.mark.parametrize("props", [SPA, BACKEND], ids=["spa", "backend"])
def test_secure_clients_pass_every_client_policy(policy: Any, props: dict[str, Any]) -> None:
    assert validate(policy, CLIENT, props) == []


@pytest.mark.parametrize("policy", clients.CLIENT_POLICIES, ids=lambda p: p.name)
def test_client_policies_ignore_other_resource_types(policy: Any) -> None:
    insecure_public = client(implicit_flow_enabled=True, direct_access_grants_enabled=True,
                             redirect_uris=["*"], web_origins=["*"], attributes={}, full_scope_allowed=True)
    insecure_confidential = client(BACKEND, client_authenticator_type="client-secret")
    assert validate(policy, REALM, insecure_public) == validate(policy, REALM, insecure_confidential) == []
    assert validate(policy, CLIENT, insecure_public) or validate(policy, CLIENT, insecure_confidential)


# ---------------------------------------------------------------------------- redirect URIs
@pytest.mark.parametrize(("uri", "fragment"), [
    ("*", "bare '*'"),
    ("https://*.example.com/callback", "wildcard in the host"),
    ("https://*", "wildcard in the host"),
    ("http://app.example.com/callback", "plain http"),
    ("HTTP://app.example.com/callback", "plain http"),
    ("http://10.0.0.5:8080/cb", "plain http"),
    ("https://app.example.com/a*b", "end of the path"),
])
def test_redirect_uri_violations_name_the_field_and_the_fix(uri: str, fragment: str) -> None:
    messages = validate(clients.redirect_uris, CLIENT, client(redirect_uris=["https://ok.example.com/cb", uri]))
    assert len(messages) == 1
    assert f"redirect_uris[1] = '{uri}'" in messages[0]
    assert fragment in messages[0]
    assert "exact https URI" in messages[0] and "RFC 9700" in messages[0]


@pytest.mark.parametrize("uri", [
    "http://localhost:3000/callback", "http://127.0.0.1/cb", "http://[::1]:8400/cb",
    "https://app.example.com/*", "/callback", "com.example.app:/oauth2redirect",
])
def test_redirect_uris_allowed(uri: str) -> None:
    assert validate(clients.redirect_uris, CLIENT, client(redirect_uris=[uri])) == []


def test_path_wildcard_can_be_forbidden_by_config() -> None:
    props = client(redirect_uris=["https://app.example.com/*"])
    messages = validate(clients.redirect_uris, CLIENT, props, config={"allowPathWildcard": False})
    assert len(messages) == 1 and "exact match" in messages[0]


def test_plain_http_root_url_is_flagged() -> None:
    messages = validate(clients.redirect_uris, CLIENT, client(root_url="http://app.example.com"))
    assert len(messages) == 1 and "root_url = 'http://app.example.com'" in messages[0]
    assert validate(clients.redirect_uris, CLIENT, client(root_url="https://app.example.com")) == []


def test_unknown_redirect_uris_are_skipped_during_preview() -> None:
    assert validate(clients.redirect_uris, CLIENT, client(redirect_uris=UNKNOWN_OBJECT_VALUE)) == []
    messages = validate(clients.redirect_uris, CLIENT, client(redirect_uris=[UNKNOWN_STRING_VALUE, "*"]))
    assert len(messages) == 1 and "redirect_uris[1] = '*'" in messages[0]


def test_url_rules_pure() -> None:
    assert redirect_uri_problems("https://app.example.com/cb") == []
    assert len(redirect_uri_problems("http://*.example.com/cb")) == 2
    assert web_origin_problems("https://app.example.com") == []
    assert web_origin_problems("http://localhost:5173") == []


# ---------------------------------------------------------------------------- web origins
@pytest.mark.parametrize(("origin", "fragment"), [
    ("*", "any site"),
    ("https://*.example.com", "wildcard in the host"),
    ("http://app.example.com", "plain http"),
])
def test_web_origin_violations(origin: str, fragment: str) -> None:
    messages = validate(clients.web_origins, CLIENT, client(web_origins=["+", origin]))
    assert len(messages) == 1
    assert f"web_origins[1] = '{origin}'" in messages[0] and fragment in messages[0]
    assert "Use '+'" in messages[0]


def test_web_origins_allowed() -> None:
    props = client(web_origins=["+", "https://app.example.com", "http://localhost:5173"])
    assert validate(clients.web_origins, CLIENT, props) == []


# ---------------------------------------------------------------------------- implicit flow
@pytest.mark.parametrize("value", [True, "true"])
def test_implicit_flow_is_a_violation(value: Any) -> None:
    messages = validate(clients.no_implicit_flow, CLIENT, client(BACKEND, implicit_flow_enabled=value))
    assert len(messages) == 1
    assert "implicit_flow_enabled is true" in messages[0]
    assert "implicit_flow_enabled=False" in messages[0] and "RFC 9700 §2.1.2" in messages[0]


def test_implicit_flow_absent_or_false_passes() -> None:
    assert validate(clients.no_implicit_flow, CLIENT, client(implicit_flow_enabled=False)) == []
    assert validate(clients.no_implicit_flow, CLIENT, client(implicit_flow_enabled=UNKNOWN_BOOLEAN_VALUE)) == []


def test_implicit_flow_remediation_turns_it_off_and_keeps_the_rest() -> None:
    fixed = remediated(clients.no_implicit_flow, CLIENT, client(implicit_flow_enabled=True))
    assert fixed is not None
    assert fixed["implicit_flow_enabled"] is False
    assert isinstance(fixed["__provider"], Secret) and fixed["__provider"].value == "opaque-pickled-provider"
    assert remediated(clients.no_implicit_flow, CLIENT, SPA) is None


# ---------------------------------------------------------------------------- password grant
def test_password_grant_on_public_client_is_a_violation() -> None:
    messages = validate(clients.no_password_grant, CLIENT, client(direct_access_grants_enabled=True))
    assert len(messages) == 1
    assert "direct_access_grants_enabled is true on a public client" in messages[0]
    assert "direct_access_grants_enabled=False" in messages[0] and "RFC 9700 §2.4" in messages[0]


def test_password_grant_on_confidential_client_only_when_configured() -> None:
    props = client(BACKEND, direct_access_grants_enabled=True)
    assert validate(clients.no_password_grant, CLIENT, props) == []
    messages = validate(clients.no_password_grant, CLIENT, props, config={"publicClientsOnly": False})
    assert len(messages) == 1 and "on a client" in messages[0]


def test_password_grant_remediation() -> None:
    fixed = remediated(clients.no_password_grant, CLIENT, client(direct_access_grants_enabled=True))
    assert fixed is not None and fixed["direct_access_grants_enabled"] is False
    assert remediated(clients.no_password_grant, CLIENT, SPA) is None


# ---------------------------------------------------------------------------- PKCE
def test_public_client_without_pkce_is_a_violation() -> None:
    messages = validate(clients.pkce_s256, CLIENT, client(attributes={}))
    assert len(messages) == 1
    assert "attributes['pkce.code.challenge.method'] is not set" in messages[0]
    assert "'pkce.code.challenge.method': 'S256'" in messages[0]


def test_plain_pkce_is_a_violation() -> None:
    messages = validate(clients.pkce_s256, CLIENT, client(attributes={"pkce.code.challenge.method": "plain"}))
    assert len(messages) == 1 and "is 'plain'" in messages[0]


@pytest.mark.parametrize("changes", [
    {"public_client": False},
    {"bearer_only": True},
    {"standard_flow_enabled": False},
    {"protocol": "saml"},
    {"attributes": UNKNOWN_OBJECT_VALUE},
    {"public_client": UNKNOWN_BOOLEAN_VALUE},
])
def test_pkce_not_required_or_not_knowable(changes: dict[str, Any]) -> None:
    props = {**client(attributes={}), **changes}
    assert validate(clients.pkce_s256, CLIENT, props) == []


def test_pkce_remediation_sets_s256_and_keeps_other_attributes() -> None:
    props = client(attributes={"post.logout.redirect.uris": "https://app.example.com/"})
    fixed = remediated(clients.pkce_s256, CLIENT, props)
    assert fixed is not None
    assert fixed["attributes"] == {"post.logout.redirect.uris": "https://app.example.com/",
                                   "pkce.code.challenge.method": "S256"}
    assert {k: v for k, v in fixed.items() if k not in ("attributes", "__provider")} == {
        k: v for k, v in props.items() if k not in ("attributes", "__provider")}
    assert validate(clients.pkce_s256, CLIENT, {**fixed, "__provider": "x"}) == []


def test_pkce_remediation_adds_attributes_when_absent() -> None:
    props = {k: v for k, v in SPA.items() if k != "attributes"}
    fixed = remediated(clients.pkce_s256, CLIENT, props)
    assert fixed is not None and fixed["attributes"] == {"pkce.code.challenge.method": "S256"}
    assert remediated(clients.pkce_s256, CLIENT, SPA) is None


# ---------------------------------------------------------------------------- authentication
def test_client_secret_authentication_is_advised_against() -> None:
    explicit = validate(clients.asymmetric_authentication, CLIENT,
                        client(BACKEND, client_authenticator_type="client-secret"))
    assert len(explicit) == 1
    assert "client_authenticator_type is 'client-secret'" in explicit[0]
    assert "client_authenticator_type='client-jwt'" in explicit[0] and "RFC 9700 §2.5" in explicit[0]
    absent = validate(clients.asymmetric_authentication, CLIENT,
                      {k: v for k, v in BACKEND.items() if k != "client_authenticator_type"})
    assert len(absent) == 1 and "Keycloak's default" in absent[0]


def test_key_based_authentication_and_public_clients_pass() -> None:
    assert validate(clients.asymmetric_authentication, CLIENT, BACKEND) == []
    assert validate(clients.asymmetric_authentication, CLIENT,
                    client(BACKEND, client_authenticator_type="client-x509")) == []
    assert validate(clients.asymmetric_authentication, CLIENT, SPA) == []
    props = client(BACKEND, client_authenticator_type="client-secret")
    assert validate(clients.asymmetric_authentication, CLIENT, props,
                    config={"allowedAuthenticators": ["client-secret"]}) == []


# ---------------------------------------------------------------------------- full scope
def test_full_scope_allowed_is_advised_against() -> None:
    declared = validate(clients.full_scope_disabled, CLIENT, client(full_scope_allowed=True))
    assert len(declared) == 1 and "full_scope_allowed is true:" in declared[0]
    assert "full_scope_allowed=False" in declared[0]
    absent = validate(clients.full_scope_disabled, CLIENT,
                      {k: v for k, v in SPA.items() if k != "full_scope_allowed"})
    assert len(absent) == 1 and "Keycloak's default true" in absent[0]


def test_full_scope_off_or_bearer_only_passes() -> None:
    assert validate(clients.full_scope_disabled, CLIENT, SPA) == []
    assert validate(clients.full_scope_disabled, CLIENT, client(full_scope_allowed=True, bearer_only=True)) == []
