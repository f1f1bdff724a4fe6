"""IdentityProviderMapper: a mapper of an identity provider, keyed by name within the provider."""

from __future__ import annotations

from ..api import KeycloakAdmin, KeycloakError, identity_providers
from ..engine import Field, ObjectSpec, register
from ..engine.fields import realm_field
from ..engine.kinds import STR, STR_MAP
from ..engine.spec import Inputs
from .helpers.identity_provider_checks import check_mapper_fits

#: Hidden input the resource class sets from an IdentityProvider resource: its declared provider_id.
PROVIDER_TYPE_KEY = "__identity_provider_type"


@register
class IdentityProviderMapperSpec(ObjectSpec):
    type_name, path, id_output = "IdentityProviderMapper", identity_providers.MAPPERS, "mapper_id"
    fields = (
        realm_field("the mapper"),
        Field("identity_provider_alias", STR, replace=True, refers_to="IdentityProvider", doc="Alias of the "
              "identity provider (or pass the IdentityProvider resource). Changing it replaces the mapper."),
        Field("name", STR, doc="Mapper name, unique within the identity provider. Renaming updates it in place."),
        Field("identity_provider_mapper", STR, doc="Mapper type, e.g. 'oidc-user-attribute-idp-mapper', "
              "'oidc-hardcoded-role-idp-mapper', 'saml-user-attribute-idp-mapper', 'hardcoded-attribute-idp-mapper'."),
        Field("config", STR_MAP, doc="Mapper settings, e.g. {'claim': 'department', 'user.attribute': 'department', "
              "'syncMode': 'INHERIT'}; only the keys given are owned."),
    )
    required = ("realm", "identity_provider_alias", "name", "identity_provider_mapper")
    key_fields, location_fields = ("realm", "identity_provider_alias", "name"), ("realm",)
    import_id_format = "<realm>/<identity provider alias>/<mapper name>"
    id_doc = "Keycloak's internal id of the mapper (the Pulumi id)."
    reference_hints = {"identity_provider_alias": ("provider_id", PROVIDER_TYPE_KEY)}
    summary = "A mapper of an identity provider (claims or attributes to user attributes, roles)."
    description = """Removing it from the program deletes it. Keycloak accepts any mapper type; a type that does not
fit the provider is refused in preview (when ``identity_provider_alias`` is given the IdentityProvider resource)
and at ``up`` (with the types the provider offers)."""
    example = """
IdentityProviderMapper("dept", realm="acme", identity_provider_alias=corp, name="department",
                       identity_provider_mapper="oidc-user-attribute-idp-mapper",
                       config={"claim": "department", "user.attribute": "department"})
"""

    def validate(self, inputs: Inputs) -> list[tuple[str, str]]:
        return check_mapper_fits(inputs.get("identity_provider_mapper"), inputs.get(PROVIDER_TYPE_KEY))

    def after_create(self, admin: KeycloakAdmin, inputs: Inputs, object_id: str) -> None:
        self.after_update(admin, {}, inputs, object_id)

    def after_update(self, admin: KeycloakAdmin, olds: Inputs, news: Inputs, object_id: str) -> None:
        """A new mapper type must be one the identity provider offers (one GET of its mapper types)."""
        kind = news["identity_provider_mapper"]
        if kind == olds.get("identity_provider_mapper"):
            return
        offered = admin.get(self.path_of(identity_providers.MAPPER_TYPES, news)) or {}
        if kind not in offered:
            raise KeycloakError(f"identity_provider_mapper: identity provider '{news['identity_provider_alias']}' "
                                f"offers no mapper type '{kind}'; it offers: {', '.join(sorted(offered))}")
