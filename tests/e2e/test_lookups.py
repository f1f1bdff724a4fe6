"""Lookups through the real pulumi CLI, in a program of its own (a project directory), against
objects made by hand through the Admin API: read in ``preview`` and ``up``, nothing in the state,
secrets only as Pulumi secrets, a missing object as one line, one login for 100 lookups."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import requests
from pulumi import automation as auto

from pulumi_keycloak_dynamic.api import KeycloakAdmin, quote_segment
from tests.support.fault_proxy import FaultProxy
from tests.support.lookup_objects import made_by_hand
from tests.support.pulumi_runner import PulumiStack

ROOT = Path(__file__).resolve().parents[2]
TOKEN_PATH = "/protocol/openid-connect/token"

PROGRAM = '''
import pulumi
from pulumi_keycloak_dynamic import *

config = pulumi.Config()
realm = config.require("realm")
mode = config.get("mode") or "all"
if mode == "all":
    pulumi.export("realm", get_realm(realm=realm))
    app = get_client(realm=realm, client_id="svc")
    pulumi.export("client_uuid", app.client_uuid)
    pulumi.export("client_description", app.description)
    pulumi.export("client_secret", app.secret)
    pulumi.export("client", app)
    pulumi.export("client_role", get_role(realm=realm, client_id="svc", name="svc-reader"))
    pulumi.export("realm_role", get_role(realm=realm, name="clerk"))
    pulumi.export("group", get_group(realm=realm, path="/staff/eng"))
    pulumi.export("user", get_user(realm=realm, username="ada"))
    pulumi.export("scope", get_client_scope(realm=realm, name="lookup-scope"))
    pulumi.export("idp", get_identity_provider(realm=realm, alias="corp"))
    pulumi.export("mapper", get_identity_provider_mapper(realm=realm, identity_provider_alias="corp", name="m1"))
    pulumi.export("service_account", get_client_service_account_user(realm=realm, client_id="svc"))
    pulumi.export("default_roles", get_realm_default_roles(realm=realm))
    pulumi.export("keys", get_realm_keys(realm=realm, algorithm="RS256"))
    later = get_client_output(realm=pulumi.Output.from_input(realm), client_id="svc")
    pulumi.export("output_client_uuid", later.client_uuid)
    pulumi.export("output_client_secret", later.apply(lambda c: c.secret))  # Output.secret is a method
elif mode == "missing":
    get_client(realm=realm, client_id="svcc")
elif mode == "missing_output":
    pulumi.export("gone", get_group_output(realm=pulumi.Output.from_input(realm), path="/staff/nope").group_id)
elif mode == "declared":
    Client("svc", realm=realm, client_id="svc")
    get_client(realm=realm, client_id="svc")
elif mode == "declared_after":
    get_role(realm=realm, client_id="svc", name="svc-reader")
    Role("reader", realm=realm, client_id="svc", name="svc-reader")
elif mode == "new_realm":
    made = Realm("made", realm=config.require("new_realm"), enabled=True)
    pulumi.export("kid", get_realm_keys_output(realm=made.realm, algorithm="RS256").kid)
    view_users = get_role_output(realm=made.realm, client_id="realm-management", name="view-users")
    pulumi.export("view_users_id", view_users.role_id)
elif mode == "many":
    for n in range(100):
        found = get_realm(realm=realm) if n % 2 else get_client(realm=realm, client_id="svc")
    pulumi.export("last", found.realm)
'''


def project(tmp_path: Path) -> Path:
    (tmp_path / "Pulumi.yaml").write_text(
        "name: lookups-test\nruntime:\n  name: python\n  options:\n    toolchain: pip\n"
        f"    virtualenv: {ROOT / '.venv'}\n")
    (tmp_path / "__main__.py").write_text(PROGRAM)
    return tmp_path


def test_lookups_read_in_preview_and_up_and_keep_nothing(
    new_stack: Callable[..., PulumiStack], admin: KeycloakAdmin, realm: str, keycloak: Any, tmp_path: Path,
) -> None:
    made = made_by_hand(admin, realm)
    stack = new_stack(work_dir=project(tmp_path), config={"realm": (realm, False)})
    texts = []

    preview = stack.preview()
    texts.append(preview.stdout)
    assert made["svc"] in preview.stdout, "the preview reads the lookups and shows their outputs"
    up = stack.up()
    texts.append(up.stdout)
    out = up.outputs
    assert out["client_uuid"] == out["output_client_uuid"] == made["svc"]
    assert out["client_secret"] == out["output_client_secret"] == made["secret"]  # decrypted by the test only
    assert out["client"]["secret"] == made["secret"] and out["client"]["client_id"] == "svc"
    assert out["client"]["attributes"]["saml.signing.private.key"] == "[secret]"
    assert out["realm"]["realm"] == realm and out["realm"]["realm_id"] == admin.get(f"/{realm}")["id"]
    assert out["client_role"]["role_id"] == made["reader"] and out["client_role"]["client_id"] == "svc"
    assert out["realm_role"] == {"role_id": made["clerk"], "realm": realm, "client_id": None, "name": "clerk",
                                 "description": "sells", "attributes": {}, "composite_realm_roles": []}
    assert out["group"]["group_id"] == made["eng"] and out["group"]["path"] == "/staff/eng"
    assert out["group"]["parent"] == "/staff" and out["group"]["attributes"] == {"floor": ["3"]}
    assert out["group"]["realm_roles"] == ["clerk"]
    assert out["user"]["user_id"] == made["ada"] and out["user"]["groups"] == ["/staff/eng"]
    assert out["user"]["realm_roles"] == ["clerk"]
    assert out["scope"]["name"] == "lookup-scope" and out["scope"]["realm_default"] == "none"
    assert out["idp"]["alias"] == "corp" and out["idp"]["provider_id"] == "oidc"
    assert "IDP-SECRET" not in json.dumps(out["idp"])
    assert out["mapper"]["identity_provider_mapper"] == "hardcoded-attribute-idp-mapper"
    assert out["service_account"]["user_id"] == made["sa"]
    assert out["service_account"]["client_roles"] == {"svc": ["svc-reader"]}
    assert "offline_access" in out["default_roles"]["realm_roles"]
    assert out["default_roles"]["client_roles"]["account"] == ["manage-account", "view-profile"]

    # The keys are those the realm publishes for token checks.
    keys = out["keys"]
    certs = requests.get(f"{keycloak.url}/realms/{quote_segment(realm)}/protocol/openid-connect/certs",
                         timeout=10).json()["keys"]
    published = {k["kid"]: k for k in certs}
    assert keys["kid"] in published and published[keys["kid"]]["alg"] == "RS256"
    assert published[keys["kid"]]["x5c"][0] == keys["certificate"]
    issuer = requests.get(f"{keycloak.url}/realms/{quote_segment(realm)}/.well-known/openid-configuration",
                          timeout=10).json()["issuer"]
    assert keys["issuer"] == issuer

    # Secret outputs are secrets: encrypted in the state, [secret] in the CLI's text.
    flagged = stack.stack.outputs()
    assert flagged["client_secret"].secret and flagged["output_client_secret"].secret
    assert not flagged["client_uuid"].secret
    exported = stack.export_text()
    for text in [*texts, exported]:
        for plain in (made["secret"], "PRIVATE-KEY-IN-ATTRIBUTES", "IDP-SECRET"):
            assert plain not in text
    # Lookups are no resources: the state holds the stack and nothing else.
    resources = stack.export()["deployment"].get("resources", [])
    assert [r["type"] for r in resources] == ["pulumi:pulumi:Stack"]

    # Read live on every run: a change made in Keycloak is the next up's value.
    admin.put(f"/{realm}/clients/{made['svc']}", {**admin.get(f"/{realm}/clients/{made['svc']}"),
                                                  "description": "changed by hand"})
    again = stack.up()
    assert again.changed == 0 and again.outputs["client_description"] == "changed by hand"


@pytest.mark.parametrize("operation", ["preview", "up"])
def test_missing_object_is_one_line(
    new_stack: Callable[..., PulumiStack], admin: KeycloakAdmin, realm: str, tmp_path: Path, operation: str,
) -> None:
    made_by_hand(admin, realm)
    stack = new_stack(work_dir=project(tmp_path), config={"realm": (realm, False), "mode": ("missing", False)})
    expected = {
        "missing": f"get_client: client 'svcc' in realm '{realm}' does not exist (did you mean 'svc'?)",
        "missing_output": f"get_group: group '/staff/nope' in realm '{realm}' does not exist",
    }
    for mode, line in expected.items():
        stack.set_config("mode", mode)
        with pytest.raises(auto.CommandError) as failed:
            getattr(stack, operation)()
        text = str(failed.value)
        assert f"error: {line}\n" in text, text
        assert "Traceback" not in text and "File \"" not in text, text


def test_lookup_of_a_declared_object_is_refused(
    new_stack: Callable[..., PulumiStack], admin: KeycloakAdmin, realm: str, tmp_path: Path,
) -> None:
    made_by_hand(admin, realm)
    stack = new_stack(work_dir=project(tmp_path), config={"realm": (realm, False), "mode": ("declared", False)})
    with pytest.raises(auto.CommandError) as failed:
        stack.preview()
    assert (f"get_client: client 'svc' in realm '{realm}' is declared by this program (Client 'svc'): use that "
            "resource's outputs") in str(failed.value)
    stack.set_config("mode", "declared_after")  # the lookup first, the resource after it
    with pytest.raises(auto.CommandError) as failed:
        stack.preview()
    assert (f"Role 'reader' manages Role '{realm}/svc/svc-reader', which get_role() read earlier in this program: "
            "use this resource's outputs instead of the lookup") in str(failed.value)


def test_lookups_of_what_the_update_creates_are_unknown_in_its_preview(
    new_stack: Callable[..., PulumiStack], admin: KeycloakAdmin, realm: str, tmp_path: Path,
) -> None:
    new_realm = f"t-{uuid.uuid4().hex[:10]}"
    stack = new_stack(work_dir=project(tmp_path), config={
        "realm": (realm, False), "mode": ("new_realm", False), "new_realm": (new_realm, False)})
    preview = stack.preview()
    assert f"get_realm_keys: realm '{new_realm}' does not exist (yet): unknown in this preview" in preview.stdout
    assert "kid" in preview.stdout and "[unknown]" in preview.stdout
    up = stack.up()
    active = admin.get(f"/{new_realm}/keys")["active"]["RS256"]
    assert up.outputs["kid"] == active
    client = admin.get(f"/{new_realm}/clients", {"clientId": "realm-management"})[0]
    assert up.outputs["view_users_id"] == admin.get(f"/{new_realm}/clients/{client['id']}/roles/view-users")["id"]
    again = stack.preview()
    assert "does not exist" not in again.stdout and again.changed == 0
    stack.destroy(remove=False)
    assert admin.get_or_none(f"/{new_realm}") is None


def test_a_hundred_lookups_log_in_once(
    new_stack: Callable[..., PulumiStack], admin: KeycloakAdmin, realm: str, keycloak: Any, tmp_path: Path,
) -> None:
    made_by_hand(admin, realm)
    with FaultProxy(keycloak.url) as proxy:
        stack = new_stack(work_dir=project(tmp_path), config={
            "realm": (realm, False), "mode": ("many", False), "keycloak:url": (proxy.url, False)})
        try:
            for operation in (stack.preview, stack.up):
                proxy.seen.clear()
                operation()
                logins = [s for s in proxy.seen if s[1].endswith(TOKEN_PATH)]
                reads = [s for s in proxy.seen if not s[1].endswith(TOKEN_PATH)]
                assert len(logins) == 1, proxy.seen
                assert len(reads) == 100 and all(method == "GET" for method, _, _ in reads)
        finally:
            stack.set_config("keycloak:url", keycloak.url)  # the fixture's cleanup must not need the proxy
