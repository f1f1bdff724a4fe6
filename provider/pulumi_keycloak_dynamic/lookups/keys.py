"""``get_realm_keys``: a realm's issuer and its signing and encryption keys, what an application
needs to check the realm's tokens (``GET /admin/realms/{realm}/keys`` and the realm's OpenID
configuration).

Not a kind of the specs (no resource manages keys), so written here rather than generated. The
public parts only: Keycloak's admin API never returns a private key or a secret key's value.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pulumi

from ..api import KeycloakError, NotFound, quote_segment
from ._runtime import LookupResult, admin, close, fail, missing, realm_names, when_known

STATUSES = ("ACTIVE", "PASSIVE", "DISABLED")


@dataclass(frozen=True)
class RealmKey(LookupResult):
    """One key of a realm, as Keycloak lists it."""

    kid: str
    algorithm: str | None
    type: str | None
    use: str | None
    status: str | None
    provider_id: str | None
    provider_priority: int | None
    public_key: str | None
    certificate: str | None
    valid_to: int | None


@dataclass(frozen=True)
class GetRealmKeysResult(LookupResult):
    """What :func:`get_realm_keys` reads: the realm's issuer and the matching keys, the active one first.

    ``kid``, ``public_key`` and ``certificate`` are those of the first key: the one Keycloak signs
    with for that algorithm (its ``active`` key), else the highest priority. ``issuer`` is the
    ``iss`` of the realm's tokens, as its OpenID configuration states it."""

    realm: str
    issuer: str
    algorithm: str | None
    status: str | None
    kid: str
    public_key: str | None
    certificate: str | None
    matching: list[RealmKey]


def get_realm_keys(*, realm: str, algorithm: str | None = None, status: str | None = "ACTIVE") -> GetRealmKeysResult:
    """The keys of ``realm`` with this ``algorithm`` (e.g. ``"RS256"``; any when None) and ``status``
    (``"ACTIVE"``, ``"PASSIVE"``, ``"DISABLED"``; any when None), and the realm's issuer. Two
    requests: the keys, the realm's ``.well-known/openid-configuration``.

    Fails (one line) when the realm does not exist or no key matches, naming what it has::

        keys = get_realm_keys(realm="acme", algorithm="RS256")
        pulumi.export("signing_key", keys.public_key)
    """
    name = "get_realm_keys"
    if not isinstance(realm, str) or not realm:
        raise fail(name, f"'realm' must be a non-empty string, got {realm!r}")
    if status is not None and status not in STATUSES:
        raise fail(name, f"'status' must be one of {', '.join(STATUSES)} or None, got {status!r}")
    try:
        client = admin()
        metadata = client.get(f"/{quote_segment(realm)}/keys") or {}
    except NotFound:
        raise missing(name, f"realm '{realm}' does not exist{close(realm, realm_names(client, {}))}") from None
    except KeycloakError as exc:
        raise fail(name, f"reading the keys of realm '{realm}': {exc}") from None
    listed = [_key(k) for k in metadata.get("keys") or []]
    matching = [k for k in listed if (algorithm is None or k.algorithm == algorithm)
                and (status is None or k.status == status)]
    if not matching:
        have = sorted({f"{k.status} {k.algorithm}" for k in listed})
        wanted = " ".join(w for w in (status, algorithm) if w) or "any"
        raise fail(name, f"realm '{realm}' has no {wanted} key; it has: {', '.join(have) or 'no keys'}")
    active = set((metadata.get("active") or {}).values())
    matching.sort(key=lambda k: (k.kid not in active, -(k.provider_priority or 0), k.kid))
    first = matching[0]
    try:
        well_known = f"/realms/{quote_segment(realm)}/.well-known/openid-configuration"
        configuration = client.session.request("GET", well_known, base="").json()
    except KeycloakError as exc:
        raise fail(name, f"reading the OpenID configuration of realm '{realm}': {exc}") from None
    return GetRealmKeysResult(realm=realm, issuer=str(configuration.get("issuer")), algorithm=algorithm,
                              status=status, kid=first.kid,
                              public_key=first.public_key, certificate=first.certificate, matching=matching)


def get_realm_keys_output(
    *, realm: pulumi.Input[str], algorithm: pulumi.Input[str | None] = None,
    status: pulumi.Input[str | None] = "ACTIVE",
) -> pulumi.Output[GetRealmKeysResult]:
    """:func:`get_realm_keys` with Inputs (``realm=realm.realm``): an Output of the result, unknown
    while an argument is unknown."""
    return when_known({"realm": realm, "algorithm": algorithm, "status": status},
                      lambda args: get_realm_keys(**args))


def _key(raw: dict[str, Any]) -> RealmKey:
    priority = raw.get("providerPriority")
    valid_to = raw.get("validTo")
    return RealmKey(
        kid=str(raw.get("kid")), algorithm=raw.get("algorithm"), type=raw.get("type"), use=raw.get("use"),
        status=raw.get("status"), provider_id=raw.get("providerId"),
        provider_priority=int(priority) if priority is not None else None,
        public_key=raw.get("publicKey"), certificate=raw.get("certificate"),
        valid_to=int(valid_to) if valid_to is not None else None,
    )
