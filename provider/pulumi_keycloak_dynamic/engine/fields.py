"""Field descriptions: how one input maps to Keycloak, how it is checked, compared and shown.

Each Keycloak object is described by a tuple of :class:`Field`. The engine uses them to convert
snake_case inputs to Keycloak's camelCase representation, to validate inputs in ``check()``, to
compare only what the user declared, and to keep secrets out of plain-text outputs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from .kinds import FieldKind

SECRET_MASK = "[secret]"


@dataclass(frozen=True)
class Field:
    """One input of a resource: its name and its :mod:`kind <.kinds>` (``STR``, ``STR_MAP``, ...).

    ``api`` is Keycloak's name for it (``None`` for inputs the engine handles itself).
    ``replace`` means a change cannot be applied in place and forces a replacement.
    ``secret`` means the value is kept out of plain-text outputs and logs.
    ``url`` asks ``check()`` to validate URL syntax (``"absolute"`` or ``"relative-ok"``).
    ``deprecated`` is a message: the input is accepted, ignored, and this warning is shown.
    ``sent`` False: not part of the representation (a hook writes it; ``read_extra`` reads it).
    ``write_only``: Keycloak never returns it, so it is compared with the value last applied.
    ``default`` documents the value a new object has when the input is not given (what Keycloak makes
    of what the create sends; reference docs only, checked against the server by a test).
    ``py_type`` overrides the Python type the generated classes accept inside ``pulumi.Input[...]``
    (e.g. ``"Sequence[pulumi.Input[str]] | Role"``); empty: the kind's.
    ``digest``: (write-only secrets) outputs keep a salted digest of the value last applied, never
    the value; a change is found by comparing the program's value with that digest.
    ``refers_to``: the input names an object of this type (``"Role"``); the resource itself is
    accepted too (in a list or as a map's values) and stands for its naming output.
    """

    name: str
    kind: FieldKind
    api: str | None = None
    doc: str = ""
    replace: bool = False
    secret: bool = False
    choices: tuple[str, ...] = ()
    url: Literal["", "absolute", "relative-ok"] = ""
    deprecated: str = ""
    minimum: int | None = None
    sent: bool = True
    write_only: bool = False
    default: str = ""
    py_type: str = ""
    digest: bool = False
    refers_to: str = ""

    @property
    def api_name(self) -> str:
        return self.api if self.api is not None else camel(self.name)

    @property
    def key(self) -> str:
        """What identifies an item of a keyed list (``name``)."""
        return str(getattr(self.kind, "key", "name"))


def realm_field(of: str) -> Field:
    """The ``realm`` input of an object that lives in a realm (``of``: "the mapper")."""
    return Field("realm", _kinds().STR, api="", refers_to="Realm", doc=f"Realm of {of}: its name, or the Realm "
                 "resource. Renaming the realm updates it in place; Keycloak cannot move it to another realm.")


def _kinds() -> Any:
    from . import kinds  # the kinds use this module's helpers

    return kinds


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


_WORD_RE = re.compile(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])")
#: Parts of a word that mark a key's value as a credential (``keystorePassword``, ``clientsecret``).
_SECRET_PARTS = ("password", "secret", "passphrase", "privatekey")
#: Runs of words that do so at the end of a key (``saml.signing.private.key``, ``accessToken``).
_SECRET_ENDINGS = (("private", "key"), ("access", "token"), ("api", "key"))
#: A key whose last word is one of these holds facts *about* a secret (when it expires, how it is
#: hashed), not the secret: ``client.secret.creation.time``, ``passwordPolicy``.
_METADATA_WORDS = frozenset({
    "time", "timestamp", "lifespan", "timeout", "policy", "type", "alg", "algorithm", "enabled", "length",
    "expiration", "creation", "method", "mode", "period", "interval", "count", "required", "size", "version",
})


def _words(key: str) -> list[str]:
    return [w.lower() for w in _WORD_RE.findall(key)]


def is_sensitive_key(key: str) -> bool:
    """Attribute/config keys whose values are secrets (private keys, passwords, tokens).

    Caught: ``secret``, ``clientSecret``, ``client.secret.rotated``, ``saml.signing.private.key``,
    ``jwt.credential.private.key``, ``bindCredential``, ``keystorePassword``, ``smtp password``,
    ``registrationAccessToken``. Not caught: facts about a secret (``client.secret.creation.time``,
    ``passwordPolicy``) and the client-credentials grant's settings (``client_credentials.*``).
    """
    if not isinstance(key, str):
        return False
    words = _words(key)
    if not words or words[-1] in _METADATA_WORDS:
        return False
    if any(part in word for word in words for part in _SECRET_PARTS):
        return True
    if any(word.endswith("credential") for word in words):  # bindCredential; not 'client_credentials'
        return True
    joined = "".join(words)
    return any(tuple(words[-len(end):]) == end or joined.endswith("".join(end)) for end in _SECRET_ENDINGS)


def redact(value: Any, keep: Any = None) -> Any:
    """A copy of a Keycloak representation with every sensitive value masked.

    ``keep`` is what the user declared (same shape): a sensitive key the user gave is kept, so it
    compares equal with the declared value (the output holding it is a Pulumi secret then). A
    ``keep`` may also be the previous output (``refresh``): a key masked there stays masked.
    """
    if isinstance(value, dict):
        declared = keep if isinstance(keep, dict) else {}
        return {
            k: (
                SECRET_MASK
                if is_sensitive_key(k)
                and (k not in declared or declared[k] == SECRET_MASK)
                and v not in (None, "", "**********")
                else redact(v, declared.get(k))
            )
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [redact(v, keep[i] if isinstance(keep, list) and i < len(keep) else None) for i, v in enumerate(value)]
    return value


def contains_sensitive_key(value: Any) -> bool:
    """Does a (nested) map hold a key whose value is a secret?"""
    if isinstance(value, dict):
        return any(is_sensitive_key(k) or contains_sensitive_key(v) for k, v in value.items())
    if isinstance(value, list):
        return any(contains_sensitive_key(v) for v in value)
    return False
