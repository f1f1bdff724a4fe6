"""Secrets Keycloak holds never reach an output in plain text, declared or not.

Which keys hold secrets (``is_sensitive_key``), and the outputs the engine builds from a Keycloak
representation after create/update (the program's inputs known) and after refresh (only the
previous outputs known): map outputs hold only the declared keys, so an undeclared sensitive key
never reaches them (``representation()`` masks it); a declared one keeps its value (it compares
equal; the output is a Pulumi secret).
"""

from __future__ import annotations

from typing import Any

import pytest

from pulumi_keycloak_dynamic.engine import KeycloakProvider, spec_for
from pulumi_keycloak_dynamic.engine.fields import is_sensitive_key
from pulumi_keycloak_dynamic.engine.outputs import outputs_from
from pulumi_keycloak_dynamic.engine.secrets import unmarked

SECRET_KEYS = [
    "secret", "clientSecret", "client.secret.rotated", "saml.signing.private.key", "saml.encryption.private.key",
    "jwt.credential.private.key", "jwt.credential.certificate", "bindCredential", "keystorePassword", "password",
    "registrationAccessToken", "accessToken", "privateKey", "secretKey", "apiKey", "KEY_PASSWORD",
]
PLAIN_KEYS = [
    "client.secret.creation.time", "client.secret.expiration.time", "client.secret.rotated.creation.time",
    "client.secret.rotated.expiration.time", "client.secret.rotation.enabled", "passwordPolicy",
    "client_credentials.use_refresh_token", "access.token.lifespan", "use.refresh.tokens", "storeToken",
    "saml.signing.certificate", "tls.client.certificate.bound.access.tokens", "access.token.header.type.rfc9068",
    "pkce.code.challenge.method", "user", "auth", "host",
]


@pytest.mark.parametrize("key", SECRET_KEYS)
def test_credential_keys_are_sensitive(key: str) -> None:
    assert is_sensitive_key(key)


@pytest.mark.parametrize("key", PLAIN_KEYS)
def test_facts_about_secrets_and_settings_are_not(key: str) -> None:
    assert not is_sensitive_key(key)


SERVER = {
    "id": "c-uuid", "clientId": "app", "secret": "CURRENT-SECRET",
    "attributes": {"pkce.code.challenge.method": "S256", "client.secret.rotated": "ROTATED-SECRET",
                   "client.secret.rotated.creation.time": "1796404186", "saml.signing.private.key": "GIVEN-KEY",
                   "jwt.credential.private.key": "BY-HAND-KEY"},
    "protocolMappers": [{"name": "m", "protocolMapper": "x", "config": {"clientSecret": "MAPPER-SECRET"}}],
}
PLAINTEXT = ["CURRENT-SECRET", "ROTATED-SECRET", "BY-HAND-KEY", "MAPPER-SECRET"]


def outputs_after_write(declared: dict[str, Any]) -> dict[str, Any]:
    provider = KeycloakProvider("Client")
    inputs = unmarked(provider.check({}, {"__provider": "x", "client_id": "app", **declared}).inputs)  # as create gets
    names = [n for n in inputs if not n.startswith("__")]
    return outputs_from(provider.spec, inputs, "c-uuid", SERVER, names)


def outputs_after_refresh(previous: dict[str, Any]) -> dict[str, Any]:
    """``read()`` builds outputs from the previous outputs (what the state holds) and the server."""
    return outputs_from(spec_for("Client"), previous, "c-uuid", SERVER, list(previous["managed_fields"]))


def plain_secrets(outputs: dict[str, Any]) -> list[str]:
    text = repr({k: v for k, v in outputs.items() if k != "secret"})  # 'secret' is always a Pulumi secret
    return [s for s in PLAINTEXT if s in text]


def test_undeclared_secrets_are_masked_and_a_declared_one_kept() -> None:
    declared = {"attributes": {"pkce.code.challenge.method": "S256", "saml.signing.private.key": "GIVEN-KEY"},
                "protocol_mappers": [{"name": "m", "protocol_mapper": "x"}]}
    first = outputs_after_write(declared)
    assert plain_secrets(first) == []
    assert set(first["attributes"]) == {"pkce.code.challenge.method", "saml.signing.private.key"}
    assert first["attributes"]["saml.signing.private.key"] == "GIVEN-KEY"  # declared: compares equal
    assert "clientSecret" not in (first["protocol_mappers"][0].get("config") or {})

    for _ in range(2):  # refresh, and refresh again from the refreshed outputs
        first = outputs_after_refresh(first)
        assert plain_secrets(first) == []
        assert first["attributes"]["saml.signing.private.key"] == "GIVEN-KEY"


def test_undeclared_inputs_have_no_output() -> None:
    outs = outputs_after_write({})
    assert plain_secrets(outs) == [] and "attributes" not in outs and "protocol_mappers" not in outs
    assert "secret" not in outs  # one Keycloak generated is read by client_secret(), never stored
