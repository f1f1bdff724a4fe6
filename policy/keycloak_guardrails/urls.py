"""What is wrong with a redirect URI or a web origin, by RFC 9700 (OAuth 2.0 Security BCP).

- §2.1 and §4.1: redirect URIs are compared by exact string matching; patterns, and above all a
  wildcard host or a bare ``*``, let an attacker have codes and tokens sent to a host they own.
- §2.6: authorization responses must not travel over unencrypted connections, so no ``http``
  redirect URIs except loopback redirection for native apps (RFC 8252 §7.3).

Keycloak specifics: a redirect URI may end in ``/*`` (a path prefix match) and may be relative to
the client's ``root_url``; ``+`` as a web origin means "the origins of the redirect URIs" and
``*`` means any origin. Custom schemes (``com.example.app:/callback``) are native-app redirects.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

LOOPBACK_NAMES = frozenset({"localhost"})


def is_loopback(host: str) -> bool:
    """``localhost``, ``127.0.0.0/8`` or ``::1`` (brackets already stripped)."""
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _host_of(netloc: str) -> str:
    host = netloc.rpartition("@")[2]
    if host.startswith("["):
        return host[1:].partition("]")[0]
    return host.partition(":")[0]


def redirect_uri_problems(uri: str, *, allow_path_wildcard: bool = True) -> list[str]:
    """Human-readable problems of one redirect URI (empty when it is fine)."""
    value = uri.strip()
    if value == "*":
        return ["a bare '*' accepts any redirect target (an open redirector for codes and tokens)"]
    if not value:
        return ["an empty redirect URI"]
    problems: list[str] = []
    try:
        parts = urlsplit(value)
    except ValueError:
        return [f"'{value}' is not a valid URI"]
    scheme = parts.scheme.lower()
    host = _host_of(parts.netloc) if parts.netloc else ""
    if "*" in host:
        problems.append("a wildcard in the host lets any matching host receive codes and tokens")
    if scheme == "http" and host and "*" not in host and not is_loopback(host):
        problems.append("plain http sends codes and tokens unencrypted (only loopback hosts may use http)")
    if scheme == "http" and "*" in host:
        problems.append("plain http sends codes and tokens unencrypted")
    rest = value.split(parts.netloc, 1)[1] if parts.netloc else value
    if "*" in rest and not allow_path_wildcard:
        problems.append("a wildcard in the path is not an exact match (RFC 9700 §2.1 asks for "
                        "exact matching)")
    elif "*" in rest and not rest.endswith("/*") and rest != "*":
        problems.append("Keycloak only supports a wildcard at the very end of the path ('/*')")
    return problems


def web_origin_problems(origin: str) -> list[str]:
    """Problems of one web origin (CORS) entry."""
    value = origin.strip()
    if value == "+":
        return []
    if value == "*":
        return ["'*' lets scripts on any site call the token endpoint with CORS"]
    try:
        parts = urlsplit(value)
    except ValueError:
        return [f"'{value}' is not a valid origin"]
    host = _host_of(parts.netloc) if parts.netloc else ""
    problems: list[str] = []
    if "*" in host:
        problems.append("a wildcard in the host trusts every matching host")
    if parts.scheme.lower() == "http" and host and "*" not in host and not is_loopback(host):
        problems.append("a plain http origin can be impersonated on the network (only loopback may use http)")
    return problems


def http_url_problem(url: str) -> str | None:
    """A problem if ``url`` (root URL) is plain http on a non-loopback host."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    host = _host_of(parts.netloc) if parts.netloc else ""
    if parts.scheme.lower() == "http" and host and not is_loopback(host):
        return "plain http (relative redirect URIs resolve against it)"
    if "*" in host:
        return "a wildcard in the host"
    return None
