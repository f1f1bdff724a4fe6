"""Input checking for ``check()``: refuse bad input before any API call, naming the field.

Every message says which input is wrong, what was given, and what would be right.
Values still unknown during a preview are skipped (they are checked at ``up``).
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlparse

from pulumi.output import Unknown

from .fields import Field, camel, redact, snake

#: Pulumi's sentinel for values not yet known during preview.
UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"

def is_unknown(value: Any) -> bool:
    """The preview's placeholder for a value known only later: our sentinel string (the program-side
    pass) or the SDK's ``Unknown`` object (what the dynamic-provider host hands ``check()``)."""
    return (isinstance(value, str) and value == UNKNOWN) or isinstance(value, Unknown)


def with_sentinels(value: Any) -> Any:
    """``value`` with every SDK ``Unknown`` object, at any depth, replaced by the sentinel string
    (the wire form of an unknown), so the checks see one kind of placeholder and the inputs
    ``check()`` returns serialize back to unknowns."""
    if isinstance(value, Unknown):
        return UNKNOWN
    if isinstance(value, dict):
        return {k: with_sentinels(v) for k, v in value.items()}
    if isinstance(value, list):
        return [with_sentinels(v) for v in value]
    return value


def contains_unknown(value: Any) -> bool:
    if is_unknown(value):
        return True
    if isinstance(value, dict):
        return any(contains_unknown(v) for v in value.values())
    if isinstance(value, list):
        return any(contains_unknown(v) for v in value)
    return False


def one_line(text: str, limit: int = 400) -> str:
    """A message as one line of at most ``limit`` characters (control characters made visible)."""
    text = "".join(c if c.isprintable() else repr(c)[1:-1] for c in str(text))
    return text if len(text) <= limit else text[: limit - 3] + "..."


def is_integral(value: Any) -> bool:
    """An int, or a float with no fraction (numbers cross Pulumi's wire as doubles)."""
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (isinstance(value, float) and value.is_integer())


def rename_aliases(fields: Mapping[str, Field], inputs: Mapping[str, Any]) -> dict[str, Any]:
    """Accept Keycloak's camelCase names (``redirectUris``) for snake_case inputs."""
    out: dict[str, Any] = {}
    for key, value in inputs.items():
        if not isinstance(key, str):
            out[key] = value
            continue
        name = key if key in fields or key.startswith("__") else snake(key)
        out[name if name in fields else key] = value
    return out


def edit_distance(a: str, b: str) -> int:
    """Edits (insert, delete, replace, swap of neighbours) that turn ``a`` into ``b``."""
    previous: list[int] = []
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        before, previous, row = previous, row, [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], before[j - 2] + 1)
    return row[-1]


def suggest(name: str, known: list[str]) -> str:
    """``; did you mean 'x'?`` for a known name a typo away from ``name`` (about one edit in four
    characters: ``redirect_uri`` → ``redirect_uris``, ``githbu`` → ``github``), else nothing: a
    name that merely shares words (``organizations_enabled`` / ``internationalization_enabled``)
    is no suggestion."""
    limit = max(1, len(name) // 4)
    lowered, scored = name.lower(), []
    for k in known:
        # The edit distance is at least the difference in length: a hostile 10,000-character value
        # costs no distance computation (the fuzz test's values took a minute per kind before).
        if not isinstance(k, str) or abs(len(k) - len(name)) > limit:
            continue
        distance = edit_distance(lowered, k.lower())
        if distance <= limit:
            scored.append((distance, -difflib.SequenceMatcher(None, name, k).ratio(), k))
    close = min(scored, default=None)
    return f"; did you mean '{close[2]}'?" if close else ""


def _type_word(value: Any) -> str:
    """``int 5`` and ``float 5.0`` are one number to the user (numbers cross Pulumi's wire as doubles)."""
    return "number" if isinstance(value, (int, float)) and not isinstance(value, bool) else type(value).__name__


def _describe(value: Any, secret: bool = False) -> str:
    """A short rendering of a value for a message; a secret's value is never shown."""
    if secret:
        return "(value hidden: secret)"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return short(redact(value))


def short(value: Any, limit: int = 60) -> str:
    """``repr`` of a value cut to ``limit`` characters (one line: repr escapes line breaks)."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def url_problem(value: str, mode: str) -> str | None:
    """Why ``value`` is not an acceptable URL, or None."""
    if any(c.isspace() for c in value):
        return "contains white space (remove it, or encode it as %20)"
    if value in ("*", "+", "-"):
        return None  # Keycloak's own wildcards/markers (a policy may still forbid them)
    if value.startswith(("${authBaseUrl}", "${authAdminUrl}")) and mode != "absolute":
        return None  # Keycloak's placeholders for its own address (the built-in clients use them)
    try:
        parsed = urlparse(value)
    except ValueError as exc:  # e.g. 'https://[bad': Invalid IPv6 URL
        return f"is malformed ({exc}; write https://host/path)"
    if parsed.scheme:
        if parsed.scheme not in ("http", "https") and mode == "absolute":
            return f"has scheme '{parsed.scheme}'; use http:// or https://"
        if parsed.scheme in ("http", "https") and not parsed.netloc:
            return "has no host after the scheme (write https://host/path)"
        if parsed.scheme not in ("http", "https") and "://" not in value and not value.startswith("urn:"):
            return f"is not a URL (scheme '{parsed.scheme}' without '//'; write https://host/path)"
        return None
    if mode == "absolute":
        return "is not an absolute URL (write https://host/path)"
    if value.startswith(("http:", "https:")):
        return "is malformed (write https://host/path)"
    if not value.startswith("/"):
        return f"is neither an absolute URL nor a path starting with '/' (Keycloak rejects it): write '/{value}'"
    return None


def check_fields(
    type_name: str, fields: Mapping[str, Field], inputs: Mapping[str, Any], required: tuple[str, ...]
) -> list[tuple[str, str]]:
    """Generic checks: unknown names, missing required inputs, types, choices, URLs, bounds."""
    failures: list[tuple[str, str]] = []
    known = sorted(fields)
    for key in inputs:
        if key in fields or (isinstance(key, str) and key.startswith("__")):
            continue
        hint = suggest(key, known + [camel(k) for k in known]) if isinstance(key, str) else ""
        name = key if isinstance(key, str) and len(key) <= 60 and key.isprintable() else short(key)
        failures.append((str(key), f"{type_name} has no input '{name}'{hint}"))
    for name in required:
        if inputs.get(name) in (None, ""):
            failures.append((name, f"{type_name} needs '{name}' ({fields[name].kind.words})"))
    for name, value in inputs.items():
        field = fields.get(name)
        if field is None or value is None or is_unknown(value):
            continue
        if not field.kind.accepts(value):
            failures.append(
                (
                    name,
                    f"'{name}' must be {field.kind.words}, "
                    f"got {_type_word(value)} {_describe(value, field.secret)}",
                )
            )
            continue
        if field.choices and value not in field.choices:
            options = ", ".join(repr(c) for c in field.choices)
            failures.append(
                (name, f"'{name}' must be one of {options}, got {short(value)}{suggest(value, list(field.choices))}")
            )
        if field.minimum is not None and is_integral(value) and value < field.minimum:
            failures.append((name, f"'{name}' must be at least {field.minimum}, got {int(value)}"))
        if field.url:
            values = value if isinstance(value, list) else [value]
            for item in values:
                if isinstance(item, str) and not is_unknown(item):
                    problem = url_problem(item, field.url)
                    if problem:
                        failures.append((name, f"'{name}' value {short(item, 200)} {problem}"))
    return failures


def check_keyed_items(
    field: Field, items: list[Any], allowed: Mapping[str, str], required: tuple[str, ...]
) -> list[tuple[str, str]]:
    """Check the items of a keyed list (e.g. protocol mappers): key names, required keys, duplicates."""
    failures: list[tuple[str, str]] = []
    seen: set[Any] = set()
    for index, item in enumerate(items):
        where = f"{field.name}[{index}]"
        if not isinstance(item, dict):
            continue
        for key in item:
            if not isinstance(key, str) or (camel(key) not in allowed and key not in allowed):
                hint = (isinstance(key, str) and suggest(key, sorted(allowed))) or (
                    f"; known keys: {', '.join(sorted(allowed))}"
                )
                failures.append((field.name, f"{where} has no key {short(key)}{hint}"))
        for key in required:
            if item.get(key) in (None, "") and item.get(snake(key)) in (None, ""):
                failures.append((field.name, f"{where} needs '{key}'"))
        for key, kind in allowed.items():
            value = item.get(key, item.get(snake(key)))
            if value is None or is_unknown(value):
                continue
            if kind == "bool" and not isinstance(value, bool):
                failures.append((field.name, f"{where}.{key} must be a boolean, got {_describe(value)}"))
            if kind == "str" and not isinstance(value, str):
                failures.append((field.name, f"{where}.{key} must be a string, got {_describe(value)}"))
            if kind == "map" and not isinstance(value, dict):
                failures.append((field.name, f"{where}.{key} must be a map, got {_describe(value)}"))
        key_value = item.get(field.key)
        if not isinstance(key_value, str) or is_unknown(key_value):
            continue
        if key_value in seen:
            failures.append(
                (field.name, f"{where}: two items share {field.key} {short(key_value)}; names must be unique")
            )
        seen.add(key_value)
    return failures
