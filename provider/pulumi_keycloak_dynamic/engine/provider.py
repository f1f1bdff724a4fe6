"""The one generic dynamic provider: check, diff, create, read, update, delete for every spec.

The provider instance holds only the name of its spec (so its pickle is tiny and it always runs
the installed code). Connection settings are read in ``configure()`` from stack config
(``keycloak:*``) with ``KEYCLOAK_*`` environment fallbacks; they never enter the pickle or the
state. One :class:`~pulumi_keycloak_dynamic.api.KeycloakAdmin` (one login) serves the process.

This module is the order of the calls; what they decide lives beside it: :mod:`.adoption`
(``import_``, one resource per object, the owner marker), :mod:`.outputs` (outputs from a
representation), :mod:`.notices` (what ``diff()`` tells the user), :mod:`.checks` and :mod:`.values`.
"""

from __future__ import annotations

import contextlib
import copy
import json
from collections.abc import Mapping
from typing import Any

from pulumi.dynamic import (
    CheckFailure,
    CheckResult,
    ConfigureRequest,
    CreateResult,
    DiffResult,
    ReadResult,
    ResourceProvider,
    UpdateResult,
)

from ..api import Conflict, ConnectionSettings, KeycloakAdmin, KeycloakError, shared_admin
from ..api.settings import KEYS
from . import errors, notices
from .adoption import IMPORT_KEY, found_id, import_failures, import_hint, importable, label, owns, same_key_failures
from .checks import check_fields, contains_unknown, one_line, rename_aliases, with_sentinels
from .outputs import MANAGED, outputs_from, refuse_silent_change, written_tells_outcome
from .ownership import OWNER_KEY
from .registry import spec_for
from .secrets import with_secrets_marked
from .spec import ObjectSpec
from .values import canonical, merge, owned_equal, project, removed_keys

#: Hidden input: the failures the program already printed for this resource (the resource classes
#: run ``check()`` on known values as resources are declared), so the engine's own report of the
#: same failures is one short line instead of every message a second time.
REPORTED_KEY = "__reported_failures"


class KeycloakProvider(ResourceProvider):
    """Dynamic provider serving one Keycloak object type (named by ``type_name``)."""

    #: The pickled provider holds no secret (only the type name): no need to encrypt it.
    serialize_as_secret_always = False

    def __init__(self, type_name: str) -> None:
        self.type_name = type_name

    # Pickle only the type name: never settings, sessions or locks.
    def __getstate__(self) -> dict[str, Any]:
        return {"type_name": self.type_name}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.type_name = state["type_name"]

    @property
    def spec(self) -> ObjectSpec:
        return spec_for(self.type_name)

    # ------------------------------------------------------------ config
    def configure(self, req: ConfigureRequest) -> None:
        errors.install_one_line_errors()
        self._config = {config_key: req.config.get(config_key) for config_key, _ in KEYS.values()}

    def admin(self) -> KeycloakAdmin:
        """The process-wide Admin API client for the configured Keycloak (one login, reused)."""
        config: Mapping[str, Any] = getattr(self, "_config", {})
        return shared_admin(ConnectionSettings.from_sources(lambda key: _as_str(config.get(key))))

    # ------------------------------------------------------------- check
    def check(self, _olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        """Refuse bad input before any API call: every failure is one line naming the input.

        Failures are reported on the resource, never on a property: the engine prints a failing
        property's whole value (``property x value {...} has a problem``), and the value may be
        a secret (a password inside ``smtp_server``, a private key among ``attributes``, or any
        input the program made secret, which arrives here unmarked). The message names the input.
        """
        news = with_sentinels(news)  # the provider host hands unknowns over as SDK objects
        try:
            result, failures = self.checked(news)
        except Exception as exc:  # noqa: BLE001 - a check must answer, never crash the preview
            result = {}
            failures = [("", f"{self.type_name} inputs could not be checked ({type(exc).__name__}); "
                         "please report this with the resource's inputs")]
        if not failures and not _olds:
            self._verify_connection()  # a create is planned: preview fails as `up` would
            if isinstance(result.get(IMPORT_KEY), str) and hasattr(self, "_config"):
                notices.explain_adoption(self.spec, result, result[IMPORT_KEY], None)
        reasons = [one_line(reason) for _, reason in failures]
        reported = news.get(REPORTED_KEY)
        if isinstance(reported, list) and reasons and set(reasons) <= set(reported):
            reasons = [f"{len(reasons)} input problem(s), each printed above with this resource's name"]
        # Marked here, not left to the engine: it keeps the secretness of inputs it sent by name only,
        # so a value moved to another input (config['clientSecret'] to client_secret) would lose it.
        return CheckResult(with_secrets_marked(self.spec.by_name, result), [CheckFailure("", r) for r in reasons])

    def checked(self, news: Mapping[str, Any]) -> tuple[dict[str, Any], list[tuple[str, str]]]:
        """The canonical inputs and the failures as (input name, message) pairs; may raise."""
        spec = self.spec
        inputs = rename_aliases(spec.by_name, news)
        failures = check_fields(spec.type_name, spec.by_name, inputs, spec.required)
        failures.extend(spec.validate(inputs))
        result = {k: v for k, v in inputs.items() if not str(k).startswith("__") or k in (IMPORT_KEY, OWNER_KEY)}
        failures.extend(import_failures(spec, result))
        failures.extend(same_key_failures(spec, news))
        if not failures:
            for name, value in list(result.items()):
                field = spec.by_name.get(name)
                if field is not None and value is not None and not contains_unknown(value):
                    result[name] = canonical(field, value)
            result = spec.normalize(result)
        return result, failures

    def _verify_connection(self) -> None:
        """Log in (once per process; later calls reuse the token), so that a preview with work to do
        fails on a wrong URL, password or certificate with the one-line message `up` would give.
        Only inside the provider host (after ``configure()``): the resource classes also run
        ``check()`` in the program's process, where no request is made."""
        if not hasattr(self, "_config"):
            return
        with errors.reported("connecting to Keycloak"):
            self.admin().session.token()

    # -------------------------------------------------------------- diff
    def diff(self, _id: str, olds: dict[str, Any], news: dict[str, Any]) -> DiffResult:
        """Compare only declared inputs with the last known server values; no API call but the login
        (once per process) when something changed."""
        spec = self.spec
        declared = _declared(spec, news)
        changed: list[str] = []
        for name in declared:
            field = spec.by_name[name]
            new = news.get(name)
            if contains_unknown(new) or not owned_equal(field, new, olds.get(name)):
                changed.append(name)
            elif removed_keys(field, new, olds.get(name)):
                changed.append(name)  # an item (mapper) the program declared before was removed: delete it
        previously = set(olds.get(MANAGED) or [])
        if previously - set(declared):
            changed.append(MANAGED)  # stop owning a field: refresh outputs, send nothing
        notices.explain_diff(spec, news, sorted(previously - set(declared)), changed)
        if changed:
            self._verify_connection()
        replaces = [n for n in changed if n in spec.by_name and spec.by_name[n].replace]
        # The old object may hold the new key: the same one, or one in a renamed realm or client.
        same_key = spec.natural_key(olds) == spec.natural_key(news) or spec.location(olds) != spec.location(news)
        return DiffResult(
            changes=bool(changed),
            replaces=replaces,
            stables=[],
            delete_before_replace=bool(replaces) and same_key,
        )

    # ------------------------------------------------------------ create
    def create(self, props: dict[str, Any]) -> CreateResult:
        spec = self.spec
        inputs = _inputs(props)
        if props.get(IMPORT_KEY) or spec.existing_only:
            adopted = self._adopt(props)
            if adopted is None and spec.existing_only and self._made(inputs):
                adopted = self._adopt(props)  # Keycloak made it on request (a registered required action)
            if adopted is not None:
                return adopted
            if spec.existing_only:
                raise errors.ProviderError(f"creating {spec.type_name} {label(spec, inputs)}: "
                                           f"{spec.missing_message(inputs)}")
        with errors.reported(f"creating {spec.type_name} {label(spec, inputs)}", _realm_of(spec, inputs)):
            admin = self.admin()
            try:
                object_id = self._post_marked(admin, inputs, props.get(OWNER_KEY))
            except Conflict as exc:
                found = spec.find(admin, inputs)
                if owns(spec, found, props.get(OWNER_KEY)):
                    assert found is not None  # a leftover of an interrupted run of this very resource
                    return self._take_over(admin, props, str(found["id"]))
                raise KeycloakError(
                    f"{spec.type_name} {label(spec, inputs)} exists already in Keycloak ({exc.message}); adopt it "
                    f"with ResourceOptions(import_='{import_hint(spec, inputs)}') or choose another name"
                ) from None
            except KeycloakError as exc:
                explained = errors.explained(exc, _realm_of(spec, inputs))
                if explained == str(exc):
                    explained = spec.explain_create_error(admin, inputs, exc)
                raise errors.ProviderError(f"creating {spec.type_name} {label(spec, inputs)}: {explained}") from None
            try:
                object_id, fetched = spec.fetch_created(admin, inputs, object_id)
                spec.after_create(admin, inputs, object_id)
                outs = self._outputs(admin, inputs, object_id, fetched)
                object_id = outs[spec.id_output]
                refuse_silent_change(spec, inputs, outs)
            except BaseException:
                # Leave nothing half-done. Should the clean-up fail too, report the first failure:
                # the marked leftover is taken back by the next create of this resource.
                with contextlib.suppress(KeycloakError):
                    admin.delete(spec.item_path(admin, inputs, object_id))
                raise
        return CreateResult(object_id, outs)

    def _post_marked(self, admin: KeycloakAdmin, inputs: Mapping[str, Any], marker: str | None) -> str:
        """POST the object with this resource's owner marker; return the id its answer names.

        When the answer is lost, the object found by its natural key counts as created by this
        POST only if it carries the marker (otherwise the POST is sent again and meets a 409).
        """
        spec = self.spec
        rep = spec.create_representation(inputs)
        if marker and spec.owner_mark is not None:
            spec.owner_mark.write(rep, marker)

        def find_own() -> str | None:
            found = spec.find(admin, inputs)
            return found_id(found) if spec.owner_mark is None or not marker or owns(spec, found, marker) else None

        return admin.create(spec.collection_path(admin, inputs), rep, find_own)

    def _made(self, inputs: dict[str, Any]) -> bool:
        spec = self.spec
        with errors.reported(f"creating {spec.type_name} {label(spec, inputs)}"):
            return spec.make_existing(self.admin(), inputs)

    def _adopt(self, props: dict[str, Any]) -> CreateResult | None:
        """``import_``: take over the existing object and apply the declared inputs (None: it is absent)."""
        spec = self.spec
        inputs = _inputs(props)
        with errors.reported(f"adopting {spec.type_name} {label(spec, inputs)}", _realm_of(spec, inputs)):
            admin = self.admin()
            found = spec.find(admin, inputs)
            if found is None:
                return None  # e.g. the replacement of an adopted object: create it
            return self._take_over(admin, props, str(found["id"]))

    def _take_over(self, admin: KeycloakAdmin, props: dict[str, Any], object_id: str) -> CreateResult:
        """Make an existing object this resource's: apply the declared inputs that differ."""
        spec = self.spec
        inputs = _inputs(props)
        current = self._outputs(admin, inputs, object_id)
        outs: dict[str, Any] = self.update(object_id, current, props).outs or {}
        if isinstance(props.get(IMPORT_KEY), str):
            field = spec.by_name
            written = [n for n in _declared(spec, inputs) if not owned_equal(field[n], inputs[n], current.get(n))]
            notices.explain_adoption(spec, inputs, props[IMPORT_KEY], written)
        return CreateResult(str(outs.get(spec.id_output) or object_id), outs)

    # -------------------------------------------------------------- read
    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        spec = self.spec
        importing = not any(k in props for k in spec.by_name)
        inputs = spec.parse_import_id(id_) if importing else _inputs(props)
        with errors.reported(f"reading {spec.type_name} {id_}"):
            admin = self.admin()
            object_id = id_
            if importing:
                found = spec.find(admin, inputs)
                if found is None:
                    raise KeycloakError(
                        f"no {spec.type_name} matches import id '{id_}' (format: {spec.import_id_format})"
                    )
                object_id = str(found["id"])
            rep = self._fetch(admin, inputs, object_id)
            if rep is None and not importing:
                inputs, rep = self._follow(admin, inputs, object_id)
            if rep is None:
                return ReadResult(None, {})  # gone: the engine plans to create it again
            declared = list(props.get(MANAGED) or []) if not importing else []
            outs = outputs_from(spec, inputs, object_id, rep, declared, every_field=importing)
        if importing:
            read_inputs = {n: outs[n] for n in importable(spec) if outs.get(n) is not None}
        else:
            read_inputs = {n: project(spec.by_name[n], props.get(n), outs.get(n)) for n in declared}
        return ReadResult(object_id, outs, read_inputs)

    # ------------------------------------------------------------ update
    def update(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        spec = self.spec
        inputs = _inputs(news)
        with errors.reported(f"updating {spec.type_name} {label(spec, inputs)}", _realm_of(spec, inputs)):
            admin = self.admin()
            declared = _declared(spec, news)
            to_send = {n: inputs[n] for n in declared if not owned_equal(spec.by_name[n], inputs.get(n), olds.get(n))}
            rep = spec.update_representation(to_send)
            written: dict[str, Any] | None = None  # what a plain update PUT, when it tells the outputs
            moved = spec.location(olds) != spec.location(inputs)
            if moved:  # a renamed realm or client, or a genuine move (refused: Keycloak cannot move objects)
                path = spec.update_path(admin, inputs, id_)
                current = admin.get_or_none(path)
                problem = spec.move_problem(admin, olds, inputs, id_, current)
                if problem:
                    raise KeycloakError(problem)
                if rep:
                    admin.put(path, merge(current, rep))
            elif rep:
                path = spec.update_path(admin, olds, id_)
                written = merge(admin.get(path), rep)
                admin.put(path, written)
            spec.after_update(admin, olds, inputs, id_)
            known = written if written is not None and written_tells_outcome(spec, to_send, rep) else None
            outs = self._outputs(admin, inputs, id_, known)
            refuse_silent_change(spec, to_send, outs)  # only what was written now
        return UpdateResult(outs)

    # ------------------------------------------------------------ delete
    def delete(self, id_: str, props: dict[str, Any]) -> None:
        spec = self.spec
        with errors.reported(f"deleting {spec.type_name} {label(spec, props)}"):
            admin = self.admin()
            spec.release(admin, _inputs(props), id_)

    def _follow(
        self, admin: KeycloakAdmin, inputs: dict[str, Any], object_id: str
    ) -> tuple[dict[str, Any], dict[str, Any] | None]:
        """An object gone from its place may be in a renamed realm: look there (by its id)."""
        candidates = self.spec.relocations(admin, inputs, object_id)
        old = inputs.get("realm")
        renamed = _RENAMED_REALMS.get((id(admin), old))
        candidates.sort(key=lambda c: c.get("realm") != renamed)  # a rename found before: try it first
        for candidate in candidates:
            rep = self._fetch(admin, candidate, object_id)
            if rep is not None:
                _RENAMED_REALMS[(id(admin), old)] = candidate.get("realm")
                return candidate, rep
        return inputs, None

    # ----------------------------------------------------------- outputs
    def _fetch(self, admin: KeycloakAdmin, inputs: Mapping[str, Any], object_id: str) -> dict[str, Any] | None:
        rep = admin.get_or_none(self.spec.item_path(admin, inputs, object_id))
        if rep is not None:
            self._complete(admin, inputs, object_id, rep)
        return rep  # type: ignore[no-any-return]

    def _complete(self, admin: KeycloakAdmin, inputs: Mapping[str, Any], object_id: str, rep: dict[str, Any]) -> None:
        """Make a representation (fetched, or just written) ready for the outputs."""
        if self.spec.owner_mark is not None:
            self.spec.owner_mark.hide(rep)  # never an output, so never in a diff
        self.spec.read_extra(admin, inputs, object_id, rep)

    def _outputs(
        self, admin: KeycloakAdmin, inputs: Mapping[str, Any], object_id: str, known: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        """Outputs from a GET of the object, or from ``known`` (what was just read or written) without one."""
        if known is not None:
            known = copy.deepcopy(known)  # what was sent or answered stays as it was
            self._complete(admin, inputs, object_id, known)
        rep = known if known is not None else self._fetch(admin, inputs, object_id)
        if rep is None:
            raise KeycloakError(f"{self.spec.type_name} {object_id} vanished right after it was written")
        return outputs_from(self.spec, inputs, object_id, rep, _declared(self.spec, inputs))


#: Realm renames found by ``refresh`` in this process: (admin, old name) → new name.
_RENAMED_REALMS: dict[tuple[int, Any], Any] = {}


def _as_str(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return json.dumps(value)
    return str(value)


def _realm_of(spec: ObjectSpec, inputs: Mapping[str, Any]) -> str | None:
    """The realm an object lives in (for the advice when it does not exist); None for a Realm."""
    return None if spec.type_name == "Realm" else str(inputs.get("realm") or "master")


def _inputs(props: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in props.items() if not k.startswith("__")}


def _declared(spec: ObjectSpec, news: Mapping[str, Any]) -> list[str]:
    return [n for n, v in news.items() if n in spec.by_name and v is not None and not spec.by_name[n].deprecated]
