"""The README's "Use it in your own project" steps, followed literally, outside the repository.

The shell block and the three files of "On a machine without Pulumi's CLI" are taken from
README.md as they are; only the placeholders a reader replaces are replaced: the checkout's
path, the Keycloak URL and login, and the realm name (unique per run). They run in a temporary
directory with a bare environment: no virtualenv active (the PATH of a fresh login shell), or a
virtualenv active that has neither grpc nor pulumi. Then: every command succeeds; the second
`up` changes nothing; `destroy` leaves no realm behind.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path
from typing import Any

import pytest

from pulumi_keycloak_dynamic.api import KeycloakAdmin

ROOT = Path(__file__).resolve().parents[2]
SECTION = "### On a machine without Pulumi's CLI"
CHANGES = re.compile(r"\b(to create|created|to update|updated|to replace|replaced|to delete|deleted)\b")


def readme_steps() -> tuple[str, dict[str, str]]:
    """The section's shell block and its files (`name`: followed by a fenced block)."""
    text = (ROOT / "README.md").read_text()
    section = text.split(SECTION, 1)[1].split("\n### ", 1)[0]
    blocks = re.findall(r"(?:`([^`\n]+)`:\n\n)?```(\w*)\n(.*?)```", section, re.S)
    shell = next(body for name, lang, body in blocks if lang == "sh" and not name)
    files = {name: body for name, _lang, body in blocks if name}
    return shell, files


def script(shell: str, files: dict[str, str], replace: dict[str, str]) -> str:
    """One bash script: the block's lines, the files written where the block says so."""
    def fill(text: str) -> str:
        for old, new in replace.items():
            text = text.replace(old, new)
        return text

    lines = ["set -euo pipefail"]
    for line in fill(shell).splitlines():
        if line.startswith("# write the three files"):
            for name, body in files.items():
                lines.append(f"cat > {name} <<'END_OF_FILE'\n{fill(body)}END_OF_FILE")
            continue
        command = line.split("  #", 1)[0].strip()
        if command:
            marker = "again" if "# again: no changes" in line else "step"
            lines.append(f"echo '>>> {marker}: {command}'")
            lines.append(command)
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("venv", ["none active", "another active"])
def test_readme_own_project_steps_work_outside_the_repository(venv: str, admin: KeycloakAdmin, keycloak: Any) -> None:
    shell, files = readme_steps()
    assert set(files) == {"Pulumi.yaml", "requirements.txt", "__main__.py"}, files.keys()
    realm = f"my-shop-{uuid.uuid4().hex[:8]}"
    work = Path(tempfile.mkdtemp(prefix="pkd-own-project-"))
    env = {"HOME": os.environ["HOME"], "PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8"}
    env.update({k: v for k, v in os.environ.items() if k in ("PKD_CACHE", "PIP_INDEX_URL", "TMPDIR")})
    if venv == "another active":
        other = work / "other-venv"
        subprocess.run([sys.base_prefix + "/bin/python3", "-m", "venv", "--without-pip", str(other)], check=True)
        env.update(VIRTUAL_ENV=str(other), PATH=f"{other}/bin:{env['PATH']}")
    state = work / "backend"
    state.mkdir()
    replace = {
        "/path/to/pulumi-keycloak-dynamic": str(ROOT),
        "http://127.0.0.1:8080": keycloak.url,
        "keycloak:username admin": f"keycloak:username {keycloak.username}",
        "admin-password-for-tests": keycloak.password,
        '"my-shop"': f'"{realm}"',
        # A backend of this run's own, so that parallel runs of the test never share stack `dev`.
        "pulumi stack init dev": f"export PULUMI_BACKEND_URL=file://{state}\npulumi stack init dev",
    }
    bash = script(shell, files, replace)
    try:
        done = subprocess.run(["bash", "-c", bash], cwd=work, env=env, capture_output=True, text=True, timeout=900)
        output = done.stdout + done.stderr
        assert done.returncode == 0, f"README steps failed:\n{bash}\n---\n{output[-6000:]}"
        again = done.stdout.split(">>> again:", 1)[1].split(">>> step:", 1)[0]
        summary = again.rsplit("Resources:", 1)[-1]
        assert "unchanged" in summary and not CHANGES.search(summary), again
        assert ">>> step: pulumi destroy --yes" in done.stdout
        assert admin.get_or_none(f"/{realm}") is None, "destroy left the realm behind"
        assert (work / "my-keycloak" / "venv" / "bin" / "python").exists(), "pulumi install made no venv"
    finally:
        if admin.get_or_none(f"/{realm}") is not None:
            admin.delete(f"/{realm}")
