"""Bad input is refused by ``pulumi preview`` itself, before anything reaches Keycloak.

One program holds many resources, each with one mistake of a different kind. The real pulumi
CLI must fail the preview, report every mistake by field name, and the test realm must hold
exactly what it held before: Keycloak's built-in clients and roles, nothing of ours.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

import pulumi.automation as auto
import pytest

from pulumi_keycloak_dynamic import Client, Realm, Role
from pulumi_keycloak_dynamic.api import KeycloakAdmin
from tests.support.pulumi_runner import PulumiStack

#: resource name → a fragment its failure must show (each names the field at fault).
EXPECTED = {
    "unknown-input": "has no input 'redirect_uri'; did you mean 'redirect_uris'?",
    "str-type": "'description' must be a string, got number 5",
    "bool-type": "'enabled' must be a boolean (True or False), got str 'yes'",
    "int-type": "'not_before' must be an integer, got str '10'",
    "list-type": "'redirect_uris' must be a list of strings, got str",
    "map-type": "'attributes' must be a map of string keys",
    "bad-choice": "'protocol' must be one of 'openid-connect', 'saml', 'docker-v2', got 'oidc'",
    "bad-root-url": "'root_url' value 'htp:/x' is not a URL",
    "relative-base-url": "'base_url' value 'home' is neither an absolute URL nor a path starting with '/'",
    "space-in-redirect": "'redirect_uris' value 'https://app.example.com/a b' contains white space",
    "public-bearer": "a client cannot be both public_client and bearer_only",
    "public-secret": "a public client has no secret: remove 'secret' or set public_client=False",
    "public-service-accounts": "service accounts need a confidential client",
    "saml-implicit": "'implicit_flow_enabled' is an OpenID Connect setting",
    "mapper-missing-keys": "protocol_mappers[0] needs 'protocolMapper'",
    "mapper-unknown-key": "protocol_mappers[0] has no key 'colour'",
    "mapper-duplicates": "protocol_mappers[1]: two items share name 'email'",
    "bad-pkce": "attributes['pkce.code.challenge.method'] must be 'S256'",
    "bad-jwks-url": "attributes['jwks.url'] 'keys.json' is not an absolute URL",
    "missing-client-id": "Client needs 'client_id'",
    "role-without-name": "Role needs 'name'",
    "negative-lifespan": "'access_token_lifespan' must be at least 1, got -5",
    "realm-with-slash": "must not contain '/'",
}


def bad_program(realm: str) -> Callable[[], None]:
    def program() -> None:
        def client(name: str, **inputs: object) -> None:
            inputs.setdefault("client_id", name)
            Client(name, realm=realm, **inputs)

        mapper = {"name": "email", "protocol": "openid-connect", "protocolMapper": "oidc-usermodel-property-mapper"}
        client("unknown-input", redirect_uri=["https://app.example.com/*"])
        client("str-type", description=5)
        client("bool-type", enabled="yes")
        client("int-type", not_before="10")
        client("list-type", redirect_uris="https://app.example.com/*")
        client("map-type", attributes=["pkce.code.challenge.method"])
        client("bad-choice", protocol="oidc")
        client("bad-root-url", root_url="htp:/x")
        client("relative-base-url", base_url="home")
        client("space-in-redirect", redirect_uris=["https://app.example.com/a b"])
        client("public-bearer", public_client=True, bearer_only=True)
        client("public-secret", public_client=True, secret="not-for-public-clients")
        client("public-service-accounts", public_client=True, service_accounts_enabled=True)
        client("saml-implicit", protocol="saml", implicit_flow_enabled=True)
        client("mapper-missing-keys", protocol_mappers=[{"name": "aud"}])
        client("mapper-unknown-key", protocol_mappers=[{**mapper, "colour": "red"}])
        client("mapper-duplicates", protocol_mappers=[mapper, mapper])
        client("bad-pkce", attributes={"pkce.code.challenge.method": "S512"})
        client("bad-jwks-url", attributes={"jwks.url": "keys.json"})
        Client("missing-client-id", realm=realm, name="No client id")
        Role("role-without-name", realm=realm, description="a role with no name")
        Realm("negative-lifespan", realm=f"{realm}-lifespan", access_token_lifespan=-5)
        Realm("realm-with-slash", realm=f"{realm}/child")

    return program


def test_preview_refuses_every_bad_input_and_creates_nothing(
    new_stack: Callable[..., PulumiStack], admin: KeycloakAdmin, realm: str
) -> None:
    clients_before = sorted(c["clientId"] for c in admin.get(f"/{realm}/clients"))
    roles_before = sorted(r["name"] for r in admin.get(f"/{realm}/roles"))
    stack = new_stack(program=bad_program(realm))

    with pytest.raises(auto.errors.CommandError) as failed:
        stack.preview()

    text = str(failed.value)
    missing = {name: fragment for name, fragment in EXPECTED.items() if fragment not in text}
    assert not missing, f"not reported: {missing}\n--- preview output ---\n{text[-4000:]}"
    assert len(EXPECTED) >= 15
    diagnostics = text.split("Diagnostics:", 1)[1].split("Resources:", 1)[0]  # the CLI's summary
    twice = {n: diagnostics.count(f) for n, f in EXPECTED.items() if diagnostics.count(f) > 1}
    assert not twice, f"printed more than once: {twice}"  # the engine's own report says "printed above"
    assert "printed above with this resource's name" in text
    assert "Traceback" not in text
    assert "not-for-public-clients" not in text  # a secret input is never echoed

    assert sorted(c["clientId"] for c in admin.get(f"/{realm}/clients")) == clients_before
    assert sorted(r["name"] for r in admin.get(f"/{realm}/roles")) == roles_before
    assert admin.get_or_none(f"/{realm}-lifespan") is None
    assert not stack.resources("keycloak:Client") and not stack.resources("keycloak:Role")


def test_a_good_program_previews_cleanly(new_stack: Callable[..., PulumiStack], realm: str) -> None:
    """The same CLI path accepts valid input (so the failure above is the inputs', not the harness')."""

    def program() -> None:
        app = Client("ok", realm=realm, client_id=f"ok-{uuid.uuid4().hex[:6]}",
                     redirect_uris=["https://a.example/*"], attributes={"pkce.code.challenge.method": "S256"})
        viewer = Role("ok-role", realm=realm, name="viewer")
        # Values known only later (Outputs, also inside lists and maps) are left to check() at up.
        Role("ok-composite", realm=realm, name="editor", description=app.client_id,
             composite_realm_roles=[viewer.name], composite_client_roles={"app": [viewer.name]})

    preview = new_stack(program=program).preview()
    assert preview.changes.get("create") == 4, preview.stdout  # the stack and three resources
    assert "error" not in preview.stdout.lower(), preview.stdout
