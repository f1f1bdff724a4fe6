"""RealmDefaultRoles: the roles every new user of a realm gets (the composites of the realm's
``default-roles-<realm>`` role, which Keycloak makes).

A resource of its own rather than an input of ``Realm``: the roles it names are usually made in the
same program, after the realm. Creating one takes over the composite role; the sets follow the rule
of :mod:`.helpers.role_sets`; destroying it leaves the default roles as they are.
"""

from __future__ import annotations

from typing import Any

from ..api import KeycloakAdmin, clients, roles
from ..engine import Field, ObjectSpec, register
from ..engine.kinds import STR
from ..engine.spec import Inputs
from .helpers import role_sets

_REALM = Field("realm", STR, api="", refers_to="Realm",
               doc="Realm: its name, or the Realm resource. Renaming the realm updates this in place.")



@register
class RealmDefaultRolesSpec(ObjectSpec):
    type_name = "RealmDefaultRoles"
    item = roles.ROLE_BY_ID  # the realm's default-roles-<realm> (find)
    fields = (
        _REALM,
        role_sets.realm_roles_field("every new user of the realm"),
        role_sets.client_roles_field("every new user of the realm"),
    )
    id_output = "default_roles_id"
    required = ("realm",)
    import_id_format = "<realm>"
    existing_only = True
    id_doc = "Id of the realm's default-roles-<realm> composite role (the Pulumi id)."
    key_fields = ("realm",)
    location_fields = ("realm",)
    summary = "The roles every new user of a realm gets (the composites of ``default-roles-<realm>``)."
    description = """
A resource of its own rather than an input of ``Realm``: the roles it names are usually made in
the same program, after the realm. A set given is owned exactly. Destroying it stops managing
the default roles and leaves them as they are.
"""
    example = """
RealmDefaultRoles("defaults", realm="acme", realm_roles=["offline_access", "employee"],
                  client_roles={"account": ["view-profile", "manage-account"]})
"""

    def find(self, admin: KeycloakAdmin, inputs: Inputs) -> dict[str, Any] | None:
        realm = str(inputs["realm"])
        return roles.get_role(admin, realm, roles.default_roles_name(realm))

    def missing_message(self, inputs: Inputs) -> str:
        return f"realm '{inputs.get('realm')}' (its default-roles composite) does not exist"

    def validate(self, inputs: Inputs) -> list[tuple[str, str]]:
        return role_sets.check_role_maps(inputs)

    def _target(self, inputs: Inputs, role_id: str) -> role_sets.Composites:
        return role_sets.Composites(str(inputs["realm"]), role_id)

    def read_extra(self, admin: KeycloakAdmin, inputs: Inputs, object_id: str, rep: dict[str, Any]) -> None:
        role_sets.read_into(admin, self._target(inputs, object_id), inputs, rep)

    def after_update(self, admin: KeycloakAdmin, olds: Inputs, news: Inputs, object_id: str) -> None:
        if role_sets.wants_sync(olds, news):
            role_sets.sync(admin, self._target(news, object_id), news, dropped_clients=role_sets.dropped(olds, news))

    def release(self, admin: KeycloakAdmin, inputs: Inputs, object_id: str) -> None:
        """Destroying stops managing the default roles; they stay as they are (new users keep getting them)."""

    # ------------------------------------------------------------ export
    def list_in_realm(self, admin: KeycloakAdmin, realm: str) -> list[tuple[dict[str, Any], dict[str, Any]]]:
        """The realm's default roles, only when they differ from the set Keycloak gives a new realm."""
        role = roles.get_role(admin, realm, roles.default_roles_name(realm))
        if role is None:
            return []
        composites = admin.get(self.path_of(roles.COMPOSITES, {"realm": realm}, id=str(role["id"]))) or []
        client_ids: dict[str, str] = {}
        if any(r.get("clientRole") for r in composites):
            client_ids = {str(c["id"]): str(c["clientId"]) for c in clients.list_clients(admin, realm)}
        realm_roles = sorted(str(r["name"]) for r in composites if not r.get("clientRole"))
        by_client: dict[str, list[str]] = {}
        for r in composites:
            if r.get("clientRole"):
                by_client.setdefault(client_ids.get(str(r.get("containerId")), "?"), []).append(str(r["name"]))
        client_roles = {cid: sorted(names) for cid, names in sorted(by_client.items())}
        if (realm_roles, client_roles) == BUILTIN_DEFAULT_ROLES:
            return []
        return [({"realm": realm, "realm_roles": realm_roles, "client_roles": client_roles},
                 {"realmRoles": realm_roles, "clientRoles": client_roles})]

    def prerequisites(self, inputs: Inputs) -> list[tuple[str, tuple[Any, ...]]]:
        return role_sets.role_prerequisites(inputs)



#: The default roles of a new realm (Keycloak 26): left out of an export when a realm still has them.
BUILTIN_DEFAULT_ROLES: tuple[list[str], dict[str, list[str]]] = (
    ["offline_access", "uma_authorization"], {"account": ["manage-account", "view-profile"]},
)


