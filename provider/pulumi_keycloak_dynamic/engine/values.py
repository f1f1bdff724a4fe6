"""Field-level ownership: canonical values, comparison of only what was declared, merging.

The three rules that keep diffs settled and undeclared fields untouched:

* :func:`canonical` puts a user's value in the form Keycloak stores (sorted sets, string
  attribute values, camelCase keys), so a value Keycloak echoes back compares equal;
* :func:`owned_equal` compares only what the user declared: map keys, object keys and list
  items (by key) the user did not write are never compared;
* :func:`merge` overlays the declared values on the server's current representation, so a
  write never resets what the user did not declare.
"""

from __future__ import annotations

from typing import Any

from .digest import digest_matches
from .fields import Field, camelize_keys, keycloak_string


def canonical(field: Field, value: Any) -> Any:
    """The user's value in Keycloak's own form (assumes ``check()`` validated its type)."""
    if value is None:
        return None
    kind = field.kind
    if kind == "int":
        return int(value)
    if kind == "str_set":
        return sorted(set(value))
    if kind == "str_list":
        return list(value)
    if kind == "str_map":
        return {str(k): keycloak_string(v) for k, v in value.items()}
    if kind == "int_map":
        return {str(k): int(v) for k, v in value.items()}
    if kind == "object":
        return camelize_keys(value)
    if kind == "str_set_map":
        return {str(k): sorted(set(v)) for k, v in value.items()}
    if kind == "str_list_map":
        return {str(k): [v] if isinstance(v, str) else list(v) for k, v in value.items()}
    if kind == "keyed_list":
        items = []
        for item in value:
            item = camelize_keys(dict(item))
            if isinstance(item.get("config"), dict):
                item["config"] = {k: keycloak_string(v) for k, v in item["config"].items()}
            items.append(item)
        return items
    return value


def from_server(field: Field, value: Any) -> Any:
    """A server value in the same form as :func:`canonical` gives for user values."""
    if value is None:
        return None
    if field.kind == "str_set":
        return sorted(set(value))
    if field.kind == "str_set_map":
        return {str(k): sorted(set(v)) for k, v in value.items()}
    if field.kind == "str_map":
        return {str(k): keycloak_string(v) for k, v in value.items()}
    return value


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


def owned_equal(field: Field, declared: Any, actual: Any) -> bool:
    """Does the server value ``actual`` agree with everything the user declared?"""
    if declared is None:
        return True
    if field.digest:
        return digest_matches(declared, actual)
    if field.kind == "bool" and actual is None:
        actual = False  # Keycloak omits some false flags (authorizationServicesEnabled)
    if field.kind in ("str_map", "int_map", "object", "str_list_map", "str_set_map"):
        return subset_equal(declared, actual or {})
    if field.kind == "keyed_list":
        by_key = {item.get(field.key): item for item in (actual or []) if isinstance(item, dict)}
        return all(subset_equal(_without_id(item), by_key.get(item.get(field.key))) for item in declared)
    if field.kind == "str_set":
        return sorted(set(declared)) == sorted(set(actual or []))
    return bool(declared == actual)


def removed_keys(field: Field, declared: Any, previous: Any) -> list[Any]:
    """Keys of a keyed list (mapper names) owned before (``previous``, the last outputs) that
    ``declared`` no longer lists: the program removed them, so they are deleted from Keycloak.
    Dropping the whole input (``declared`` None) stops owning the items and removes nothing."""
    if field.kind != "keyed_list" or not isinstance(declared, list) or not isinstance(previous, list):
        return []
    wanted = {item.get(field.key) for item in declared if isinstance(item, dict)}
    return [item.get(field.key) for item in previous if isinstance(item, dict) and item.get(field.key) not in wanted]


def owned_items(field: Field, declared: Any, actual: Any) -> Any:
    """The server's keyed list cut to the items the user declared (by key): the output of a
    declared ``keyed_list``, so the state remembers which items the program owns."""
    if field.kind != "keyed_list" or not isinstance(declared, list) or not isinstance(actual, list):
        return actual
    wanted = {item.get(field.key) for item in declared if isinstance(item, dict)}
    return [item for item in actual if isinstance(item, dict) and item.get(field.key) in wanted]


def project(field: Field, declared: Any, actual: Any) -> Any:
    """The server's value cut to the shape the user declared (what ``read()`` reports as inputs)."""
    if declared is None or actual is None:
        return actual
    if field.kind in ("str_map", "int_map", "object", "str_list_map", "str_set_map"):
        return _project_obj(declared, actual)
    if field.kind == "keyed_list":
        by_key = {item.get(field.key): item for item in actual if isinstance(item, dict)}
        return [
            _project_obj(_without_id(item), by_key[item.get(field.key)])
            for item in declared
            if item.get(field.key) in by_key
        ]
    return from_server(field, actual)


def _project_obj(declared: Any, actual: Any) -> Any:
    if isinstance(declared, dict) and isinstance(actual, dict):
        return {k: _project_obj(v, actual[k]) for k, v in declared.items() if k in actual}
    if isinstance(declared, list) and isinstance(actual, list) and len(declared) == len(actual):
        return [_project_obj(d, a) for d, a in zip(declared, actual, strict=False)]
    return actual


def _without_id(item: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in item.items() if k != "id"}


def merge(current: Any, declared: Any) -> Any:
    """Overlay declared values on the server's representation (maps merge, lists replace)."""
    if isinstance(current, dict) and isinstance(declared, dict):
        merged = dict(current)
        for key, value in declared.items():
            merged[key] = merge(current.get(key), value)
        return merged
    return declared
