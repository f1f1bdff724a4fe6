"""`pulumi preview` with work to do checks the connection and the login, once, and fails with
the same one line as `up` would; the error shows the whole URL path, base path included.

A counting proxy sits between the provider and Keycloak, so the requests are seen, not assumed.
(A preview with no change makes no request at all: tests/e2e/test_api_calls.py.)
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

import pulumi.automation as auto
import pytest

from pulumi_keycloak_dynamic import Realm
from tests.conftest import KeycloakTarget
from tests.support.fault_proxy import FaultProxy
from tests.support.pulumi_runner import PulumiStack

TOKEN = "/realms/master/protocol/openid-connect/token"


def program() -> None:
    Realm("r", realm=f"t-{uuid.uuid4().hex[:10]}", enabled=True)


def failed_preview(stack: PulumiStack) -> str:
    with pytest.raises(auto.CommandError) as err:
        stack.preview()
    return str(err.value)


def test_preview_with_a_wrong_password_fails_like_up(
    new_stack: Callable[..., PulumiStack], keycloak: KeycloakTarget
) -> None:
    with FaultProxy(keycloak.url) as proxy:
        stack = new_stack(program=program, config={"keycloak:url": (proxy.url, False),
                                                   "keycloak:password": ("wrong-password", True)})
        text = failed_preview(stack)
        # Keycloak answers a wrong password with 401 on 26.0 and with 400 on 26.7.
        assert any(("error: connecting to Keycloak: Keycloak " + status + " login to realm 'master' failed: Invalid "
                    "user credentials; check keycloak:username / keycloak:password (POST " + TOKEN + ")") in text
                   for status in ("400", "401")), text
        assert "Traceback" not in text and "wrong-password" not in text
        assert [(m, p) for m, p, _ in proxy.seen] == [("POST", TOKEN)]  # one login, nothing else


def test_preview_with_work_to_do_logs_in_once_and_sends_nothing_else(
    new_stack: Callable[..., PulumiStack], keycloak: KeycloakTarget
) -> None:
    with FaultProxy(keycloak.url) as proxy:
        stack = new_stack(program=program, config={"keycloak:url": (proxy.url, False)})
        assert stack.preview().changes.get("create") == 2  # the stack and the realm
        assert [(m, p) for m, p, _ in proxy.seen] == [("POST", TOKEN)]


def test_base_path_typo_shows_in_the_error(new_stack: Callable[..., PulumiStack], keycloak: KeycloakTarget) -> None:
    stack = new_stack(program=program, config={"keycloak:basePath": ("/auht", False)})
    text = failed_preview(stack)
    assert f"(POST /auht{TOKEN})" in text, text
    assert "check keycloak:url, keycloak:basePath and keycloak:realm" in text


def test_stopped_server_fails_the_preview(new_stack: Callable[..., PulumiStack], keycloak: KeycloakTarget) -> None:
    with FaultProxy(keycloak.url) as proxy:
        url = proxy.url
    stack = new_stack(program=program, config={"keycloak:url": (url, False)})
    text = failed_preview(stack)
    assert f"connecting to Keycloak: Keycloak unreachable at {url}: connection refused" in text, text
