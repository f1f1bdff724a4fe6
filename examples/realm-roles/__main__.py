"""A realm with realm roles, client roles and composites, all referenced by name.

Realm `example-roles` (config `realm` chooses another). Its Pulumi.yaml sets `options: refresh:
always`, so every `pulumi up` reads the objects first and undoes changes made by hand.

Run it from this directory (a Keycloak and a `pulumi`: see ../README.md):

    pulumi stack init dev
    pulumi up --yes
    pulumi up --yes          # again: no changes
    pulumi destroy --yes
    pulumi stack rm --yes dev
"""

import pulumi

from pulumi_keycloak_dynamic import Client, Realm, Role

name = pulumi.Config().get("realm") or "example-roles"

realm = Realm("realm", realm=name, enabled=True, display_name="Roles example", ssl_required="external",
              brute_force_protected=True)
app = Client("app", realm=realm.realm, client_id="inventory", public_client=False, service_accounts_enabled=True,
             standard_flow_enabled=False)

viewer = Role("viewer", realm=realm.realm, name="viewer", description="Reads everything",
              attributes={"tier": "basic"})
editor = Role("editor", realm=realm.realm, name="editor", description="Changes things",
              composite_realm_roles=[viewer.name])
stock_read = Role("stock-read", realm=realm.realm, client_id=app.client_id, name="stock:read")
stock_write = Role("stock-write", realm=realm.realm, client_id=app.client_id, name="stock:write",
                   composite_client_roles={"inventory": [stock_read.name]})
admin = Role("admin", realm=realm.realm, name="admin", description="Everything",
             composite_realm_roles=[editor.name],
             composite_client_roles={"inventory": [stock_read.name, stock_write.name]},
             opts=pulumi.ResourceOptions(depends_on=[app]))

pulumi.export("realm_id", realm.realm_id)
pulumi.export("admin_role_id", admin.role_id)
