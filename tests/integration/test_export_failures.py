"""The export command's failures, through the real CLI against the real Keycloak: a realm that
does not exist, a login without the rights to read it, and an export interrupted half-way (the
server fails a request) each give one line on stderr, exit code 1, and write nothing; the
scratch realm used to learn Keycloak's defaults is removed in every case."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from pulumi_keycloak_dynamic.api import KeycloakAdmin
from tests.support.fault_proxy import FaultProxy
from tests.support.realm_builder import build_realm


def run_export(env: dict[str, str], realm: str, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pulumi_keycloak_dynamic", "export", "--realm", realm, "--out", str(out), *extra],
        capture_output=True, text=True, env={"PATH": os.environ.get("PATH", ""), **env}, check=False, timeout=300,
    )


def one_line_failure(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 1, result
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr, result.stderr
    return result.stderr.strip()


def scratch_realms(admin: KeycloakAdmin) -> list[str]:
    return [r["realm"] for r in admin.get("", {"briefRepresentation": "true"}) if r["realm"].startswith("pkd-export")]


def test_a_missing_realm_is_one_line(keycloak: Any, tmp_path: Path) -> None:
    line = one_line_failure(run_export(keycloak.env(), "no-such-realm", tmp_path / "out"))
    assert "realm 'no-such-realm' does not exist" in line
    assert not (tmp_path / "out").exists()


def test_a_login_without_rights_is_one_line(keycloak: Any, admin: KeycloakAdmin, realm: str, tmp_path: Path) -> None:
    admin.create(f"/{realm}/users", {"username": "reader", "enabled": True, "firstName": "R", "lastName": "R",
                                     "email": "reader@example.com",
                                     "credentials": [{"type": "password", "value": "pw-123456", "temporary": False}]},
                 lambda: None)
    env = {**keycloak.env(), "KEYCLOAK_REALM": realm, "KEYCLOAK_USER": "reader", "KEYCLOAK_PASSWORD": "pw-123456"}
    line = one_line_failure(run_export(env, realm, tmp_path / "out"))
    assert "'reader' may not read realm" in line and "view-realm" in line
    assert not (tmp_path / "out").exists()


def test_an_interrupted_export_writes_nothing_and_leaves_no_scratch_realm(keycloak: Any, admin: KeycloakAdmin,
                                                                          realm: str, tmp_path: Path) -> None:
    build_realm(admin, realm, apps=1, roles_per_app=1)
    with FaultProxy(keycloak.url) as proxy:
        proxy.add("POST", "/admin/realms/pkd-export-defaults-", "status", times=5, status=500)
        line = one_line_failure(run_export({**keycloak.env(), "KEYCLOAK_URL": proxy.url}, realm, tmp_path / "out"))
    assert line.startswith(f"export of realm '{realm}' failed, nothing written:"), line
    assert not (tmp_path / "out").exists()
    assert not list(tmp_path.iterdir())
    assert scratch_realms(admin) == []


def test_an_existing_project_is_not_overwritten_without_force(keycloak: Any, realm: str, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "__main__.py").write_text("# mine\n")
    line = one_line_failure(run_export(keycloak.env(), realm, out))
    assert "--force" in line
    assert (out / "__main__.py").read_text() == "# mine\n"
    done = run_export(keycloak.env(), realm, out, "--force")
    assert done.returncode == 0 and done.stdout.startswith(f"wrote {out}: 1 resources (1 Realm)"), done
    assert "Realm(" in (out / "__main__.py").read_text()
