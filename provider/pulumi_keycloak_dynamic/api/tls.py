"""TLS for the Admin API: which CA to trust, what to say when verification fails.

* ``keycloak:rootCaCertificate`` as a file: ``requests`` verifies against that file.
* As PEM text: loaded into an :class:`ssl.SSLContext` in memory (``cadata``), trusted alone,
  so no temporary file is ever written.
* ``keycloak:tlsInsecureSkipVerify``: one line of ours on stderr, once per process, instead of
  urllib3's ``InsecureRequestWarning`` on every request.
* Failures are told apart: a CA that is not trusted, a certificate that does not name the host
  of ``keycloak:url``, a certificate that expired (or is not valid yet).
"""

from __future__ import annotations

import os
import ssl
import sys
import threading
import warnings
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import InsecureRequestWarning

from .errors import ConfigurationError

_warned: set[str] = set()
_warned_lock = threading.Lock()

# OpenSSL's X509_V_ERR_* codes (ssl.SSLCertVerificationError.verify_code).
_NAME_MISMATCH = (62, 63, 64)  # host name, e-mail, IP address
_EXPIRED = 10
_NOT_YET_VALID = 9


def verify_setting(url: str, skip_verify: bool, ca: str | None, adapters: list[Any]) -> bool | str:
    """The ``verify`` argument for every request; PEM text is installed into ``adapters`` instead."""
    if skip_verify:
        _skip_verify_notice(url)
        return False
    if not ca:
        return True
    if "-----BEGIN" in ca:
        try:
            context = ssl.create_default_context(cadata=ca)
        except ssl.SSLError as exc:
            raise ConfigurationError(f"keycloak:rootCaCertificate is not a valid PEM certificate: {exc}") from None
        for adapter in adapters:
            _trust_only(adapter, context)
        return True
    if not os.path.exists(ca):
        raise ConfigurationError(f"keycloak:rootCaCertificate is neither PEM text nor an existing file: {ca!r}")
    return ca


def _skip_verify_notice(url: str) -> None:
    warnings.filterwarnings("ignore", category=InsecureRequestWarning)
    with _warned_lock:
        if url in _warned or not url.startswith("https"):
            return
        _warned.add(url)
    print(
        f"warning: TLS certificate verification is off for {url} (keycloak:tlsInsecureSkipVerify): "
        "anyone on the network path can read the admin password and tokens; use it on test servers only",
        file=sys.stderr,
        flush=True,
    )


def _trust_only(adapter: Any, context: ssl.SSLContext) -> None:
    """Make an ``HTTPAdapter`` verify with ``context`` alone (not certifi's or REQUESTS_CA_BUNDLE's CAs)."""
    if not isinstance(adapter, HTTPAdapter):
        return
    size: Any = adapter  # private attributes of HTTPAdapter, absent from its type stubs
    adapter.init_poolmanager(
        size._pool_connections, size._pool_maxsize, block=getattr(size, "_pool_block", False), ssl_context=context
    )
    plain_cert_verify = adapter.cert_verify
    plain_pool_key = adapter.build_connection_pool_key_attributes

    def cert_verify(conn: Any, url: str, verify: Any, cert: Any) -> None:
        plain_cert_verify(conn, url, verify, cert)  # type: ignore[no-untyped-call]
        conn.ca_certs = conn.ca_cert_dir = None  # keep the context's own CA only

    def pool_key(request: requests.PreparedRequest, verify: Any, cert: Any = None) -> Any:
        host_params, pool_kwargs = plain_pool_key(request, verify, cert)
        pool_kwargs.pop("ca_certs", None)
        pool_kwargs.pop("ca_cert_dir", None)
        return host_params, pool_kwargs

    adapter.cert_verify = cert_verify  # type: ignore[method-assign]
    adapter.build_connection_pool_key_attributes = pool_key  # type: ignore[method-assign]


def tls_failure(url: str, exc: BaseException, reason: str) -> str:
    """One line naming the real cause of a TLS failure and what to change."""
    verify_error = _find_verify_error(exc)
    detail = verify_error.verify_message if verify_error is not None else reason
    code = verify_error.verify_code if verify_error is not None else None
    if code in _NAME_MISMATCH:
        return (
            f"TLS certificate of {url} does not name that host ({detail}); use in keycloak:url the host name "
            "the certificate was issued for, or issue one for this name"
        )
    if code in (_EXPIRED, _NOT_YET_VALID):
        return f"TLS certificate of {url} is out of its validity period ({detail}); renew the server's certificate"
    if verify_error is not None or "certificate verify failed" in reason:
        return (
            f"TLS certificate of {url} is not trusted ({detail}); set keycloak:rootCaCertificate to the "
            "server's CA (PEM text or file), or keycloak:tlsInsecureSkipVerify=true for a test server"
        )
    return (
        f"TLS handshake with {url} failed ({reason}); is the server speaking https on that port? "
        "check the scheme and port of keycloak:url"
    )


def _find_verify_error(exc: BaseException | None) -> ssl.SSLCertVerificationError | None:
    seen: set[int] = set()
    todo: list[Any] = [exc]
    while todo:
        current = todo.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, ssl.SSLCertVerificationError):
            return current
        if isinstance(current, BaseException):
            todo += [current.__cause__, current.__context__, getattr(current, "reason", None), *current.args]
    return None
