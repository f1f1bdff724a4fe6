"""The declarative description of one Keycloak object, plus the few behaviours truly its own.

A subclass of :class:`ObjectSpec` names its fields, its key fields and its REST path (a template
of ``api/``); the generic engine (:mod:`.provider`) does check, diff, create, read, update and
delete from that. What follows from those facts is derived here once: the natural key, the import
id's parsing, the collection and item paths, and finding an object by its key. Hooks
(``after_create``, ``after_update``, ``read_extra``) hold what is specific to one object: a
client's default roles, a role's composites.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from ..api import KeycloakAdmin, KeycloakError, quote_segment
from ..api.paths import fill, placeholders
from ..api.realms import list_realms
from .fields import Field, snake
from .ownership import OwnerMark

Inputs = Mapping[str, Any]


class ObjectSpec:
    """Describes one kind of Keycloak object. Subclasses set the class attributes."""

    #: Resource type name, as in the type token ``pulumi-python:dynamic/keycloak:<type_name>``.
    type_name: ClassVar[str]
    #: Every input, in the order documented.
    fields: ClassVar[tuple[Field, ...]]
    #: Output holding Keycloak's own id of the object.
    id_output: ClassVar[str]
    #: What ``id_output`` holds (documentation).
    id_doc: ClassVar[str] = "Keycloak's internal id of the object (the Pulumi id)."
    #: Inputs that must be given.
    required: ClassVar[tuple[str, ...]] = ()
    #: How to write an id for ``ResourceOptions(import_=...)``: the key fields joined by ``/``, a key
    #: field that is not required may be left out (a client's realm: then its Field's default).
    import_id_format: ClassVar[str] = ""
    #: The REST path of the kind's collection (where a create POSTs): a template of ``api/`` whose
    #: ``{input}`` placeholders the inputs fill (``clients.CLIENTS``). None: ``collection_path`` is the spec's own.
    path: ClassVar[str | None] = None
    #: The REST path of one object, ``{id}`` its id: ``path`` + ``/{id}`` unless given.
    item: ClassVar[str | None] = None
    #: Outputs that are not inputs (besides ``id_output`` and the engine's own), for the generated classes.
    outputs: ClassVar[tuple[Field, ...]] = ()
    #: One line saying what the resource is (first line of the generated class docstring).
    summary: ClassVar[str] = ""
    #: What a user should know beyond the inputs (generated class docstring and reference page).
    description: ClassVar[str] = ""
    #: A short program using the resource (``import pulumi`` and the package are implied).
    example: ClassVar[str] = ""
    #: The natural key (:meth:`natural_key`): two resources of one program that agree on them
    #: would manage one Keycloak object, and the second is refused. The import id names them too.
    key_fields: ClassVar[tuple[str, ...]] = ()
    #: The output another resource's input takes when given this resource (``role.name``).
    reference_output: ClassVar[str] = "name"
    #: Inputs that say where the object lives (its realm, a role's client). A change of one is an
    #: update in place when the object with this id is found at the new place (the realm or the
    #: client was renamed), and refused with the way to move otherwise (see :meth:`move_problem`).
    location_fields: ClassVar[tuple[str, ...]] = ()
    #: input → (input of the referenced resource, hidden input): when ``input`` is given a resource,
    #: that resource's declared value (if plain) is passed as the hidden input, for ``check()``.
    reference_hints: ClassVar[dict[str, tuple[str, str]]] = {}
    #: Where this kind carries the owner marker that lets an interrupted create be taken back on
    #: the next ``up`` (see :mod:`.ownership`); None: not marked, a leftover needs ``import_``.
    owner_mark: ClassVar[OwnerMark | None] = None
    #: True for a resource over an object Keycloak makes itself (a client's service-account user,
    #: a realm's ``default-roles-<realm>``): create takes it over (``find`` must find it) and
    #: delete only gives back what the resource owned (:meth:`release`).
    existing_only: ClassVar[bool] = False

    def __init__(self) -> None:
        self.by_name: dict[str, Field] = {f.name: f for f in self.fields}

    # -------------------------------------------------------------- paths
    def key_value(self, inputs: Inputs, name: str) -> Any:
        """An input of the key or a path: a value not given is its Field's default (a client's realm
        is ``master``), else None."""
        value = inputs.get(name)
        field = self.by_name.get(name)
        return field.default if not value and field is not None and field.default else value

    def path_of(self, template: str, inputs: Inputs, **given: str) -> str:
        """A path template of ``api/`` filled from the inputs (and ``given``)."""
        values = {n: self.key_value(inputs, n) for n in placeholders(template) if n not in given}
        return fill(template, **values, **given)

    def collection_path(self, admin: KeycloakAdmin, inputs: Inputs) -> str:
        if self.path is None:
            raise NotImplementedError(f"{self.type_name} has no path")
        return self.path_of(self.path, inputs)

    def item_path(self, admin: KeycloakAdmin, inputs: Inputs, object_id: str) -> str:
        if self.item is None and self.path is None:
            return f"{self.collection_path(admin, inputs)}/{quote_segment(object_id)}"
        return self.path_of(self.item or f"{self.path}/{{id}}", inputs, id=object_id)

    # ------------------------------------------------------------ lookups
    def find(self, admin: KeycloakAdmin, inputs: Inputs) -> dict[str, Any] | None:
        """The existing object with the same natural key, or None: a GET of its path when the path
        names it (a realm; an identity provider, whose id is its alias), else the one of the
        collection's listing whose key fields (those the path does not hold) are the inputs'."""
        template = self.item or f"{self.path}/{{id}}"
        if "id" not in placeholders(template) or self.id_output in self.by_name:
            object_id = str(inputs.get(self.id_output) or "")
            found = admin.get_or_none(self.item_path(admin, inputs, object_id))
            if not isinstance(found, dict):
                return None
            return {**found, "id": found[self.by_name[self.id_output].api_name]} if object_id else found
        fields = [self.by_name[n] for n in self.key_fields if n not in placeholders(self.path or "")]
        listing = admin.get(self.collection_path(admin, inputs)) or []
        return next((o for o in listing if all(o.get(f.api_name) == inputs.get(f.name) for f in fields)), None)

    def natural_key(self, inputs: Inputs) -> tuple[Any, ...]:
        """The values of ``key_fields`` (a value not given: its Field's default, else None)."""
        return tuple(self.key_value(inputs, n) for n in self.key_fields)

    def location(self, inputs: Inputs) -> tuple[Any, ...]:
        """Where the object lives, e.g. ``("acme",)`` (the values of ``location_fields``)."""
        return tuple(self.key_value(inputs, n) for n in self.location_fields)

    def move_problem(
        self, admin: KeycloakAdmin, olds: Inputs, news: Inputs, object_id: str, current: dict[str, Any] | None
    ) -> str | None:
        """Why the object cannot be at its new location, or None. ``current`` is what a GET of the
        object with this id at the new location answered (None: 404, so it is not there)."""
        if current is not None:
            return None
        old, new = self.key_value(olds, "realm"), self.key_value(news, "realm")
        return (
            f"{self.type_name} {object_id} is not in realm '{new}': realm '{old}' was not renamed to '{new}', and "
            f"Keycloak cannot move a {self.type_name} between realms. If '{new}' is the new name of '{old}', pass "
            f"the Realm resource (realm=<Realm>) so the rename runs first; to move it, give this resource a new "
            f"name in the program (Pulumi then creates it in '{new}' and deletes it from '{old}')"
        )

    def relocations(self, admin: KeycloakAdmin, inputs: Inputs, object_id: str) -> list[dict[str, Any]]:
        """Where else to look for an object that is gone from its place (``refresh``): if its realm
        is gone, the realm may have been renamed, so every other realm. The ids are unique."""
        if "realm" not in self.location_fields:
            return []
        old = self.key_value(inputs, "realm")
        names = [str(r.get("realm")) for r in list_realms(admin, brief=True)]
        if old in names:
            return []  # the realm is there: the object is really gone
        return [{**inputs, "realm": name} for name in names]

    def parse_import_id(self, import_id: str) -> dict[str, Any]:
        """Inputs that identify the object named by an import id: the key fields' values joined by
        ``/`` (the last one takes the rest); with fewer parts, the key fields that are not required
        are left out, first to last, and take their Field's default."""
        names = list(self.key_fields)
        parts = import_id.split("/", len(names) - 1)
        optional = [n for n in names if n not in self.required]
        while len(parts) < len(names) and optional:
            names.remove(optional.pop(0))
        if len(parts) != len(names) or not all(parts):
            words = snake(self.type_name[0].lower() + self.type_name[1:]).replace("_", " ")
            raise KeycloakError(f"{words} import id '{import_id}' must be {self.import_id_format}")
        named = dict(zip(names, parts, strict=True))
        defaults = {n: self.by_name[n].default for n in self.key_fields if n not in named and self.by_name[n].default}
        return {**defaults, **named}

    # ----------------------------------------------------------- checking
    def validate(self, inputs: Inputs) -> list[tuple[str, str]]:
        """Cross-field checks: (field, message) pairs. Values may be unknown during preview."""
        return []

    def warnings(self, inputs: Inputs) -> list[str]:
        """Messages about inputs that are accepted but ignored (shown when the program runs)."""
        return [self.by_name[n].deprecated for n in inputs if n in self.by_name and self.by_name[n].deprecated]

    def normalize(self, inputs: dict[str, Any]) -> dict[str, Any]:
        """Last touch on checked, canonical inputs (e.g. drop what Keycloak ignores)."""
        return inputs

    # -------------------------------------------------------------- hooks
    def representation(self, inputs: Inputs) -> dict[str, Any]:
        """Keycloak's representation of the declared inputs (engine-handled fields excluded)."""
        from .values import canonical

        rep: dict[str, Any] = {}
        for name, value in inputs.items():
            field = self.by_name.get(name)
            if field is None or field.api == "" or field.deprecated or not field.sent or value is None:
                continue
            rep[field.api_name] = canonical(field, value)
        return rep

    def create_representation(self, inputs: Inputs) -> dict[str, Any]:
        """What a create POSTs: by default the representation; more where Keycloak's create takes
        what otherwise costs requests of its own after it (a user's groups and password)."""
        return self.representation(inputs)

    def update_representation(self, inputs: Inputs) -> dict[str, Any]:
        """What an update PUTs (over the server's current representation): by default the same."""
        return self.representation(inputs)

    def id_from_location(self, admin: KeycloakAdmin, inputs: Inputs, location_id: str) -> str:
        """The object's id, given the last segment of the create answer's Location header."""
        return location_id

    def explain_create_error(self, admin: KeycloakAdmin, inputs: Inputs, error: Exception) -> str:
        """The one line reported when Keycloak refuses the create (e.g. with what the server offers)."""
        return str(error)

    def fetch_created(
        self, admin: KeycloakAdmin, inputs: Inputs, location_id: str
    ) -> tuple[str, dict[str, Any] | None]:
        """The new object's id, and its representation when finding the id fetched it already.

        A representation returned here saves the GET that otherwise follows a create; return one
        only when ``after_create`` changes nothing it shows.
        """
        return self.id_from_location(admin, inputs, location_id), None

    def after_create(self, admin: KeycloakAdmin, inputs: Inputs, object_id: str) -> None:
        """Sub-resources written after the object exists (composites, default roles)."""

    def after_update(self, admin: KeycloakAdmin, olds: Inputs, news: Inputs, object_id: str) -> None:
        """Sub-resources brought in line after an update."""

    def read_extra(self, admin: KeycloakAdmin, inputs: Inputs, object_id: str, rep: dict[str, Any]) -> None:
        """Add to ``rep`` what the object's GET does not return (composites, secrets)."""

    def written_problem(self, inputs: Inputs, outputs: Inputs) -> str | None:
        """After a create or update: why the stored object cannot match the inputs (Keycloak
        changed or dropped a value without an error), or None. A create is then undone."""
        return None

    def make_existing(self, admin: KeycloakAdmin, inputs: Inputs) -> bool:
        """For an ``existing_only`` kind whose object ``find`` did not find: ask Keycloak to make it
        (register a required action the realm has not registered yet); False: it cannot be."""
        return False

    def missing_message(self, inputs: Inputs) -> str:
        """Why ``find`` found nothing for an ``existing_only`` resource, and what to do."""
        return f"{self.type_name}: the object it manages does not exist"

    def release(self, admin: KeycloakAdmin, inputs: Inputs, object_id: str) -> None:
        """Delete: by default the object itself; ``existing_only`` specs undo what they own."""
        admin.delete(self.item_path(admin, inputs, object_id))

    def update_path(self, admin: KeycloakAdmin, olds: Inputs, object_id: str) -> str:
        return self.item_path(admin, olds, object_id)

    def engine_fields(self) -> tuple[str, ...]:
        """Inputs handled outside the representation (api == '')."""
        return tuple(f.name for f in self.fields if f.api == "")

    # ------------------------------------------------------------- export
    #: Map keys Keycloak writes by itself (timestamps of generated secrets): never exported.
    server_generated_keys: ClassVar[tuple[str, ...]] = ()
    #: What a new realm holds of this kind are Keycloak's built-ins, left out of an export unless
    #: asked for (a new realm's clients, roles, client scopes). False: what a new realm holds is
    #: exported like the rest, with the fields that differ from the new realm's (the realm itself).
    new_realm_builtins: ClassVar[bool] = True
    #: An object none of whose fields differs from Keycloak's defaults is exported all the same
    #: (False: it is left out, as a built-in, unless built-ins are asked for).
    export_unchanged: ClassVar[bool] = True
    #: The exported resource is ``protect=True`` (a realm: deleting it deletes everything in it).
    export_protect: ClassVar[bool] = False

    def list_in_realm(self, admin: KeycloakAdmin, realm: str) -> list[tuple[dict[str, Any], dict[str, Any]]]:
        """Every object of this kind in ``realm``, for the exporter: pairs of (the inputs that are
        always written, e.g. the natural key; the representation, with what ``read_extra`` adds under
        the fields' Keycloak names). By default the listing of ``path`` with the required inputs; a
        placeholder of ``path`` besides the realm names an object of the kind its input ``refers_to``
        (a mapper's identity provider), and each of those is listed. No ``path``: not exported."""
        if self.path is None:
            raise NotImplementedError(f"{self.type_name} is not exported")
        from .registry import spec_for  # the registry holds specs

        keys: list[dict[str, Any]] = [{"realm": realm}]
        for name in [n for n in placeholders(self.path) if n != "realm"]:
            parent = spec_for(self.by_name[name].refers_to)
            keys = [{**key, name: inputs[parent.reference_output]} for key in keys
                    for inputs, _ in parent.list_in_realm(admin, realm)]
        return [({**key, **{n: rep.get(self.by_name[n].api_name) for n in self.required if n not in key}}, rep)
                for key in keys for rep in admin.get(self.collection_path(admin, key)) or []]

    def is_builtin(self, inputs: Inputs, rep: dict[str, Any]) -> bool:
        """Made by Keycloak for every realm (left out of an export unless asked for)."""
        return False

    def scratch_body(self, rep: dict[str, Any]) -> dict[str, Any] | None:
        """The smallest create body of an object like ``rep``: the exporter creates it in a scratch
        realm and takes what Keycloak returns as this kind's defaults. None: no defaults (every
        field Keycloak returns is exported)."""
        return None

    def scratch_object(self, admin: KeycloakAdmin, realm: str, body: dict[str, Any]) -> dict[str, Any]:
        """What Keycloak makes of ``body`` (:meth:`scratch_body`) in the exporter's scratch realm
        ``realm``: by default created there and read back."""
        inputs = {"realm": realm}
        location = admin.create(self.collection_path(admin, inputs), body, lambda: None)
        object_id = self.id_from_location(admin, inputs, location)
        found: dict[str, Any] = admin.get(self.item_path(admin, inputs, object_id)) or {}
        return found

    def export_value(self, name: str, value: Any, rep: dict[str, Any]) -> Any:
        """The value of input ``name`` of the object ``rep`` as the exporter writes it (None: leave
        it out), e.g. without what Keycloak ignores."""
        return value

    def export_import_id(self, key: tuple[Any, ...]) -> str:
        """The import id the exporter writes for the object with natural key ``key`` (``import_id_format``)."""
        return "/".join(str(v) for v in key if v is not None)

    def prerequisites(self, inputs: Inputs) -> list[tuple[str, tuple[Any, ...]]]:
        """Objects (type name, natural key) that must exist before this one (a role's composites)."""
        return []
