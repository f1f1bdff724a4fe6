"""A client's default and optional client scopes, by name, applied through the link endpoints.

Keycloak's ``PUT /clients/{id}`` ignores ``defaultClientScopes``/``optionalClientScopes`` and
``POST /clients`` silently drops names it does not know, so neither list is ever sent with the
client: links are added (``PUT …/{kind}-client-scopes/{scopeId}``) and removed (``DELETE``) for the
difference only, removals first (a scope moves from optional to default). A name the realm does
not have is a one-line error before anything is linked.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ...api import KeycloakAdmin, KeycloakError, client_scopes, clients
from ...api.clients import ScopeKind
from ...engine.checks import is_unknown

#: Input name → link kind.
SCOPE_INPUTS: dict[str, ScopeKind] = {"default_client_scopes": "default", "optional_client_scopes": "optional"}
#: Keycloak's names of the two lists in a client representation.
SCOPE_API_NAMES = ("defaultClientScopes", "optionalClientScopes")


def both_kinds(inputs: Mapping[str, Any]) -> list[tuple[str, str]]:
    """check(): a scope cannot be both default and optional for one client."""
    default, optional = inputs.get("default_client_scopes"), inputs.get("optional_client_scopes")
    if not isinstance(default, list) or not isinstance(optional, list):
        return []
    named = {s for s in default if isinstance(s, str) and not is_unknown(s)}
    twice = sorted(named & {s for s in optional if isinstance(s, str)})
    if not twice:
        return []
    names = ", ".join(repr(s) for s in twice)
    return [("optional_client_scopes", f"client scope {names} is both in default_client_scopes and "
             "optional_client_scopes; a scope is either default or optional: keep it in one list")]


def sync_links(
    admin: KeycloakAdmin, realm: str, client_uuid: str, wanted: Mapping[str, Any], current: Mapping[str, Any]
) -> None:
    """Bring the declared lists of ``wanted`` in line with ``current`` (input name → names)."""
    plan: list[tuple[str, ScopeKind, str, bool]] = []  # (input, kind, scope name, add?)
    for name, kind in SCOPE_INPUTS.items():
        declared = wanted.get(name)
        if declared is None:
            continue
        had = set(current.get(name) or [])
        plan += [(name, kind, s, False) for s in sorted(had - set(declared))]
        plan += [(name, kind, s, True) for s in sorted(set(declared) - had)]
    if not plan:
        return
    ids = {s["name"]: str(s["id"]) for s in client_scopes.list_client_scopes(admin, realm)}
    unknown = [(name, scope) for name, _, scope, add in plan if add and scope not in ids]
    if unknown:
        name, scope = unknown[0]
        known = ", ".join(sorted(ids))
        raise KeycloakError(f"{name}: realm '{realm}' has no client scope '{scope}' (it has: {known}); "
                            "create it with a ClientScope resource and pass that resource, or fix the name")
    # Keycloak keeps a scope that is linked as one kind when it is linked as the other (204, nothing
    # changes): a scope moving to the declared kind is unlinked from the other kind first. An
    # undeclared kind has no output to compare with, so its links are read (one GET) when needed.
    other = {"default_client_scopes": "optional_client_scopes", "optional_client_scopes": "default_client_scopes"}
    linked: dict[str, list[str]] = {}
    for name, _kind, scope, adding in list(plan):
        other_name = other[name]
        if not adding or wanted.get(other_name) is not None:
            continue
        if other_name not in current and not linked:
            linked = linked_now(admin, realm, client_uuid)
        if scope in (current.get(other_name) or linked.get(other_name) or []):
            plan.insert(0, (other_name, SCOPE_INPUTS[other_name], scope, False))
    done: set[tuple[str, str, bool]] = set()
    for add in (False, True):  # removals first
        for _, kind, scope, adding in plan:
            if adding != add or scope not in ids or (kind, scope, add) in done:
                continue
            done.add((kind, scope, add))
            if add:
                clients.add_client_scope_to(admin, realm, client_uuid, kind, ids[scope])
            else:
                clients.remove_client_scope_from(admin, realm, client_uuid, kind, ids[scope])


def linked_now(admin: KeycloakAdmin, realm: str, client_uuid: str) -> dict[str, list[str]]:
    """The client's current links by name (one GET of the client)."""
    rep = clients.get_client(admin, realm, client_uuid) or {}
    return {"default_client_scopes": list(rep.get("defaultClientScopes") or []),
            "optional_client_scopes": list(rep.get("optionalClientScopes") or [])}
