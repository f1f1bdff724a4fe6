"""Keycloak release parsing and the version-dependent capabilities of ``api.serverinfo``."""

from __future__ import annotations

import pytest

from pulumi_keycloak_dynamic.api import serverinfo


@pytest.mark.parametrize(
    ("text", "expected"),
    [("26.0.8", (26, 0, 8)), ("26.7.3", (26, 7, 3)), ("999.0.0-SNAPSHOT", (999, 0, 0)), ("27", (27, 0, 0))],
)
def test_parse_version(text: str, expected: tuple[int, int, int]) -> None:
    assert serverinfo.parse_version(text) == expected


def test_parse_version_refuses_what_is_no_version() -> None:
    with pytest.raises(ValueError, match="not a Keycloak version"):
        serverinfo.parse_version("unknown")


def test_group_description_from_26_3() -> None:
    assert not serverinfo.group_description_supported((26, 0, 8))
    assert not serverinfo.group_description_supported((26, 2, 9))
    assert serverinfo.group_description_supported((26, 3, 0))
    assert serverinfo.group_description_supported((26, 7, 3))
