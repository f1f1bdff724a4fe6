"""No secret in any output: failed checks, ``preview``, ``up``, outputs and ``pulumi stack export``.

Pulumi's engine prints ``property <name> value {<the whole value>} has a problem`` when a check
failure names a property, secrets included. Here every secret input and every map input with a
sensitive key of every registered spec gets a bad value holding a unique marker; the CLI output
of ``preview`` and ``up`` must name the input and hold no marker. Then secrets Keycloak itself
holds (a rotated client secret, a SAML private key, a JWT credential) must not reach the state
in plain text, declared or not.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from typing import Any

import pulumi.automation as auto
import pytest

from pulumi_keycloak_dynamic import Client, Realm, Role
from pulumi_keycloak_dynamic.api import KeycloakAdmin
from pulumi_keycloak_dynamic.api.errors import BadRequest
from pulumi_keycloak_dynamic.engine import registered_specs
from pulumi_keycloak_dynamic.engine.fields import Field
from pulumi_keycloak_dynamic.engine.spec import ObjectSpec
from pulumi_keycloak_dynamic.resources import _base
from tests.support.pulumi_runner import PulumiStack

NewStack = Callable[..., PulumiStack]
#: Keys Keycloak keeps secrets under (client attributes, IdP and component config, SMTP).
SENSITIVE_KEYS = ("saml.signing.private.key", "client.secret.rotated", "jwt.credential.private.key", "password",
                  "clientSecret")


def marker() -> str:
    return f"LEAK-{uuid.uuid4().hex}"


def bad_value(field: Field, planted: list[str]) -> Any:
    """A value of the wrong shape that carries secrets: check() must refuse it without echoing them."""
    if field.kind.shaped and field.kind.name != "keyed_list":
        value: dict[str, Any] = {key: planted.append(m := marker()) or m for key in SENSITIVE_KEYS}
        value["not-a-valid-value"] = [[{"nested": planted.append(m := marker()) or m}]]
        return value
    if field.kind.name == "keyed_list":
        config = {key: planted.append(m := marker()) or m for key in SENSITIVE_KEYS}
        return [{"name": "m", "protocolMapper": "x", "config": config, "not-a-mapper-key": True}]
    planted.append(m := marker())
    return [m]  # a list where a string belongs


def secret_bearing(spec: ObjectSpec) -> list[Field]:
    return [f for f in spec.fields if not f.deprecated and (f.secret or f.kind.shaped)]


def required_inputs(spec: ObjectSpec, realm: str) -> dict[str, Any]:
    return {name: (realm if name == "realm" else f"ok-{name}") for name in spec.required}


SPECS = [s for s in registered_specs() if secret_bearing(s)]


@pytest.mark.parametrize("spec", SPECS, ids=[s.type_name for s in SPECS])
def test_bad_secret_inputs_are_refused_without_showing_them(new_stack: NewStack, realm: str,
                                                            spec: ObjectSpec) -> None:
    """One resource per kind with every secret-bearing input wrong (the engine stops at the first
    resource whose check fails, and prints every failure of that one)."""
    planted: list[str] = []
    inputs = {**required_inputs(spec, realm), **{f.name: bad_value(f, planted) for f in secret_bearing(spec)}}
    if spec.type_name == "Realm":
        inputs["realm"] = f"{realm}-never"
    # An object input takes any map, so only its secrets are planted: nothing there to refuse.
    fields = [f.name for f in secret_bearing(spec) if f.kind.name != "object"]

    def program() -> None:
        _base.KeycloakResource(spec.type_name, "bad", dict(inputs), None)

    stack = new_stack(program=program)
    texts = []
    for operation in (stack.preview, stack.up):
        with pytest.raises(auto.errors.CommandError) as failed:
            operation()
        texts.append(str(failed.value))
    for text in texts:
        leaked = [m for m in planted if m in text]
        assert not leaked, f"{len(leaked)} of {len(planted)} secrets shown:\n{text[-3000:]}"
        assert "has a problem" in text and "Traceback" not in text
        unnamed = [name for name in fields if not re.search(rf"'{name}'|\b{name}\[", text)]
        assert not unnamed, f"failures do not name {unnamed}:\n{text[-3000:]}"
    export = stack.export_text()
    assert not [m for m in planted if m in export]


def enable_secret_rotation(admin: KeycloakAdmin, realm: str) -> bool:
    """A client policy that keeps the old secret as ``client.secret.rotated`` when it is regenerated.
    False when the server lacks the (preview) feature ``client-secret-rotation``."""
    executor = {"executor": "secret-rotation", "configuration": {
        "expiration-period": 86400, "rotated-expiration-period": 3600, "remaining-rotation-period": 600}}
    try:
        admin.put(f"/{realm}/client-policies/profiles", {"profiles": [{"name": "rotation", "executors": [executor]}]})
    except BadRequest:
        return False
    admin.put(f"/{realm}/client-policies/policies", {"policies": [{
        "name": "rotation", "enabled": True, "profiles": ["rotation"],
        "conditions": [{"condition": "client-access-type", "configuration": {"type": ["confidential"]}}]}]})
    return True


def test_secrets_keycloak_holds_never_reach_the_state_in_plain_text(new_stack: NewStack, admin: KeycloakAdmin,
                                                                    realm: str) -> None:
    """A rotated client secret, a SAML private key given by the program, and keys set by hand.

    With the server feature ``client-secret-rotation`` the secret is really rotated (Keycloak's
    ``POST /clients/{id}/client-secret`` under a rotation policy); without it, the attribute is
    stored as a rotation leaves it (one client PUT), which is what the provider then reads."""
    rotating = enable_secret_rotation(admin, realm)
    given_key, smtp_password = marker(), marker()

    def program() -> None:
        Realm("realm", realm=f"{realm}-smtp", smtp_server={"host": "smtp.example.com", "from": "a@example.com",
                                                            "auth": True, "user": "u", "password": smtp_password})
        app = Client("app", realm=realm, client_id="app", public_client=False,
                     attributes={"pkce.code.challenge.method": "S256"})
        Client("saml", realm=realm, client_id="urn:saml", protocol="saml",
               attributes={"saml.signing.private.key": given_key, "saml.signature.algorithm": "RSA_SHA256"})
        Role("role", realm=realm, name="reader", description=app.client_id)

    stack = new_stack(program=program)
    texts = [stack.up().stdout]
    client = admin.get(f"/{realm}/clients", {"clientId": "app"})[0]
    first_secret = admin.get(f"/{realm}/clients/{client['id']}/client-secret")["value"]
    by_hand = {"jwt.credential.private.key": marker(), "saml.encryption.private.key": marker()}
    if rotating:
        admin.post(f"/{realm}/clients/{client['id']}/client-secret")
        client = admin.get(f"/{realm}/clients/{client['id']}")
    else:
        client["attributes"]["client.secret.rotated"] = first_secret
    client["attributes"].update(by_hand)
    admin.put(f"/{realm}/clients/{client['id']}", client)
    attributes = admin.get(f"/{realm}/clients/{client['id']}")["attributes"]
    assert attributes.get("client.secret.rotated") == first_secret, attributes  # Keycloak holds it
    current_secret = admin.get(f"/{realm}/clients/{client['id']}/client-secret")["value"]

    texts.append(stack.refresh().stdout)
    texts.append(stack.refresh().stdout)  # the second reads the first's outputs back
    texts.append(stack.up(diff=True).stdout)
    texts.append(stack.preview(diff=True).stdout)
    texts.append(stack.export_text())
    texts.append(stack.cli("stack", "output", "--json").stdout)
    secrets = {"rotated": first_secret, "current": current_secret, "given": given_key, "smtp": smtp_password,
               **by_hand}
    for text in texts:
        shown = [name for name, value in secrets.items() if value in text]
        assert not shown, f"shown in plain text: {shown}"
    state = {r["urn"].rsplit("::", 1)[1]: r for r in stack.export()["deployment"]["resources"]}
    outputs = state["app"]["outputs"]
    # map outputs hold only the declared keys: Keycloak's own (a rotated secret, a key made by hand)
    # never reach the state; representation() would show them masked
    assert outputs["attributes"] == {"pkce.code.challenge.method": "S256"}
    assert "ciphertext" in str(state["saml"]["outputs"]["attributes"])  # declared private key: a Pulumi secret
    assert stack.preview().changed == 0
