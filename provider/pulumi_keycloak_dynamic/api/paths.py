"""Paths of the Admin API: quoting one segment. Kept apart from the HTTP session so that a
program, which builds paths but sends nothing, never imports ``requests``."""

from __future__ import annotations

from string import Formatter
from typing import Any
from urllib.parse import quote


def quote_segment(value: str) -> str:
    """Quote one path segment (role names may hold spaces or slashes)."""
    return quote(value, safe="")


def placeholders(template: str) -> list[str]:
    """The ``{name}`` placeholders of a path template, in order."""
    return [name for _, name, _, _ in Formatter().parse(template) if name]


def fill(template: str, **values: Any) -> str:
    """A path template with each ``{name}`` placeholder replaced by its value, quoted as one segment
    (``fill("/{realm}/users/{id}", realm="acme", id="42")``)."""
    return template.format_map({name: quote_segment(str(values[name])) for name in placeholders(template)})
