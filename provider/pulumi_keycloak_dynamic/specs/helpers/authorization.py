"""A Client's ``authorization_settings``: Keycloak's ``ResourceServerRepresentation`` as one input,
compared the way Keycloak stores it, and brought in line item by item.

Keycloak's ``GET …/authz/resource-server`` answers empty ``resources``/``policies``/``scopes``
lists, so the input never settled. The server's side is read from ``GET …/settings`` (the export:
every item by name, roles, resources and policies in a policy's ``config`` named) and aligned to
the declared shape: the items of ``resources``, ``scopes`` and ``policies`` are matched by
``name`` (items the program does not declare, such as Keycloak 26.0's ``Default Resource``, are
not owned and never compared), nested lists by name or id whatever their order, and a ``config``
value that holds JSON (``'[{"id":"reader","required":false}]'``) by its meaning, not its spacing.

Updates: ``POST …/import`` creates the declared items that are missing (it does not reliably
update existing ones: 26.0 keeps a policy's logic, 26.7 a resource's uris), then every declared
item that still differs is ``PUT`` by id with the declared keys over the server's item. An item
removed from the program is left in Keycloak (Authorization objects become resources of their
own later, with deletes).
"""

from __future__ import annotations

import json
from typing import Any

from ...api import KeycloakAdmin, clients
from ...engine.checks import contains_unknown, short, suggest
from ...engine.fields import camel
from ...engine.values import merge, subset_equal

#: The lists of a resource server whose items are matched by name.
ITEM_LISTS = ("resources", "scopes", "policies")
#: Keys of the input (camelCase; snake_case is accepted and converted) and what they take.
TOP_KEYS = {
    "policyEnforcementMode": ("ENFORCING", "PERMISSIVE", "DISABLED"),
    "decisionStrategy": ("UNANIMOUS", "AFFIRMATIVE", "CONSENSUS"),
    "allowRemoteResourceManagement": (),
    "resources": (),
    "scopes": (),
    "policies": (),
}



def check(settings: Any) -> list[tuple[str, str]]:
    """Unknown keys, choices, and items without a name (or a policy without its type)."""
    if not isinstance(settings, dict):
        return []
    failures: list[tuple[str, str]] = []
    for key, value in settings.items():
        name = _camel(key)
        if name not in TOP_KEYS:
            hint = suggest(str(key), sorted(TOP_KEYS)) or f"; it takes {', '.join(TOP_KEYS)}"
            failures.append(("authorization_settings", f"authorization_settings has no key {short(key)}{hint}"))
        elif TOP_KEYS[name] and isinstance(value, str) and value not in TOP_KEYS[name] and not contains_unknown(value):
            failures.append(("authorization_settings", f"authorization_settings.{key} must be one of "
                             f"{', '.join(TOP_KEYS[name])}, got {short(value)}"))
        elif name in ITEM_LISTS and value is not None and not contains_unknown(value):
            failures.extend(_check_items(str(key), name, value))
    return failures


def _check_items(key: str, name: str, items: Any) -> list[tuple[str, str]]:
    if not isinstance(items, list):
        return [("authorization_settings", f"authorization_settings.{key} must be a list of maps, got {short(items)}")]
    failures = []
    seen: set[str] = set()
    for index, item in enumerate(items):
        where = f"authorization_settings.{key}[{index}]"
        if not isinstance(item, dict) or not isinstance(item.get("name"), str) or not item["name"]:
            failures.append(("authorization_settings", f"{where} needs a 'name' (items are matched by name), "
                             f"e.g. {{'name': 'docs'}}"))
            continue
        if item["name"] in seen:
            failures.append(("authorization_settings", f"{where}: two items share name {item['name']!r}"))
        seen.add(item["name"])
        if name == "policies" and not item.get("type"):
            failures.append(("authorization_settings", f"{where} needs a 'type' ('role', 'resource', 'scope', "
                             "'client', 'group', 'user', 'time', 'aggregate', ...)"))
    return failures


def canonical(settings: Any) -> Any:
    """A policy's ``config`` values as Keycloak stores them: strings; a list or map becomes its JSON
    (``['docs']`` → ``'["docs"]'``), as the admin console writes it."""
    if not isinstance(settings, dict) or contains_unknown(settings) or not isinstance(settings.get("policies"), list):
        return settings
    policies = []
    for policy in settings["policies"]:
        if isinstance(policy, dict) and isinstance(policy.get("config"), dict):
            config = {k: v if isinstance(v, str) else json.dumps(v, separators=(",", ":"))
                      for k, v in policy["config"].items()}
            policy = {**policy, "config": config}
        policies.append(policy)
    return {**settings, "policies": policies}


def aligned(declared: Any, exported: Any) -> Any:
    """The server's settings in the declared shape wherever they mean the same (see the module)."""
    return _align(declared, exported, owned_items=False)


def _align(declared: Any, actual: Any, owned_items: bool = True) -> Any:
    if isinstance(declared, dict) and isinstance(actual, dict):
        out = dict(actual)
        for key, value in declared.items():
            if key in actual:
                out[key] = _align(value, actual[key], owned_items or key not in ITEM_LISTS)
        return out
    if isinstance(declared, list) and isinstance(actual, list):
        return _align_list(declared, actual, owned_items)
    if isinstance(declared, str) and isinstance(actual, str) and declared != actual:
        try:
            want, have = json.loads(declared), json.loads(actual)
        except ValueError:
            return actual
        if isinstance(want, (list, dict)) and subset_equal(want, _align(want, have)):
            return declared
    return actual


def _align_list(declared: list[Any], actual: list[Any], owned_items: bool) -> list[Any]:
    """Items matched by name (or id), strings as a set; the declared order. With ``owned_items``
    (a nested list) the list must hold exactly the declared items, else it stays as the server's."""
    key = next((k for k in ("name", "id") if declared and all(isinstance(d, dict) and k in d for d in declared)), None)
    if key is None:
        if all(isinstance(d, str) for d in declared) and sorted(set(declared)) == sorted(set(map(str, actual))):
            return list(declared)
        return actual
    by_key = {a.get(key): a for a in actual if isinstance(a, dict)}
    if owned_items and set(by_key) != {d[key] for d in declared}:
        return actual
    return [_align(d, by_key[d[key]]) for d in declared if d[key] in by_key]


def sync(admin: KeycloakAdmin, realm: str, client_uuid: str, declared: dict[str, Any]) -> None:
    """Bring the resource server in line with ``declared`` (canonical: camelCase keys)."""
    scalars = {k: v for k, v in declared.items() if k not in ITEM_LISTS}
    if scalars:
        current = clients.get_authorization_settings(admin, realm, client_uuid) or {}
        clients.update_authorization_settings(admin, realm, client_uuid, {**current, **scalars})
    items = {k: declared[k] for k in ITEM_LISTS if declared.get(k)}
    if not items:
        return
    clients.import_authorization_settings(admin, realm, client_uuid, items)
    exported = aligned(declared, clients.export_authorization_settings(admin, realm, client_uuid) or {})
    for kind in ("scopes", "resources", "policies"):  # a policy may name the resources and scopes
        have = {i.get("name"): i for i in exported.get(kind) or [] if isinstance(i, dict)}
        for item in items.get(kind, []):
            if subset_equal(item, have.get(item["name"])):
                continue
            found = clients.find_authorization_item(admin, realm, client_uuid, kind, item["name"])
            if found is not None:
                path, current = found
                admin.put(path, merge(current, item))


def _camel(key: Any) -> str:
    return camel(key) if isinstance(key, str) and "_" in key else str(key)
