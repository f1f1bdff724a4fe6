"""What an export holds before it is written: resources with their inputs, references between
them, secrets to be set as stack config, and readable, unique Python names."""

from __future__ import annotations

import keyword
import re
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Ref:
    """An input written as another resource's output: ``<var>.<attr>``."""

    var: str
    attr: str


@dataclass(frozen=True)
class SecretInput:
    """An input written as ``config.require_secret("<key>")``; ``what`` tells where the value is."""

    key: str
    what: str
    #: (type name, import id, input name, map key or None): where the value lives in Keycloak.
    source: tuple[str, str, str, str | None]


@dataclass
class ExportedResource:
    """One resource of the generated program."""

    type_name: str
    var: str
    name: str
    import_id: str
    natural_key: tuple[Any, ...]
    inputs: dict[str, Any]
    builtin: bool = False
    depends_on: list[str] = field(default_factory=list)
    protect: bool = False


@dataclass
class RealmExport:
    """Everything the generated project declares, and facts for its README."""

    realm: str
    resources: list[ExportedResource]
    secrets: list[SecretInput]
    include_builtin: bool
    skipped_builtin: dict[str, int]
    defaults_note: str
    kinds: list[str]


_NON_WORD = re.compile(r"[^0-9a-zA-Z]+")
_NAME_CHARS = re.compile(r"[^0-9A-Za-z._-]+")


def identifier(*parts: str) -> str:
    """A lower-case Python identifier made of ``parts`` (``"My App"``, ``"read"`` → ``my_app_read``)."""
    text = "_".join(p for p in (_NON_WORD.sub("_", part).strip("_").lower() for part in parts) if p)
    text = text or "unnamed"
    if text[0].isdigit():
        text = "_" + text
    return text + "_" if keyword.iskeyword(text) else text


def resource_name(*parts: str) -> str:
    """A readable Pulumi resource name (letters, digits, ``.``, ``_``, ``-``)."""
    text = "-".join(p for p in (_NAME_CHARS.sub("-", part).strip("-") for part in parts) if p)
    return text or "unnamed"


class Namer:
    """Hands out unique names: the first of a base keeps it, later ones get ``_2``, ``_3`` ..."""

    def __init__(self, taken: tuple[str, ...] = ()) -> None:
        self._taken = set(taken)

    def unique(self, base: str, separator: str = "_") -> str:
        name, n = base, 1
        while name in self._taken:
            n += 1
            name = f"{base}{separator}{n}"
        self._taken.add(name)
        return name
