"""Which admin role a request of the Admin API needs: the 403 a login without it gets names it.

Keycloak guards each admin endpoint with a role of the realm's ``realm-management`` client (for a
login in the master realm, the ``<realm>-realm`` client's roles of the same names): ``view-*`` to
read, ``manage-*`` to write. The table follows Keycloak's ``AdminPermissions`` checks per
resource path; an unknown path gets no role named rather than a wrong one.
"""

from __future__ import annotations

from urllib.parse import unquote

#: First path segment after ``/{realm}`` → (object named in the message, role suffix).
_BY_SEGMENT: dict[str, tuple[str, str]] = {
    "clients": ("client", "clients"),
    "client-scopes": ("client scope", "clients"),
    "client-templates": ("client scope", "clients"),
    "roles": ("realm role", "realm"),
    "roles-by-id": ("role", "realm"),
    "groups": ("group", "users"),
    "users": ("user", "users"),
    "identity-provider": ("identity provider", "identity-providers"),
    "authentication": ("authentication flow", "realm"),
    "components": ("component (user federation, keys)", "realm"),
    "user-storage": ("user federation provider", "realm"),
    "client-policies": ("client policy", "realm"),
    "organizations": ("organization", "realm"),
    "events": ("event", "events"),
    "admin-events": ("admin event", "events"),
    "default-default-client-scopes": ("default client scope", "clients"),
    "default-optional-client-scopes": ("default client scope", "clients"),
    "default-groups": ("default group", "users"),
    "localization": ("localization text", "realm"),
    "keys": ("realm key", "realm"),
}
_VERBS = {"GET": "reading", "POST": "creating", "PUT": "updating", "DELETE": "deleting"}


def needed_role(method: str, path: str) -> tuple[str, str, str] | None:
    """(realm, role, what the request does) for an admin path ``/{realm}/...``, or None."""
    parts = [unquote(p) for p in path.split("?", 1)[0].strip("/").split("/") if p]
    if "realms" in parts[:-1] and "admin" in parts:  # a full URL path: .../admin/realms/{realm}/...
        parts = parts[parts.index("realms", parts.index("admin")) + 1:]
    if not parts:
        return None  # the realm list: any admin may read it; creating a realm needs create-realm
    realm, rest = parts[0], parts[1:]
    read = method.upper() == "GET"
    verb = _VERBS.get(method.upper(), method.lower())
    if not rest:
        return realm, ("view-realm" if read else "manage-realm"), f"{verb} the realm's settings"
    thing, suffix = _BY_SEGMENT.get(rest[0], ("", ""))
    if not suffix:
        return None
    if rest[0] == "roles" and read:
        return realm, "view-realm", f"reading a {thing}"
    if rest[0] == "clients" and len(rest) >= 3 and rest[2] == "roles":
        thing = "client role"
    if rest[0] == "users" and len(rest) >= 3 and rest[2] == "role-mappings" and not read:
        # mapping a role to a user needs manage-users (and the role may need map-roles)
        thing = "user's role mapping"
    role = ("view-" if read else "manage-") + suffix
    article = "an" if thing[0] in "aeio" else "a"  # "a user"
    return realm, role, f"{verb} {article} {thing}"


def forbidden_advice(method: str, path: str) -> str:
    """What to grant, for a 403 message; empty when the path is not in the table."""
    found = needed_role(method, path)
    if found is None:
        return ""
    realm, role, doing = found
    return (f"{doing} in realm '{realm}' needs the admin role '{role}' (a role of the realm's 'realm-management' "
            f"client, or of the master realm's '{realm}-realm' client for a master-realm login); grant it to the "
            "login the provider uses")
