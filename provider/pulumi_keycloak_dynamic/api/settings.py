"""Connection settings: read in one place, from stack config with environment fallbacks.

The keys are the ones pulumi-keycloak and terraform-provider-keycloak users already know:

============================== ========================== ==========================================
stack config                   environment                meaning
============================== ========================== ==========================================
``keycloak:url``               ``KEYCLOAK_URL``           server URL, e.g. ``https://sso.example.com``
``keycloak:realm``             ``KEYCLOAK_REALM``         realm to log in to (default ``master``)
``keycloak:clientId``          ``KEYCLOAK_CLIENT_ID``     client to log in with (default ``admin-cli``)
``keycloak:clientSecret``      ``KEYCLOAK_CLIENT_SECRET`` client-credentials grant when set
``keycloak:username``          ``KEYCLOAK_USER``          password grant user
``keycloak:password``          ``KEYCLOAK_PASSWORD``      password grant password
``keycloak:basePath``          ``KEYCLOAK_BASE_PATH``     e.g. ``/auth`` for servers before Keycloak 17
``keycloak:rootCaCertificate`` ``KEYCLOAK_ROOT_CA_CERT``  PEM text or a file path of a CA bundle
``keycloak:tlsInsecureSkipVerify`` ``KEYCLOAK_TLS_INSECURE_SKIP_VERIFY`` disable TLS verification
``keycloak:clientTimeout``     ``KEYCLOAK_CLIENT_TIMEOUT`` seconds per HTTP request (default 30)
``keycloak:additionalHeaders`` ``KEYCLOAK_ADDITIONAL_HEADERS`` JSON object of extra headers
============================== ========================== ==========================================

These values never enter a pickled provider or the Pulumi state.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urlparse

from .errors import ConfigurationError

#: (stack config key, environment variable) for each setting.
KEYS: dict[str, tuple[str, str]] = {
    "url": ("keycloak:url", "KEYCLOAK_URL"),
    "realm": ("keycloak:realm", "KEYCLOAK_REALM"),
    "client_id": ("keycloak:clientId", "KEYCLOAK_CLIENT_ID"),
    "client_secret": ("keycloak:clientSecret", "KEYCLOAK_CLIENT_SECRET"),
    "username": ("keycloak:username", "KEYCLOAK_USER"),
    "password": ("keycloak:password", "KEYCLOAK_PASSWORD"),
    "base_path": ("keycloak:basePath", "KEYCLOAK_BASE_PATH"),
    "root_ca_certificate": ("keycloak:rootCaCertificate", "KEYCLOAK_ROOT_CA_CERT"),
    "tls_insecure_skip_verify": ("keycloak:tlsInsecureSkipVerify", "KEYCLOAK_TLS_INSECURE_SKIP_VERIFY"),
    "client_timeout": ("keycloak:clientTimeout", "KEYCLOAK_CLIENT_TIMEOUT"),
    "additional_headers": ("keycloak:additionalHeaders", "KEYCLOAK_ADDITIONAL_HEADERS"),
}


@dataclass(frozen=True)
class ConnectionSettings:
    """Where Keycloak is and how to log in. ``repr`` never shows a secret."""

    url: str
    realm: str = "master"
    client_id: str = "admin-cli"
    client_secret: str | None = field(default=None, repr=False)
    username: str | None = None
    password: str | None = field(default=None, repr=False)
    base_path: str = ""
    root_ca_certificate: str | None = field(default=None, repr=False)
    tls_insecure_skip_verify: bool = False
    client_timeout: float = 30.0
    additional_headers: Mapping[str, str] = field(default_factory=dict, repr=False)

    @property
    def server_url(self) -> str:
        """The URL that admin and token paths are appended to (url + basePath)."""
        return self.url.rstrip("/") + ("/" + self.base_path.strip("/") if self.base_path.strip("/") else "")

    @property
    def grant(self) -> str:
        return "client_credentials" if self.client_secret and not self.username else "password"

    @classmethod
    def from_sources(
        cls,
        config_get: Callable[[str], str | None] | None = None,
        environ: Mapping[str, str] | None = None,
    ) -> ConnectionSettings:
        """Read every setting from stack config first (``keycloak:*``), then the environment."""
        env = os.environ if environ is None else environ

        def get(name: str) -> str | None:
            config_key, env_key = KEYS[name]
            value = config_get(config_key) if config_get else None
            if value in (None, ""):
                value = env.get(env_key)
            return value if value not in (None, "") else None

        url = get("url")
        if not url:
            raise ConfigurationError(
                "Keycloak's address is not set: set the stack config `keycloak:url` "
                "(pulumi config set keycloak:url https://...) or the environment variable KEYCLOAK_URL"
            )
        parsed = urlparse(url)
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            raise ConfigurationError(
                f"keycloak:url must be an http(s) URL such as https://sso.example.com, got {url!r}"
            )
        username, password, secret = get("username"), get("password"), get("client_secret")
        if username and not password:
            raise ConfigurationError(
                "keycloak:username is set but keycloak:password is not "
                "(pulumi config set --secret keycloak:password ..., or KEYCLOAK_PASSWORD)"
            )
        if password and not username:
            raise ConfigurationError(
                "keycloak:password is set but keycloak:username is not (or KEYCLOAK_USER)"
            )
        if not username and not secret:
            raise ConfigurationError(
                "no Keycloak credentials: set keycloak:username and keycloak:password (password grant), "
                "or keycloak:clientId and keycloak:clientSecret (client-credentials grant)"
            )
        timeout_text = get("client_timeout")
        try:
            timeout = float(timeout_text) if timeout_text else 30.0
            if timeout <= 0:
                raise ValueError
        except ValueError:
            raise ConfigurationError(
                f"keycloak:clientTimeout must be a positive number of seconds, got {timeout_text!r}"
            ) from None
        insecure_text = (get("tls_insecure_skip_verify") or "false").lower()
        if insecure_text not in ("true", "false", "1", "0"):
            raise ConfigurationError(
                f"keycloak:tlsInsecureSkipVerify must be true or false, got {insecure_text!r}"
            )
        headers_text = get("additional_headers")
        headers: dict[str, str] = {}
        if headers_text:
            try:
                loaded = json.loads(headers_text)
                if not isinstance(loaded, dict):
                    raise ValueError
                headers = {str(k): str(v) for k, v in loaded.items()}
            except ValueError:
                raise ConfigurationError(
                    'keycloak:additionalHeaders must be a JSON object such as {"X-Env": "prod"}'
                ) from None
        return cls(
            url=url,
            realm=get("realm") or "master",
            client_id=get("client_id") or "admin-cli",
            client_secret=secret,
            username=username,
            password=password,
            base_path=get("base_path") or "",
            root_ca_certificate=get("root_ca_certificate"),
            tls_insecure_skip_verify=insecure_text in ("true", "1"),
            client_timeout=timeout,
            additional_headers=headers,
        )
