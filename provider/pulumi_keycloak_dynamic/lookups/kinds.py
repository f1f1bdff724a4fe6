"""The lookups, one declaration each: the kind whose outputs they give, the arguments (names,
never UUIDs), what a read costs; a kind declared nowhere here gets one derived from its spec
(:func:`derived`). ``scripts/generate.py`` writes the typed functions and results
(:mod:`.functions`, :mod:`.results`) and docs/reference/lookups.md from these and the specs."""

from __future__ import annotations

from typing import Any

from ..api import BadRequest, KeycloakAdmin, client_scopes, clients, groups, identity_providers, roles
from ..engine import ObjectSpec, registered_specs
from ..engine.fields import snake
from ..specs.helpers.role_sets import EVERY_CLIENT
from ._runtime import Lookup, Missing, close, realm_names

_REALM = ("realm", "Name of the realm.", True)


def _client_ids(admin: KeycloakAdmin, args: dict[str, Any]) -> list[str]:
    return [str(c.get("clientId")) for c in clients.list_clients(admin, str(args["realm"]))]


def _role_names(admin: KeycloakAdmin, args: dict[str, Any]) -> list[str]:
    realm, uuid = str(args["realm"]), None
    if args.get("client_id"):
        client = clients.find_client(admin, realm, str(args["client_id"]))
        if client is None:
            return []
        uuid = str(client["id"])
    return [str(r.get("name")) for r in roles.list_roles(admin, realm, uuid)]


def _role_what(args: dict[str, Any]) -> str:
    if args.get("client_id"):
        return f"role '{args['name']}' of client '{args['client_id']}' in realm '{args['realm']}'"
    return f"realm role '{args['name']}' in realm '{args['realm']}'"


def _client(admin: KeycloakAdmin, realm: str, client_id: str) -> dict[str, Any]:
    """The client, or the one line saying it is not there (with close clientIds)."""
    found = clients.find_client(admin, realm, client_id)
    if found is None:  # (a realm that is not there answers 404: the lookup names the realm)
        near = close(client_id, _client_ids(admin, {"realm": realm}))
        raise Missing(f"client '{client_id}' does not exist in realm '{realm}'{near}")
    return found


def _role(admin: KeycloakAdmin, key: dict[str, Any]) -> dict[str, Any] | None:
    realm, client_id = str(key["realm"]), key.get("client_id")
    uuid = str(_client(admin, realm, str(client_id))["id"]) if client_id else None
    return roles.get_role(admin, realm, str(key["name"]), uuid)


def _group_key(args: dict[str, Any]) -> dict[str, Any]:
    names = groups.path_names(str(args["path"]))
    parent = "/" + "/".join(names[:-1]) if len(names) > 1 else None
    return {"realm": args["realm"], "name": names[-1] if names else "", "parent": parent}


def _group_paths(admin: KeycloakAdmin, args: dict[str, Any]) -> list[str]:
    names = groups.path_names(str(args["path"]))
    found = groups.list_groups(admin, str(args["realm"]), names[-1][:3] if names else None)
    paths: list[str] = []

    def walk(group: dict[str, Any]) -> None:
        paths.append(str(group.get("path")))
        for child in group.get("subGroups") or []:
            walk(child)

    for group in found:
        walk(group)
    return paths


def _scope_names(admin: KeycloakAdmin, args: dict[str, Any]) -> list[str]:
    return [str(s.get("name")) for s in client_scopes.list_client_scopes(admin, str(args["realm"]))]


def _idp_aliases(admin: KeycloakAdmin, args: dict[str, Any]) -> list[str]:
    return [str(i.get("alias")) for i in identity_providers.list_identity_providers(admin, str(args["realm"]))]


def _mapper_names(admin: KeycloakAdmin, args: dict[str, Any]) -> list[str]:
    mappers = identity_providers.list_mappers(admin, str(args["realm"]), str(args["identity_provider_alias"]))
    return [str(m.get("name")) for m in mappers]


def _service_account_user(admin: KeycloakAdmin, key: dict[str, Any]) -> dict[str, Any] | None:
    realm, client_id = str(key["realm"]), str(key["client_id"])
    client = _client(admin, realm, client_id)
    try:
        user: dict[str, Any] | None = admin.get(f"{clients.client_path(realm, str(client['id']))}/service-account-user")
    except BadRequest:  # "Service account not enabled for the client"
        user = None
    if user is None:
        raise Missing(f"client '{client_id}' in realm '{realm}' has no service account "
                      "(service_accounts_enabled is off, or it is a public client)")
    return user


_ROLE_SETS = {"realm_roles": [], "client_roles": EVERY_CLIENT}

LOOKUPS: tuple[Lookup, ...] = (
    Lookup("get_realm", "Realm", (_REALM,), "realm '{realm}'", candidates=realm_names, near="realm",
           summary="A realm's settings."),
    Lookup("get_client", "Client", (_REALM, ("client_id", "The client's clientId.", True)),
           "client '{client_id}' in realm '{realm}'", omit=("authorization_settings",),
           candidates=_client_ids, near="client_id",
           summary="A client's settings; its ``secret`` (confidential clients) is a Pulumi secret."),
    Lookup("get_role", "Role",
           (_REALM, ("name", "The role's name.", True),
            ("client_id", "clientId of the client whose role it is; a realm role when not given.", False)),
           _role_what, finder=_role,
           extras={"composite_realm_roles": []}, candidates=_role_names, near="name",
           requests="1 (a realm role), 2 (a client role); 1 more when the role is a composite",
           summary="A realm role, or a client's role (``client_id``), with its realm-role composites."),
    Lookup("get_group", "Group", (_REALM, ("path", "The group's path, e.g. '/staff/admins'.", True)),
           "group '{path}' in realm '{realm}'", key=_group_key, extras=_ROLE_SETS,
           candidates=_group_paths, near="path",
           summary="A group by its path, with its attributes and the roles its members get."),
    Lookup("get_user", "User", (_REALM, ("username", "The user's username.", True)),
           "user '{username}' in realm '{realm}'", extras={**_ROLE_SETS, "groups": []},
           requests="3 (the user, its role mappings, its groups)",
           summary="A user by username, with its roles and groups (by name and path)."),
    Lookup("get_client_scope", "ClientScope", (_REALM, ("name", "The client scope's name.", True)),
           "client scope '{name}' in realm '{realm}'", extras={"realm_default": "none"},
           candidates=_scope_names, near="name",
           requests="3 (the realm's scopes, its default and optional scopes)",
           summary="A client scope, its mappers, and whether the realm gives it to new clients."),
    Lookup("get_identity_provider", "IdentityProvider",
           (_REALM, ("alias", "The identity provider's alias.", True)),
           "identity provider '{alias}' in realm '{realm}'", candidates=_idp_aliases, near="alias",
           summary="An identity provider (Keycloak never returns its client secret)."),
    Lookup("get_identity_provider_mapper", "IdentityProviderMapper",
           (_REALM, ("identity_provider_alias", "Alias of the identity provider.", True),
            ("name", "The mapper's name.", True)),
           "mapper '{name}' of identity provider '{identity_provider_alias}' in realm '{realm}'",
           candidates=_mapper_names, near="name", summary="An identity provider's mapper."),
    Lookup("get_client_service_account_user", "User",
           (_REALM, ("client_id", "clientId of a client with service accounts enabled.", True)),
           "the service-account user of client '{client_id}' in realm '{realm}'",
           finder=_service_account_user, by_natural_key=False, extras={**_ROLE_SETS, "groups": []},
           requests="4 (the client, its service-account user, its role mappings, its groups)",
           summary="A client's service-account user (the roles ``ServiceAccountRoles`` gives it)."),
    Lookup("get_realm_default_roles", "RealmDefaultRoles", (_REALM,),
           "the default roles of realm '{realm}'", extras=_ROLE_SETS,
           requests="3 (default-roles-<realm>, its composites, the clients when a composite is a client role)",
           summary="The roles every new user of a realm gets."),
)

#: Kinds read by a lookup of another kind's result: a client's service account is a User.
COVERED: dict[str, str] = {"ServiceAccountRoles": "get_client_service_account_user"}


def derived(spec: ObjectSpec) -> Lookup:
    """The lookup of a kind declared nowhere above: by its natural key's inputs, at the cost of its
    ``find`` (a kind added later gets one this way; declare it above to do better)."""
    args = tuple((name, (spec.by_name[name].doc.split(". ")[0].rstrip(".") + ".") if name in spec.by_name
                  else name, name in spec.required) for name in spec.key_fields)

    def what(given: dict[str, Any]) -> str:
        return f"{spec.type_name} '{'/'.join(str(given[n]) for n in spec.key_fields if given.get(n))}'"

    return Lookup("get_" + snake(spec.type_name[0].lower() + spec.type_name[1:]), spec.type_name, args, what,
                  requests="those of the kind's find", summary=spec.summary)


_DECLARED = {lookup.type_name for lookup in LOOKUPS} | set(COVERED)
LOOKUPS += tuple(derived(spec) for spec in registered_specs() if spec.type_name not in _DECLARED and spec.key_fields)

#: By function name.
BY_NAME: dict[str, Lookup] = {lookup.function: lookup for lookup in LOOKUPS}
