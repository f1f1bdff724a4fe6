"""Role: a realm role, or a client role when ``client_id`` is given; composites by name."""

from __future__ import annotations

from typing import Any

from ..api import KeycloakAdmin, KeycloakError, roles
from ..engine import Field, ObjectSpec, register
from ..engine.fields import realm_field
from ..engine.kinds import STR, STR_LIST_MAP, STR_SET, STR_SET_MAP
from ..engine.ownership import AttributeMark
from ..engine.spec import Inputs
from .client import BUILTIN_CLIENTS
from .helpers.role_sets import client_uuid

ROLE_FIELDS: tuple[Field, ...] = (
    realm_field("the role"),
    Field("client_id", STR, api="", refers_to="Client", doc="clientId of the client owning the role (the Client "
          "resource, or its `client_id` output); absent for a realm role. Renaming the client updates the role in "
          "place; Keycloak cannot move a role to another client."),
    Field("name", STR, doc="Role name (renaming updates it in place)."),
    Field("description", STR, doc="description."),
    Field("attributes", STR_LIST_MAP, doc="Role attributes: name → string or list of strings."),
    Field("composite_realm_roles", STR_SET, api="compositeRealmRoles", sent=False, refers_to="Role", doc="Realm roles "
          "this role includes: names, or the Role resources (so Pulumi creates them first). When given, this is the "
          "full set."),
    Field("composite_client_roles", STR_SET_MAP, api="compositeClientRoles", sent=False, refers_to="Role", doc="Client "
          "roles this role includes: {clientId: [role names or Role resources]}. Each client listed is owned in full."),
)


@register
class RoleSpec(ObjectSpec):
    type_name, fields, id_output = "Role", ROLE_FIELDS, "role_id"
    item = roles.ROLE_BY_ID  # the collection is the realm's or the client's roles (collection_path)
    required = ("realm", "name")
    import_id_format = "<realm>/<role name> or <realm>/<clientId>/<role name>"
    id_doc = "Keycloak's internal id of the role (the Pulumi id)."
    summary = "A Keycloak role: a realm role, or a client role when ``client_id`` is given."
    description = """
Composites are named, never given as UUIDs: ``composite_realm_roles=["user"]`` and
``composite_client_roles={"app": ["viewer"]}``; when given, a composite set is owned in full.
"""
    example = """
user = Role("user", realm="acme", name="user")
admin = Role("admin", realm="acme", name="admin", composite_realm_roles=[user.name])
"""
    key_fields = ("realm", "client_id", "name")
    location_fields = ("realm", "client_id")
    owner_mark = AttributeMark(as_list=True)

    # ------------------------------------------------------------- paths
    def _container(self, admin: KeycloakAdmin, inputs: Inputs) -> str | None:
        """The owning client's UUID, or None for a realm role."""
        client_id = inputs.get("client_id")
        return client_uuid(admin, str(inputs["realm"]), str(client_id)) if client_id else None

    def collection_path(self, admin: KeycloakAdmin, inputs: Inputs) -> str:
        return roles.roles_path(str(inputs["realm"]), self._container(admin, inputs))

    def find(self, admin: KeycloakAdmin, inputs: Inputs) -> dict[str, Any] | None:
        return roles.get_role(admin, str(inputs["realm"]), str(inputs["name"]), self._container(admin, inputs))

    def id_from_location(self, admin: KeycloakAdmin, inputs: Inputs, location_id: str) -> str:
        return self.fetch_created(admin, inputs, location_id)[0]

    def fetch_created(
        self, admin: KeycloakAdmin, inputs: Inputs, location_id: str
    ) -> tuple[str, dict[str, Any] | None]:
        """The Location of a new role ends in its name, not its id: one GET by name gives both.

        That representation is the outputs' too, unless composites are written after it.
        """
        found = self.find(admin, inputs)
        if found is None:
            raise KeycloakError(f"role '{inputs['name']}' was created but cannot be found")
        writes_composites = bool(inputs.get("composite_realm_roles") or inputs.get("composite_client_roles"))
        return str(found["id"]), None if writes_composites else found

    def move_problem(
        self, admin: KeycloakAdmin, olds: Inputs, news: Inputs, object_id: str, current: dict[str, Any] | None
    ) -> str | None:
        problem = super().move_problem(admin, olds, news, object_id, current)
        if problem or current is None or olds.get("client_id") == news.get("client_id"):
            return problem
        old, new = olds.get("client_id"), news.get("client_id")
        owner = client_uuid(admin, str(news["realm"]), str(new)) if new else None
        if owner == (current.get("containerId") if current.get("clientRole") else None):
            return None  # the client was renamed (same client, new clientId)
        return (
            f"Role '{news.get('name')}' belongs to {_owner(old)}, not to {_owner(new)}, and Keycloak cannot move a "
            f"role: if '{new}' is the new clientId of '{old}', pass the Client resource (client_id=<Client>) so "
            f"the rename runs first; to move the role, give this resource a new name in the program (Pulumi then "
            f"creates the new role and deletes the old one)"
        )

    # ------------------------------------------------------------ checks
    def validate(self, inputs: Inputs) -> list[tuple[str, str]]:
        failures = []
        name = inputs.get("name")
        if isinstance(name, str) and (not name.strip() or name.strip() != name):
            failures.append(("name", f"'name' {name!r} must not be blank or have surrounding spaces"))
        return failures

    # ------------------------------------------------------------- hooks
    def read_extra(self, admin: KeycloakAdmin, inputs: Inputs, object_id: str, rep: dict[str, Any]) -> None:
        wants_realm = inputs.get("composite_realm_roles") is not None
        wants_clients = inputs.get("composite_client_roles") is not None
        if not (wants_realm or wants_clients):
            return
        composites: list[dict[str, Any]] = []
        if rep.get("composite"):
            composites = admin.get(self.path_of(roles.COMPOSITES, inputs, id=object_id)) or []
        rep["compositeRealmRoles"] = sorted(r["name"] for r in composites if not r.get("clientRole"))
        by_client: dict[str, list[str]] = {}
        for client_id in inputs.get("composite_client_roles") or {}:
            uuid = client_uuid(admin, str(inputs["realm"]), client_id)
            by_client[client_id] = sorted(r["name"] for r in composites if r.get("containerId") == uuid)
        rep["compositeClientRoles"] = by_client

    def after_create(self, admin: KeycloakAdmin, inputs: Inputs, object_id: str) -> None:
        self._sync_composites(admin, inputs, object_id, {"composite_realm_roles": [], "composite_client_roles": {}})

    def after_update(self, admin: KeycloakAdmin, olds: Inputs, news: Inputs, object_id: str) -> None:
        self._sync_composites(admin, news, object_id, olds)

    def _sync_composites(self, admin: KeycloakAdmin, inputs: Inputs, role_id: str, olds: Inputs) -> None:
        """Add and remove composites so the declared sets hold exactly (by name, never by UUID)."""
        realm = str(inputs["realm"])
        add: list[dict[str, Any]] = []
        remove: list[dict[str, Any]] = []

        def diff_by_name(wanted: list[str], had: list[str], client_id: str | None = None) -> None:
            owner = client_uuid(admin, realm, client_id) if client_id else None
            where = f"client '{client_id}'" if client_id else f"realm '{realm}'"
            add.extend(_role(admin, realm, n, owner, where) for n in sorted(set(wanted) - set(had)))
            remove.extend(_role(admin, realm, n, owner, where) for n in sorted(set(had) - set(wanted)))

        if inputs.get("composite_realm_roles") is not None:
            diff_by_name(inputs["composite_realm_roles"], olds.get("composite_realm_roles") or [])
        wanted_clients = inputs.get("composite_client_roles")
        if wanted_clients is not None:
            had_clients = olds.get("composite_client_roles") or {}
            for client_id in sorted(set(wanted_clients) | set(had_clients)):
                want, had = wanted_clients.get(client_id, []), had_clients.get(client_id, [])
                if set(want) != set(had):
                    diff_by_name(want, had, client_id)
        path = self.path_of(roles.COMPOSITES, inputs, id=role_id)
        if add:
            admin.post(path, add, idempotent=True)
        if remove:
            admin.delete(path, remove)

    # ------------------------------------------------------------ export
    def list_in_realm(self, admin: KeycloakAdmin, realm: str) -> list[tuple[dict[str, Any], dict[str, Any]]]:
        """Every realm and client role with its composites, from one partial export."""
        exported = roles.export_roles(admin, realm)
        found = [({"realm": realm, "name": r["name"]}, _with_composites(r)) for r in exported.get("realm") or []]
        for client_id, client_roles in sorted((exported.get("client") or {}).items()):
            found.extend(
                ({"realm": realm, "client_id": client_id, "name": r["name"]}, _with_composites(r)) for r in client_roles
            )
        return found

    def is_builtin(self, inputs: Inputs, rep: dict[str, Any]) -> bool:
        if inputs.get("client_id"):
            return inputs["client_id"] in BUILTIN_CLIENTS
        builtin = ("offline_access", "uma_authorization", roles.default_roles_name(str(inputs["realm"])))
        return inputs.get("name") in builtin

    def prerequisites(self, inputs: Inputs) -> list[tuple[str, tuple[Any, ...]]]:
        realm = inputs.get("realm")
        needed = [("Role", (realm, None, name)) for name in inputs.get("composite_realm_roles") or []]
        for client_id, names in (inputs.get("composite_client_roles") or {}).items():
            needed.extend(("Role", (realm, client_id, name)) for name in names)
        return needed


def _owner(client_id: Any) -> str:
    return f"client '{client_id}'" if client_id else "the realm's own roles"


def _with_composites(role: dict[str, Any]) -> dict[str, Any]:
    """A role of a partial export with its composites under the names ``read_extra`` uses."""
    composites = role.get("composites") or {}
    return {
        **role,
        "compositeRealmRoles": sorted(composites.get("realm") or []),
        "compositeClientRoles": {k: sorted(v) for k, v in (composites.get("client") or {}).items()},
    }


def _role(admin: KeycloakAdmin, realm: str, name: str, owner: str | None, where: str) -> dict[str, Any]:
    found = roles.get_role(admin, realm, name, owner)
    if found is None:
        raise KeycloakError(f"composite role '{name}' does not exist in {where}")
    return found
