"""Role sets by name: the realm roles and client roles a user, a group or a service account holds
(role mappings), or that a composite role contains (the realm's default roles).

Ownership rule, for every resource with these inputs: when ``realm_roles`` is given the resource
owns exactly that set (adds what is missing, removes what is extra); when it is absent, mappings
made elsewhere are left alone. ``client_roles`` is owned client by client: each clientId listed
(or listed before) holds exactly its names; clients never listed are left alone. Adding is one
POST with the list per container (the realm, or one client), removing one DELETE with the list.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ...api import KeycloakAdmin, KeycloakError, clients, quote_segment, roles
from ...api.paths import fill
from ...engine import Field
from ...engine.checks import contains_unknown
from ...engine.kinds import STR_SET, STR_SET_MAP
from ...engine.spec import Inputs


def realm_roles_field(holder: str) -> Field:
    return Field("realm_roles", STR_SET, api="realmRoles", sent=False, refers_to="Role", doc=f"Realm roles {holder} "
                 "holds, by name. When given, exactly this set (roles mapped by hand are removed); when absent, role "
                 "mappings are not managed.")


def client_roles_field(holder: str) -> Field:
    return Field("client_roles", STR_SET_MAP, api="clientRoles", sent=False, refers_to="Role", doc=f"Client roles "
                 f"{holder} holds: {{clientId: [role names]}}. Each clientId listed holds exactly these names; clients "
                 "not listed are left alone.")


ROLE_SET_NAMES = ("realm_roles", "client_roles")


class _EveryClient(dict):  # type: ignore[type-arg]
    """``client_roles`` read for every client that has roles (a lookup), not only the declared ones."""

    def __repr__(self) -> str:
        return "EVERY_CLIENT"


#: Given as ``client_roles`` to ``read_extra``: read the roles of every client, not only those declared.
EVERY_CLIENT: dict[str, list[str]] = _EveryClient()


@dataclass
class Held:
    """Roles held now, by name: realm roles, and per clientId the client's UUID and its roles."""

    realm: dict[str, dict[str, Any]] = field(default_factory=dict)
    clients: dict[str, tuple[str, dict[str, dict[str, Any]]]] = field(default_factory=dict)


class Mappings:
    """Role mappings of a user or a group (``…/users/{id}`` or ``…/groups/{id}``)."""

    def __init__(self, realm: str, owner_path: str) -> None:
        self.realm = realm
        self.base = f"{owner_path}/role-mappings"

    def held(self, admin: KeycloakAdmin, client_ids: Iterable[str]) -> Held:
        answer = admin.get(self.base) or {}
        held = Held(realm={r["name"]: r for r in answer.get("realmMappings") or []})
        for client_id, entry in (answer.get("clientMappings") or {}).items():
            held.clients[client_id] = (str(entry["id"]), {r["name"]: r for r in entry.get("mappings") or []})
        return held

    def apply(self, admin: KeycloakAdmin, method: str, by_container: dict[str | None, list[dict[str, Any]]]) -> None:
        for client_uuid, reps in by_container.items():
            path = f"{self.base}/clients/{quote_segment(client_uuid)}" if client_uuid else f"{self.base}/realm"
            body = [{"id": r["id"], "name": r["name"]} for r in reps]
            admin.post(path, body) if method == "POST" else admin.delete(path, body)


class Composites:
    """The composites of one role (``/roles-by-id/{id}/composites``): realm and client roles mixed."""

    def __init__(self, realm: str, role_id: str) -> None:
        self.realm = realm
        self.base = fill(roles.COMPOSITES, realm=realm, id=role_id)

    def held(self, admin: KeycloakAdmin, client_ids: Iterable[str]) -> Held:
        found = admin.get(self.base) or []
        held = Held(realm={r["name"]: r for r in found if not r.get("clientRole")})
        for client_id in client_ids:
            uuid = client_uuid(admin, self.realm, client_id)
            held.clients[client_id] = (uuid, {r["name"]: r for r in found if r.get("containerId") == uuid})
        return held

    def held_every_client(self, admin: KeycloakAdmin) -> Held:
        """The composites with every client's roles by clientId (one listing of the clients more,
        only when a composite is a client role)."""
        found = admin.get(self.base) or []
        held = Held(realm={r["name"]: r for r in found if not r.get("clientRole")})
        if any(r.get("clientRole") for r in found):
            client_ids = {str(c["id"]): str(c["clientId"]) for c in clients.list_clients(admin, self.realm)}
            for r in found:
                if r.get("clientRole"):
                    cid = client_ids.get(str(r.get("containerId")), str(r.get("containerId")))
                    held.clients.setdefault(cid, (str(r.get("containerId")), {}))[1][r["name"]] = r
        return held

    def apply(self, admin: KeycloakAdmin, method: str, by_container: dict[str | None, list[dict[str, Any]]]) -> None:
        body = [{"id": r["id"], "name": r["name"]} for reps in by_container.values() for r in reps]
        if body:
            admin.post(self.base, body) if method == "POST" else admin.delete(self.base, body)


Target = Mappings | Composites


def client_uuid(admin: KeycloakAdmin, realm: str, client_id: str) -> str:
    """The UUID of the client with this clientId (a one-line error when the realm has none)."""
    found = clients.find_client(admin, realm, client_id)
    if found is None:
        raise KeycloakError(f"client '{client_id}' not found in realm '{realm}'")
    return str(found["id"])


def _role(admin: KeycloakAdmin, realm: str, name: str, uuid: str | None, client_id: str | None) -> dict[str, Any]:
    found = roles.get_role(admin, realm, name, uuid)
    if found is None:
        where = f"client '{client_id}'" if client_id else f"realm '{realm}'"
        raise KeycloakError(f"role '{name}' does not exist in {where}")
    return found


def wants_sync(olds: Inputs, news: Inputs) -> bool:
    """Do the declared role sets differ from what the outputs recorded?"""
    for name in ROLE_SET_NAMES:
        new = news.get(name)
        if new is None:
            continue
        old = olds.get(name)
        if name == "realm_roles" and sorted(new) != sorted(old or []):
            return True
        if name == "client_roles":
            old_map = old or {}
            if any(sorted(v) != sorted(old_map.get(k) or []) for k, v in new.items()):
                return True
    return bool(dropped(olds, news))


def sync(
    admin: KeycloakAdmin,
    target: Target,
    inputs: Inputs,
    *,
    dropped_clients: Iterable[str] = (),
    keep: Iterable[str] = (),
    held: Held | None = None,
) -> None:
    """Make the declared sets hold exactly; ``keep`` realm roles are never removed unless declared.

    ``dropped_clients``: clientIds listed before and no longer, whose roles are removed.
    ``held``: what is held now when the caller knows it (a new object holds nothing: no GET).
    """
    realm = target.realm
    wanted_realm = inputs.get("realm_roles")
    wanted_clients: Mapping[str, list[str]] = dict(inputs.get("client_roles") or {})
    if inputs.get("client_roles") is not None:
        wanted_clients = {**{c: [] for c in dropped_clients}, **wanted_clients}
    if wanted_realm is None and not wanted_clients:
        return
    if held is None:
        held = target.held(admin, wanted_clients)
    add: dict[str | None, list[dict[str, Any]]] = {}
    remove: dict[str | None, list[dict[str, Any]]] = {}
    if wanted_realm is not None:
        spare = set(keep) - set(wanted_realm)
        missing = sorted(set(wanted_realm) - set(held.realm))
        extra = sorted(set(held.realm) - set(wanted_realm) - spare)
        if missing:
            add[None] = [_role(admin, realm, n, None, None) for n in missing]
        if extra:
            remove[None] = [held.realm[n] for n in extra]
    for cid, names in sorted(wanted_clients.items()):
        uuid, have = held.clients.get(cid) or (None, {})
        missing = sorted(set(names) - set(have))
        extra = sorted(set(have) - set(names))
        if missing:
            uuid = uuid or client_uuid(admin, realm, cid)
            add[uuid] = [_role(admin, realm, n, uuid, cid) for n in missing]
        if extra and uuid:
            remove[uuid] = [have[n] for n in extra]
    if add:
        target.apply(admin, "POST", add)
    if remove:
        target.apply(admin, "DELETE", remove)


def read_into(
    admin: KeycloakAdmin, target: Target, inputs: Inputs, rep: dict[str, Any], keep: Iterable[str] = ()
) -> None:
    """Put the held sets in ``rep`` (``realmRoles``, ``clientRoles``) when an input declares them."""
    wants_realm = inputs.get("realm_roles") is not None
    declared_clients = inputs.get("client_roles")
    if not wants_realm and declared_clients is None:
        return
    if declared_clients is EVERY_CLIENT and isinstance(target, Composites):
        held = target.held_every_client(admin)
    else:
        held = target.held(admin, declared_clients or {})
    if wants_realm:
        spare = set(keep) - set(inputs.get("realm_roles") or [])
        rep["realmRoles"] = sorted(set(held.realm) - spare)
    if declared_clients is not None:
        by_client = {cid: sorted(names) for cid, (_, names) in held.clients.items()}
        rep["clientRoles"] = only_declared_clients(by_client, declared_clients)


def only_declared_clients(by_client: Mapping[str, list[str]] | None, declared: Any) -> dict[str, list[str]] | None:
    """The client roles of the clientIds the program lists (others are not this resource's)."""
    if declared is None:
        return None
    if declared is EVERY_CLIENT:
        return {cid: sorted(names) for cid, names in sorted((by_client or {}).items()) if names}
    return {cid: sorted((by_client or {}).get(cid) or []) for cid in declared}


def dropped(olds: Inputs, news: Inputs) -> list[str]:
    """clientIds whose roles the outputs recorded and the program no longer lists."""
    old, new = olds.get("client_roles") or {}, news.get("client_roles")
    if new is None or contains_unknown(new):
        return []
    return [cid for cid, names in old.items() if cid not in new and names]


def role_prerequisites(inputs: Inputs) -> list[tuple[str, tuple[Any, ...]]]:
    """The Role objects (type name, natural key) that the declared role sets name (for the exporter)."""
    realm = inputs.get("realm")
    needed: list[tuple[str, tuple[Any, ...]]] = [
        ("Role", (realm, None, name)) for name in inputs.get("realm_roles") or [] if isinstance(name, str)
    ]
    for client_id, names in (inputs.get("client_roles") or {}).items():
        needed.extend(("Role", (realm, client_id, name)) for name in names or [] if isinstance(name, str))
    return needed


def check_role_maps(inputs: Inputs) -> list[tuple[str, str]]:
    """``client_roles`` must be {clientId: [names]} (the generic type check says so too, but this
    names the mistake: a list where a map belongs)."""
    value = inputs.get("client_roles")
    if isinstance(value, list):
        return [("client_roles", "'client_roles' must be a map {clientId: [role names]}, got a list; "
                 "put realm roles in 'realm_roles'")]
    return []
