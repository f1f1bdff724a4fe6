"""Export a live realm as a Pulumi Python program that adopts it (``python -m pulumi_keycloak_dynamic export``)."""

from .cli import ExportError, export_realm, main
from .collect import collect, exportable_specs
from .model import RealmExport

__all__ = ["ExportError", "RealmExport", "collect", "export_realm", "exportable_specs", "main"]
