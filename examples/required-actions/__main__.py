"""A realm's required actions: what its users must do at login, declared by alias.

Every realm has Keycloak's built-in required actions, so each `RequiredAction` adopts one and
applies what it declares: terms and conditions for every new user, one-time passwords offered,
passwordless passkeys switched off. `pulumi destroy` gives them back to a new realm's settings
(and deletes the realm this example made).

    pulumi config set realm company        (the realm to make; default 'example-required-actions')

Run it from this directory (a Keycloak and a `pulumi`: see ../README.md):

    pulumi stack init dev
    pulumi up --yes
    pulumi up --yes          # again: no changes
    pulumi destroy --yes
    pulumi stack rm --yes dev
"""

import pulumi

from pulumi_keycloak_dynamic import Realm, RequiredAction, User

name = pulumi.Config().get("realm") or "example-required-actions"

realm = Realm("realm", realm=name, enabled=True, display_name="Required actions", ssl_required="external")

# Every user created from now on must accept the terms at first login.
terms = RequiredAction("terms", realm=realm.realm, alias="TERMS_AND_CONDITIONS", enabled=True,
                       default_action=True, priority=5)
# Users may be asked to set up one-time passwords (enabled in a new realm too: declared, so kept).
otp = RequiredAction("otp", realm=realm.realm, alias="CONFIGURE_TOTP", enabled=True)
# No passwordless passkeys in this realm.
passkeys = RequiredAction("no-passkeys", realm=realm.realm, alias="webauthn-register-passwordless", enabled=False)

# Created after the terms are a default action: Keycloak gives the new user TERMS_AND_CONDITIONS.
ada = User("ada", realm=realm.realm, username="ada", email="ada@example.com", enabled=True,
           opts=pulumi.ResourceOptions(depends_on=[terms]))

pulumi.export("terms_enabled", terms.enabled)
pulumi.export("ada_id", ada.user_id)
