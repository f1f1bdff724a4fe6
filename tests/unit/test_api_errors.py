"""Keycloak's error shapes turned into one-line typed errors (responses built by hand: pure logic)."""

from __future__ import annotations

import json

import pytest
import requests

from pulumi_keycloak_dynamic.api import (
    BadRequest,
    Conflict,
    Forbidden,
    KeycloakError,
    NotFound,
    ServerError,
    Unauthorized,
)
from pulumi_keycloak_dynamic.api.errors import error_for, keycloak_message


def response(status: int, body: object = None, *, text: str | None = None, reason: str = "Reason") -> requests.Response:
    r = requests.Response()
    r.status_code = status
    r.reason = reason
    r._content = (text if text is not None else json.dumps(body) if body is not None else "").encode()
    r.headers["Content-Type"] = "application/json"
    return r


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"errorMessage": "User exists with same username"}, "User exists with same username"),
        ({"error": "invalid_grant", "error_description": "Invalid user credentials"}, "Invalid user credentials"),
        ({"error": "Realm not found."}, "Realm not found."),
        ({"errorMessage": "first", "error_description": "second", "error": "third"}, "first"),
        ({"errorMessage": "", "error": "fallback"}, "fallback"),
        ({"errorMessage": 42, "error": "not a string skipped"}, "not a string skipped"),
    ],
)
def test_message_order(body: dict[str, object], expected: str) -> None:
    assert keycloak_message(response(400, body)) == expected


def test_non_json_bodies() -> None:
    assert keycloak_message(response(502, text="upstream went away")) == "upstream went away"
    assert keycloak_message(response(500, text="<html><body>Oops</body></html>", reason="Internal Server Error")) == (
        "Internal Server Error"
    )
    assert keycloak_message(response(503, text="x" * 300, reason="Service Unavailable")) == "Service Unavailable"
    assert keycloak_message(response(404, text="", reason="Not Found")) == "Not Found"
    assert keycloak_message(response(400, ["a", "list"], reason="Bad Request")) == '["a", "list"]'


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (400, BadRequest),
        (401, Unauthorized),
        (403, Forbidden),
        (404, NotFound),
        (409, Conflict),
        (500, ServerError),
        (503, ServerError),
        (418, KeycloakError),
    ],
)
def test_status_to_type_and_one_line(status: int, cls: type[KeycloakError]) -> None:
    err = error_for(response(status, {"errorMessage": "line one\nline two"}), "PUT", "/r/users/1")
    assert type(err) is cls
    assert (err.status, err.method, err.path) == (status, "PUT", "/r/users/1")
    advice = ": updating a user in realm 'r' needs the admin role 'manage-users'" if status == 403 else ""
    assert str(err).startswith(f"Keycloak {status} line one line two{advice}")
    assert str(err).endswith(" (PUT /r/users/1)") and "\n" not in str(err)
