"""What a new user tripped on (issue 29), through the real pulumi CLI: a preview shows an input
built from an Output as unknown (not as Pulumi's sentinel UUID with a ``/`` in front), the realm
settings a Realm now takes settle, adopting with ``import_`` says that it adopts, and the failures
for a group under a missing parent and for a missing realm read as one line with advice."""

from __future__ import annotations

import re
from collections.abc import Callable

import pulumi
import pulumi.automation as auto
import pytest

from pulumi_keycloak_dynamic import Client, Group, Realm, User
from pulumi_keycloak_dynamic.api import KeycloakAdmin
from pulumi_keycloak_dynamic.engine.checks import UNKNOWN
from tests.support.pulumi_runner import PulumiStack

NewStack = Callable[..., PulumiStack]


def test_a_group_path_from_an_output_previews_as_unknown(new_stack: NewStack, realm: str) -> None:
    def program() -> None:
        engineering = Group("engineering", realm=realm, name="engineering")
        User("ada", realm=realm, username="ada", groups=[engineering.path])

    preview = new_stack(program=program).preview(diff=True)
    assert preview.changes.get("create") == 3, preview.stdout
    assert UNKNOWN not in preview.stdout, preview.stdout  # was: groups: [0]: "/04da6b54-80e4-46f7-96ec-b56ff0331ba9"
    assert "[0]: [unknown]" in preview.stdout.split("groups", 1)[1], preview.stdout


def test_the_realm_settings_a_new_user_asked_for_settle(new_stack: NewStack, admin: KeycloakAdmin, realm: str) -> None:
    name = f"{realm}-events"

    def program() -> None:
        Realm("events", realm=name, enabled=True, organizations_enabled=True, events_enabled=True,
              enabled_event_types=["LOGIN_ERROR", "LOGIN"], revoke_refresh_token=True,
              sso_session_idle_timeout_remember_me=7200, default_signature_algorithm="ES256")

    stack = new_stack(program=program)
    try:
        stack.up()
        held = admin.get(f"/{name}")
        assert (held["organizationsEnabled"], held["eventsEnabled"]) == (True, True)
        assert sorted(held["enabledEventTypes"]) == ["LOGIN", "LOGIN_ERROR"]
        assert held["defaultSignatureAlgorithm"] == "ES256"
        assert stack.up().changed == 0
        assert stack.refresh().changed == 0
        stack.destroy(remove=False)
        assert admin.get_or_none(f"/{name}") is None
    finally:
        if admin.get_or_none(f"/{name}") is not None:  # the fixture destroys the stack; a leftover goes too
            admin.delete(f"/{name}")


def test_adopting_says_so(new_stack: NewStack, admin: KeycloakAdmin, realm: str) -> None:
    admin.post(f"/{realm}/clients", {"clientId": "legacy", "protocol": "openid-connect", "publicClient": True})

    def program() -> None:
        Client("legacy", realm=realm, client_id="legacy", public_client=True, description="adopted",
               opts=pulumi.ResourceOptions(import_=f"{realm}/legacy"))

    stack = new_stack(program=program)
    preview = stack.preview()
    assert f"'+ create' with import_='{realm}/legacy' adopts the existing object" in preview.stdout, preview.stdout
    up = stack.up()
    assert f"Client '{realm}/legacy': adopted the existing object (import_='{realm}/legacy'); wrote description" \
        in up.stdout, up.stdout
    assert stack.up().changed == 0


def failure(stack: PulumiStack) -> str:
    with pytest.raises(auto.errors.CommandError) as failed:
        stack.up()
    print(failed.value)  # the CLI's whole output, for `pytest -rP`
    return str(failed.value)


def test_a_missing_parent_group_is_named_with_one_slash(new_stack: NewStack, realm: str) -> None:
    def program() -> None:
        Group("qa", realm=realm, name="qa", parent="/staf")

    text = failure(new_stack(program=program))
    assert f"creating Group '{realm}/staf/qa': " in text, text
    assert "//" not in text.split("creating Group", 1)[1].split("\n", 1)[0]
    assert "Traceback" not in text


def test_a_missing_realm_comes_with_advice(new_stack: NewStack, realm: str) -> None:
    missing = f"{realm}-missing"

    def program() -> None:
        Client("app", realm=missing, client_id="app")

    text = failure(new_stack(program=program))
    assert (f"creating Client '{missing}/app': realm '{missing}' does not exist (Keycloak 404 Realm not found. "
            f"(POST /admin/realms/{missing}/clients)): declare a Realm resource and pass it (realm=<Realm>, so it is "
            "created first), or correct the realm's name") in text, text
    assert "Traceback" not in text


def diff_block(stdout: str, header: str) -> list[str]:
    """The lines `preview --diff` prints for one resource: its header line up to the next resource or summary."""
    lines = stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if header in line)
    end = next((i for i in range(start + 1, len(lines)) if re.match(r"\s*[-+~]*\s*pulumi[-:\w/]*: \(", lines[i])
                or lines[i].startswith("Resources:") or not lines[i].strip()), len(lines))
    return lines[start:end]


def test_a_one_field_change_prints_the_declared_inputs(new_stack: NewStack, realm: str) -> None:
    """docs/resources.md: the CLI lists every declared input of a changed dynamic resource (a dynamic
    provider has no detailed diff): 3 lines of header (type, id, URN), then each declared input, a
    map or list with a line per item and two for its brackets: 12 lines for these five inputs."""

    def program() -> None:
        Client("app", realm=realm, client_id="app", description=pulumi.Config().require("description"),
               redirect_uris=["https://app.example.com/cb"], attributes={"pkce.code.challenge.method": "S256"})

    stack = new_stack(program=program, config={"description": ("first", False)})
    stack.up()
    stack.set_config("description", "second")
    block = diff_block(stack.preview(diff=True).stdout, "keycloak:Client: (update)")
    print("\n".join(block))
    assert [line.split(":")[0].strip() for line in block if line.lstrip().startswith("~ ")] == [
        "~ pulumi-python", "~ description"], block
    assert len(block) == 12, block  # docs/resources.md says so
