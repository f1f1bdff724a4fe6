"""User: profile fields, required actions, groups by path, realm/client roles by name, and an
initial password that is applied but never read back or kept (only a salted digest is).

Keycloak facts this spec is built on: usernames are stored in lower case; an update PUTs the
GET-merged representation (a PUT with only ``attributes`` clears first/last name and email);
custom attributes are dropped unless the realm's user profile allows unmanaged attributes; unknown
required actions are dropped without an error; ``POST /users`` ignores role names.
"""

from __future__ import annotations

import re
from typing import Any

from ..api import KeycloakAdmin, KeycloakError, ServerError, groups, roles, users
from ..engine import Field, ObjectSpec, register
from ..engine.checks import contains_unknown, is_unknown, suggest
from ..engine.fields import realm_field
from ..engine.kinds import BOOL, STR, STR_LIST_MAP, STR_SET
from ..engine.spec import Inputs
from ..engine.values import owned_equal
from .helpers import role_sets

#: Required actions of Keycloak 26 (``GET /authentication/required-actions`` has a realm's own).
KNOWN_REQUIRED_ACTIONS = (
    "CONFIGURE_TOTP", "TERMS_AND_CONDITIONS", "UPDATE_PASSWORD", "UPDATE_PROFILE", "VERIFY_EMAIL",
    "VERIFY_PROFILE", "UPDATE_EMAIL", "CONFIGURE_RECOVERY_AUTHN_CODES", "delete_account", "delete_credential",
    "update_user_locale", "webauthn-register", "webauthn-register-passwordless", "idp_link",
)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")

USER_FIELDS: tuple[Field, ...] = (
    realm_field("the user"),
    Field("username", STR, doc="Login name, in lower case without spaces (Keycloak lower-cases it). Renaming updates "
          "it in place when the realm allows it (edit_username_allowed); otherwise Keycloak refuses."),
    Field("email", STR, doc="email."),
    Field("first_name", STR, doc="firstName."),
    Field("last_name", STR, doc="lastName."),
    Field("enabled", BOOL, default="false", doc="The user can log in (enabled)."),
    Field("email_verified", BOOL, doc="emailVerified."),
    Field("attributes", STR_LIST_MAP, doc="Custom attributes: name → string or list of strings (keys given are owned). "
          "Keycloak keeps them only when the realm's user profile allows unmanaged attributes or declares them."),
    Field("required_actions", STR_SET, doc="Actions the user must take at next login (requiredActions), e.g. "
          "VERIFY_EMAIL, UPDATE_PASSWORD; owned as a set."),
    role_sets.realm_roles_field("the user"),
    role_sets.client_roles_field("the user"),
    Field("groups", STR_SET, api="groups", sent=False, refers_to="Group", doc="Paths of the groups the user is a "
          "direct member of, e.g. ['/staff/eng'] (or Group `path` outputs). When given, exactly these; when absent, "
          "memberships are not managed."),
    Field("initial_password", STR, api="", secret=True, write_only=True, digest=True, sent=False, doc="Password set "
          "when the user is created and whenever the program gives a new value; never read back. The state keeps only "
          "a salted digest of the value last applied."),
    Field("temporary", BOOL, api="", sent=False, doc="The initial password must be changed at first login (default "
          "False)."),
)


@register
class UserSpec(ObjectSpec):
    type_name, path, fields, id_output = "User", users.USERS, USER_FIELDS, "user_id"
    required = key_fields = ("realm", "username")
    location_fields, import_id_format = ("realm",), "<realm>/<username>"
    id_doc = "Keycloak's id of the user (the Pulumi id)."
    summary = "A Keycloak user: profile, required actions, groups by path, roles by name, a password."
    description = """
``groups`` takes paths (``"/staff/eng"``), :class:`Group` resources or their ``path`` outputs.
``groups``, ``realm_roles`` and ``client_roles``, when given, are exact sets (memberships and
mappings made by hand are removed); when absent they are left alone. ``default-roles-<realm>``,
which Keycloak gives every new user, is kept unless listed. ``initial_password`` is applied at
creation and whenever the program changes it; it is never read back, and the state keeps only a
salted digest of it (itself a secret).
"""
    example = """
User("alice", realm="acme", username="alice", email="alice@example.com", enabled=True,
     groups=["/staff/eng"], realm_roles=["developer"],
     initial_password=pulumi.Config().require_secret("alicePassword"), temporary=True)
"""

    def find(self, admin: KeycloakAdmin, inputs: Inputs) -> dict[str, Any] | None:
        return users.find_user(admin, str(inputs["realm"]), str(inputs["username"]))

    # ------------------------------------------------------------ checks
    def validate(self, inputs: Inputs) -> list[tuple[str, str]]:
        failures = role_sets.check_role_maps(inputs)
        username = inputs.get("username")
        if isinstance(username, str) and not is_unknown(username):
            if any(c.isspace() for c in username):
                failures.append(("username", f"'username' {username!r} must not contain spaces"))
            elif username != username.lower():
                failures.append(("username", f"'username' {username!r} would be stored as {username.lower()!r} "
                                             f"(Keycloak lower-cases usernames): write {username.lower()!r}"))
        email = inputs.get("email")
        if isinstance(email, str) and not is_unknown(email) and email and not _EMAIL.match(email):
            failures.append(("email", f"'email' {email!r} is not an email address (write name@example.com)"))
        actions, paths = inputs.get("required_actions"), inputs.get("groups")
        for action in actions if isinstance(actions, list) and not contains_unknown(actions) else []:
            if isinstance(action, str) and not is_unknown(action) and action not in KNOWN_REQUIRED_ACTIONS:
                hint = suggest(action, list(KNOWN_REQUIRED_ACTIONS)) or f"; known: {', '.join(KNOWN_REQUIRED_ACTIONS)}"
                failures.append(("required_actions", f"'required_actions' has unknown action {action!r} "
                                                     f"(Keycloak would drop it silently){hint}"))
        for path in paths if isinstance(paths, list) else []:
            if isinstance(path, str) and not is_unknown(path) and (not path.startswith("/") or path == "/"):
                failures.append(("groups", f"'groups' entry {path!r} must be a group path starting with '/', "
                                           f"e.g. '/{path.strip('/') or 'staff'}'"))
        if inputs.get("initial_password") == "":
            failures.append(("initial_password", "'initial_password' is empty (Keycloak 26.0 answers a bare 500, "
                                                 "26.7 stores an empty password): give one, or leave it out"))
        if isinstance(inputs.get("temporary"), bool) and inputs.get("initial_password") is None:
            failures.append(("temporary", "'temporary' applies to 'initial_password', which is not given"))
        return failures

    def normalize(self, inputs: dict[str, Any]) -> dict[str, Any]:
        paths = inputs.get("groups")
        if isinstance(paths, list):
            # A path still unknown in a preview stays unknown (not "/<the SDK's sentinel>"); the
            # others take Keycloak's form. Sorted only when all are known (the set is compared at `up`).
            written = [p if is_unknown(p) else "/" + "/".join(groups.path_names(p)) for p in paths]
            inputs["groups"] = written if contains_unknown(written) else sorted(set(written))
        return inputs

    # ------------------------------------------------------------- hooks
    def create_representation(self, inputs: Inputs) -> dict[str, Any]:
        """The user with its groups (by path) and its password: Keycloak's create takes both, which
        saves a lookup and a join per group and the password's PUT. Should Keycloak refuse any of
        them (an unknown group, a password its policy refuses), it creates nothing."""
        rep = self.representation(inputs)
        if inputs.get("groups"):
            rep["groups"] = list(inputs["groups"])
        password = inputs.get("initial_password")
        if password is not None:
            rep["credentials"] = [{"type": "password", "value": str(password),
                                   "temporary": bool(inputs.get("temporary"))}]
        return rep

    def explain_create_error(self, admin: KeycloakAdmin, inputs: Inputs, error: Exception) -> str:
        """Keycloak answers a create naming an unknown group with a bare 500: name the group."""
        if not isinstance(error, ServerError) or not inputs.get("groups"):
            return str(error)
        realm = str(inputs["realm"])
        missing = [p for p in inputs["groups"] if groups.find_group_by_path(admin, realm, str(p)) is None]
        return f"group '{missing[0]}' not found in realm '{realm}'" if missing else str(error)

    def read_extra(self, admin: KeycloakAdmin, inputs: Inputs, object_id: str, rep: dict[str, Any]) -> None:
        realm = str(inputs["realm"])
        path = self.item_path(admin, inputs, object_id)
        keep = [roles.default_roles_name(realm)]
        role_sets.read_into(admin, role_sets.Mappings(realm, path), inputs, rep, keep)
        if inputs.get("groups") is not None:
            rep["groups"] = sorted(str(g["path"]) for g in users.get_user_groups(admin, realm, object_id))
        if inputs.get("temporary") and "UPDATE_PASSWORD" not in (inputs.get("required_actions") or []):
            # A temporary password adds UPDATE_PASSWORD; it is Keycloak's, not a declared action.
            rep["requiredActions"] = [a for a in rep.get("requiredActions") or [] if a != "UPDATE_PASSWORD"]

    def written_problem(self, inputs: Inputs, outputs: Inputs) -> str | None:
        """Keycloak changes or drops some user values without an error; say so instead of never settling."""
        username, stored = inputs.get("username"), outputs.get("username")
        if username and stored and stored != username:
            return (f"Keycloak stored username {stored!r} instead of {username!r}: the realm uses the email as "
                    f"username (registration_email_as_username); write username={stored!r}")
        lost = sorted(set(inputs.get("attributes") or {}) - set(outputs.get("attributes") or {}))
        if lost:
            return (f"Keycloak did not keep the attributes {lost}: the realm's user profile neither declares them "
                    "nor allows unmanaged attributes (set unmanagedAttributePolicy to ENABLED in the user profile)")
        dropped = sorted(set(inputs.get("required_actions") or []) - set(outputs.get("required_actions") or []))
        if dropped:
            return (f"Keycloak did not keep the required actions {dropped}: they are not registered in the realm "
                    "(Authentication → Required actions lists the realm's own)")
        return None

    def after_create(self, admin: KeycloakAdmin, inputs: Inputs, object_id: str) -> None:
        self._apply(admin, {}, inputs, object_id, created=True)

    def after_update(self, admin: KeycloakAdmin, olds: Inputs, news: Inputs, object_id: str) -> None:
        self._apply(admin, olds, news, object_id, created=False)

    def _apply(self, admin: KeycloakAdmin, olds: Inputs, news: Inputs, user_id: str, *, created: bool) -> None:
        realm = str(news["realm"])
        path = self.item_path(admin, news, user_id)
        changed = {n for n in news if n in self.by_name and not owned_equal(self.by_name[n], news[n], olds.get(n))}
        if "groups" in changed and news.get("groups") is not None and not created:  # created: by the POST
            _sync_groups(admin, realm, user_id, news["groups"])
        if created or role_sets.wants_sync(olds, news):
            keep = [roles.default_roles_name(realm)]
            role_sets.sync(admin, role_sets.Mappings(realm, path), news, keep=keep,
                           dropped_clients=role_sets.dropped(olds, news), held=role_sets.Held() if created else None)
        password = news.get("initial_password")
        if password is not None and {"initial_password", "temporary"} & changed and not created:  # ditto
            users.reset_password(admin, realm, user_id, str(password), temporary=bool(news.get("temporary")))

    # ------------------------------------------------------------ export
    def list_in_realm(self, admin: KeycloakAdmin, realm: str) -> list[tuple[dict[str, Any], dict[str, Any]]]:
        """Every user but service accounts, with direct groups (paths) and direct role mappings
        (without ``default-roles-<realm>``): two GETs per user. Credentials are never read."""
        default = roles.default_roles_name(realm)
        found: list[tuple[dict[str, Any], dict[str, Any]]] = []
        for rep in users.list_users(admin, realm, briefRepresentation="false"):
            if rep.get("serviceAccountClientId"):
                continue  # a client's service account: ServiceAccountRoles holds its roles
            user_id = str(rep["id"])
            held = role_sets.Mappings(realm, self.item_path(admin, {"realm": realm}, user_id)).held(admin, ())
            extra = {
                "realmRoles": sorted(name for name in held.realm if name != default),
                "clientRoles": {cid: sorted(names) for cid, (_, names) in sorted(held.clients.items()) if names},
                "groups": sorted(str(g["path"]) for g in users.get_user_groups(admin, realm, user_id)),
            }
            found.append(({"realm": realm, "username": rep["username"]}, {**rep, **extra}))
        return found

    def scratch_body(self, rep: dict[str, Any]) -> dict[str, Any] | None:
        return {"username": "scratch"}

    def prerequisites(self, inputs: Inputs) -> list[tuple[str, tuple[Any, ...]]]:
        needed = role_sets.role_prerequisites(inputs)
        realm = inputs.get("realm")
        return needed + [("Group", (realm, path)) for path in inputs.get("groups") or [] if isinstance(path, str)]


def _sync_groups(admin: KeycloakAdmin, realm: str, user_id: str, wanted: list[str]) -> None:
    """Join the groups declared and leave the others (one PUT or DELETE per membership: no bulk API)."""
    current = {str(g["path"]): str(g["id"]) for g in users.get_user_groups(admin, realm, user_id)}
    for path in sorted(set(wanted) - set(current)):
        group = groups.find_group_by_path(admin, realm, path)
        if group is None:
            raise KeycloakError(f"group '{path}' not found in realm '{realm}'")
        users.join_group(admin, realm, user_id, str(group["id"]))
    for path in sorted(set(current) - set(wanted)):
        users.leave_group(admin, realm, user_id, current[path])
