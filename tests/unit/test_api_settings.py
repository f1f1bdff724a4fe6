"""ConnectionSettings.from_sources: stack config first, environment second, one-line errors."""

from __future__ import annotations

import pytest

from pulumi_keycloak_dynamic.api import ConfigurationError, ConnectionSettings

BASE_ENV = {"KEYCLOAK_URL": "https://sso.example.com", "KEYCLOAK_USER": "admin", "KEYCLOAK_PASSWORD": "pw-7f3a9"}


def test_environment_alone() -> None:
    s = ConnectionSettings.from_sources(None, BASE_ENV)
    assert (s.url, s.username, s.password, s.realm, s.client_id) == (
        "https://sso.example.com",
        "admin",
        "pw-7f3a9",
        "master",
        "admin-cli",
    )
    assert (s.grant, s.client_timeout, s.tls_insecure_skip_verify, s.server_url) == (
        "password",
        30.0,
        False,
        "https://sso.example.com",
    )


def test_stack_config_wins_over_environment_and_empty_config_falls_back() -> None:
    cfg = {
        "keycloak:url": "http://kc:8080/",
        "keycloak:realm": "ops",
        "keycloak:basePath": "/auth/",
        "keycloak:username": "",
    }
    s = ConnectionSettings.from_sources(cfg.get, BASE_ENV)
    assert (s.url, s.realm, s.username) == ("http://kc:8080/", "ops", "admin")
    assert s.server_url == "http://kc:8080/auth"


def test_client_credentials_grant() -> None:
    env = {"KEYCLOAK_URL": "https://sso", "KEYCLOAK_CLIENT_ID": "robot", "KEYCLOAK_CLIENT_SECRET": "s"}
    s = ConnectionSettings.from_sources(None, env)
    assert (s.grant, s.client_id, s.client_secret) == ("client_credentials", "robot", "s")


def test_secrets_stay_out_of_repr() -> None:
    s = ConnectionSettings.from_sources(None, {**BASE_ENV, "KEYCLOAK_PASSWORD": "hunter2-secret"})
    assert "hunter2-secret" not in repr(s)


def test_extras_are_parsed() -> None:
    env = {
        **BASE_ENV,
        "KEYCLOAK_CLIENT_TIMEOUT": "2.5",
        "KEYCLOAK_TLS_INSECURE_SKIP_VERIFY": "TRUE",
        "KEYCLOAK_ADDITIONAL_HEADERS": '{"X-Env": "prod", "X-N": 1}',
    }
    s = ConnectionSettings.from_sources(None, env)
    assert (s.client_timeout, s.tls_insecure_skip_verify, dict(s.additional_headers)) == (
        2.5,
        True,
        {"X-Env": "prod", "X-N": "1"},
    )


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "Keycloak's address is not set: set the stack config `keycloak:url`"),
        ({**BASE_ENV, "KEYCLOAK_URL": "sso.example.com"}, "keycloak:url must be an http(s) URL"),
        ({**BASE_ENV, "KEYCLOAK_URL": "ftp://sso"}, "keycloak:url must be an http(s) URL"),
        (
            {"KEYCLOAK_URL": "https://sso", "KEYCLOAK_USER": "admin"},
            "keycloak:username is set but keycloak:password is not",
        ),
        (
            {"KEYCLOAK_URL": "https://sso", "KEYCLOAK_PASSWORD": "pw-7f3a9"},
            "keycloak:password is set but keycloak:username is not",
        ),
        ({"KEYCLOAK_URL": "https://sso"}, "no Keycloak credentials"),
        (
            {**BASE_ENV, "KEYCLOAK_CLIENT_TIMEOUT": "soon"},
            "keycloak:clientTimeout must be a positive number of seconds, got 'soon'",
        ),
        ({**BASE_ENV, "KEYCLOAK_CLIENT_TIMEOUT": "0"}, "keycloak:clientTimeout must be a positive number"),
        (
            {**BASE_ENV, "KEYCLOAK_TLS_INSECURE_SKIP_VERIFY": "maybe"},
            "keycloak:tlsInsecureSkipVerify must be true or false",
        ),
        ({**BASE_ENV, "KEYCLOAK_ADDITIONAL_HEADERS": "[1]"}, "keycloak:additionalHeaders must be a JSON object"),
        ({**BASE_ENV, "KEYCLOAK_ADDITIONAL_HEADERS": "{nope"}, "keycloak:additionalHeaders must be a JSON object"),
    ],
)
def test_bad_settings_say_what_to_set(env: dict[str, str], expected: str) -> None:
    with pytest.raises(ConfigurationError) as err:
        ConnectionSettings.from_sources(None, env)
    text = str(err.value)
    assert text.startswith(expected) and "\n" not in text
    assert "pw-7f3a9" not in text  # a password never shows in a message


def test_root_ca_that_is_neither_pem_nor_a_file_is_a_configuration_error() -> None:
    from pulumi_keycloak_dynamic.api import KeycloakSession

    settings = ConnectionSettings.from_sources(None, {**BASE_ENV, "KEYCLOAK_ROOT_CA_CERT": "/no/such/ca.pem"})
    with pytest.raises(ConfigurationError) as err:
        KeycloakSession(settings)
    assert str(err.value) == "keycloak:rootCaCertificate is neither PEM text nor an existing file: '/no/such/ca.pem'"
