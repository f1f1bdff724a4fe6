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

import pulumi
import pulumi.automation as auto
import pytest

from pulumi_keycloak_dynamic import Client, IdentityProvider, Realm, Role, User, runtime
from pulumi_keycloak_dynamic.api import KeycloakAdmin
from pulumi_keycloak_dynamic.api.errors import BadRequest
from pulumi_keycloak_dynamic.engine import registered_specs
from pulumi_keycloak_dynamic.engine.fields import Field
from pulumi_keycloak_dynamic.engine.spec import ObjectSpec
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
        runtime.KeycloakResource(spec.type_name, "bad", dict(inputs), None)

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


# ------------------------------------------ a secret is a secret wherever the program puts it
#: How a program can give a kind's secret: its dedicated input as a plain string or as a Pulumi
#: secret, inside a map input (plain or Pulumi secret; check() may move it to the dedicated input),
#: and the dedicated input under Keycloak's camelCase name (check() renames it).
WAYS = ("plain", "secret", "map", "map-secret", "alias")
IDP_CONFIG = {"authorizationUrl": "https://idp.example.com/auth", "tokenUrl": "https://idp.example.com/token",
              "clientId": "federation", "clientAuthMethod": "client_secret_post"}
SMTP = {"host": "smtp.example.com", "from": "noreply@example.com", "auth": True, "user": "mailer"}


def given(way: str, value: str) -> Any:
    return pulumi.Output.secret(value) if way.endswith("secret") else value


def declare(kind: str, realm: str, way: str, value: str) -> str:
    """One resource of ``kind`` named ``way`` that holds ``value`` as ``way`` says; returns the input
    that holds it once check() is done (``config['clientSecret']`` is moved to ``client_secret``)."""
    v = given(way, value)
    mapped = way.startswith("map")
    extra: dict[str, Any]
    if kind == "IdentityProvider":
        extra = ({"config": {**IDP_CONFIG, "clientSecret": v}} if mapped else
                 {"config": IDP_CONFIG, ("clientSecret" if way == "alias" else "client_secret"): v})
        IdentityProvider(way, realm=realm, alias=way, provider_id="oidc", **extra)
        return "client_secret"
    if kind == "Client":
        extra = ({"attributes": {"jwt.credential.private.key": v}} if mapped else
                 {"registrationAccessToken": v} if way == "alias" else {"secret": v})
        Client(way, realm=realm, client_id=way, public_client=False, **extra)
        return "attributes" if mapped else "registration_access_token" if way == "alias" else "secret"
    if kind == "Realm":
        extra = ({"attributes": {"webhook.secret": v}} if mapped else
                 {("smtpServer" if way == "alias" else "smtp_server"): {**SMTP, "password": v}})
        Realm(way, realm=f"{realm}-{way}", **extra)
        return "attributes" if mapped else "smtp_server"
    extra = {"attributes": {"apiKey": v}} if mapped else {
        ("initialPassword" if way == "alias" else "initial_password"): v}
    User(way, realm=realm, username=way, **extra)
    return "attributes" if mapped else "initial_password"


def occurrences(texts: dict[str, str], values: dict[str, list[str]]) -> dict[tuple[str, str], int]:
    """(where, way) → how often that way's values appear in that text."""
    return {(where, way): sum(text.count(v) for v in vs) for where, text in texts.items() for way, vs in values.items()}


def table(counts: dict[tuple[str, str], int]) -> str:
    wheres = list(dict.fromkeys(w for w, _ in counts))
    rows = [f"{'':12}" + "".join(f"{w:>18}" for w in wheres)]
    rows += [f"{way:12}" + "".join(f"{counts[(w, way)]:>18}" for w in wheres) for way in WAYS]
    return "\n".join(rows)


@pytest.mark.parametrize("kind", ["IdentityProvider", "Client", "Realm", "User"])
def test_a_secret_is_never_shown_however_it_is_given(new_stack: NewStack, admin: KeycloakAdmin, realm: str,
                                                     kind: str) -> None:
    """Create, change the secret (preview --diff, up --diff), refresh: the values never appear in the
    CLI's text or in ``pulumi stack export``, and the diff shows ``[secret]``."""
    if kind == "User":
        profile = admin.get(f"/{realm}/users/profile")  # user attributes are kept only when the profile allows them
        admin.put(f"/{realm}/users/profile", {**profile, "unmanagedAttributePolicy": "ENABLED"})
    tag = uuid.uuid4().hex[:8]
    values = {way: [f"{kind}-{way}-One-{tag}", f"{kind}-{way}-Two-{tag}"] for way in WAYS}
    version = {"n": 0}
    holder: dict[str, str] = {}

    def program() -> None:
        for way in WAYS:
            holder[way] = declare(kind, realm, way, values[way][version["n"]])

    stack = new_stack(program=program)
    texts = {"up": stack.up(diff=True).stdout, "export (created)": stack.export_text()}
    version["n"] = 1
    diff = stack.preview(diff=True).stdout
    texts["preview --diff"] = diff
    texts["up"] += stack.up(diff=True).stdout
    texts["refresh"] = stack.refresh(diff=True).stdout
    texts["export"] = stack.export_text()
    counts = occurrences(texts, values)
    print(f"\n{kind}: occurrences of the secret values\n{table(counts)}")
    assert not any(counts.values()), f"{kind}: secret values shown in plain text:\n{table(counts)}"
    # The engine masks both values before it compares them for display, so a changed secret is
    # shown as `client_secret: [secret]` (the provider's diff() said it changed).
    updated = {re.search(r"\[id=[^\]]*\]\s+\[urn=\S+::(\S+)\]", block)[1]: block  # type: ignore[index]
               for block in diff.split("~ pulumi-python:dynamic/keycloak:")[1:]}
    assert sorted(updated) == sorted(WAYS), diff
    hidden = [way for way, block in updated.items() if not re.search(rf"\b{holder[way]}\s*: \[secret\]", block)]
    assert not hidden, f"not shown as [secret]: {hidden}\n{diff}"
    assert stack.preview().changed == 0


def test_a_state_written_before_the_fix_gets_the_secret_encrypted_by_the_next_up(new_stack: NewStack,
                                                                                 realm: str) -> None:
    """Before, ``config['clientSecret']`` reached the state as a plain ``client_secret`` input (issue
    21). A state of that shape (made here by editing the export) has it encrypted after the next
    ``up``, which changes nothing in Keycloak."""
    value = f"Partner-Secret-{uuid.uuid4().hex[:8]}"

    def program() -> None:
        IdentityProvider("partner-sso", realm=realm, alias="partner-sso", provider_id="oidc",
                         config={**IDP_CONFIG, "clientSecret": value})

    stack = new_stack(program=program)
    stack.up()
    state = stack.export()
    [idp] = [r for r in state["deployment"]["resources"] if r["urn"].endswith("::partner-sso")]
    assert "ciphertext" in idp["inputs"]["client_secret"]
    idp["inputs"]["client_secret"] = value  # what the provider wrote before the fix
    stack.import_state(state)
    assert stack.export_text().count(value) == 1  # the old shape: in the state in plain text

    result = stack.up()
    assert result.changed == 0 and value not in result.stdout
    assert stack.export_text().count(value) == 0
    [idp] = stack.resources(":IdentityProvider")
    assert "ciphertext" in idp["inputs"]["client_secret"]
    assert stack.preview().changed == 0
