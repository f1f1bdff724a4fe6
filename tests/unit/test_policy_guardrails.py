"""The keycloak-guardrails pack as a whole: metadata, config handling, remediation order.

Runs the policies through pulumi_policy's analyzer service with the requests the engine sends
(``harness``); the real CLI runs in tests/e2e/test_policy_pack.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pulumi_policy import EnforcementLevel, PolicyConfigSchema, Secret

from policy.keycloak_guardrails import BY_NAME, CLIENT, PACK_NAME, POLICIES, REALM
from policy.keycloak_guardrails.harness import analyze, remediate

ROOT = Path(__file__).resolve().parents[2]
PROVIDER = Secret("opaque-pickled-provider")

INSECURE_CLIENT: dict[str, Any] = {
    "realm": "shop", "client_id": "spa", "public_client": True, "implicit_flow_enabled": True,
    "direct_access_grants_enabled": True, "redirect_uris": ["*"], "web_origins": ["*"],
    "__provider": PROVIDER,
}
INSECURE_REALM: dict[str, Any] = {
    "realm": "shop", "ssl_required": "none", "access_token_lifespan": 86400, "__provider": PROVIDER,
}


def test_pack_metadata() -> None:
    names = [p.name for p in POLICIES]
    assert len(names) == len(set(names)) == 13
    assert all(name.startswith("keycloak-") for name in names)
    for policy in POLICIES:
        assert policy.description and policy.severity is not None and policy.enforcement_level is not None
        assert policy.remediation_steps
    advisory = {p.name for p in POLICIES if p.enforcement_level == EnforcementLevel.ADVISORY}
    assert advisory == {"keycloak-client-asymmetric-authentication", "keycloak-client-full-scope-disabled",
                        "keycloak-realm-protected", "keycloak-no-plaintext-secrets"}


@pytest.mark.parametrize("policy", [p for p in POLICIES if p.config_schema], ids=lambda p: p.name)
def test_config_schemas_have_defaults_and_descriptions(policy: Any) -> None:
    schema = policy.config_schema
    assert isinstance(schema, PolicyConfigSchema)
    for spec in schema.properties.values():
        assert "default" in spec and spec.get("description")


def test_policy_pack_yaml_uses_the_project_virtualenv() -> None:
    text = (ROOT / "policy" / "PulumiPolicy.yaml").read_text()
    assert "name: keycloak-guardrails" in text and PACK_NAME == "keycloak-guardrails"
    assert "virtualenv: ../.venv" in text and "toolchain: pip" in text
    assert (ROOT / "policy" / "../.venv/bin/python").exists()


def test_insecure_client_violates_every_applicable_policy_with_its_level() -> None:
    found = {(v.policy, v.level) for v in analyze(CLIENT, INSECURE_CLIENT)}
    assert found == {
        ("keycloak-client-redirect-uris", "mandatory"),
        ("keycloak-client-web-origins", "mandatory"),
        ("keycloak-client-no-implicit-flow", "mandatory"),
        ("keycloak-client-no-password-grant", "mandatory"),
        ("keycloak-client-pkce-s256", "mandatory"),
        ("keycloak-client-full-scope-disabled", "advisory"),
    }


def test_insecure_realm_violations() -> None:
    found = {v.policy for v in analyze(REALM, INSECURE_REALM)}
    assert found == {"keycloak-realm-ssl-required", "keycloak-realm-brute-force-protection",
                     "keycloak-realm-token-lifespans", "keycloak-realm-password-policy",
                     "keycloak-realm-protected"}


def test_config_changes_levels_and_silences_policies() -> None:
    config = {"keycloak-client-redirect-uris": "advisory", "keycloak-client-web-origins": "disabled",
              "keycloak-client-full-scope-disabled": {"enforcementLevel": "mandatory"}}
    found = {v.policy: v.level for v in analyze(CLIENT, INSECURE_CLIENT, config=config)}
    assert found["keycloak-client-redirect-uris"] == "advisory"
    assert "keycloak-client-web-origins" not in found
    assert found["keycloak-client-full-scope-disabled"] == "mandatory"


def test_policy_config_properties_reach_the_policy() -> None:
    props = {**INSECURE_REALM, "ssl_required": "external", "access_token_lifespan": 600}
    assert "keycloak-realm-token-lifespans" not in {v.policy for v in analyze(REALM, props)}
    config = {"keycloak-realm-token-lifespans": {"maxAccessTokenLifespan": 300}}
    found = [v for v in analyze(REALM, props, config=config) if v.policy == "keycloak-realm-token-lifespans"]
    assert len(found) == 1 and "access_token_lifespan is 600s" in found[0].message


def test_remediations_run_only_at_remediate_level_and_compose() -> None:
    _, applied = remediate(CLIENT, INSECURE_CLIENT)
    assert applied == []
    config = {name: "remediate" for name in ("keycloak-client-no-implicit-flow",
                                             "keycloak-client-no-password-grant", "keycloak-client-pkce-s256")}
    fixed, applied = remediate(CLIENT, INSECURE_CLIENT, config=config)
    assert applied == list(config)
    assert fixed["implicit_flow_enabled"] is False and fixed["direct_access_grants_enabled"] is False
    assert fixed["attributes"] == {"pkce.code.challenge.method": "S256"}
    assert isinstance(fixed["__provider"], Secret)
    remaining = {v.policy for v in analyze(CLIENT, fixed, config=config)}
    assert remaining.isdisjoint(config)


def test_realm_remediations() -> None:
    config = {"keycloak-realm-ssl-required": "remediate", "keycloak-realm-brute-force-protection": "remediate"}
    fixed, applied = remediate(REALM, INSECURE_REALM, config=config)
    assert sorted(applied) == sorted(config)
    assert fixed["ssl_required"] == "external" and fixed["brute_force_protected"] is True


def test_every_remediating_policy_is_documented_as_such() -> None:
    readme = (ROOT / "policy" / "README.md").read_text()
    for policy in POLICIES:
        assert f"`{policy.name}`" in readme
    for name in ("keycloak-client-pkce-s256", "keycloak-no-plaintext-secrets"):
        assert BY_NAME[name].has_remediation()
