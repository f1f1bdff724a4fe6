"""Field kinds: what an input holds, and everything that follows from it, in one class per kind.

A kind owns its check (:meth:`FieldKind.accepts`, with the words a message uses), its canonical
form (the user's value as Keycloak stores it), its reading of a server value, its comparison of
only what was declared, its projection onto the declared shape, what an export writes of it, and
its Python types in the generated classes. The engine (:mod:`.checks`, :mod:`.values`,
:mod:`.outputs`), the exporter and the generator ask the kind; none of them names one.

The singletons below are what specs write: ``Field("config", STR_MAP, ...)``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .checks import is_integral, is_unknown
from .fields import camelize_keys, is_sensitive_key, keycloak_string

#: What Keycloak answers in place of a secret it never returns.
MASK = "**********"


def _is_str_list(value: Any) -> bool:
    return is_unknown(value) or (isinstance(value, list) and all(isinstance(v, str) for v in value))


def _is_map(value: Any) -> bool:
    return isinstance(value, dict) and all(isinstance(k, str) for k in value)


def subset_equal(declared: Any, actual: Any) -> bool:
    """True when every key/item the user declared has the same value in ``actual``."""
    if isinstance(declared, dict):
        if not isinstance(actual, dict):
            return False
        return all(subset_equal(v, actual.get(k)) for k, v in declared.items())
    if isinstance(declared, list):
        if not isinstance(actual, list) or len(declared) != len(actual):
            return False
        return all(subset_equal(d, a) for d, a in zip(declared, actual, strict=False))
    if isinstance(declared, (bool, int, float)) and isinstance(actual, str):
        return bool(keycloak_string(declared) == actual)
    return bool(declared == actual)


def project_obj(declared: Any, actual: Any) -> Any:
    """``actual`` cut to the keys (at any depth) that ``declared`` has."""
    if isinstance(declared, dict) and isinstance(actual, dict):
        return {k: project_obj(v, actual[k]) for k, v in declared.items() if k in actual}
    if isinstance(declared, list) and isinstance(actual, list) and len(declared) == len(actual):
        return [project_obj(d, a) for d, a in zip(declared, actual, strict=False)]
    return actual


class FieldKind:
    """What every kind does unless it says otherwise: a plain value, stored as sent, compared whole."""

    #: Short name (test ids, debugging).
    name = "str"
    #: What a check message says the value must be.
    words = "a string"
    #: What the reference pages call it.
    doc = "string"
    #: The type inside ``pulumi.Input[...]`` and ``pulumi.Output[...]`` of the generated classes.
    input_type = "str"
    output_type = "str"
    #: Keycloak fills the value with more than anyone declares (attribute maps, mappers): outputs
    #: are cut to the declared shape, and the value may hold keys whose values are secrets.
    shaped = False
    #: Keycloak stores the value as sent: after a PUT of it, the merged representation is the outcome.
    stored_as_sent = True

    def __repr__(self) -> str:
        return self.name.upper()

    def accepts(self, value: Any) -> bool:
        """Is ``value`` of this kind? Parts not known yet (preview) are taken to be right."""
        return True

    def canonical(self, value: Any) -> Any:
        """The user's (checked, not None) value in Keycloak's own form."""
        return value

    def from_server(self, value: Any) -> Any:
        """A server value (not None) in the form :meth:`canonical` gives."""
        return value

    def owned_equal(self, declared: Any, actual: Any) -> bool:
        """Does the server value agree with everything the user declared (not None)?"""
        return bool(declared == actual)

    def project(self, declared: Any, actual: Any) -> Any:
        """The server value (not None) cut to the declared shape: what ``read()`` reports as input."""
        return self.from_server(actual)

    def removed_keys(self, declared: Any, previous: Any) -> list[Any]:
        """Items owned before (``previous``) that ``declared`` no longer lists (keyed lists only)."""
        return []

    def owned_items(self, declared: Any, actual: Any) -> Any:
        """The server's value cut to the items the user declared (keyed lists); else as it is."""
        return actual

    def differing(self, value: Any, default: Any, generated_keys: tuple[str, ...]) -> Any:
        """What an export writes of ``value`` given Keycloak's ``default`` (None: nothing)."""
        return None if value == default else value

    def exported(self, value: Any, secret: bool, as_secret: Callable[[str | None], Any]) -> Any:
        """``value`` as an export writes it: secrets become ``as_secret(map key or None)``."""
        return value


class Str(FieldKind):
    """A string; a secret one (or one Keycloak masks) is exported as stack config."""

    def accepts(self, value: Any) -> bool:
        return isinstance(value, str)

    def exported(self, value: Any, secret: bool, as_secret: Callable[[str | None], Any]) -> Any:
        return as_secret(None) if isinstance(value, str) and (secret or value == MASK) else value


class Bool(FieldKind):
    name, words, doc, input_type, output_type = "bool", "a boolean (True or False)", "boolean", "bool", "bool"

    def accepts(self, value: Any) -> bool:
        return isinstance(value, bool)

    def owned_equal(self, declared: Any, actual: Any) -> bool:
        return bool(declared == (False if actual is None else actual))  # Keycloak omits some false flags


class Int(FieldKind):
    name, words, doc, input_type, output_type = "int", "an integer", "integer", "int", "int"

    def accepts(self, value: Any) -> bool:
        return is_integral(value)

    def canonical(self, value: Any) -> Any:
        return int(value)


class StrList(FieldKind):
    """An ordered list of strings."""

    name, words, doc = "str_list", "a list of strings", "list of strings (ordered)"
    input_type, output_type = "Sequence[pulumi.Input[str]]", "list[str]"

    def accepts(self, value: Any) -> bool:
        return isinstance(value, list) and all(isinstance(v, str) for v in value)

    def canonical(self, value: Any) -> Any:
        return list(value)


class StrSet(StrList):
    """A list of strings whose order does not matter (redirect URIs, web origins)."""

    name, doc = "str_set", "list of strings (order irrelevant)"

    def canonical(self, value: Any) -> Any:
        return sorted(set(value))

    from_server = canonical

    def owned_equal(self, declared: Any, actual: Any) -> bool:
        return sorted(set(declared)) == sorted(set(actual or []))


class Map(FieldKind):
    """A free-form nested object: only the keys the user gives are owned (at any depth)."""

    name, words, doc = "object", "a map (dict)", "object"
    input_type, output_type = "Mapping[str, Any]", "dict[str, Any]"
    shaped, stored_as_sent = True, False

    def accepts(self, value: Any) -> bool:
        return _is_map(value)

    def canonical(self, value: Any) -> Any:
        return camelize_keys(value)

    def owned_equal(self, declared: Any, actual: Any) -> bool:
        return subset_equal(declared, actual or {})

    def project(self, declared: Any, actual: Any) -> Any:
        return project_obj(declared, actual)

    def differing(self, value: Any, default: Any, generated_keys: tuple[str, ...]) -> Any:
        if not isinstance(value, dict):
            return super().differing(value, default, generated_keys)
        default = default if isinstance(default, dict) else {}
        return {k: v for k, v in sorted(value.items()) if k not in generated_keys and default.get(k) != v}



class StrMap(Map):
    """A map of strings; booleans and numbers become the strings Keycloak stores."""

    name, words, doc = "str_map", "a map of string keys to strings, booleans or numbers", "map of strings"
    input_type, output_type = "Mapping[str, pulumi.Input[str | bool | float]]", "dict[str, str]"

    def accepts(self, value: Any) -> bool:
        return _is_map(value) and all(isinstance(v, (str, bool, int, float)) for v in value.values())

    def canonical(self, value: Any) -> Any:
        return {str(k): keycloak_string(v) for k, v in value.items()}

    from_server = canonical

    def exported(self, value: Any, secret: bool, as_secret: Callable[[str | None], Any]) -> Any:
        if not isinstance(value, dict):
            return value
        return {k: as_secret(k) if is_sensitive_key(k) or v == MASK else v for k, v in value.items()}


class IntMap(Map):
    """A map of integers (a client's registered nodes)."""

    name, words, doc = "int_map", "a map of string keys to integers", "map of integers"
    input_type, output_type = "Mapping[str, pulumi.Input[int]]", "dict[str, int]"

    def accepts(self, value: Any) -> bool:
        return _is_map(value) and all(is_integral(v) or is_unknown(v) for v in value.values())

    def canonical(self, value: Any) -> Any:
        return {str(k): int(v) for k, v in value.items()}


class StrListMap(Map):
    """A map of string lists (attributes); a lone string becomes a list of one."""

    name, words, doc = "str_list_map", "a map of string keys to a string or a list of strings", "map of string lists"
    input_type, output_type = "Mapping[str, pulumi.Input[str | Sequence[str]]]", "dict[str, list[str]]"

    def accepts(self, value: Any) -> bool:
        return _is_map(value) and all(isinstance(v, str) or _is_str_list(v) for v in value.values())

    def canonical(self, value: Any) -> Any:
        return {str(k): [v] if isinstance(v, str) else list(v) for k, v in value.items()}


class StrSetMap(Map):
    """A map of unordered string lists (composite client roles by clientId)."""

    name, words, doc = "str_set_map", "a map of string keys to lists of strings", "map of string sets"
    input_type, output_type = "Mapping[str, pulumi.Input[Sequence[pulumi.Input[str]]]]", "dict[str, list[str]]"

    def accepts(self, value: Any) -> bool:
        return _is_map(value) and all(_is_str_list(v) for v in value.values())

    def canonical(self, value: Any) -> Any:
        return {str(k): sorted(set(v)) for k, v in value.items()}

    from_server = canonical


def _without_id(item: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in item.items() if k != "id"}


class KeyedList(Map):
    """A list of objects identified by ``key`` (protocol mappers by name): owned item by item."""

    name, words, doc = "keyed_list", "a list of maps", "list of objects"
    input_type, output_type = "Sequence[pulumi.Input[Mapping[str, Any]]]", "list[dict[str, Any]]"

    def __init__(self, key: str = "name") -> None:
        self.key = key

    def accepts(self, value: Any) -> bool:
        return isinstance(value, list) and all(_is_map(v) or is_unknown(v) for v in value)

    def canonical(self, value: Any) -> Any:
        items = []
        for item in value:
            item = camelize_keys(dict(item))
            if isinstance(item.get("config"), dict):
                item["config"] = {k: keycloak_string(v) for k, v in item["config"].items()}
            items.append(item)
        return items

    def _by_key(self, items: Any) -> dict[Any, dict[str, Any]]:
        return {item.get(self.key): item for item in items or [] if isinstance(item, dict)}

    def owned_equal(self, declared: Any, actual: Any) -> bool:
        by_key = self._by_key(actual)
        return all(subset_equal(_without_id(item), by_key.get(item.get(self.key))) for item in declared)

    def project(self, declared: Any, actual: Any) -> Any:
        by_key = self._by_key(actual)
        return [project_obj(_without_id(i), by_key[i.get(self.key)]) for i in declared if i.get(self.key) in by_key]

    def removed_keys(self, declared: Any, previous: Any) -> list[Any]:
        if not isinstance(declared, list) or not isinstance(previous, list):
            return []
        wanted = set(self._by_key(declared))
        return [item.get(self.key) for item in previous if isinstance(item, dict) and item.get(self.key) not in wanted]

    def owned_items(self, declared: Any, actual: Any) -> Any:
        if not isinstance(declared, list) or not isinstance(actual, list):
            return actual
        wanted = set(self._by_key(declared))
        return [item for item in actual if isinstance(item, dict) and item.get(self.key) in wanted]

    def differing(self, value: Any, default: Any, generated_keys: tuple[str, ...]) -> Any:
        if not isinstance(value, list):
            return FieldKind.differing(self, value, default, generated_keys)
        by_key = {_without_id(d).get(self.key): _without_id(d) for d in default or [] if isinstance(d, dict)}
        return [v for v in value if isinstance(v, dict) and by_key.get(v.get(self.key)) != _without_id(v)]


STR, BOOL, INT = Str(), Bool(), Int()
STR_LIST, STR_SET = StrList(), StrSet()
OBJECT, STR_MAP, INT_MAP, STR_LIST_MAP, STR_SET_MAP = Map(), StrMap(), IntMap(), StrListMap(), StrSetMap()
KEYED_LIST = KeyedList("name")
