"""HTTP requests per operation, measured on the real Keycloak and checked against docs/api.md."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pulumi_keycloak_dynamic.api import KeycloakAdmin, clients, groups, realms, roles, serverinfo, users
from pulumi_keycloak_dynamic.api import identity_providers as idps

DOC = Path(__file__).resolve().parents[2] / "docs" / "api.md"


def documented() -> dict[str, int]:
    rows = re.findall(r"^\| `([a-z_]+\.[a-z_]+)` \| (\d+) \|", DOC.read_text(), flags=re.MULTILINE)
    return {name: int(count) for name, count in rows}


class Meter:
    """Counts the admin requests of each call (a token login or refresh in between is not counted)."""

    def __init__(self, admin: KeycloakAdmin) -> None:
        self.admin = admin
        self.counts: dict[str, int] = {}

    def __call__(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        self.admin.session.token()
        before = self.admin.stats.snapshot()
        result = fn(self.admin, *args, **kwargs)
        after = self.admin.stats.snapshot()
        name = f"{fn.__module__.rsplit('.', 1)[-1]}.{fn.__name__}"
        delta = {k: after[k] - before[k] for k in after}
        self.counts[name] = delta["requests"] - delta["logins"] - delta["refreshes"]
        return result


def test_requests_per_operation_match_the_documentation(
    admin: KeycloakAdmin, realm: str, keycloak_version: tuple[int, int, int]
) -> None:
    m = Meter(admin)
    assert m(serverinfo.server_version) == keycloak_version
    other = f"t-{uuid.uuid4().hex[:10]}"
    m(realms.create_realm, {"realm": other, "enabled": True})
    m(realms.get_realm, other)
    m(realms.list_realms)
    m(realms.update_realm, other, {"displayName": "x"})
    renamed = other + "-b"
    m(realms.rename_realm, other, renamed)
    m(realms.delete_realm, renamed)

    client_uuid = m(
        clients.create_client,
        realm,
        {
            "clientId": "app",
            "publicClient": False,
            "serviceAccountsEnabled": True,
            "authorizationServicesEnabled": True,
        },
    )
    m(clients.find_client, realm, "app")
    m(clients.get_client, realm, client_uuid)
    m(clients.list_clients, realm)
    update = {"clientId": "app", "name": "App", "authorizationServicesEnabled": True}
    m(clients.update_client, realm, client_uuid, {**update, "serviceAccountsEnabled": True})
    assert m.counts["clients.update_client"] == 1  # the GET is only for a body without the flag
    m(clients.update_client, realm, client_uuid, update)
    m(clients.get_client_secret, realm, client_uuid)
    m(clients.regenerate_client_secret, realm, client_uuid)
    mapper = {
        "name": "m",
        "protocol": "openid-connect",
        "protocolMapper": "oidc-hardcoded-claim-mapper",
        "config": {"claim.name": "c", "claim.value": "v"},
    }
    mapper_id = m(clients.create_protocol_mapper, realm, client_uuid, mapper)
    m(clients.list_protocol_mappers, realm, client_uuid)
    m(clients.update_protocol_mapper, realm, client_uuid, mapper_id, mapper)
    m(clients.delete_protocol_mapper, realm, client_uuid, mapper_id)
    phone = m(clients.find_client_scope, realm, "phone")
    m(clients.list_client_scopes_of, realm, client_uuid, "optional")
    m(clients.remove_client_scope_from, realm, client_uuid, "optional", phone["id"])
    m(clients.add_client_scope_to, realm, client_uuid, "default", phone["id"])
    authz = m(clients.get_authorization_settings, realm, client_uuid)
    m(clients.update_authorization_settings, realm, client_uuid, authz)

    role = m(roles.create_role, realm, {"name": "r"})
    child = roles.create_role(admin, realm, {"name": "c"}, client_uuid)
    m(roles.get_role, realm, "r")
    m(roles.get_role_by_id, realm, role["id"])
    m(roles.list_roles, realm)
    m(roles.update_role, realm, "r", {"description": "d"})
    m(roles.add_composites, realm, "r", [child])
    m(roles.get_composites, realm, "r")
    m(roles.remove_composites, realm, "r", [child])
    m(roles.add_default_roles, realm, [role])
    m(roles.get_default_roles, realm)
    m(roles.remove_default_roles, realm, [role])

    user_id = m(users.create_user, realm, {"username": "u-1"})
    m(users.find_user, realm, "u-1")
    m(users.get_user, realm, user_id)
    m(users.list_users, realm)
    m(users.update_user, realm, user_id, {"firstName": "F"})
    m(users.reset_password, realm, user_id, "Passw0rd-x")
    m(users.add_realm_role_mappings, realm, user_id, [role])
    m(users.get_realm_role_mappings, realm, user_id)
    m(users.remove_realm_role_mappings, realm, user_id, [role])

    top = m(groups.create_group, realm, {"name": "g"})
    sub = m(groups.create_child_group, realm, top, {"name": "s"})
    m(groups.find_group_by_path, realm, "/g/s")
    m(groups.get_group, realm, top)
    m(groups.list_groups, realm)
    m(groups.list_children, realm, top)
    described = {"description": "d"} if serverinfo.group_description_supported(keycloak_version) else {}
    m(groups.update_group, realm, sub, {"name": "s", **described})
    m(users.join_group, realm, user_id, top)
    m(users.get_user_groups, realm, user_id)
    m(groups.list_members, realm, top)
    m(users.leave_group, realm, user_id, top)
    m(groups.delete_group, realm, top)
    m(users.delete_user, realm, user_id)

    idp = {
        "alias": "corp",
        "providerId": "oidc",
        "config": {
            "clientId": "x",
            "clientSecret": "y",
            "authorizationUrl": "https://idp.example.com/a",
            "tokenUrl": "https://idp.example.com/t",
        },
    }
    m(idps.create_identity_provider, realm, idp)
    got = m(idps.get_identity_provider, realm, "corp")
    m(idps.list_identity_providers, realm)
    m(idps.update_identity_provider, realm, "corp", {**got, "displayName": "Corp"})
    idp_mapper = {
        "name": "m",
        "identityProviderMapper": "hardcoded-attribute-idp-mapper",
        "config": {"attribute": "a", "attribute.value": "v", "syncMode": "INHERIT"},
    }
    idp_mapper_id = m(idps.create_mapper, realm, "corp", idp_mapper)
    m(idps.get_mapper, realm, "corp", idp_mapper_id)
    m(idps.list_mappers, realm, "corp")
    m(idps.update_mapper, realm, "corp", idp_mapper_id, idp_mapper)
    m(idps.delete_mapper, realm, "corp", idp_mapper_id)
    m(idps.delete_identity_provider, realm, "corp")
    m(roles.delete_role, realm, "r")
    m(clients.delete_client, realm, client_uuid)

    assert m.counts == documented()
