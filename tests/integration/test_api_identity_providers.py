"""Identity providers through ``api.identity_providers`` (seed: getIdentityProviders, createIdentityProvider,
getIdentityProvider, updateIdentityProvider, deleteIdentityProvider) and their mappers."""

from __future__ import annotations

from typing import Any

import pytest

from pulumi_keycloak_dynamic.api import BadRequest, Conflict, KeycloakAdmin
from pulumi_keycloak_dynamic.api import identity_providers as api


def oidc(alias: str, **config: str) -> dict[str, Any]:
    return {
        "alias": alias,
        "providerId": "oidc",
        "enabled": True,
        "config": {
            "clientId": "upstream-client",
            "clientSecret": "upstream-secret",
            "authorizationUrl": "https://idp.example.com/auth",
            "tokenUrl": "https://idp.example.com/token",
            **config,
        },
    }


def test_identity_provider_lifecycle(admin: KeycloakAdmin, realm: str) -> None:
    assert api.list_identity_providers(admin, realm) == []
    assert api.create_identity_provider(admin, realm, oidc("corp", defaultScope="openid")) == "corp"
    got = api.get_identity_provider(admin, realm, "corp")
    assert got is not None and got["providerId"] == "oidc" and got["config"]["defaultScope"] == "openid"
    assert got["config"]["clientSecret"] == "**********"  # the server never shows the secret again
    assert [i["alias"] for i in api.list_identity_providers(admin, realm)] == ["corp"]
    with pytest.raises(Conflict):
        api.create_identity_provider(admin, realm, oidc("corp"))

    api.update_identity_provider(admin, realm, "corp", {**got, "displayName": "Corporate", "enabled": False})
    after = api.get_identity_provider(admin, realm, "corp")
    assert after is not None and after["displayName"] == "Corporate" and after["enabled"] is False
    assert after["config"]["tokenUrl"] == "https://idp.example.com/token"

    assert api.delete_identity_provider(admin, realm, "corp") is True
    assert api.get_identity_provider(admin, realm, "corp") is None
    assert api.delete_identity_provider(admin, realm, "corp") is False


def test_validation_error_is_one_line(admin: KeycloakAdmin, realm: str) -> None:
    with pytest.raises(BadRequest) as err:
        api.create_identity_provider(admin, realm, oidc("bad", authorizationUrl="http://idp.example.com/auth"))
    assert str(err.value) == (
        f"Keycloak 400 The url [authorization_url] requires secure connections "
        f"(POST /admin/realms/{realm}/identity-provider/instances)"
    )


def test_mappers(admin: KeycloakAdmin, realm: str) -> None:
    api.create_identity_provider(admin, realm, oidc("corp"))
    body: dict[str, Any] = {
        "name": "dept",
        "identityProviderMapper": "hardcoded-attribute-idp-mapper",
        "config": {"attribute": "department", "attribute.value": "sales", "syncMode": "INHERIT"},
    }
    mapper_id = api.create_mapper(admin, realm, "corp", body)
    listed = api.list_mappers(admin, realm, "corp")
    assert [(m["id"], m["name"], m["identityProviderAlias"]) for m in listed] == [(mapper_id, "dept", "corp")]

    api.update_mapper(admin, realm, "corp", mapper_id, {**body, "config": {**body["config"], "attribute.value": "ops"}})
    got = api.get_mapper(admin, realm, "corp", mapper_id)
    assert got is not None and got["config"]["attribute.value"] == "ops"

    assert api.delete_mapper(admin, realm, "corp", mapper_id) is True
    assert api.list_mappers(admin, realm, "corp") == []
    assert api.get_mapper(admin, realm, "corp", mapper_id) is None
