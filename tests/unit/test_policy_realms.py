"""Realm guardrails of the keycloak-guardrails pack, through pulumi_policy's validation API."""

from __future__ import annotations

from typing import Any

import pytest
from pulumi_policy import Secret
from pulumi_policy.proxy import UNKNOWN_BOOLEAN_VALUE, UNKNOWN_NUMBER_VALUE, UNKNOWN_STRING_VALUE

from policy.keycloak_guardrails import CLIENT, REALM, realms
from policy.keycloak_guardrails.harness import remediated, validate
from policy.keycloak_guardrails.realms import parse_password_policy

SECURE: dict[str, Any] = {
    "realm": "shop",
    "enabled": True,
    "ssl_required": "external",
    "brute_force_protected": True,
    "access_token_lifespan": 300,
    "sso_session_idle_timeout": 1800,
    "sso_session_max_lifespan": 36000,
    "password_policy": "length(12) and digits(1) and notUsername(undefined)",
    "__provider": Secret("opaque-pickled-provider"),
}


def realm(**changes: Any) -> dict[str, Any]:
    return {**SECURE, **changes}


@pytest.mark.parametrize("policy", realms.REALM_POLICIES, ids=lambda p: p.name)
def test_secure_protected_realm_passes_every_realm_policy(policy: Any) -> None:
    assert validate(policy, REALM, SECURE, protect=True) == []


@pytest.mark.parametrize("policy", realms.REALM_POLICIES, ids=lambda p: p.name)
def test_realm_policies_ignore_clients(policy: Any) -> None:
    insecure = {"realm": "shop", "ssl_required": "none", "access_token_lifespan": 99999}
    assert validate(policy, CLIENT, insecure) == []
    assert validate(policy, REALM, insecure) != []


# ---------------------------------------------------------------------------- ssl_required
def test_ssl_required_none_is_a_violation() -> None:
    messages = validate(realms.ssl_required, REALM, realm(ssl_required="none"))
    assert len(messages) == 1
    assert "ssl_required is 'none'" in messages[0] and "ssl_required='external'" in messages[0]


def test_ssl_required_absent_means_keycloaks_external_default() -> None:
    props = {k: v for k, v in SECURE.items() if k != "ssl_required"}
    assert validate(realms.ssl_required, REALM, props) == []
    assert validate(realms.ssl_required, REALM, realm(ssl_required=UNKNOWN_STRING_VALUE)) == []


def test_ssl_required_minimum_all_by_config() -> None:
    messages = validate(realms.ssl_required, REALM, SECURE, config={"minimum": "all"})
    assert len(messages) == 1 and "ssl_required='all'" in messages[0]
    assert validate(realms.ssl_required, REALM, realm(ssl_required="all"), config={"minimum": "all"}) == []


def test_ssl_required_remediation() -> None:
    fixed = remediated(realms.ssl_required, REALM, realm(ssl_required="none"))
    assert fixed is not None and fixed["ssl_required"] == "external"
    assert isinstance(fixed["__provider"], Secret)
    assert remediated(realms.ssl_required, REALM, SECURE) is None


# ---------------------------------------------------------------------------- brute force
def test_brute_force_off_or_absent_is_a_violation() -> None:
    off = validate(realms.brute_force_protection, REALM, realm(brute_force_protected=False))
    assert len(off) == 1 and "brute_force_protected is false" in off[0]
    assert "brute_force_protected=True" in off[0]
    absent = validate(realms.brute_force_protection, REALM,
                      {k: v for k, v in SECURE.items() if k != "brute_force_protected"})
    assert len(absent) == 1 and "not declared (Keycloak's default is false)" in absent[0]


def test_brute_force_on_or_unknown_passes() -> None:
    assert validate(realms.brute_force_protection, REALM, SECURE) == []
    assert validate(realms.brute_force_protection, REALM, realm(brute_force_protected="true")) == []
    assert validate(realms.brute_force_protection, REALM,
                    realm(brute_force_protected=UNKNOWN_BOOLEAN_VALUE)) == []


def test_brute_force_remediation() -> None:
    fixed = remediated(realms.brute_force_protection, REALM, realm(brute_force_protected=False))
    assert fixed is not None and fixed["brute_force_protected"] is True
    assert remediated(realms.brute_force_protection, REALM, SECURE) is None


# ---------------------------------------------------------------------------- lifespans
@pytest.mark.parametrize(("key", "value", "limit"), [
    ("access_token_lifespan", 3600, 900),
    ("sso_session_idle_timeout", 86400, 7200),
    ("sso_session_max_lifespan", 30 * 86400, 86400),
])
def test_lifespans_above_the_bound_are_violations(key: str, value: int, limit: int) -> None:
    messages = validate(realms.token_lifespans, REALM, realm(**{key: value}))
    assert len(messages) == 1
    assert f"{key} is {value}s" in messages[0] and f"Set {key} <= {limit}" in messages[0]


def test_lifespan_bounds_are_configurable() -> None:
    config = {"maxAccessTokenLifespan": 120}
    messages = validate(realms.token_lifespans, REALM, SECURE, config=config)
    assert len(messages) == 1 and "access_token_lifespan is 300s" in messages[0]
    absent = {k: v for k, v in SECURE.items() if k != "access_token_lifespan"}
    messages = validate(realms.token_lifespans, REALM, absent, config=config)
    assert len(messages) == 1 and "Keycloak's default" in messages[0]
    assert validate(realms.token_lifespans, REALM, realm(access_token_lifespan=3600),
                    config={"maxAccessTokenLifespan": 3600}) == []


def test_non_positive_and_unknown_lifespans() -> None:
    messages = validate(realms.token_lifespans, REALM, realm(sso_session_idle_timeout=0))
    assert len(messages) == 1 and "not a bounded lifespan" in messages[0]
    assert validate(realms.token_lifespans, REALM, realm(access_token_lifespan=UNKNOWN_NUMBER_VALUE)) == []


# ---------------------------------------------------------------------------- password policy
def test_missing_password_policy_is_a_violation() -> None:
    messages = validate(realms.password_policy, REALM, {k: v for k, v in SECURE.items() if k != "password_policy"})
    assert len(messages) == 1
    assert "password_policy is not declared" in messages[0]
    assert "password_policy='length(12) and notUsername'" in messages[0]


@pytest.mark.parametrize(("policy_text", "fragment"), [
    ("length(8) and notUsername", "length(8), below the minimum 12"),
    ("digits(1) and notUsername", "no length(...) rule"),
    ("length(16)", "lacks 'notUsername'"),
    ("", "password_policy is empty"),
])
def test_weak_password_policies(policy_text: str, fragment: str) -> None:
    messages = validate(realms.password_policy, REALM, realm(password_policy=policy_text))
    assert len(messages) == 1 and fragment in messages[0]


def test_password_policy_config() -> None:
    props = realm(password_policy="length(10)")
    assert validate(realms.password_policy, REALM, props, config={"minLength": 10, "requiredPolicies": []}) == []
    assert len(validate(realms.password_policy, REALM, props, config={"minLength": 10})) == 1


def test_parse_password_policy() -> None:
    assert parse_password_policy("length(12) and notUsername(undefined) and passwordHistory(3)") == {
        "length": "12", "notUsername": "undefined", "passwordHistory": "3"}
    assert parse_password_policy("notEmail") == {"notEmail": ""}


# ---------------------------------------------------------------------------- protect
def test_unprotected_realm_is_flagged() -> None:
    messages = validate(realms.protected, REALM, SECURE, protect=False)
    assert len(messages) == 1
    assert "not protected" in messages[0] and "protect=True" in messages[0]
    assert validate(realms.protected, REALM, SECURE, protect=True) == []
