"""An application stack that reads what it does not manage: a realm's issuer and signing key, and
Keycloak's own `view-users` role, which it grants to the service account of a client it declares.

Lookups (`get_realm`, `get_realm_keys`, `get_role`, ...) read an object by name while the program
runs, in `preview` as in `up`; they write nothing and leave nothing in the state but what the
program exports. The realm is one the stack does not manage:

    pulumi config set realm acme                          (an existing realm; default 'master')

Run it from this directory (a Keycloak and a `pulumi`: see ../README.md):

    pulumi stack init dev
    pulumi preview
    pulumi up --yes
    pulumi up --yes          # again: no changes
    pulumi destroy --yes
    pulumi stack rm --yes dev
"""

import pulumi

from pulumi_keycloak_dynamic import Client, ServiceAccountRoles, get_realm, get_realm_keys, get_role

realm_name = pulumi.Config().get("realm") or "master"
# Keycloak's client holding a realm's admin roles: 'realm-management', in 'master' 'master-realm'.
admin_roles = "master-realm" if realm_name == "master" else "realm-management"

realm = get_realm(realm=realm_name)
keys = get_realm_keys(realm=realm_name, algorithm="RS256")
view_users = get_role(realm=realm_name, client_id=admin_roles, name="view-users")

reporting = Client("reporting", realm=realm.realm, client_id="lookups-reporting", public_client=False,
                   service_accounts_enabled=True, standard_flow_enabled=False)
ServiceAccountRoles("reporting-roles", realm=realm.realm, client_id=reporting.client_id,
                    client_roles={admin_roles: [view_users.name]})

pulumi.export("realm_id", realm.realm_id)
pulumi.export("issuer", keys.issuer)
pulumi.export("signing_kid", keys.kid)
pulumi.export("signing_public_key", keys.public_key)
pulumi.export("signing_certificate", keys.certificate)
pulumi.export("view_users_role_id", view_users.role_id)
