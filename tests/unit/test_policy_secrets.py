"""The plaintext-secret guardrail: telling Pulumi secrets from plain strings.

Validations run through pulumi_policy's own analyzer service (``harness.analyze``) with inputs in
the engine's wire format, where a Pulumi secret carries the secret signature; that is the only
place the marker exists before the SDK unwraps it.
"""

from __future__ import annotations

from typing import Any

from pulumi_policy import Secret
from pulumi_policy.proxy import UNKNOWN_STRING_VALUE

from policy.keycloak_guardrails import BY_NAME, CLIENT, REALM, ROLE, secret_values
from policy.keycloak_guardrails.harness import analyze, remediate, remediated, validate, wire

NAME = "keycloak-no-plaintext-secrets"
ONLY = [secret_values.no_plaintext_secrets]
PROVIDER = Secret("opaque-pickled-provider")


def messages(resource_type: str, props: dict[str, Any], **kwargs: Any) -> list[str]:
    return [v.message for v in analyze(resource_type, props, policies=ONLY, **kwargs)]


def test_plain_client_secret_is_flagged_with_the_field_and_the_fix() -> None:
    found = messages(CLIENT, {"client_id": "orders", "secret": "hunter2", "__provider": PROVIDER})
    assert len(found) == 1
    assert "secret is a plain string" in found[0]
    assert "config.require_secret" in found[0] and "pulumi.Output.secret" in found[0]
    assert "hunter2" not in found[0]


def test_pulumi_secret_client_secret_passes() -> None:
    assert messages(CLIENT, {"client_id": "orders", "secret": Secret("hunter2"), "__provider": PROVIDER}) == []


def test_nested_smtp_password() -> None:
    plain = messages(REALM, {"realm": "shop", "smtp_server": {"host": "mail", "password": "pw"}})
    assert len(plain) == 1 and "smtp_server.password is a plain string" in plain[0]
    assert messages(REALM, {"realm": "shop", "smtp_server": {"host": "mail", "password": Secret("pw")}}) == []
    assert messages(REALM, {"realm": "shop", "smtp_server": Secret({"host": "mail", "password": "pw"})}) == []


def test_non_credentials_unknowns_and_empty_values_are_not_flagged() -> None:
    props = {"client_id": "orders", "client_authenticator_type": "client-secret", "secret": "",
             "attributes": {"client.secret.creation.time": "1795443617"}}
    assert messages(CLIENT, props) == []
    assert messages(CLIENT, {"client_id": "orders", "secret": UNKNOWN_STRING_VALUE}) == []
    assert messages(REALM, {"realm": "shop", "password_policy": "length(12)"}) == []


def test_extra_keys_by_config() -> None:
    props = {"name": "r", "attributes": {"webhook_token": "t0k"}}
    assert messages(ROLE, props) == []
    found = messages(ROLE, props, config={NAME: {"extraKeys": ["webhook_token"]}})
    assert len(found) == 1 and "attributes.webhook_token" in found[0]


def test_the_secret_marker_only_reaches_the_policy_through_the_tracking_hook() -> None:
    # What the SDK alone gives a validation: the marker is gone, so the policy stays silent
    # instead of flagging a value that may well be a secret.
    assert wire({"secret": Secret("x")}) == {
        "secret": {"4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", "value": "x"}}
    assert validate(BY_NAME[NAME], CLIENT, {"client_id": "orders", "secret": "hunter2"}) == []
    # The remediation view keeps markers, so there the policy can tell.
    assert validate(BY_NAME[NAME], CLIENT, {"client_id": "orders", "secret": "hunter2"},
                    for_remediation=True) != []


def test_tracking_hook_is_installed_once_and_cleans_up() -> None:
    assert secret_values.install_secret_tracking() is True
    assert secret_values.install_secret_tracking() is True
    messages(CLIENT, {"client_id": "orders", "secret": "x"})
    assert secret_values._tracked_paths() is None


def test_remediation_marks_plaintext_credentials_secret() -> None:
    props = {"realm": "shop", "smtp_server": {"host": "mail", "password": "pw"}, "__provider": PROVIDER}
    fixed = remediated(BY_NAME[NAME], REALM, props)
    assert fixed is not None
    password = fixed["smtp_server"]["password"]
    assert isinstance(password, Secret) and password.value == "pw"
    assert fixed["smtp_server"]["host"] == "mail"
    assert isinstance(fixed["__provider"], Secret)
    assert remediated(BY_NAME[NAME], REALM, {**props, "smtp_server": {"password": Secret("pw")}}) is None


def test_remediation_through_the_analyzer_then_validation_passes() -> None:
    props = {"client_id": "orders", "secret": "hunter2", "__provider": PROVIDER}
    config = {NAME: "remediate"}
    fixed, applied = remediate(CLIENT, props, policies=ONLY, config=config)
    assert applied == [NAME]
    assert isinstance(fixed["secret"], Secret) and fixed["secret"].value == "hunter2"
    assert analyze(CLIENT, fixed, policies=ONLY, config=config) == []
