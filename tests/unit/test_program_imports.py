"""What a Pulumi program pays to import the package: no HTTP stack (it never sends a request)."""

from __future__ import annotations

import subprocess
import sys


def test_importing_the_package_does_not_import_requests() -> None:
    probe = (
        "import sys, pulumi_keycloak_dynamic as kc\n"
        "kc.Client, kc.Realm, kc.representation\n"
        "print(sorted(m for m in ('requests', 'urllib3') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_a_session_still_comes_with_requests() -> None:
    from pulumi_keycloak_dynamic.api import KeycloakSession

    assert KeycloakSession.__module__ == "pulumi_keycloak_dynamic.api.session"
