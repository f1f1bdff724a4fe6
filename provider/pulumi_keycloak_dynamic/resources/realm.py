"""The ``Realm`` resource: a Keycloak realm and its settings.

Only the inputs you give are managed: everything else keeps the server's value, and a change made
in Keycloak to a managed input shows up in ``pulumi refresh`` and is undone by the next ``up``.
Renaming (``realm``) is an update in place. Import an existing realm with
``ResourceOptions(import_="<realm name>")``. Deleting a realm deletes everything in it: consider
``ResourceOptions(protect=True)``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pulumi

from ._base import KeycloakResource, collect_inputs


@dataclass
class RealmArgs:
    """Inputs of :class:`Realm`. Every input is optional unless noted; unset inputs are not managed."""

    realm: pulumi.Input[str] | None = None
    """The realm's name (unique; used in URLs). Changing it renames the realm in place."""
    display_name: pulumi.Input[str] | None = None
    """Name shown on the login page (displayName)."""
    display_name_html: pulumi.Input[str] | None = None
    """HTML name shown on the login page (displayNameHtml)."""
    enabled: pulumi.Input[bool] | None = None
    """Users and clients can use the realm (enabled; Keycloak's default: false)."""
    ssl_required: pulumi.Input[str] | None = None
    """Where HTTPS is required (sslRequired; default 'external')."""
    registration_allowed: pulumi.Input[bool] | None = None
    """Self-registration page (registrationAllowed)."""
    registration_email_as_username: pulumi.Input[bool] | None = None
    """registrationEmailAsUsername."""
    remember_me: pulumi.Input[bool] | None = None
    """rememberMe."""
    verify_email: pulumi.Input[bool] | None = None
    """verifyEmail."""
    login_with_email_allowed: pulumi.Input[bool] | None = None
    """loginWithEmailAllowed."""
    duplicate_emails_allowed: pulumi.Input[bool] | None = None
    """duplicateEmailsAllowed."""
    reset_password_allowed: pulumi.Input[bool] | None = None
    """resetPasswordAllowed."""
    edit_username_allowed: pulumi.Input[bool] | None = None
    """editUsernameAllowed."""
    brute_force_protected: pulumi.Input[bool] | None = None
    """Brute-force detection (bruteForceProtected)."""
    permanent_lockout: pulumi.Input[bool] | None = None
    """permanentLockout."""
    max_failure_wait_seconds: pulumi.Input[int] | None = None
    """maxFailureWaitSeconds."""
    minimum_quick_login_wait_seconds: pulumi.Input[int] | None = None
    """minimumQuickLoginWaitSeconds."""
    wait_increment_seconds: pulumi.Input[int] | None = None
    """waitIncrementSeconds."""
    quick_login_check_milli_seconds: pulumi.Input[int] | None = None
    """quickLoginCheckMilliSeconds."""
    max_delta_time_seconds: pulumi.Input[int] | None = None
    """maxDeltaTimeSeconds."""
    failure_factor: pulumi.Input[int] | None = None
    """failureFactor."""
    required_credentials: pulumi.Input[Sequence[str]] | None = None
    """requiredCredentials."""
    password_policy: pulumi.Input[str] | None = None
    """Keycloak policy string, e.g. 'length(12) and digits(1)' (passwordPolicy)."""
    otp_policy_type: pulumi.Input[str] | None = None
    """otpPolicyType."""
    otp_policy_algorithm: pulumi.Input[str] | None = None
    """otpPolicyAlgorithm."""
    otp_policy_digits: pulumi.Input[int] | None = None
    """otpPolicyDigits."""
    otp_policy_period: pulumi.Input[int] | None = None
    """otpPolicyPeriod."""
    otp_policy_initial_counter: pulumi.Input[int] | None = None
    """otpPolicyInitialCounter."""
    browser_security_headers: pulumi.Input[Mapping[str, Any]] | None = None
    """browserSecurityHeaders (only the headers given are owned)."""
    smtp_server: pulumi.Input[Mapping[str, Any]] | None = None
    """smtpServer settings (host, port, from, auth, user, password, ...). Kept secret in the state."""
    events_enabled: pulumi.Input[bool] | None = None
    """eventsEnabled."""
    events_expiration: pulumi.Input[int] | None = None
    """eventsExpiration (seconds)."""
    events_listeners: pulumi.Input[Sequence[str]] | None = None
    """eventsListeners."""
    admin_events_enabled: pulumi.Input[bool] | None = None
    """adminEventsEnabled."""
    admin_events_details_enabled: pulumi.Input[bool] | None = None
    """adminEventsDetailsEnabled."""
    internationalization_enabled: pulumi.Input[bool] | None = None
    """internationalizationEnabled."""
    supported_locales: pulumi.Input[Sequence[str]] | None = None
    """supportedLocales."""
    default_locale: pulumi.Input[str] | None = None
    """defaultLocale."""
    access_token_lifespan: pulumi.Input[int] | None = None
    """accessTokenLifespan (seconds)."""
    access_token_lifespan_for_implicit_flow: pulumi.Input[int] | None = None
    """accessTokenLifespanForImplicitFlow."""
    sso_session_idle_timeout: pulumi.Input[int] | None = None
    """ssoSessionIdleTimeout (seconds)."""
    sso_session_max_lifespan: pulumi.Input[int] | None = None
    """ssoSessionMaxLifespan (seconds)."""
    offline_session_idle_timeout: pulumi.Input[int] | None = None
    """offlineSessionIdleTimeout (seconds)."""
    access_code_lifespan: pulumi.Input[int] | None = None
    """accessCodeLifespan (seconds)."""
    access_code_lifespan_user_action: pulumi.Input[int] | None = None
    """accessCodeLifespanUserAction."""
    access_code_lifespan_login: pulumi.Input[int] | None = None
    """accessCodeLifespanLogin."""
    action_token_generated_by_admin_lifespan: pulumi.Input[int] | None = None
    """actionTokenGeneratedByAdminLifespan."""
    action_token_generated_by_user_lifespan: pulumi.Input[int] | None = None
    """actionTokenGeneratedByUserLifespan."""
    login_theme: pulumi.Input[str] | None = None
    """loginTheme."""
    account_theme: pulumi.Input[str] | None = None
    """accountTheme."""
    admin_theme: pulumi.Input[str] | None = None
    """adminTheme."""
    email_theme: pulumi.Input[str] | None = None
    """emailTheme."""
    attributes: pulumi.Input[Mapping[str, Any]] | None = None
    """Realm attributes (only the keys given are owned)."""
    default_roles: pulumi.Input[Sequence[str]] | None = None
    """Deprecated: Realm 'default_roles' was removed in Keycloak 13: default roles are now composites of
    the realm role 'default-roles-<realm>'. Use a Role resource and add it there; this input is ignored.
    """


class Realm(KeycloakResource, module="keycloak", name="Realm"):
    """A Keycloak realm (type token ``pulumi-python:dynamic/keycloak:Realm``).

    Example::

        realm = Realm("main", realm="acme", enabled=True, ssl_required="external",
                      opts=pulumi.ResourceOptions(protect=True))

    Pass a :class:`RealmArgs` or the same names as keyword arguments. Every input is also an output
    attribute holding the server's value; ``end_state`` is the whole representation Keycloak
    returned (secrets masked) and ``managed_fields`` lists the inputs this resource manages.
    """

    realm_id: pulumi.Output[str]
    """Keycloak's internal id of the realm (the Pulumi id)."""
    end_state: pulumi.Output[dict[str, Any]]
    """Keycloak's representation after the last operation, with secrets masked."""
    managed_fields: pulumi.Output[list[str]]
    """The inputs this resource manages (the ones you declared)."""

    def __init__(
        self,
        resource_name: str,
        args: RealmArgs | None = None,
        opts: pulumi.ResourceOptions | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__("Realm", resource_name, collect_inputs(args, kwargs), opts)
