"""Group: nested to any depth under ``parent`` (a path), attributes, and realm/client roles by name.

A rename is an update in place (``PUT /groups/{id}``). A new ``parent`` is an update in place too:
Keycloak moves a group, keeping its id, members and sub-groups, when its representation is posted
to the new parent's ``children`` (or to ``/groups`` for the top level).
"""

from __future__ import annotations

from typing import Any

from ..api import KeycloakAdmin, KeycloakError, groups
from ..engine import Field, ObjectSpec, register
from ..engine.checks import contains_unknown, is_unknown
from ..engine.fields import realm_field
from ..engine.kinds import STR, STR_LIST_MAP
from ..engine.ownership import AttributeMark
from ..engine.spec import Inputs
from .helpers import role_sets

GROUP_FIELDS: tuple[Field, ...] = (
    realm_field("the group"),
    Field("name", STR, doc="Group name, unique among its siblings, without '/' (renaming updates it in place)."),
    Field("parent", STR, api="parentPath", sent=False, refers_to="Group", doc="Path of the parent group, e.g. '/staff' "
          "(or a Group resource, or its `path` output); top level when absent. Changing it moves the group in place "
          "(same id, members and sub-groups)."),
    Field("description", STR, doc="description (Keycloak 26.3 and later; older releases refuse it)."),
    Field("attributes", STR_LIST_MAP, doc="Group attributes: name → string or list of strings (keys given owned)."),
    role_sets.realm_roles_field("every member of the group"),
    role_sets.client_roles_field("every member of the group"),
)


def full_path(inputs: Inputs) -> str | None:
    name, parent = inputs.get("name"), inputs.get("parent")
    if not isinstance(name, str) or is_unknown(name) or contains_unknown(parent):
        return None
    return f"{(parent or '').rstrip('/')}/{name}"


@register
class GroupSpec(ObjectSpec):
    type_name, fields, id_output = "Group", GROUP_FIELDS, "group_id"
    item = groups.GROUP  # the collection is the parent's children (collection_path)
    required, key_fields, location_fields = ("realm", "name"), ("realm", "parent", "name"), ("realm",)
    import_id_format = "<realm>/<group path>, e.g. acme/staff/admins"
    id_doc = "Keycloak's id of the group (the Pulumi id)."
    owner_mark, reference_output = AttributeMark(as_list=True), "path"
    summary = "A Keycloak group, nested under ``parent``, with attributes and roles by name."
    description = """
``parent`` is a path (``"/staff"``), a :class:`Group`, or its ``path`` output; top level when absent.
Renaming and moving to another parent are updates in place (same id, members and sub-groups).
``realm_roles`` / ``client_roles``, when given, are the exact sets every member gets through the
group; when absent, role mappings made elsewhere are left alone.
"""
    example = """
staff = Group("staff", realm="acme", name="staff", attributes={"site": "hq"})
eng = Group("eng", realm="acme", name="eng", parent=staff, realm_roles=["developer"],
            client_roles={"app": ["reader"]})
"""
    outputs = (
        Field("path", STR, doc="The group's path, e.g. '/staff/eng' (for a User's `groups` or a Group's `parent`)."),
    )

    # ------------------------------------------------------------- paths
    def _parent_id(self, admin: KeycloakAdmin, realm: str, parent: str) -> str:
        found = groups.find_group_by_path(admin, realm, parent)
        if found is None:
            raise KeycloakError(f"parent group '{parent}' not found in realm '{realm}': declare it with a Group "
                                "resource and pass that (parent=<Group>, so it is created first), or correct the path")
        return str(found["id"])

    def collection_path(self, admin: KeycloakAdmin, inputs: Inputs) -> str:
        realm, parent = str(inputs["realm"]), inputs.get("parent")
        if parent:
            return f"{groups.group_path(realm, self._parent_id(admin, realm, parent))}/children"
        return groups.groups_path(realm)

    def find(self, admin: KeycloakAdmin, inputs: Inputs) -> dict[str, Any] | None:
        return groups.find_group_by_path(admin, str(inputs["realm"]), str(full_path(inputs)))

    def natural_key(self, inputs: Inputs) -> tuple[Any, ...]:
        return (inputs.get("realm"), full_path(inputs))

    def parse_import_id(self, import_id: str) -> dict[str, Any]:
        realm, _, path = import_id.partition("/")
        names = groups.path_names(path)
        if not realm or not names:
            raise KeycloakError(f"group import id '{import_id}' must be {self.import_id_format}")
        parent = "/" + "/".join(names[:-1]) if len(names) > 1 else None
        return {"realm": realm, "name": names[-1], **({"parent": parent} if parent else {})}

    # ------------------------------------------------------------ checks
    def validate(self, inputs: Inputs) -> list[tuple[str, str]]:
        failures = role_sets.check_role_maps(inputs)
        name = inputs.get("name")
        if isinstance(name, str) and not is_unknown(name):
            if "/" in name:
                failures.append(("name", f"'name' {name!r} must not contain '/' (Keycloak cannot find such a "
                                         "group by path); nest groups with 'parent' instead"))
            if not name.strip() or name.strip() != name:
                failures.append(("name", f"'name' {name!r} must not be blank or have surrounding spaces"))
        parent = inputs.get("parent")
        if isinstance(parent, str) and not is_unknown(parent):
            if not parent.startswith("/"):
                failures.append(("parent", f"'parent' {parent!r} must be a group path starting with '/': "
                                           f"write '/{parent}'"))
            elif not groups.path_names(parent):
                failures.append(("parent", "'parent' '/' is the top level: leave 'parent' out instead"))
        return failures

    def normalize(self, inputs: dict[str, Any]) -> dict[str, Any]:
        parent = inputs.get("parent")
        if isinstance(parent, str) and not is_unknown(parent):
            inputs["parent"] = "/" + "/".join(groups.path_names(parent))
        return inputs

    # ------------------------------------------------------------- hooks
    def read_extra(self, admin: KeycloakAdmin, inputs: Inputs, object_id: str, rep: dict[str, Any]) -> None:
        path = str(rep.get("path") or "")
        parent = path.rsplit("/", 1)[0] if path.count("/") > 1 else None
        rep["parentPath"] = parent
        if inputs.get("realm_roles") is None:
            rep.pop("realmRoles", None)
        rep["clientRoles"] = role_sets.only_declared_clients(rep.get("clientRoles"), inputs.get("client_roles"))

    def after_create(self, admin: KeycloakAdmin, inputs: Inputs, object_id: str) -> None:
        target = role_sets.Mappings(str(inputs["realm"]), self.item_path(admin, inputs, object_id))
        role_sets.sync(admin, target, inputs, held=role_sets.Held())

    def after_update(self, admin: KeycloakAdmin, olds: Inputs, news: Inputs, object_id: str) -> None:
        realm = str(news["realm"])
        if (news.get("parent") or None) != (olds.get("parent") or None):
            self._move(admin, realm, object_id, news.get("parent"))
        if role_sets.wants_sync(olds, news):
            target = role_sets.Mappings(realm, self.item_path(admin, news, object_id))
            role_sets.sync(admin, target, news, dropped_clients=role_sets.dropped(olds, news))

    def _move(self, admin: KeycloakAdmin, realm: str, group_id: str, parent: str | None) -> None:
        """Re-parent in place: post the group (with its id) to the new parent, or to the top level."""
        groups.move_group(admin, realm, group_id, self._parent_id(admin, realm, parent) if parent else None)

    # ------------------------------------------------------------ export
    def list_in_realm(self, admin: KeycloakAdmin, realm: str) -> list[tuple[dict[str, Any], dict[str, Any]]]:
        """Every group at any depth (each listing paged), with its attributes and role mappings."""
        found: list[tuple[dict[str, Any], dict[str, Any]]] = []
        for rep in groups.walk_groups(admin, realm):
            path = str(rep.get("path") or "")
            parent = path.rsplit("/", 1)[0] if path.count("/") > 1 else None
            inputs = {"realm": realm, "name": rep["name"], **({"parent": parent} if parent else {})}
            found.append((inputs, {**rep, "parentPath": parent}))
        return found

    def export_import_id(self, key: tuple[Any, ...]) -> str:
        return f"{key[0]}/{str(key[1]).lstrip('/')}"  # acme/staff/eng

    def prerequisites(self, inputs: Inputs) -> list[tuple[str, tuple[Any, ...]]]:
        return role_sets.role_prerequisites(inputs)
