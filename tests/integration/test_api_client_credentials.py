"""The client-credentials grant: a service-account client logs in (keycloak:clientId/clientSecret)."""

from __future__ import annotations

import uuid

import pytest

from pulumi_keycloak_dynamic.api import ConnectionSettings, KeycloakAdmin, Unauthorized, clients, roles, users
from tests.conftest import KeycloakTarget


def test_service_account_client_logs_in_with_client_credentials(keycloak: KeycloakTarget, admin: KeycloakAdmin,
                                                                realm: str) -> None:
    client_id = f"automation-{uuid.uuid4().hex[:6]}"
    client_uuid = clients.create_client(admin, "master", {
        "clientId": client_id, "publicClient": False, "serviceAccountsEnabled": True,
        "standardFlowEnabled": False, "directAccessGrantsEnabled": False,
    })
    try:
        secret = clients.get_client_secret(admin, "master", client_uuid)
        account = admin.get(f"/master/clients/{client_uuid}/service-account-user")
        admin_role = roles.get_role(admin, "master", "admin")
        assert admin_role is not None
        users.add_realm_role_mappings(admin, "master", account["id"], [admin_role])

        settings = ConnectionSettings.from_sources(environ={
            "KEYCLOAK_URL": keycloak.url, "KEYCLOAK_CLIENT_ID": client_id, "KEYCLOAK_CLIENT_SECRET": secret,
        })
        assert settings.grant == "client_credentials"
        robot = KeycloakAdmin.from_settings(settings)
        assert robot.get(f"/{realm}")["realm"] == realm  # an admin call with the robot's token
        assert robot.stats.logins == 1

        wrong = KeycloakAdmin.from_settings(ConnectionSettings(url=keycloak.url, client_id=client_id,
                                                               client_secret="not-the-secret"))
        with pytest.raises(Unauthorized) as failure:
            wrong.get(f"/{realm}")
        message = str(failure.value)
        assert "keycloak:clientSecret" in message and "not-the-secret" not in message
        assert "\n" not in message
    finally:
        clients.delete_client(admin, "master", client_uuid)
