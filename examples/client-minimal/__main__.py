"""Seed example 1, "Create or update Keycloak client (minimal example)", as a Pulumi program.

Ansible's auth_* parameters are stack config here:
    pulumi config set keycloak:url https://auth.example.com/auth   (or KEYCLOAK_URL)
    pulumi config set keycloak:username USERNAME                   (or KEYCLOAK_USER)
    pulumi config set --secret keycloak:password PASSWORD          (or KEYCLOAK_PASSWORD)

The client is `test-minimal` (the seed's `test`, renamed so that the examples never collide).
Run it from this directory (a Keycloak and a `pulumi`: see ../README.md):

    pulumi stack init dev
    pulumi up --yes
    pulumi up --yes          # again: no changes
    pulumi destroy --yes
    pulumi stack rm --yes dev
"""

import pulumi

from pulumi_keycloak_dynamic import Client

realm = pulumi.Config().get("realm") or "master"

client = Client("test", realm=realm, client_id="test-minimal")

pulumi.export("client_uuid", client.client_uuid)
