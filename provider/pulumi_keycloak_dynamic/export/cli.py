"""``python -m pulumi_keycloak_dynamic export``: write a Pulumi project that adopts a live realm.

Connection settings are the provider's: the ``keycloak:*`` config of a stack (``--stack``, read
with ``pulumi config`` in the current directory) with the environment as fallback:
``KEYCLOAK_URL``, ``KEYCLOAK_USER``/``KEYCLOAK_PASSWORD`` (or ``KEYCLOAK_CLIENT_ID``/
``KEYCLOAK_CLIENT_SECRET``), ``KEYCLOAK_REALM`` ... (see :mod:`pulumi_keycloak_dynamic.api.settings`).
Every failure is one line on stderr and exit code 1;
an interrupted export writes nothing.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from ..api import ConnectionSettings, Forbidden, KeycloakAdmin, KeycloakError, NotFound, quote_segment
from .collect import collect
from .defaults import ServerDefaults
from .model import RealmExport, identifier
from .render import write_project

PROJECT_FILES = ("Pulumi.yaml", "requirements.txt", "__main__.py", "README.md")


class ExportError(Exception):
    """A failure told in one line."""


def export_realm(
    admin: KeycloakAdmin,
    realm: str,
    out: Path,
    *,
    include_builtin: bool = False,
    project: str | None = None,
    virtualenv: str = "venv",
    force: bool = False,
) -> RealmExport:
    """Read ``realm`` and write the project into ``out``; nothing is written unless all succeeds."""
    out = out.resolve()
    if out.exists() and any((out / name).exists() for name in PROJECT_FILES) and not force:
        raise ExportError(f"{out} already holds a Pulumi project: choose another --out or pass --force")
    try:
        admin.get(f"/{quote_segment(realm)}")
    except NotFound:
        raise ExportError(f"realm '{realm}' does not exist on {admin.session.settings.url}") from None
    except Forbidden:
        raise ExportError(_no_rights(admin, realm)) from None
    staging = out.parent / f".{out.name}.export-{time.monotonic_ns()}"
    try:
        staging.mkdir(parents=True)
        with ServerDefaults(admin) as defaults:
            try:
                export = collect(admin, realm, defaults, include_builtin=include_builtin)
            except Forbidden:
                raise ExportError(_no_rights(admin, realm)) from None
        write_project(export, staging, project or identifier(out.name).replace("_", "-"), virtualenv)
        out.mkdir(parents=True, exist_ok=True)
        for name in PROJECT_FILES:
            (staging / name).replace(out / name)
        return export
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _no_rights(admin: KeycloakAdmin, realm: str) -> str:
    who = admin.session.settings.username or admin.session.settings.client_id
    return (
        f"'{who}' may not read realm '{realm}' (403): it needs the realm-management roles view-realm, "
        "view-clients and view-users of that realm (and create-realm to learn Keycloak's defaults)"
    )


def stack_config(stack: str) -> dict[str, str]:
    """The ``keycloak:*`` config of a stack of the Pulumi project in the current directory."""
    try:
        answer = subprocess.run(["pulumi", "config", "--json", "--show-secrets", "--stack", stack],
                                capture_output=True, text=True, check=False, timeout=120)
    except OSError as exc:
        raise ExportError(f"cannot run the pulumi CLI to read stack '{stack}': {exc}") from None
    if answer.returncode != 0:
        lines = [line.strip() for line in answer.stderr.splitlines() if line.strip()]
        raise ExportError(f"cannot read the config of stack '{stack}': {lines[-1] if lines else 'pulumi failed'}")
    values = json.loads(answer.stdout or "{}")
    return {k: str(v.get("value")) for k, v in values.items() if k.startswith("keycloak:") and "value" in v}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m pulumi_keycloak_dynamic export",
        description="Write a Pulumi Python project that adopts every object of a live Keycloak realm. "
        "Connection: KEYCLOAK_URL, KEYCLOAK_USER, KEYCLOAK_PASSWORD (or KEYCLOAK_CLIENT_ID/KEYCLOAK_CLIENT_SECRET).",
    )
    parser.add_argument("--realm", required=True, help="the realm to export")
    parser.add_argument("--out", required=True, type=Path, help="directory to write the project into")
    parser.add_argument("--include-builtin", action="store_true",
                        help="also declare the clients and roles Keycloak makes in every realm")
    parser.add_argument("--project", help="Pulumi project name (default: from --out)")
    parser.add_argument("--virtualenv", default="venv", help="virtualenv directory written into Pulumi.yaml")
    parser.add_argument("--force", action="store_true", help="overwrite the project files in --out")
    parser.add_argument("--stack", help="read keycloak:* settings from this stack of the project in the current "
                        "directory (the environment fills in what it lacks)")
    args = parser.parse_args(argv)
    started = time.monotonic()
    try:
        config = stack_config(args.stack) if args.stack else {}
        admin = KeycloakAdmin.from_settings(ConnectionSettings.from_sources(config.get))
        export = export_realm(admin, args.realm, args.out, include_builtin=args.include_builtin,
                              project=args.project, virtualenv=args.virtualenv, force=args.force)
    except (ExportError, KeycloakError) as exc:
        print(f"export of realm '{args.realm}' failed, nothing written: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"export of realm '{args.realm}' interrupted, nothing written to {args.out}", file=sys.stderr)
        return 130
    counts = ", ".join(f"{n} {k}" for k, n in Counter(r.type_name for r in export.resources).items())
    print(
        f"wrote {args.out}: {len(export.resources)} resources ({counts}), {len(export.secrets)} secrets to set "
        f"(see README.md); {admin.stats.requests} Admin API requests in {time.monotonic() - started:.1f} s"
    )
    return 0
