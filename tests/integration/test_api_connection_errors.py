"""Wrong password, wrong URL and TLS failures each end in one line that says what to fix."""

from __future__ import annotations

import ssl
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from pulumi_keycloak_dynamic.api import ConnectionFailed, KeycloakAdmin, Unauthorized
from scripts.keycloak_server import free_port
from tests.conftest import KeycloakTarget
from tests.support.fault_proxy import FaultProxy


def one_line(err: BaseException) -> str:
    text = str(err)
    assert "\n" not in text and "Traceback" not in text and "HTTPConnectionPool" not in text
    return text


def test_wrong_password(keycloak: KeycloakTarget) -> None:
    admin = KeycloakAdmin.from_settings(keycloak.settings(password="not-the-password"))
    with pytest.raises(Unauthorized) as err:
        admin.get("/master")
    text = one_line(err.value)
    assert "login to realm 'master' failed: Invalid user credentials" in text
    assert "check keycloak:username / keycloak:password" in text
    assert admin.stats.snapshot() == {"requests": 1, "logins": 1, "refreshes": 0}


def test_wrong_url_nothing_listening(keycloak: KeycloakTarget) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    admin = KeycloakAdmin.from_settings(keycloak.settings(url=url))
    started = time.monotonic()
    with pytest.raises(ConnectionFailed) as err:
        admin.get("/master")
    assert time.monotonic() - started < 8
    assert one_line(err.value) == (
        f"Keycloak unreachable at {url}: connection refused; is Keycloak running there? check keycloak:url "
        "(POST /realms/master/protocol/openid-connect/token)"
    )


def test_https_to_a_plain_http_port(keycloak: KeycloakTarget) -> None:
    url = keycloak.url.replace("http://", "https://")
    with pytest.raises(ConnectionFailed) as err:
        KeycloakAdmin.from_settings(keycloak.settings(url=url)).get("/master")
    text = one_line(err.value)
    assert text.startswith(f"Keycloak TLS handshake with {url} failed (wrong version number);")
    assert "check the scheme and port of keycloak:url" in text


@pytest.fixture(scope="module")
def self_signed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


@pytest.fixture
def tls_proxy(keycloak: KeycloakTarget, self_signed: tuple[Path, Path]) -> Iterator[FaultProxy]:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*self_signed)
    with FaultProxy(keycloak.url, ssl_context=context) as proxy:
        yield proxy


@pytest.mark.filterwarnings("ignore::urllib3.exceptions.InsecureRequestWarning")
def test_untrusted_certificate_and_the_fixes_it_names(
    keycloak: KeycloakTarget, tls_proxy: FaultProxy, self_signed: tuple[Path, Path]
) -> None:
    with pytest.raises(ConnectionFailed) as err:
        KeycloakAdmin.from_settings(keycloak.settings(url=tls_proxy.url)).get("/master")
    text = one_line(err.value)
    assert text.startswith(f"Keycloak TLS certificate of {tls_proxy.url} is not trusted (self-signed certificate);")
    assert "set keycloak:rootCaCertificate" in text and "keycloak:tlsInsecureSkipVerify=true" in text

    # the fixes the message names do work (even with REQUESTS_CA_BUNDLE set): CA as PEM text or file, or skip
    pem = self_signed[0].read_text()
    for ca in (pem, str(self_signed[0])):
        trusted = KeycloakAdmin.from_settings(keycloak.settings(url=tls_proxy.url, root_ca_certificate=ca))
        assert trusted.get("/master")["realm"] == "master"
    skip = KeycloakAdmin.from_settings(keycloak.settings(url=tls_proxy.url, tls_insecure_skip_verify=True))
    assert skip.get("/master")["realm"] == "master"
    assert any(outcome == "forwarded (200)" for _, _, outcome in tls_proxy.seen)
