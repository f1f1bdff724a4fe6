"""Pure logic behind short diffs and clear messages: output shapes, the client's default protocol,
TLS failure causes, the demo's stack per server, and the no-request rule outside the provider host."""

from __future__ import annotations

import ssl
from typing import Any

import pytest

from pulumi_keycloak_dynamic.api.tls import tls_failure
from pulumi_keycloak_dynamic.engine import KeycloakProvider, notices, spec_for
from pulumi_keycloak_dynamic.engine.outputs import output_value
from scripts.demo import stack_for

URL = "https://sso.example.com"


def test_map_outputs_are_cut_to_the_declared_shape_and_none_when_undeclared() -> None:
    attributes = spec_for("Client").by_name["attributes"]
    server = {"pkce.code.challenge.method": "S256", "realm_client": "false", "client.secret.creation.time": "1"}
    declared = {"pkce.code.challenge.method": "S256"}
    assert output_value(attributes, declared, server, ["attributes"]) == declared
    assert output_value(attributes, None, server, []) is None


def test_mapper_outputs_drop_what_keycloak_adds_to_a_mapper() -> None:
    mappers = spec_for("Client").by_name["protocol_mappers"]
    declared = [{"name": "aud", "protocolMapper": "oidc-audience-mapper", "config": {"access.token.claim": "true"}}]
    server = [{"id": "m-1", "name": "aud", "protocol": "openid-connect", "protocolMapper": "oidc-audience-mapper",
               "consentRequired": False, "config": {"access.token.claim": "true", "introspection.token.claim": "true"}}]
    assert output_value(mappers, declared, server, ["protocol_mappers"]) == declared


def test_scalar_outputs_are_the_server_value_declared_or_not() -> None:
    description = spec_for("Client").by_name["description"]
    assert output_value(description, None, "by hand", []) == "by hand"


def test_a_client_is_created_as_openid_connect_unless_the_program_says_otherwise() -> None:
    spec = spec_for("Client")
    assert spec.representation({"client_id": "app"})["protocol"] == "openid-connect"
    # Keycloak makes an OIDC client public when publicClient is absent: undeclared means confidential.
    assert spec.representation({"client_id": "app"})["publicClient"] is False
    assert spec.representation({"client_id": "app", "public_client": True})["publicClient"] is True
    assert spec.representation({"client_id": "sp", "protocol": "saml"})["protocol"] == "saml"
    assert "protocol" not in spec.update_representation({"description": "x"})  # updates send only what changed


def _verify_error(code: int, message: str) -> ssl.SSLCertVerificationError:
    error = ssl.SSLCertVerificationError(1, f"[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: {message}")
    error.verify_code, error.verify_message = code, message
    return error


@pytest.mark.parametrize(
    ("code", "message", "expected", "absent"),
    [
        (20, "unable to get local issuer certificate", "is not trusted", "does not name"),
        (19, "self-signed certificate in certificate chain", "set keycloak:rootCaCertificate", "validity"),
        (62, "Hostname mismatch, certificate is not valid for 'localhost'.", "does not name that host",
         "rootCaCertificate"),
        (10, "certificate has expired", "is out of its validity period (certificate has expired)", "trusted"),
    ],
)
def test_tls_failures_name_their_cause(code: int, message: str, expected: str, absent: str) -> None:
    wrapped = ConnectionError("Max retries exceeded")
    wrapped.__context__ = _verify_error(code, message)
    text = tls_failure(URL, wrapped, "certificate verify failed")
    assert expected in text and absent not in text and message in text


def test_a_handshake_that_is_not_about_the_certificate_points_at_scheme_and_port() -> None:
    assert "is the server speaking https on that port?" in tls_failure(URL, OSError("x"), "wrong version number")


@pytest.mark.parametrize(
    ("url", "stack"),
    [("http://127.0.0.1:8080", "kc-127.0.0.1-8080"), ("https://sso.example.com", "kc-sso.example.com-443"),
     ("https://sso.example.com/auth/", "kc-sso.example.com-443-auth")],
)
def test_the_demo_has_one_stack_per_server(url: str, stack: str) -> None:
    assert stack_for(url) == stack


def test_outside_the_provider_host_nothing_logs_in_or_talks_to_an_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_admin(self: KeycloakProvider) -> Any:
        raise AssertionError("no request outside the provider host")

    monkeypatch.setattr(KeycloakProvider, "admin", no_admin)
    # The resource classes run check() in the program's process: a planned create must not log in there.
    result = KeycloakProvider("Realm").check({}, {"realm": "acme", "enabled": True})
    assert not result.failures
    notices.tell("nobody listens")  # no engine address in this process: a no-op, no exception


def test_an_object_is_named_with_one_slash_between_realm_and_group_path() -> None:
    from pulumi_keycloak_dynamic.engine.adoption import import_hint, label

    group = {"realm": "newcomer-corp", "name": "qa", "parent": "/staf"}
    assert label(spec_for("Group"), group) == "'newcomer-corp/staf/qa'"  # was 'newcomer-corp//staf/qa'
    assert import_hint(spec_for("Group"), group) == "newcomer-corp/staf/qa"
    assert label(spec_for("Role"), {"realm": "acme", "client_id": "app", "name": "viewer"}) == "'acme/app/viewer'"


def test_a_missing_realm_comes_with_advice() -> None:
    from pulumi_keycloak_dynamic.api import NotFound
    from pulumi_keycloak_dynamic.engine import errors

    gone = NotFound("Realm not found.", method="POST", path="/nowhere/clients", status=404)
    assert errors.explained(gone, "nowhere") == (
        "realm 'nowhere' does not exist (Keycloak 404 Realm not found. (POST /nowhere/clients)): declare a Realm "
        "resource and pass it (realm=<Realm>, so it is created first), or correct the realm's name")
    other = NotFound("Could not find client", method="GET", path="/acme/clients/x", status=404)
    assert errors.explained(other, "acme") == str(other)
    expected = "^creating Client 'nowhere/app': realm 'nowhere' does not exist"
    doing = "creating Client 'nowhere/app'"
    with pytest.raises(errors.ProviderError, match=expected), errors.reported(doing, "nowhere"):
        raise gone
