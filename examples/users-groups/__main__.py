"""A company realm: a department tree of groups, users in groups, group roles, realm default roles,
and a reporting client whose service account reads users and groups (realm-management roles).

Every reference is by name or by another resource's output (which also orders creation).
Users get a temporary initial password from the secret config `initialPassword`
(`pulumi config set --secret initialPassword ...`); they must change it at first login.

    pulumi config set realm company                       (the realm to make; default 'example-company')
    pulumi config set --secret initialPassword <password> (default: a placeholder, temporary)

Run it from this directory (a Keycloak and a `pulumi`: see ../README.md):

    pulumi stack init dev
    pulumi up --yes
    pulumi up --yes          # again: no changes
    pulumi destroy --yes
    pulumi stack rm --yes dev
"""

import pulumi

from pulumi_keycloak_dynamic import Client, Group, Realm, RealmDefaultRoles, Role, ServiceAccountRoles, User

config = pulumi.Config()
name = config.get("realm") or "example-company"
password = config.get_secret("initialPassword") or pulumi.Output.secret("Welcome-change-me-1")

realm = Realm("realm", realm=name, enabled=True, display_name="Company", ssl_required="external",
              brute_force_protected=True)

employee = Role("employee", realm=realm.realm, name="employee", description="Everyone on the payroll")
developer = Role("developer", realm=realm.realm, name="developer", description="Pushes code")
seller = Role("seller", realm=realm.realm, name="seller", description="Closes deals")
RealmDefaultRoles("defaults", realm=realm.realm, realm_roles=["offline_access", employee.name])

company = Group("company", realm=realm.realm, name="company", attributes={"cost-center": "1000"})
engineering = Group("engineering", realm=realm.realm, name="engineering", parent=company,
                    realm_roles=[developer.name], attributes={"cost-center": "2000"})
platform = Group("platform", realm=realm.realm, name="platform", parent=engineering)
sales = Group("sales", realm=realm.realm, name="sales", parent=company, realm_roles=[seller.name])

people = {
    "ada": ("Ada", "Lovelace", [platform.path]),
    "grace": ("Grace", "Hopper", [engineering.path]),
    "mary": ("Mary", "Kay", [sales.path]),
}
for username, (first, last, groups) in people.items():
    User(username, realm=realm.realm, username=username, email=f"{username}@example.com", first_name=first,
         last_name=last, enabled=True, email_verified=True, groups=groups,
         initial_password=password, temporary=True)

reporting = Client("reporting", realm=realm.realm, client_id="reporting", public_client=False,
                   service_accounts_enabled=True, standard_flow_enabled=False)
ServiceAccountRoles("reporting-roles", realm=realm.realm, client_id=reporting.client_id,
                    realm_roles=[employee.name],
                    client_roles={"realm-management": ["view-users", "query-groups"]})

pulumi.export("realm_id", realm.realm_id)
pulumi.export("platform_path", platform.path)
