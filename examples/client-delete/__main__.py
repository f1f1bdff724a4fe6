"""Seed example 2, "Delete a Keycloak client", as a Pulumi program.

Ansible's `state: absent` is Pulumi's lifecycle: a client that is no longer declared is deleted by
the next `pulumi up` (and `pulumi destroy` deletes everything). This program declares the client
while the config `state` is `present`, and deletes it once it is `absent`:

    pulumi config set state present && pulumi up    # creates client 'test-delete'
    pulumi config set state absent && pulumi up     # deletes it

Run it from this directory (a Keycloak and a `pulumi`: see ../README.md):

    pulumi stack init dev
    pulumi config set state present
    pulumi up --yes          # creates it
    pulumi config set state absent
    pulumi up --yes          # deletes it
    pulumi destroy --yes
    pulumi stack rm --yes dev
"""

import pulumi

from pulumi_keycloak_dynamic import Client

config = pulumi.Config()
realm = config.get("realm") or "master"
state = config.get("state") or "absent"
if state not in ("present", "absent"):
    raise ValueError(f"config 'state' must be 'present' or 'absent', got {state!r}")

if state == "present":
    Client("test", realm=realm, client_id="test-delete")
