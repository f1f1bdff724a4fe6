"""Pure logic of identity providers, client scopes and mapper ownership (no server)."""

from __future__ import annotations

from pulumi_keycloak_dynamic.engine import Field, spec_for
from pulumi_keycloak_dynamic.engine.checks import UNKNOWN
from pulumi_keycloak_dynamic.engine.kinds import KEYED_LIST
from pulumi_keycloak_dynamic.engine.values import owned_items, removed_keys
from pulumi_keycloak_dynamic.specs.helpers.identity_provider_checks import check_identity_provider, check_mapper_fits
from pulumi_keycloak_dynamic.specs.helpers.scope_links import both_kinds

MAPPERS = Field("protocol_mappers", KEYED_LIST)
OIDC = {"clientId": "c", "authorizationUrl": "https://u.example/auth", "tokenUrl": "https://u.example/token"}


def test_removed_mappers_are_the_previously_owned_ones_no_longer_listed() -> None:
    previous = [{"name": "a"}, {"name": "b"}]
    assert removed_keys(MAPPERS, [{"name": "a"}], previous) == ["b"]
    assert removed_keys(MAPPERS, [], previous) == ["a", "b"]
    assert removed_keys(MAPPERS, None, previous) == []  # input dropped: stop owning, delete nothing


def test_outputs_of_a_declared_mapper_list_hold_only_the_declared_mappers() -> None:
    server = [{"name": "a", "id": "1"}, {"name": "keycloak-default", "id": "2"}]
    assert owned_items(MAPPERS, [{"name": "a"}], server) == [{"name": "a", "id": "1"}]


def test_a_scope_cannot_be_default_and_optional() -> None:
    assert both_kinds({"default_client_scopes": ["a", "b"], "optional_client_scopes": ["b"]})[0][1].startswith(
        "client scope 'b' is both")
    assert both_kinds({"default_client_scopes": ["a", UNKNOWN], "optional_client_scopes": [UNKNOWN]}) == []


def test_identity_provider_checks() -> None:
    assert check_identity_provider({"provider_id": "oidc", "config": OIDC}) == []
    assert check_identity_provider({"provider_id": "my-custom-spi", "config": {}}) == []  # maybe an SPI
    assert "did you mean 'github'" in check_identity_provider({"provider_id": "githbu"})[0][1]
    missing = check_identity_provider({"provider_id": "keycloak-oidc", "config": {"clientId": "c"}})
    assert "needs config['authorizationUrl'] and config['tokenUrl']" in missing[0][1]
    assert check_identity_provider({"provider_id": "oidc", "config": {**OIDC, "tokenUrl": UNKNOWN}}) == []
    assert "singleSignOnServiceUrl" in check_identity_provider({"provider_id": "saml", "config": {}})[0][1]
    bad_url = check_identity_provider({"provider_id": "oidc", "config": {**OIDC, "issuer": "u.example"}})
    assert bad_url == [("config", "config['issuer'] 'u.example' is not an absolute URL (write https://host/path)")]
    with_secret = check_identity_provider({"provider_id": "oidc", "config": {"clientSecret": "s"}})
    assert with_secret and all(prop == "" for prop, _ in with_secret)  # the engine would print the value


def test_mapper_type_must_fit_the_provider() -> None:
    assert check_mapper_fits("saml-role-idp-mapper", "oidc")
    assert check_mapper_fits("oidc-username-idp-mapper", "saml")
    assert check_mapper_fits("hardcoded-attribute-idp-mapper", "saml") == []
    assert check_mapper_fits("saml-role-idp-mapper", None) == []  # provider unknown in preview


def test_identity_provider_secret_moves_out_of_config_and_is_sent_inside_it() -> None:
    spec = spec_for("IdentityProvider")
    inputs = spec.normalize({"realm": "r", "alias": "a", "config": {"clientId": "c", "clientSecret": "s"}})
    assert inputs["config"] == {"clientId": "c"} and inputs["client_secret"] == "s"
    assert spec.representation(inputs)["config"] == {"clientId": "c", "clientSecret": "s"}
    assert spec.update_representation({"display_name": "x"}) == {"displayName": "x"}  # no secret, no config
