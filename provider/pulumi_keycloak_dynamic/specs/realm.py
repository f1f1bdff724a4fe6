"""Realm: the fields of Keycloak's RealmRepresentation (nested users, clients, groups, roles and
identity providers are resources of their own). A rename is an update in place."""

from __future__ import annotations

from typing import Any

from ..api import KeycloakAdmin, realms
from ..engine import Field, ObjectSpec, register
from ..engine.kinds import BOOL, INT, STR, STR_LIST, STR_MAP, STR_SET
from ..engine.ownership import AttributeMark
from ..engine.spec import Inputs

REALM_FIELDS: tuple[Field, ...] = (
    Field("realm", STR, doc="The realm's name (unique; used in URLs). Changing it renames the realm in place."),
    Field("display_name", STR, doc="Name shown on the login page (displayName)."),
    Field("display_name_html", STR, doc="HTML name shown on the login page (displayNameHtml)."),
    Field("enabled", BOOL, default="false", doc="Users and clients can use the realm (enabled)."),
    Field("ssl_required", STR, default="external", choices=("all", "external", "none"), doc="Where HTTPS is required "
          "(sslRequired; default 'external')."),
    Field("registration_allowed", BOOL, default="false", doc="Self-registration page (registrationAllowed)."),
    Field("registration_email_as_username", BOOL, default="false", doc="registrationEmailAsUsername."),
    Field("remember_me", BOOL, default="false", doc="rememberMe."),
    Field("verify_email", BOOL, default="false", doc="verifyEmail."),
    Field("login_with_email_allowed", BOOL, default="true", doc="loginWithEmailAllowed."),
    Field("duplicate_emails_allowed", BOOL, default="false", doc="duplicateEmailsAllowed."),
    Field("reset_password_allowed", BOOL, default="false", doc="resetPasswordAllowed."),
    Field("edit_username_allowed", BOOL, default="false", doc="editUsernameAllowed."),
    Field("brute_force_protected", BOOL, default="false", doc="Brute-force detection (bruteForceProtected)."),
    Field("permanent_lockout", BOOL, default="false", doc="permanentLockout."),
    Field("max_failure_wait_seconds", INT, default="900", minimum=0, doc="maxFailureWaitSeconds."),
    Field("minimum_quick_login_wait_seconds", INT, default="60", minimum=0, doc="minimumQuickLoginWaitSeconds."),
    Field("wait_increment_seconds", INT, default="60", minimum=0, doc="waitIncrementSeconds."),
    Field("quick_login_check_milli_seconds", INT, default="1000", minimum=0, doc="quickLoginCheckMilliSeconds."),
    Field("max_delta_time_seconds", INT, default="43200", minimum=0, doc="maxDeltaTimeSeconds."),
    Field("failure_factor", INT, default="30", minimum=0, doc="failureFactor."),
    Field("required_credentials", STR_SET, doc="requiredCredentials."),
    Field("password_policy", STR, doc="Keycloak policy string, e.g. 'length(12) and digits(1)' (passwordPolicy)."),
    Field("otp_policy_type", STR, default="totp", choices=("totp", "hotp"), doc="otpPolicyType."),
    Field(
        "otp_policy_algorithm",
        STR,
        default="HmacSHA1",
        choices=("HmacSHA1", "HmacSHA256", "HmacSHA512"),
        doc="otpPolicyAlgorithm.",
    ),
    Field("otp_policy_digits", INT, default="6", minimum=1, doc="otpPolicyDigits."),
    Field("otp_policy_period", INT, default="30", minimum=1, doc="otpPolicyPeriod."),
    Field("otp_policy_initial_counter", INT, default="0", minimum=0, doc="otpPolicyInitialCounter."),
    Field("browser_security_headers", STR_MAP, doc="browserSecurityHeaders (only the headers given are owned)."),
    Field("smtp_server", STR_MAP, secret=True, doc="smtpServer settings (host, port, from, auth, user, password, ...). "
          "Kept secret in the state."),
    Field("events_enabled", BOOL, default="false", doc="eventsEnabled."),
    Field("events_expiration", INT, minimum=0, doc="eventsExpiration (seconds)."),
    Field("events_listeners", STR_SET, doc="eventsListeners."),
    Field("enabled_event_types", STR_SET, doc="User event types saved when events_enabled (enabledEventTypes, e.g. "
          "['LOGIN', 'LOGIN_ERROR']); empty: Keycloak saves every type."),
    Field("admin_events_enabled", BOOL, default="false", doc="adminEventsEnabled."),
    Field("admin_events_details_enabled", BOOL, default="false", doc="adminEventsDetailsEnabled."),
    Field("internationalization_enabled", BOOL, default="false", doc="internationalizationEnabled."),
    Field("organizations_enabled", BOOL, default="false", doc="Organizations of the realm (organizationsEnabled)."),
    Field("user_managed_access_allowed", BOOL, default="false", doc="userManagedAccessAllowed."),
    Field("supported_locales", STR_SET, doc="supportedLocales."),
    Field("default_locale", STR, doc="defaultLocale."),
    Field("access_token_lifespan", INT, default="300", minimum=1, doc="accessTokenLifespan (seconds)."),
    Field("access_token_lifespan_for_implicit_flow", INT, default="900", minimum=1,
          doc="accessTokenLifespanForImplicitFlow."),
    Field("sso_session_idle_timeout", INT, default="1800", minimum=0, doc="ssoSessionIdleTimeout (seconds)."),
    Field("sso_session_max_lifespan", INT, default="36000", minimum=0, doc="ssoSessionMaxLifespan (seconds)."),
    Field("offline_session_idle_timeout", INT, default="2592000", minimum=0,
          doc="offlineSessionIdleTimeout (seconds)."),
    Field("offline_session_max_lifespan_enabled", BOOL, default="false", doc="offlineSessionMaxLifespanEnabled."),
    Field("offline_session_max_lifespan", INT, default="5184000", minimum=0,
          doc="offlineSessionMaxLifespan (seconds)."),
    Field("sso_session_idle_timeout_remember_me", INT, default="0", minimum=0,
          doc="ssoSessionIdleTimeoutRememberMe (seconds; 0: as sso_session_idle_timeout)."),
    Field("sso_session_max_lifespan_remember_me", INT, default="0", minimum=0,
          doc="ssoSessionMaxLifespanRememberMe (seconds; 0: as sso_session_max_lifespan)."),
    Field("client_session_idle_timeout", INT, default="0", minimum=0, doc="clientSessionIdleTimeout (seconds)."),
    Field("client_session_max_lifespan", INT, default="0", minimum=0, doc="clientSessionMaxLifespan (seconds)."),
    Field("revoke_refresh_token", BOOL, default="false", doc="Refresh tokens are single-use (revokeRefreshToken)."),
    Field("refresh_token_max_reuse", INT, default="0", minimum=0, doc="refreshTokenMaxReuse."),
    Field("default_signature_algorithm", STR, default="RS256", doc="defaultSignatureAlgorithm of the realm's tokens."),
    Field("access_code_lifespan", INT, default="60", minimum=1, doc="accessCodeLifespan (seconds)."),
    Field("access_code_lifespan_user_action", INT, default="300", minimum=1, doc="accessCodeLifespanUserAction."),
    Field("access_code_lifespan_login", INT, default="1800", minimum=1, doc="accessCodeLifespanLogin."),
    Field("action_token_generated_by_admin_lifespan", INT, default="43200", minimum=1,
          doc="actionTokenGeneratedByAdminLifespan."),
    Field("action_token_generated_by_user_lifespan", INT, default="300", minimum=1,
          doc="actionTokenGeneratedByUserLifespan."),
    Field("login_theme", STR, doc="loginTheme."),
    Field("account_theme", STR, doc="accountTheme."),
    Field("admin_theme", STR, doc="adminTheme."),
    Field("email_theme", STR, doc="emailTheme."),
    Field("attributes", STR_MAP, doc="Realm attributes (only the keys given are owned)."),
    Field(
        "default_roles",
        STR_LIST,
        deprecated=(
            "Realm 'default_roles' was removed in Keycloak 13: default roles are now composites of the realm "
            "role 'default-roles-<realm>'. Use a Role resource and add it there; this input is ignored."
        ),
    ),
)


@register
class RealmSpec(ObjectSpec):
    type_name, fields, id_output, required = "Realm", REALM_FIELDS, "realm_id", ("realm",)
    path, item = "", realms.REALM  # the collection of realms is the Admin API's root
    import_id_format = "<realm name>"
    id_doc = "Keycloak's internal id of the realm (the Pulumi id); a rename keeps it."
    summary = "A Keycloak realm and its settings."
    description = """
Only the inputs you give are managed: everything else keeps the server's value, and a change made in
Keycloak to a managed input shows up in ``pulumi refresh`` and is undone by the next ``up``. Renaming
(``realm``) is an update in place. Users, clients, roles, groups and identity providers are resources of
their own. Deleting a realm deletes everything in it: consider ``ResourceOptions(protect=True)``.
"""
    example = """
realm = Realm("main", realm="acme", enabled=True, ssl_required="external",
              opts=pulumi.ResourceOptions(protect=True))
"""
    key_fields = ("realm",)
    reference_output = "realm"
    owner_mark = AttributeMark()

    def relocations(self, admin: KeycloakAdmin, inputs: Inputs, object_id: str) -> list[dict[str, Any]]:
        """A realm renamed outside the program is found again by its id (``refresh`` follows it)."""
        return [
            {**inputs, "realm": str(r["realm"])}
            for r in realms.list_realms(admin, brief=True)
            if r.get("id") == object_id and r.get("realm") != inputs.get("realm")
        ]

    def validate(self, inputs: Inputs) -> list[tuple[str, str]]:
        name = inputs.get("realm")
        if isinstance(name, str) and ("/" in name or name.strip() != name):
            return [("realm", f"'realm' {name!r} must not contain '/' or surrounding spaces")]
        return []

    def read_extra(self, admin: KeycloakAdmin, inputs: Inputs, object_id: str, rep: dict[str, Any]) -> None:
        # Keycloak never returns the SMTP password (it answers "**********"): keep the value last
        # applied, so a declared password neither shows as drift nor leaks anywhere but the state.
        smtp = rep.get("smtpServer")
        applied = inputs.get("smtp_server") or {}
        if not (isinstance(smtp, dict) and smtp.get("password") == MASK):
            return
        if isinstance(applied, dict) and "password" in applied:
            smtp["password"] = applied["password"]

    # ------------------------------------------------------------ export
    new_realm_builtins, export_protect = False, True  # the realm itself, compared with a new realm

    def scratch_body(self, rep: dict[str, Any]) -> dict[str, Any] | None:
        return {}  # the defaults are the scratch realm itself (scratch_object)

    def scratch_object(self, admin: KeycloakAdmin, realm: str, body: dict[str, Any]) -> dict[str, Any]:
        return self.find(admin, {"realm": realm}) or {}

    def list_in_realm(self, admin: KeycloakAdmin, realm: str) -> list[tuple[dict[str, Any], dict[str, Any]]]:
        found = self.find(admin, {"realm": realm})
        return [({"realm": realm}, found)] if found is not None else []


MASK = "**********"
