"""TLS in front of the real Keycloak: a private CA of our own (openssl CLI), certificates for
``localhost`` (one valid, one expired), served by the test proxy.

Each failure names its real cause (untrusted CA, host-name mismatch, expired); a CA given as PEM
text works and leaves no file behind; skip-verify says so once, in our words, and urllib3 warns
about nothing.
"""

from __future__ import annotations

import ssl
import subprocess
import tempfile
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from pulumi_keycloak_dynamic.api import ConnectionFailed, KeycloakAdmin
from pulumi_keycloak_dynamic.api import tls as tls_module
from tests.conftest import KeycloakTarget
from tests.support.fault_proxy import FaultProxy

CA_CONFIG = """[ca]
default_ca = local
[local]
database = index.txt
new_certs_dir = .
serial = serial
default_md = sha256
policy = any
copy_extensions = copy
unique_subject = no
[any]
commonName = supplied
"""


def _openssl(folder: Path, *args: str) -> None:
    subprocess.run(["openssl", *args], cwd=folder, check=True, capture_output=True)


@pytest.fixture(scope="module")
def pki() -> Iterator[Path]:
    """ca.pem; valid.pem and expired.pem (both for DNS:localhost only), with key srv.key."""
    with tempfile.TemporaryDirectory(prefix="pkd-tls-") as name:
        folder = Path(name)
        (folder / "ca.cnf").write_text(CA_CONFIG)
        (folder / "index.txt").write_text("")
        (folder / "serial").write_text("01\n")
        _openssl(folder, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=pkd test CA",
                 "-keyout", "ca.key", "-out", "ca.pem")
        _openssl(folder, "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost",
                 "-addext", "subjectAltName=DNS:localhost", "-keyout", "srv.key", "-out", "srv.csr")
        for out, dates in (("valid.pem", ["-days", "2"]),
                           ("expired.pem", ["-startdate", "20200101000000Z", "-enddate", "20200102000000Z"])):
            _openssl(folder, "ca", "-batch", "-config", "ca.cnf", "-cert", "ca.pem", "-keyfile", "ca.key",
                     "-in", "srv.csr", "-out", out, *dates)
        yield folder


def _proxy(keycloak: KeycloakTarget, pki: Path, cert: str) -> FaultProxy:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(pki / cert, pki / "srv.key")
    return FaultProxy(keycloak.url, ssl_context=context)


def _failure(keycloak: KeycloakTarget, url: str, **settings: object) -> str:
    with pytest.raises(ConnectionFailed) as err:
        KeycloakAdmin.from_settings(keycloak.settings(url=url, **settings)).get("/master")
    return str(err.value)


def test_each_tls_failure_names_its_cause(keycloak: KeycloakTarget, pki: Path) -> None:
    ca = (pki / "ca.pem").read_text()
    with _proxy(keycloak, pki, "valid.pem") as proxy:
        by_name = proxy.url.replace("127.0.0.1", "localhost")
        untrusted = _failure(keycloak, by_name)
        assert f"TLS certificate of {by_name} is not trusted" in untrusted
        assert "set keycloak:rootCaCertificate" in untrusted

        mismatch = _failure(keycloak, proxy.url, root_ca_certificate=ca)  # right CA, but 127.0.0.1
        assert f"TLS certificate of {proxy.url} does not name that host" in mismatch
        assert "(IP address mismatch, certificate is not valid for '127.0.0.1'" in mismatch
        assert "rootCaCertificate" not in mismatch

        trusted = KeycloakAdmin.from_settings(keycloak.settings(url=by_name, root_ca_certificate=ca))
        assert trusted.get("/master")["realm"] == "master"
    with _proxy(keycloak, pki, "expired.pem") as proxy:
        by_name = proxy.url.replace("127.0.0.1", "localhost")
        expired = _failure(keycloak, by_name, root_ca_certificate=ca)
        assert f"TLS certificate of {by_name} is out of its validity period (certificate has expired)" in expired


def test_ca_as_pem_text_leaves_no_file_and_trusts_only_that_ca(keycloak: KeycloakTarget, pki: Path) -> None:
    temp = Path(tempfile.gettempdir())
    before = set(temp.glob("*.pem"))
    with _proxy(keycloak, pki, "valid.pem") as proxy:
        by_name = proxy.url.replace("127.0.0.1", "localhost")
        for _ in range(3):
            admin = KeycloakAdmin.from_settings(keycloak.settings(url=by_name, root_ca_certificate=(
                pki / "ca.pem").read_text()))
            assert admin.get("/master")["realm"] == "master"
    assert set(temp.glob("*.pem")) == before, "a temporary .pem file was left behind"


def test_skip_verify_says_so_once_and_urllib3_stays_quiet(
    keycloak: KeycloakTarget, pki: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tls_module._warned.clear()
    with _proxy(keycloak, pki, "valid.pem") as proxy, warnings.catch_warnings(record=True) as caught:
        admin = KeycloakAdmin.from_settings(keycloak.settings(url=proxy.url, tls_insecure_skip_verify=True))
        for _ in range(3):
            assert admin.get("/master")["realm"] == "master"
        KeycloakAdmin.from_settings(keycloak.settings(url=proxy.url, tls_insecure_skip_verify=True))
    err = capsys.readouterr().err
    assert err.count("TLS certificate verification is off") == 1, err
    assert f"verification is off for {proxy.url} (keycloak:tlsInsecureSkipVerify)" in err
    assert [str(w.message) for w in caught if "Unverified HTTPS" in str(w.message)] == []
