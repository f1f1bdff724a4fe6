"""The keycloak-guardrails policy pack under the real pulumi CLI, against a real Keycloak.

`preview`/`up` with `--policy-pack policy/` (the Automation API passes the flag): the insecure
example fails naming every policy it violates, the secure one passes and deploys, and a
remediation rewrites an input before the resource is created in Keycloak.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pulumi
import pulumi.automation as auto
import pytest

from policy.keycloak_guardrails import POLICIES
from pulumi_keycloak_dynamic import Client, Realm
from pulumi_keycloak_dynamic.api import KeycloakAdmin
from tests.support.pulumi_runner import PulumiStack

ROOT = Path(__file__).resolve().parents[2]
POLICY_PACK = str(ROOT / "policy")
EXAMPLES = ROOT / "examples"

NewStack = Callable[..., PulumiStack]


def realm_name() -> str:
    return f"pp-{uuid.uuid4().hex[:10]}"


def reported(text: str) -> dict[str, str]:
    """``{policy name: level}`` from the CLI's "Policies:" section."""
    return {m.group(2): m.group(1) for m in re.finditer(r"- \[(mandatory|advisory)\] .*?\s(keycloak-[a-z0-9-]+)\s",
                                                        text)}


def test_insecure_example_fails_and_names_every_violated_policy(new_stack: NewStack) -> None:
    stack = new_stack(work_dir=EXAMPLES / "policy-insecure", config={"realm": (realm_name(), False)})
    with pytest.raises(auto.CommandError) as failure:
        stack.preview(policy_packs=[POLICY_PACK])
    text = str(failure.value)
    found = reported(text)
    assert found == {policy.name: policy.enforcement_level.value for policy in POLICIES if policy.enforcement_level}
    # Messages name the input and what would be right.
    assert "redirect_uris[0] = '*'" in text
    assert "redirect_uris[1] = 'http://shop.example.com/callback'" in text
    assert "'pkce.code.challenge.method': 'S256'" in text
    assert "ssl_required is 'none'" in text and "ssl_required='external'" in text
    assert "attributes.refresh_token[0] is a plain string" in text
    assert "plaintext-refresh-token" not in text.split("Policies:")[-1]


def test_secure_example_passes_and_deploys(new_stack: NewStack, admin: KeycloakAdmin) -> None:
    name = realm_name()
    stack = new_stack(work_dir=EXAMPLES / "policy-secure", config={"realm": (name, False)})
    preview = stack.preview(policy_packs=[POLICY_PACK])
    assert "keycloak-guardrails" in preview.stdout
    assert reported(preview.stdout) == {}
    assert preview.changes.get("create") == 4  # stack, realm, two clients

    # Deploy it unprotected so the test can clean up: only that advisory remains.
    stack.set_config("protect", "false")
    result = stack.up(policy_packs=[POLICY_PACK])
    assert reported(result.stdout) == {"keycloak-realm-protected": "advisory"}
    assert result.outputs["spa_client_id"] == "shop-spa"
    spa = admin.get(f"/{name}/clients", {"clientId": "shop-spa"})[0]
    assert spa["attributes"]["pkce.code.challenge.method"] == "S256"
    assert spa["publicClient"] is True and spa["implicitFlowEnabled"] is False


def _public_client_without_pkce(name: str) -> Callable[[], None]:
    def program() -> None:
        realm = Realm("realm", realm=name, enabled=True, ssl_required="external", brute_force_protected=True,
                      password_policy="length(12) and notUsername", opts=pulumi.ResourceOptions(protect=False))
        Client("spa", realm=realm.realm, client_id="remediated-spa", public_client=True,
               redirect_uris=["https://shop.example.com/callback"], web_origins=["+"],
               full_scope_allowed=False, attributes={"post.logout.redirect.uris": "https://shop.example.com/"})

    return program


def test_pkce_remediation_changes_the_input_and_the_client_deploys(
        new_stack: NewStack, admin: KeycloakAdmin, tmp_path: Path) -> None:
    name = realm_name()
    config_file = tmp_path / "policy-config.json"
    config_file.write_text(json.dumps({"keycloak-client-pkce-s256": "remediate",
                                       "keycloak-realm-protected": "disabled"}))
    stack = new_stack(program=_public_client_without_pkce(name))

    # Without the remediation the mandatory policy stops the update before the client is created.
    with pytest.raises(auto.CommandError) as failure:
        stack.up(policy_packs=[POLICY_PACK])
    assert reported(str(failure.value)) == {"keycloak-client-pkce-s256": "mandatory",
                                            "keycloak-realm-protected": "advisory"}
    assert not admin.get_or_none(f"/{name}/clients", {"clientId": "remediated-spa"})

    result = stack.up(policy_packs=[POLICY_PACK], policy_pack_configs=[str(config_file)])
    assert "keycloak-client-pkce-s256" in result.stdout  # the CLI lists the remediation
    assert reported(result.stdout) == {}
    client: dict[str, Any] = admin.get(f"/{name}/clients", {"clientId": "remediated-spa"})[0]
    assert client["attributes"]["pkce.code.challenge.method"] == "S256"
    assert client["attributes"]["post.logout.redirect.uris"] == "https://shop.example.com/"
    state = stack.resources(":Client")[0]
    assert state["inputs"]["attributes"]["pkce.code.challenge.method"] == "S256"

    # The remediated input is stable: a second run has nothing to change.
    again = stack.preview(policy_packs=[POLICY_PACK], policy_pack_configs=[str(config_file)])
    assert again.changed == 0


def test_client_secret_given_as_a_literal_is_a_pulumi_secret_for_the_pack(new_stack: NewStack) -> None:
    """Client.secret is made secret by the resource class; the engine delivers the marker to the
    pack and its tracking hook sees it, so the plaintext-secret policy has nothing to report."""
    name = realm_name()

    def program() -> None:
        Client("backend", realm=name, client_id="orders", public_client=False, secret="literal-secret",
               standard_flow_enabled=False, full_scope_allowed=False, client_authenticator_type="client-jwt")

    stack = new_stack(program=program)
    preview = stack.preview(policy_packs=[POLICY_PACK])
    assert "keycloak-guardrails" in preview.stdout
    assert "keycloak-no-plaintext-secrets" not in reported(preview.stdout)


def test_pack_runs_with_the_virtualenv_named_in_pulumipolicy_yaml(new_stack: NewStack) -> None:
    """The default interpreter has no pulumi_policy: the pack still starts, from `virtualenv: ../.venv`."""
    bare_python = "/usr/bin/python3"
    if not Path(bare_python).exists():
        pytest.skip("no system python3 to stand for an interpreter without pulumi_policy")
    stack = new_stack(work_dir=EXAMPLES / "policy-insecure", config={"realm": (realm_name(), False)})
    stack.stack.workspace.env_vars["PULUMI_PYTHON_CMD"] = bare_python
    with pytest.raises(auto.CommandError) as failure:
        stack.preview(policy_packs=[POLICY_PACK])
    assert "keycloak-realm-ssl-required" in reported(str(failure.value))
