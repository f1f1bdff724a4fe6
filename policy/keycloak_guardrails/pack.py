"""The ``keycloak-guardrails`` policy pack itself, and a pack directory for an installed package.

A Pulumi policy pack is a directory (``PulumiPolicy.yaml`` and a ``__main__.py``) that the CLI is
given with ``--policy-pack DIR``. In this repository that directory is ``policy/``. A user who
installed the wheel has no checkout, so ``python -m keycloak_guardrails pack DIR`` writes one
whose runtime is the interpreter that ran the command (its virtualenv has pulumi_policy)::

    pip install 'pulumi-keycloak-dynamic[policy]'
    python -m keycloak_guardrails pack .guardrails
    pulumi preview --policy-pack .guardrails
"""

from __future__ import annotations

import sys
from importlib.metadata import version
from pathlib import Path

from pulumi_policy import EnforcementLevel, PolicyPack

#: The program of the pack directory: everything lives in this module.
MAIN_PY = '"""The keycloak-guardrails policy pack (see keycloak_guardrails.pack)."""\n\n' \
          "from keycloak_guardrails.pack import serve\n\nserve()\n"


def serve() -> None:
    """Run the pack (the pack directory's ``__main__.py`` calls this under the CLI's policy host)."""
    from . import PACK_NAME, POLICIES, install_secret_tracking

    # Lets the plaintext-secret policy tell Pulumi secrets from plain strings (see secret_values.py).
    install_secret_tracking()
    PolicyPack(
        name=PACK_NAME,
        policies=list(POLICIES),
        enforcement_level=EnforcementLevel.ADVISORY,
        display_name="Keycloak security guardrails",
        description="OAuth 2.0 Security BCP (RFC 9700) and Keycloak hardening checks for "
                    "pulumi_keycloak_dynamic realms and clients.",
        tags=["keycloak", "security", "oauth2"],
    )


def pulumi_policy_yaml(virtualenv: Path) -> str:
    """The pack's ``PulumiPolicy.yaml``, run with the interpreter of ``virtualenv``."""
    from . import PACK_NAME

    return (
        f"name: {PACK_NAME}\n"
        f"version: {version('pulumi-keycloak-dynamic')}\n"
        "description: Keycloak security guardrails (OAuth 2.0 Security BCP, RFC 9700) for pulumi_keycloak_dynamic.\n"
        "runtime:\n"
        "  name: python\n"
        "  options:\n"
        "    toolchain: pip\n"
        f"    virtualenv: {virtualenv}\n"
    )


def write_pack(directory: Path) -> Path:
    """Write a pack directory that runs with this interpreter's virtualenv; returns it."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "PulumiPolicy.yaml").write_text(pulumi_policy_yaml(Path(sys.prefix).resolve()))
    (directory / "__main__.py").write_text(MAIN_PY)
    return directory.resolve()


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "pack":
        print(write_pack(Path(argv[1])))
        return 0
    print("usage: python -m keycloak_guardrails pack DIR   (writes a policy pack directory for "
          "`pulumi preview --policy-pack DIR`)", file=sys.stderr)
    return 2
