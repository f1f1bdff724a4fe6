"""Field descriptions: how one input maps to Keycloak, how it is checked, compared and shown.

Each Keycloak object is described by a tuple of :class:`Field`. The engine uses them to convert
snake_case inputs to Keycloak's camelCase representation, to validate inputs in ``check()``, to
compare only what the user declared, and to keep secrets out of plain-text outputs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

Kind = Literal[
    "str",  # a string
    "bool",  # a boolean
    "int",  # an integer
    "str_list",  # ordered list of strings
    "str_set",  # list of strings whose order does not matter (redirect URIs, web origins)
    "str_map",  # map of strings; booleans and numbers become the strings Keycloak stores
    "int_map",  # map of integers (registered nodes)
    "object",  # free-form nested object; only the keys the user gives are owned
    "keyed_list",  # list of objects identified by ``key`` (protocol mappers by name)
    "str_list_map",  # map of string lists (role attributes); a lone string becomes a list of one
    "str_set_map",  # map of unordered string lists (composite client roles by clientId)
]

SECRET_MASK = "[secret]"


@dataclass(frozen=True)
class Field:
    """One input of a resource.

    ``api`` is Keycloak's name for it (``None`` for inputs the engine handles itself).
    ``replace`` means a change cannot be applied in place and forces a replacement.
    ``secret`` means the value is kept out of plain-text outputs and logs.
    ``url`` asks ``check()`` to validate URL syntax (``"absolute"`` or ``"relative-ok"``).
    ``deprecated`` is a message: the input is accepted, ignored, and this warning is shown.
    ``sent`` False: not part of the representation (a hook writes it; ``read_extra`` reads it).
    ``write_only``: Keycloak never returns it, so it is compared with the value last applied.
    ``default`` documents Keycloak's value when the input is not given (reference docs only).
    ``py_type`` overrides the Python type the generated classes accept inside ``pulumi.Input[...]``
    (e.g. ``"Sequence[pulumi.Input[str]] | Role"``); empty: derived from ``kind``.
    ``ref``: a resource object given for this input (or in its list) stands for its output of that
    name (``parent=staff`` → ``staff.path``), so Pulumi also orders the two.
    ``digest``: (write-only secrets) outputs keep a salted digest of the value last applied, never
    the value; a change is found by comparing the program's value with that digest.
    """

    name: str
    kind: Kind
    api: str | None = None
    doc: str = ""
    replace: bool = False
    secret: bool = False
    choices: tuple[str, ...] = ()
    url: Literal["", "absolute", "relative-ok"] = ""
    key: str = "name"
    deprecated: str = ""
    minimum: int | None = None
    sent: bool = True
    write_only: bool = False
    default: str = ""
    py_type: str = ""
    digest: bool = False
    ref: str = ""

    @property
    def api_name(self) -> str:
        return self.api if self.api is not None else camel(self.name)


_CAMEL_RE = re.compile(r"_([a-z0-9])")
_SNAKE_RE = re.compile(r"(?<=[a-z0-9])([A-Z])")


def camel(name: str) -> str:
    """``redirect_uris`` → ``redirectUris``."""
    return _CAMEL_RE.sub(lambda m: m.group(1).upper(), name)


def snake(name: str) -> str:
    """``redirectUris`` → ``redirect_uris``."""
    return _SNAKE_RE.sub(lambda m: "_" + m.group(1).lower(), name)


def camelize_keys(value: Any) -> Any:
    """Convert snake_case keys of nested objects to camelCase (keys with dots are left alone)."""
    if isinstance(value, dict):
        return {
            (camel(k) if "_" in k and "." not in k and k == k.lower() else k): camelize_keys(v)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [camelize_keys(v) for v in value]
    return value


def keycloak_string(value: Any) -> Any:
    """The string Keycloak stores for an attribute or mapper-config value."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (int, float)):
        return str(value)
    return value


_SENSITIVE_SUFFIXES = ("private.key", "password", "secret", "privatekey", "accesstoken")


def is_sensitive_key(key: str) -> bool:
    """Attribute/config keys whose values are secrets (private keys, passwords, tokens)."""
    lowered = key.lower().replace("_", "")
    return lowered.endswith(_SENSITIVE_SUFFIXES) and not lowered.endswith("time")


def redact(value: Any) -> Any:
    """A copy of a Keycloak representation with every sensitive value masked."""
    if isinstance(value, dict):
        return {
            k: (SECRET_MASK if is_sensitive_key(k) and v not in (None, "", "**********") else redact(v))
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [redact(v) for v in value]
    return value
