"""RequiredAction: one of a realm's required actions, by alias (``UPDATE_PASSWORD``, ``CONFIGURE_TOTP``, ...).

Every realm has Keycloak's built-in actions, so declaring one adopts it: its declared fields are
applied, nothing is created (an action whose provider the realm has not registered is registered
first). Removing it from the program is no deletion: what it managed goes back to what a new realm
has (read on Keycloak 26.0.8 and 26.7.3: every built-in action enabled but the three below, none a
default action, no config). Its priority stays where it is: priorities are an order over all of the
realm's actions, which Keycloak renumbers itself, and a new realm's numbers differ between versions.
"""

from __future__ import annotations

from typing import Any

from ..api import KeycloakAdmin, authentication
from ..engine import Field, ObjectSpec, register
from ..engine.checks import is_unknown, suggest
from ..engine.fields import realm_field
from ..engine.kinds import BOOL, INT, STR, STR_MAP
from ..engine.outputs import MANAGED
from ..engine.spec import Inputs
from .user import KNOWN_REQUIRED_ACTIONS

#: The built-in actions a new realm has disabled (Keycloak 26.0.8 and 26.7.3).
DISABLED_IN_A_NEW_REALM = ("TERMS_AND_CONDITIONS", "delete_account", "UPDATE_EMAIL")


@register
class RequiredActionSpec(ObjectSpec):
    type_name, path, id_output = "RequiredAction", authentication.REQUIRED_ACTIONS, "alias"
    fields = (
        realm_field("the required action"),
        Field("alias", STR, replace=True, doc="The action, e.g. 'UPDATE_PASSWORD', 'CONFIGURE_TOTP', "
              "'TERMS_AND_CONDITIONS', 'VERIFY_EMAIL', 'webauthn-register', 'delete_credential'. A provider the realm "
              "has not registered (its unregistered required actions) is registered."),
        Field("enabled", BOOL, doc="Users can be asked to take it (a new realm has every built-in action enabled but "
              "TERMS_AND_CONDITIONS, delete_account and UPDATE_EMAIL)."),
        Field("default_action", BOOL, doc="Every user created from now on gets it, while it is enabled "
              "(defaultAction; none in a new realm). A user with an action pending gets no token by password "
              "('Account is not fully set up')."),
        Field("priority", INT, doc="Its place among the realm's actions, lowest first, when a user has several. "
              "Managed only when given (Keycloak renumbers priorities when actions are registered or moved)."),
        Field("config", STR_MAP, doc="The action's settings (Keycloak 25 and later), e.g. {'max_auth_age': 300} "
              "for UPDATE_PASSWORD; only the keys given are owned."),
    )
    required = key_fields = ("realm", "alias")
    location_fields = ("realm",)
    existing_only, new_realm_builtins, export_unchanged = True, False, False
    import_id_format, reference_output, id_doc = "<realm>/<alias>", "alias", "The alias (the Pulumi id)."
    summary = "A required action of a realm (by alias): enabled, default action, priority, config."
    description = """Every realm has Keycloak's built-in actions: declaring one adopts it and applies what
is declared (an action whose provider the realm has not registered is registered first). Removing it
from the program is no deletion: what it managed goes back to what a new realm has (enabled but for
TERMS_AND_CONDITIONS, delete_account and UPDATE_EMAIL; no default action; no config); its priority stays.

An export declares the actions that differ from a new realm's, with only the fields that differ."""
    example = """
RequiredAction("terms", realm="acme", alias="TERMS_AND_CONDITIONS", enabled=True, default_action=True)
RequiredAction("no-passkeys", realm="acme", alias="webauthn-register-passwordless", enabled=False)
"""

    def validate(self, inputs: Inputs) -> list[tuple[str, str]]:
        alias = inputs.get("alias")
        if not isinstance(alias, str) or is_unknown(alias) or alias in KNOWN_REQUIRED_ACTIONS:
            return []
        hint = suggest(alias, list(KNOWN_REQUIRED_ACTIONS))  # a provider of the server may have any other alias
        return [("alias", f"'alias' {alias!r} is not a Keycloak required action{hint}")] if hint else []

    def make_existing(self, admin: KeycloakAdmin, inputs: Inputs) -> bool:
        """Register the action when the realm has not registered it but the server offers it."""
        offered = admin.get(self.path_of(authentication.UNREGISTERED_REQUIRED_ACTIONS, inputs)) or []
        found = next((a for a in offered if a.get("providerId") == inputs["alias"]), None)
        if found is not None:
            body = {"providerId": found["providerId"], "name": found.get("name") or found["providerId"]}
            admin.post(self.path_of(authentication.REGISTER_REQUIRED_ACTION, inputs), body)
        return found is not None

    def missing_message(self, inputs: Inputs) -> str:
        return (f"realm '{inputs.get('realm')}' has no required action '{inputs.get('alias')}' and this Keycloak "
                "offers no provider of that alias to register (the realm's own: Authentication → Required actions)")

    def release(self, admin: KeycloakAdmin, inputs: Inputs, object_id: str) -> None:
        """What the resource managed goes back to a new realm's value; the action stays."""
        path = self.item_path(admin, inputs, object_id)
        current = admin.get_or_none(path)
        if current is None:
            return
        managed, owned_keys = set(inputs.get(MANAGED) or []), inputs.get("config") or {}
        new_realm = {"enabled": object_id not in DISABLED_IN_A_NEW_REALM, "default_action": False,
                     "config": {k: v for k, v in (current.get("config") or {}).items() if k not in owned_keys}}
        back = {**current, **{self.by_name[n].api_name: v for n, v in new_realm.items() if n in managed}}
        if back != current:
            admin.put(path, back)

    def scratch_body(self, rep: dict[str, Any]) -> dict[str, Any] | None:
        return {"alias": rep.get("alias")}  # a new realm's action of that alias (scratch_object)

    def scratch_object(self, admin: KeycloakAdmin, realm: str, body: dict[str, Any]) -> dict[str, Any]:
        return self.find(admin, {"realm": realm, "alias": body["alias"]}) or {}
