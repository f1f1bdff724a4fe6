"""How a lookup runs: in the program, read-only, with the resources' connection settings.

A lookup reads one object while the program runs (``preview`` and ``up`` alike), through the
process's one :class:`~pulumi_keycloak_dynamic.api.KeycloakAdmin` (one login for every lookup and
``representation()`` call of the program), and gives back a typed, frozen result. Nothing is
registered with Pulumi, so nothing is in the state unless the program exports it.

Failures are one line (a :class:`pulumi.RunError`, which Pulumi prints without a traceback) naming
what was looked up and where, with close names when one listing finds them.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

import pulumi
import pulumi.runtime

from ..api import ConnectionSettings, KeycloakAdmin, KeycloakError, NotFound, shared_admin
from ..api.realms import list_realms
from ..engine import spec_for
from ..engine.lookup import read_found, secret_names
from ..engine.spec import ObjectSpec

R = TypeVar("R", bound="LookupResult")


class LookupResult:
    """Base of the typed results (frozen dataclasses). ``pulumi.export("realm", get_realm(realm="acme"))``
    exports every field as a map (Pulumi turns an object's attributes into one); secret fields stay
    Pulumi secrets."""


Finder = Callable[[KeycloakAdmin, dict[str, Any]], "dict[str, Any] | None"]


@dataclass(frozen=True)
class Lookup:
    """One lookup, declared in :mod:`.kinds`: what it reads, by which arguments, at which cost."""

    #: The lookup's name (``get_client``); ``<name>_output`` takes Outputs.
    function: str
    #: The kind whose outputs the result holds (a registered spec).
    type_name: str
    #: (argument, documentation, required): the arguments, all by keyword, in this order.
    args: tuple[tuple[str, str, bool], ...]
    #: What the lookup names in messages: formatted with the arguments, or made from them.
    what: str | Callable[[dict[str, Any]], str]
    #: The arguments → the natural-key inputs of the spec (default: the arguments themselves).
    key: Callable[[dict[str, Any]], dict[str, Any]] | None = None
    #: Finds the object (default: the spec's ``find``); the answer is its full representation.
    finder: Finder | None = None
    #: The arguments give the kind's natural key (a lookup of what a resource of the program
    #: manages is refused); False for a lookup by something else (a client's service-account user).
    by_natural_key: bool = True
    #: Inputs that ``read_extra`` reads when declared (each costs requests: see ``requests``).
    extras: Mapping[str, Any] = field(default_factory=dict)
    #: Inputs left out of the result (the representation does not hold them).
    omit: tuple[str, ...] = ()
    #: Close names when nothing is found: one listing, on failure only.
    candidates: Callable[[KeycloakAdmin, dict[str, Any]], list[str]] | None = None
    #: The argument whose value the candidates are compared with.
    near: str = ""
    #: Requests per lookup (documentation; tests/e2e/test_lookups.py measures them).
    requests: str = "1"
    #: One line saying what the lookup gives (docstring and reference page).
    summary: str = ""

    @property
    def spec(self) -> ObjectSpec:
        return spec_for(self.type_name)

    def describe(self, args: Mapping[str, Any]) -> str:
        return self.what(dict(args)) if callable(self.what) else self.what.format(**args)

    def key_inputs(self, args: dict[str, Any]) -> dict[str, Any]:
        return self.key(args) if self.key is not None else dict(args)


def admin() -> KeycloakAdmin:
    """The program's Admin API client: the resources' settings (``keycloak:*`` stack config, then
    ``KEYCLOAK_*``); one login per process, shared with ``representation()``."""
    return shared_admin(ConnectionSettings.from_sources(pulumi.runtime.get_config))


class Missing(Exception):  # noqa: N818 - not an error of the code: the one line for the user
    """Raised by a finder: what is missing, said better than "does not exist" (the client of a role)."""


class NotThere(pulumi.RunError):
    """The one line for an object (or its realm) that is not there."""


def fail(lookup: str, message: str) -> pulumi.RunError:
    return pulumi.RunError(f"{lookup}: {message}")


def missing(lookup: str, message: str) -> NotThere:
    return NotThere(f"{lookup}: {message}")


def checked_args(lookup: Lookup, args: dict[str, Any]) -> dict[str, Any]:
    """Refuse a missing or non-text argument before any request."""
    for name, _, required in lookup.args:
        value = args.get(name)
        if value is None and not required:
            continue
        if not isinstance(value, str) or not value:
            got = "nothing" if value is None else repr(value)
            raise fail(lookup.function, f"'{name}' must be a non-empty string (a name, never a UUID), got {got}")
    return {name: args.get(name) for name, _, _ in lookup.args}


def refuse_declared(lookup: Lookup, key: dict[str, Any]) -> None:
    """A lookup of an object a resource of this program manages: use the resource instead. The
    key is remembered, so that a resource declared later with it is refused by its check()."""
    from ..runtime import _claims_of_this_run, _this_run  # the natural keys of this program run

    spec = lookup.spec
    if not spec.key_fields or not lookup.by_natural_key:
        return
    try:
        natural_key = (spec.type_name, *spec.natural_key(key))
        holder = _claims_of_this_run().get(natural_key)
        _this_run("looked_up").setdefault(natural_key, lookup.function)
    except Exception:  # noqa: BLE001 - outside a Pulumi program there are no claims
        return
    if holder:
        raise fail(lookup.function, f"{lookup.describe(key)} is declared by this program ({spec.type_name} "
                   f"'{holder}'): use that resource's outputs (or representation(resource)) instead of a lookup")


def look_up(lookup: Lookup, result: type[R], args: dict[str, Any]) -> R:
    """Run ``lookup`` with plain arguments; a typed result, or a one-line :class:`pulumi.RunError`."""
    args = checked_args(lookup, args)
    key = lookup.key_inputs(args)
    refuse_declared(lookup, key)
    spec = lookup.spec
    try:
        client = admin()
        finder = lookup.finder or spec.find
        try:
            found = finder(client, key)
        except NotFound:
            found = None
        except Missing as gone:
            raise missing(lookup.function, str(gone)) from None
        if found is None:
            raise missing(lookup.function, not_found(client, lookup, args))
        values = read_found(client, spec, key, found, lookup.extras, lookup.omit)
    except KeycloakError as exc:
        raise fail(lookup.function, f"reading {lookup.describe(args)}: {exc}") from None
    for name in secret_names(spec):
        if name in values:
            values[name] = pulumi.Output.secret(values[name])
    return result(**values)


def look_up_output(lookup: Lookup, result: type[R], args: Mapping[str, Any]) -> pulumi.Output[R]:
    """Run ``lookup`` once its arguments are known: an Output of the typed result."""
    return when_known(args, lambda plain: look_up(lookup, result, plain))


def when_known(args: Mapping[str, Any], read: Callable[[dict[str, Any]], R]) -> pulumi.Output[R]:
    """``read(plain arguments)`` once the arguments are known, as an Output.

    Unknown arguments give an unknown result, as Pulumi's own ``get_*_output`` functions do. In a
    ``preview``, an argument that comes from a resource of the program (``realm=realm.realm``) is
    known (the engine shows the inputs of a resource to create or update as its outputs) but may
    name what only this update makes (a new realm, a renamed one): a miss is then a warning and an
    unknown result, read again in the ``up`` (after that resource), where a miss fails. A miss with
    plain arguments fails in the ``preview`` too."""
    given = dict(args)
    from_program: pulumi.Output[bool] = pulumi.Output.from_input(_from_resources(given.values()))

    def run(plain: dict[str, Any], from_resources: bool) -> Any:
        try:
            return read(dict(plain))
        except NotThere as exc:
            if not (pulumi.runtime.is_dry_run() and from_resources):
                raise
            pulumi.log.warn(f"{exc} (yet): unknown in this preview, as it may be made by this update; "
                            "the up fails if it is still missing then")
            return _unknown()

    return pulumi.Output.all(pulumi.Output.all(**given), from_program).apply(lambda both: run(both[0], both[1]))


async def _from_resources(values: Any) -> bool:
    """Does a value come from a resource of the program?"""
    for value in values:
        if isinstance(value, pulumi.Output) and await value.resources():
            return True
    return False


def _unknown() -> pulumi.Output[Any]:
    async def resolved(value: Any) -> Any:
        return value

    return pulumi.Output(set(), resolved(None), resolved(False))


def not_found(client: KeycloakAdmin, lookup: Lookup, args: dict[str, Any]) -> str:
    """The one line for an object that is not there: its realm first, then close names."""
    realm = args.get("realm")
    if isinstance(realm, str) and lookup.type_name != "Realm" and client.get_or_none(f"/{_quote(realm)}") is None:
        return f"realm '{realm}' does not exist{close(realm, _realm_names(client))}"
    where = lookup.describe(args)
    names: list[str] = []
    if lookup.candidates is not None:
        try:
            names = lookup.candidates(client, args)
        except KeycloakError:
            names = []
    return f"{where} does not exist{close(str(args.get(lookup.near) or ''), names)}"


def close(name: str, names: list[str]) -> str:
    """``" (did you mean 'x' or 'y'?)"`` for the names closest to ``name``, or nothing."""
    matches = difflib.get_close_matches(name, [n for n in names if n != name], n=3, cutoff=0.6)
    if not matches:
        return ""
    return " (did you mean " + " or ".join(f"'{m}'" for m in matches) + "?)"


def _realm_names(client: KeycloakAdmin) -> list[str]:
    return [str(r.get("realm")) for r in list_realms(client, brief=True)]


def _quote(segment: str) -> str:
    from ..api import quote_segment

    return quote_segment(segment)


def realm_names(client: KeycloakAdmin, _args: dict[str, Any]) -> list[str]:
    return _realm_names(client)
