"""One version, said in one place (``pulumi_keycloak_dynamic.__version__``), and everything that
names it agrees: the README's wheel file names, the changelog, the policy pack's version."""

from __future__ import annotations

import re
from pathlib import Path

from pulumi_keycloak_dynamic import __version__

ROOT = Path(__file__).resolve().parents[2]


def test_the_readme_installs_the_wheel_of_this_version() -> None:
    names = set(re.findall(r"pulumi_keycloak_dynamic-([0-9][^-]*)-py3-none-any\.whl", (ROOT / "README.md").read_text()))
    assert names == {__version__}


def test_the_changelog_has_a_section_for_this_version() -> None:
    assert re.search(rf"^## {re.escape(__version__)}\b", (ROOT / "CHANGELOG.md").read_text(), re.M)


def test_the_policy_pack_of_the_checkout_has_this_version() -> None:
    assert f"version: {__version__}\n" in (ROOT / "policy" / "PulumiPolicy.yaml").read_text()
