"""Role sets of objects Keycloak makes itself: a client's service-account user
(:class:`ServiceAccountRolesSpec`) and a realm's ``default-roles-<realm>`` composite
(:class:`RealmDefaultRolesSpec`).

They are resources of their own rather than inputs of ``Client`` / ``Realm`` because the roles
they name are usually made in the same program, after the client or realm exists (a client's own
roles cannot exist before the client): as inputs they would make a cycle. Creating one takes over
the existing object; the sets follow the rule of :mod:`.role_sets`.
"""

from __future__ import annotations

import contextlib
from typing import Any, ClassVar

from ..api import BadRequest, KeycloakAdmin, NotFound, clients, roles, users
from ..engine import Field, ObjectSpec, register
from ..engine.kinds import STR
from ..engine.outputs import MANAGED
from ..engine.spec import Inputs
from . import role_sets

_REALM = Field("realm", STR, api="", refers_to="Realm",
               doc="Realm: its name, or the Realm resource. Renaming the realm updates this in place.")


@register
class ServiceAccountRolesSpec(ObjectSpec):
    type_name: ClassVar[str] = "ServiceAccountRoles"
    item = users.USER  # the client's service-account user (find)
    fields: ClassVar[tuple[Field, ...]] = (
        _REALM,
        Field("client_id", STR, api="", replace=True, refers_to="Client", doc="clientId of a confidential client with "
              "service_accounts_enabled (a Client, or its `client_id` output). Changing it replaces the resource."),
        role_sets.realm_roles_field("the client's service account"),
        role_sets.client_roles_field("the client's service account"),
    )
    id_output: ClassVar[str] = "service_account_user_id"
    required: ClassVar[tuple[str, ...]] = ("realm", "client_id")
    import_id_format: ClassVar[str] = "<realm>/<clientId>"
    existing_only: ClassVar[bool] = True
    id_doc: ClassVar[str] = "Id of the client's service-account user (the Pulumi id)."
    key_fields: ClassVar[tuple[str, ...]] = ("realm", "client_id")
    location_fields: ClassVar[tuple[str, ...]] = ("realm",)
    summary: ClassVar[str] = "The realm and client roles a client's service account holds, by name."
    description: ClassVar[str] = """
A resource of its own rather than inputs of ``Client``: the roles are often made in the same
program, and a client's own roles cannot exist before the client. Creating it takes over the
client's service-account user (``service_accounts_enabled=True`` is needed); a set given is owned
exactly; destroying it removes the roles it gave (the service account stays).
"""
    example: ClassVar[str] = """
app = Client("reporting", realm="acme", client_id="reporting", public_client=False,
             service_accounts_enabled=True)
ServiceAccountRoles("reporting-roles", realm="acme", client_id=app, realm_roles=["employee"],
                    client_roles={"realm-management": ["view-users", "query-groups"]})
"""

    def find(self, admin: KeycloakAdmin, inputs: Inputs) -> dict[str, Any] | None:
        realm = str(inputs["realm"])
        client = clients.find_client(admin, realm, str(inputs["client_id"]))
        if client is None:
            return None
        try:
            found: dict[str, Any] | None = admin.get_or_none(
                self.path_of(clients.SERVICE_ACCOUNT_USER, inputs, id=str(client["id"]))
            )
        except BadRequest:  # "Service account not enabled for the client"
            return None
        return found

    def missing_message(self, inputs: Inputs) -> str:
        return (f"client '{inputs.get('client_id')}' does not exist in realm '{inputs.get('realm')}' or has no "
                "service account (give it service_accounts_enabled=True and public_client=False)")

    def validate(self, inputs: Inputs) -> list[tuple[str, str]]:
        return role_sets.check_role_maps(inputs)

    def _target(self, admin: KeycloakAdmin, inputs: Inputs, user_id: str) -> role_sets.Mappings:
        return role_sets.Mappings(str(inputs["realm"]), self.item_path(admin, inputs, user_id))

    def _keep(self, inputs: Inputs) -> list[str]:
        return [roles.default_roles_name(str(inputs["realm"]))]

    def read_extra(self, admin: KeycloakAdmin, inputs: Inputs, object_id: str, rep: dict[str, Any]) -> None:
        role_sets.read_into(admin, self._target(admin, inputs, object_id), inputs, rep, self._keep(inputs))

    def after_update(self, admin: KeycloakAdmin, olds: Inputs, news: Inputs, object_id: str) -> None:
        if role_sets.wants_sync(olds, news):
            role_sets.sync(admin, self._target(admin, news, object_id), news, keep=self._keep(news),
                           dropped_clients=role_sets.dropped(olds, news))

    # ------------------------------------------------------------ export
    def list_in_realm(self, admin: KeycloakAdmin, realm: str) -> list[tuple[dict[str, Any], dict[str, Any]]]:
        """The service accounts that hold roles besides ``default-roles-<realm>``: per client with
        a service account, 2 GETs (its user, its role mappings)."""
        default = roles.default_roles_name(realm)
        found: list[tuple[dict[str, Any], dict[str, Any]]] = []
        for client in clients.list_clients(admin, realm):
            if not client.get("serviceAccountsEnabled"):
                continue
            try:
                user = admin.get(self.path_of(clients.SERVICE_ACCOUNT_USER, {"realm": realm}, id=str(client["id"])))
            except (BadRequest, NotFound):
                continue
            held = self._target(admin, {"realm": realm}, str(user["id"])).held(admin, ())
            rep = {
                "realmRoles": sorted(name for name in held.realm if name != default),
                "clientRoles": {cid: sorted(names) for cid, (_, names) in sorted(held.clients.items()) if names},
            }
            if rep["realmRoles"] or rep["clientRoles"]:
                found.append(({"realm": realm, "client_id": client["clientId"]}, rep))
        return found

    def is_builtin(self, inputs: Inputs, rep: dict[str, Any]) -> bool:
        from .client import BUILTIN_CLIENTS

        return inputs.get("client_id") in BUILTIN_CLIENTS

    def prerequisites(self, inputs: Inputs) -> list[tuple[str, tuple[Any, ...]]]:
        return [("Client", (inputs.get("realm"), inputs.get("client_id"))), *role_sets.role_prerequisites(inputs)]

    def release(self, admin: KeycloakAdmin, inputs: Inputs, object_id: str) -> None:
        """Take back the roles this resource gave (the service account itself stays with its client)."""
        empty = _emptied(inputs)
        if empty:
            with contextlib.suppress(NotFound):  # the client (and its service account) is gone already
                role_sets.sync(admin, self._target(admin, inputs, object_id), empty, keep=self._keep(inputs))


@register
class RealmDefaultRolesSpec(ObjectSpec):
    type_name: ClassVar[str] = "RealmDefaultRoles"
    item = roles.ROLE_BY_ID  # the realm's default-roles-<realm> (find)
    fields: ClassVar[tuple[Field, ...]] = (
        _REALM,
        role_sets.realm_roles_field("every new user of the realm"),
        role_sets.client_roles_field("every new user of the realm"),
    )
    id_output: ClassVar[str] = "default_roles_id"
    required: ClassVar[tuple[str, ...]] = ("realm",)
    import_id_format: ClassVar[str] = "<realm>"
    existing_only: ClassVar[bool] = True
    id_doc: ClassVar[str] = "Id of the realm's default-roles-<realm> composite role (the Pulumi id)."
    key_fields: ClassVar[tuple[str, ...]] = ("realm",)
    location_fields: ClassVar[tuple[str, ...]] = ("realm",)
    summary: ClassVar[str] = "The roles every new user of a realm gets (the composites of ``default-roles-<realm>``)."
    description: ClassVar[str] = """
A resource of its own rather than an input of ``Realm``: the roles it names are usually made in
the same program, after the realm. A set given is owned exactly. Destroying it stops managing
the default roles and leaves them as they are.
"""
    example: ClassVar[str] = """
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


def _emptied(inputs: Inputs) -> dict[str, Any]:
    """Inputs that declare the owned sets empty: what ``release`` syncs to."""
    managed = set(inputs.get(MANAGED) or [])
    empty: dict[str, Any] = {"realm": inputs["realm"]}
    if "realm_roles" in managed:
        empty["realm_roles"] = []
    if "client_roles" in managed:
        empty["client_roles"] = {cid: [] for cid in inputs.get("client_roles") or {}}
    return empty if len(empty) > 1 else {}
