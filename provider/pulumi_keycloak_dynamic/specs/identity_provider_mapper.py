"""IdentityProviderMapper: a mapper of an identity provider (claims/attributes to user attributes,
roles, groups), keyed by name within the provider. Removing the resource deletes the mapper.

Keycloak accepts any mapper type (201) even when it does not fit the provider; ``check()`` refuses
the misfits it can see in preview, and create/update ask the provider's ``mapper-types`` (one GET)
before keeping a mapper of a new type.
"""

from __future__ import annotations

from typing import Any, ClassVar, Final

from ..api import KeycloakAdmin, KeycloakError, identity_providers, quote_segment
from ..engine import Field, ObjectSpec, register
from ..engine.spec import Inputs
from .identity_provider_checks import check_mapper_fits

_S: Final = "str"
#: Hidden input the resource class sets from an IdentityProvider resource: its declared provider_id.
PROVIDER_TYPE_KEY = "__identity_provider_type"

IDENTITY_PROVIDER_MAPPER_FIELDS: tuple[Field, ...] = (
    Field(
        "realm",
        _S,
        api="",
        refers_to="Realm",
        doc="Realm of the mapper: its name, or the Realm resource. Renaming the realm updates it in place; "
        "Keycloak cannot move it to another realm.",
    ),
    Field(
        "identity_provider_alias",
        _S,
        api="identityProviderAlias",
        replace=True,
        refers_to="IdentityProvider",
        doc="Alias of the identity provider (or pass the IdentityProvider resource). Changing it replaces the mapper.",
    ),
    Field("name", _S, doc="Mapper name, unique within the identity provider. Renaming updates it in place."),
    Field(
        "identity_provider_mapper",
        _S,
        api="identityProviderMapper",
        doc="Mapper type, e.g. 'oidc-user-attribute-idp-mapper', 'oidc-hardcoded-role-idp-mapper', "
        "'saml-user-attribute-idp-mapper', 'hardcoded-attribute-idp-mapper'.",
    ),
    Field(
        "config",
        "str_map",
        doc="Mapper settings, e.g. {'claim': 'department', 'user.attribute': 'department', 'syncMode': 'INHERIT'}; "
        "only the keys given are owned.",
    ),
)


@register
class IdentityProviderMapperSpec(ObjectSpec):
    type_name: ClassVar[str] = "IdentityProviderMapper"
    fields: ClassVar[tuple[Field, ...]] = IDENTITY_PROVIDER_MAPPER_FIELDS
    id_output: ClassVar[str] = "mapper_id"
    required: ClassVar[tuple[str, ...]] = ("realm", "identity_provider_alias", "name", "identity_provider_mapper")
    key_fields: ClassVar[tuple[str, ...]] = ("realm", "identity_provider_alias", "name")
    location_fields: ClassVar[tuple[str, ...]] = ("realm",)
    import_id_format: ClassVar[str] = "<realm>/<identity provider alias>/<mapper name>"
    id_doc: ClassVar[str] = "Keycloak's internal id of the mapper (the Pulumi id)."
    reference_hints: ClassVar[dict[str, tuple[str, str]]] = {
        "identity_provider_alias": ("provider_id", PROVIDER_TYPE_KEY),
    }
    summary: ClassVar[str] = "A mapper of an identity provider (claims or attributes to user attributes, roles)."
    description: ClassVar[str] = """
Removing it from the program deletes it. Keycloak accepts any mapper type; a type that does not fit
the provider is refused in preview (when ``identity_provider_alias`` is given the IdentityProvider
resource) and at ``up`` (with the types the provider offers).
"""
    example: ClassVar[str] = """
IdentityProviderMapper("dept", realm="acme", identity_provider_alias=corp, name="department",
                       identity_provider_mapper="oidc-user-attribute-idp-mapper",
                       config={"claim": "department", "user.attribute": "department"})
"""

    def collection_path(self, admin: KeycloakAdmin, inputs: Inputs) -> str:
        alias = str(inputs["identity_provider_alias"])
        return f"{identity_providers.instance_path(str(inputs['realm']), alias)}/mappers"

    def item_path(self, admin: KeycloakAdmin, inputs: Inputs, object_id: str) -> str:
        return f"{self.collection_path(admin, inputs)}/{quote_segment(object_id)}"

    def find(self, admin: KeycloakAdmin, inputs: Inputs) -> dict[str, Any] | None:
        mappers = identity_providers.list_mappers(
            admin, str(inputs["realm"]), str(inputs["identity_provider_alias"])
        )
        return next((m for m in mappers if m.get("name") == inputs["name"]), None)

    def natural_key(self, inputs: Inputs) -> tuple[Any, ...]:
        return (inputs.get("realm"), inputs.get("identity_provider_alias"), inputs.get("name"))

    def parse_import_id(self, import_id: str) -> dict[str, Any]:
        parts = import_id.split("/", 2)
        if len(parts) != 3 or not all(parts):
            raise KeycloakError(f"identity provider mapper import id '{import_id}' must be {self.import_id_format}")
        return {"realm": parts[0], "identity_provider_alias": parts[1], "name": parts[2]}

    # ------------------------------------------------------------ checks
    def validate(self, inputs: Inputs) -> list[tuple[str, str]]:
        return check_mapper_fits(inputs.get("identity_provider_mapper"), inputs.get(PROVIDER_TYPE_KEY))

    # ------------------------------------------------------------- hooks
    def after_create(self, admin: KeycloakAdmin, inputs: Inputs, object_id: str) -> None:
        _check_type_offered(admin, inputs)

    def after_update(self, admin: KeycloakAdmin, olds: Inputs, news: Inputs, object_id: str) -> None:
        if news.get("identity_provider_mapper") != olds.get("identity_provider_mapper"):
            _check_type_offered(admin, news)


    # ------------------------------------------------------------ export
    def list_in_realm(self, admin: KeycloakAdmin, realm: str) -> list[tuple[dict[str, Any], dict[str, Any]]]:
        return [
            ({"realm": realm, "identity_provider_alias": idp["alias"], "name": m["name"],
              "identity_provider_mapper": m.get("identityProviderMapper")}, m)
            for idp in identity_providers.list_identity_providers(admin, realm)
            for m in identity_providers.list_mappers(admin, realm, idp["alias"])
        ]


def _check_type_offered(admin: KeycloakAdmin, inputs: Inputs) -> None:
    """Refuse a mapper type the identity provider does not offer (one GET of its mapper types)."""
    realm, alias = str(inputs["realm"]), str(inputs["identity_provider_alias"])
    kind = inputs["identity_provider_mapper"]
    offered = admin.get(f"{identity_providers.instance_path(realm, alias)}/mapper-types") or {}
    if kind not in offered:
        raise KeycloakError(f"identity_provider_mapper: identity provider '{alias}' offers no mapper type '{kind}'; "
                            f"it offers: {', '.join(sorted(offered))}")
