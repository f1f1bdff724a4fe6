"""Paths of the Admin API: quoting one segment. Kept apart from the HTTP session so that a
program, which builds paths but sends nothing, never imports ``requests``."""

from __future__ import annotations

from urllib.parse import quote


def quote_segment(value: str) -> str:
    """Quote one path segment (role names may hold spaces or slashes)."""
    return quote(value, safe="")
