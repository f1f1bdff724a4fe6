"""One HTTP session to Keycloak: login, token reuse and refresh, retries, TLS, typed errors.

* One login per process (per settings), shared safely by threads. The token is renewed shortly
  before it expires (master-realm access tokens live 60 s) with the refresh token, or by a new
  login when that fails, and once more on a 401.
* Retries by what HTTP says a repeat may do (:mod:`.retries`); a create whose answer is lost
  looks the object up by its natural key before it is sent again (:meth:`KeycloakSession.create`).
* Connections are pooled and reused.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import ConnectTimeoutError, NewConnectionError

from . import retries, tls
from .errors import ConnectionFailed, KeycloakError, ServerError, Unauthorized, error_for, keycloak_message
from .paths import quote_segment
from .settings import ConnectionSettings

#: Renew the access token when it has fewer seconds than this left (at most a quarter of its life).
TOKEN_MARGIN_SECONDS = 10.0
#: Answers after which a create may or may not have happened: look before sending it again.
UNCERTAIN_STATUSES = (502, 503, 504)
#: How often a create is sent again after an answer that leaves it uncertain (looked up before each).
CREATE_ATTEMPTS = 8


@dataclass
class Stats:
    """Counters for tests and benchmarks (HTTP requests sent by this process, logins, refreshes)."""

    requests: int = 0
    logins: int = 0
    refreshes: int = 0
    by_method: dict[str, int] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def count(self, method: str) -> None:
        with self._lock:
            self.requests += 1
            self.by_method[method] = self.by_method.get(method, 0) + 1

    def snapshot(self) -> dict[str, int]:
        with self._lock:
            return {"requests": self.requests, "logins": self.logins, "refreshes": self.refreshes}


class KeycloakSession:
    """HTTP access to one Keycloak server with one admin login, safe to share between threads."""

    def __init__(self, settings: ConnectionSettings) -> None:
        self.settings = settings
        self.stats = Stats()
        self._http = requests.Session()
        # Safe to repeat: GET, PUT, DELETE, the token request and POSTs marked idempotent.
        safe = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS", "POST"})
        adapter = HTTPAdapter(max_retries=retries.safe_retry(safe), pool_connections=4, pool_maxsize=16)
        self._http.mount("http://", adapter)
        self._http.mount("https://", adapter)
        # Creates: repeated only when nothing was done (connect errors, 429); see create().
        self._post_http = requests.Session()
        post_adapter = HTTPAdapter(max_retries=retries.create_retry(), pool_connections=4, pool_maxsize=16)
        self._post_http.mount("http://", post_adapter)
        self._post_http.mount("https://", post_adapter)
        # ``verify`` goes with every request: requests lets REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE
        # override a Session's own ``verify``, which would silently ignore keycloak:rootCaCertificate.
        self._verify_setting = self._verify()
        for http in (self._http, self._post_http):
            http.headers.update({"Accept": "application/json", **settings.additional_headers})
        self._token_lock = threading.Lock()
        self._access_token: str | None = None
        self._refresh_token: str | None = None
        self._expires_at = 0.0
        self._refresh_expires_at = 0.0
        self._margin = TOKEN_MARGIN_SECONDS

    # ----------------------------------------------------------------- TLS
    def _verify(self) -> bool | str:
        adapters = [a for http in (self._http, self._post_http) for a in http.adapters.values()]
        s = self.settings
        return tls.verify_setting(s.url, s.tls_insecure_skip_verify, s.root_ca_certificate, adapters)

    # ---------------------------------------------------------------- auth
    @property
    def token_url(self) -> str:
        realm = quote_segment(self.settings.realm)
        return f"{self.settings.server_url}/realms/{realm}/protocol/openid-connect/token"

    def _token_request(self, form: dict[str, str], what: str) -> None:
        self.stats.count("POST")
        try:
            response = self._http.post(  # a login sent twice does no harm: retried like a GET
                self.token_url, data=form, timeout=self.settings.client_timeout, verify=self._verify_setting
            )
        except requests.exceptions.SSLError as exc:
            raise ConnectionFailed(
                _tls_message(self.settings.url, exc), method="POST", path=self._token_path()
            ) from None
        except requests.exceptions.RequestException as exc:
            raise _unreachable(self.settings.url, exc, "POST", self._token_path()) from None
        if response.status_code != 200:
            message = keycloak_message(response)
            if response.status_code in (400, 401):
                hint = (
                    "check keycloak:username / keycloak:password"
                    if self.settings.grant == "password"
                    else "check keycloak:clientId / keycloak:clientSecret"
                )
                raise Unauthorized(
                    f"{what} to realm '{self.settings.realm}' failed: {message}; {hint}",
                    method="POST", path=self._token_path(), status=response.status_code,
                )
            if response.status_code == 404:
                raise KeycloakError(
                    f"{what} failed: {message}; check keycloak:url, keycloak:basePath and keycloak:realm",
                    method="POST", path=self._token_path(), status=404,
                )
            raise error_for(response, "POST", self._token_path())
        body = response.json()
        now = time.monotonic()
        lifetime = float(body.get("expires_in", 60))
        self._access_token = body["access_token"]
        self._expires_at = now + lifetime
        self._margin = min(TOKEN_MARGIN_SECONDS, lifetime / 4)
        self._refresh_token = body.get("refresh_token")
        self._refresh_expires_at = now + float(body.get("refresh_expires_in", 0) or 0)

    def _token_path(self) -> str:
        return urlsplit(self.token_url).path

    def _login(self) -> None:
        s = self.settings
        form = {"client_id": s.client_id}
        if s.grant == "password":
            form.update(grant_type="password", username=s.username or "", password=s.password or "")
            if s.client_secret:
                form["client_secret"] = s.client_secret
        else:
            form.update(grant_type="client_credentials", client_secret=s.client_secret or "")
        self.stats.logins += 1
        self._token_request(form, "login")

    def _refresh(self) -> bool:
        if not self._refresh_token or time.monotonic() > self._refresh_expires_at - self._margin:
            return False
        form = {
            "grant_type": "refresh_token",
            "refresh_token": self._refresh_token,
            "client_id": self.settings.client_id,
        }
        if self.settings.client_secret:
            form["client_secret"] = self.settings.client_secret
        try:
            self._token_request(form, "token refresh")
        except Unauthorized:
            return False
        self.stats.refreshes += 1
        return True

    def token(self, *, force_renew: bool = False, stale: str | None = None) -> str:
        """A valid access token; one login per session, renewed before it expires."""
        with self._token_lock:
            if force_renew and self._access_token != stale:
                force_renew = False  # another thread renewed it meanwhile
            fresh = self._access_token and time.monotonic() < self._expires_at - self._margin
            if (not fresh or force_renew) and not (self._access_token and self._refresh()):
                self._login()
            assert self._access_token is not None
            return self._access_token

    # ------------------------------------------------------------ requests
    def admin_url(self, path: str, base: str = "/admin/realms") -> str:
        return f"{self.settings.server_url}{base}{path}"

    def request(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: dict[str, Any] | None = None,
        base: str = "/admin/realms",
        idempotent: bool = False,
    ) -> requests.Response:
        """Send one admin request (``path`` below ``base``); raise a typed error on failure.

        ``idempotent=True`` marks a POST that may be repeated after a lost answer or a 5xx (adding
        composites, role mappings); any other POST is retried only when the server did nothing.
        """
        http = self._post_http if method == "POST" and not idempotent else self._http
        token = self.token()
        url = self.admin_url(path, base)
        path = urlsplit(url).path  # errors show the whole path, base path included (a typo shows)
        for attempt in (1, 2):
            self.stats.count(method)
            try:
                response = http.request(
                    method,
                    url,
                    json=json,
                    params=params,
                    headers={"Authorization": f"Bearer {token}"},
                    timeout=self.settings.client_timeout,
                    verify=self._verify_setting,
                )
            except requests.exceptions.SSLError as exc:
                message = _tls_message(self.settings.url, exc)
                raise ConnectionFailed(message, method=method, path=path) from None
            except requests.exceptions.RequestException as exc:
                raise _unreachable(self.settings.url, exc, method, path) from None
            if response.status_code == 401 and attempt == 1:
                token = self.token(force_renew=True, stale=token)
                continue
            if response.status_code >= 400:
                raise _gave_up(error_for(response, method, path), response)
            return response
        raise AssertionError("unreachable")

    def create(
        self,
        path: str,
        body: dict[str, Any],
        find: Callable[[], str | None],
    ) -> str:
        """POST a new object and return its id (from ``Location``).

        When the answer is lost (connection dropped, 502/503/504), the object may or may not have
        been created: ``find()`` looks it up by its natural key, and only when it is absent is the
        POST sent again (up to ``CREATE_ATTEMPTS`` times within ``MAX_WAIT_SECONDS``). So a create
        never makes two objects and never fails when it succeeded.
        """
        last: KeycloakError | None = None
        started = time.monotonic()
        for attempt in range(CREATE_ATTEMPTS):
            try:
                response = self.request("POST", path, json=body)
            except (ConnectionFailed, ServerError) as exc:
                if isinstance(exc, ServerError) and exc.status not in UNCERTAIN_STATUSES:
                    raise
                if isinstance(exc, ConnectionFailed) and not exc.request_sent:
                    raise  # never reached the server: nothing was created, nothing to look up
                last = exc
                if time.monotonic() - started > retries.MAX_WAIT_SECONDS:
                    break
                time.sleep(min(retries.BACKOFF_MAX, retries.BACKOFF_FACTOR * 2**attempt))
                found = find()
                if found:
                    return found
                continue
            location = response.headers.get("Location", "")
            if location:
                return location.rstrip("/").rsplit("/", 1)[-1]
            found = find()
            if found:
                return found
            raise KeycloakError("created, but Keycloak returned no Location header", method="POST", path=path)
        assert last is not None
        raise last


def _gave_up(error: KeycloakError, response: requests.Response) -> KeycloakError:
    """Say how often a request was tried when retries did not help (one line, naming the request)."""
    history = getattr(getattr(response.raw, "retries", None), "history", ())
    if not history or error.status not in retries.RETRY_STATUSES:
        return error
    waited = getattr(response.raw.retries, "waited", 0.0)
    note = f"{error.message}; still {error.status} after {len(history) + 1} tries in {waited:.1f}s of waiting"
    return type(error)(note, method=error.method, path=error.path, status=error.status)


def _short(exc: Exception) -> str:
    """A one-line reason from a requests/urllib3 exception chain."""
    reason: BaseException = exc
    while reason.__context__ is not None and len(str(reason)) > 160:
        reason = reason.__context__
    text = str(reason)
    markers = (
        "Connection refused", "Name or service not known", "timed out", "CERTIFICATE_VERIFY_FAILED",
        "WRONG_VERSION_NUMBER", "Remote end closed connection", "Connection reset", "Max retries exceeded",
    )
    for marker in markers:
        if marker in text:
            return marker.lower().replace("_", " ")
    return text.splitlines()[0][:200] if text else type(exc).__name__


def _tls_message(url: str, exc: Exception) -> str:
    """One line saying what to fix when TLS fails (see :func:`.tls.tls_failure`)."""
    return tls.tls_failure(url, exc, _short(exc))


def _unreachable(
    url: str, exc: requests.exceptions.RequestException, method: str, path: str
) -> ConnectionFailed:
    """The error for a request that got no answer; knows whether the request can have been sent."""
    reason = getattr(exc.args[0], "reason", None) if exc.args else None
    hint = "is Keycloak running there? check keycloak:url"
    if "timed out" in _short(exc):
        hint = "Keycloak did not answer in time; check keycloak:url or raise keycloak:clientTimeout"
    error = ConnectionFailed(f"unreachable at {url}: {_short(exc)}; {hint}", method=method, path=path)
    error.request_sent = not isinstance(reason, (NewConnectionError, ConnectTimeoutError)) and not isinstance(
        exc, requests.exceptions.ConnectTimeout
    )
    return error
