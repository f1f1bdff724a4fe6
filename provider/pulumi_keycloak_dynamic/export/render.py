"""Write an export as a Pulumi Python project: Pulumi.yaml, requirements.txt, __main__.py, README.md.

The files depend only on the realm (no dates, ids or secrets), so exporting an unchanged realm
again gives the same files, and a diff of two exports shows what changed in Keycloak.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from .model import ExportedResource, RealmExport, Ref, SecretInput

WIDTH = 100
INDENT = "    "


def code(value: Any, indent: str = "") -> str:
    """``value`` as Python source: literals, ``<var>.<attr>`` references, ``config.require_secret``."""
    if isinstance(value, Ref):
        return f"{value.var}.{value.attr}"
    if isinstance(value, SecretInput):
        return f'config.require_secret("{value.key}")'
    if isinstance(value, (list, tuple)):
        items = [code(v, indent + INDENT) for v in value]
        one_line = "[" + ", ".join(items) + "]"
        if len(one_line) + len(indent) <= WIDTH and "\n" not in one_line:
            return one_line
        return "[\n" + "".join(f"{indent}{INDENT}{item},\n" for item in items) + indent + "]"
    if isinstance(value, dict):
        items = [f"{code(k)}: {code(v, indent + INDENT)}" for k, v in value.items()]
        one_line = "{" + ", ".join(items) + "}"
        if len(one_line) + len(indent) <= WIDTH and "\n" not in one_line:
            return one_line
        return "{\n" + "".join(f"{indent}{INDENT}{item},\n" for item in items) + indent + "}"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a valid Python string literal, in double quotes
    return repr(value)


def resource_code(resource: ExportedResource, protect: bool) -> str:
    kind = resource.type_name
    lines = [f"{resource.var} = {kind}(", f"{INDENT}{code(resource.name)},", f"{INDENT}{kind}Args("]
    for name, value in resource.inputs.items():
        lines.append(f"{INDENT * 2}{name}={code(value, INDENT * 2)},")
    lines.append(f"{INDENT}),")
    options = [f"import_={code(resource.import_id)}"]
    if resource.depends_on:
        options.append(f"depends_on=[{', '.join(resource.depends_on)}]")
    if protect:
        options.append("protect=True")
    opts = f"{INDENT}opts=ResourceOptions({', '.join(options)}),"
    if len(opts) > WIDTH:
        opts = f"{INDENT}opts=ResourceOptions(\n" + "".join(f"{INDENT * 2}{o},\n" for o in options) + f"{INDENT}),"
    lines.append(opts)
    lines.append(")")
    return "\n".join(lines)


def builtin_note(export: RealmExport) -> str:
    if export.include_builtin:
        return "Built-in objects that Keycloak makes in every realm are included (--include-builtin)."
    counts = ", ".join(f"{n} {kind}" for kind, n in sorted(export.skipped_builtin.items())) or "none found"
    return (
        "Built-in objects that Keycloak makes in every realm (clients account, account-console, admin-cli, "
        "broker, realm-management, security-admin-console and their roles; roles offline_access, "
        f"uma_authorization, default-roles-{export.realm}; the client scopes of a new realm) are left out: "
        f"{counts}. "
        "Export with --include-builtin to manage them too."
    )


def main_py(export: RealmExport) -> str:
    kinds = sorted({r.type_name for r in export.resources})
    counts = Counter(r.type_name for r in export.resources)
    names = ", ".join(f"{k}, {k}Args" for k in kinds)
    doc = [
        f'"""Pulumi program that adopts the Keycloak realm {export.realm!r}.',
        "",
        "Written by `python -m pulumi_keycloak_dynamic export`. Every resource adopts the object that",
        "exists (ResourceOptions(import_=...)): the first `pulumi up` changes nothing in Keycloak. Only",
        "fields that differ from Keycloak's defaults are declared; what is not declared is not managed.",
        "Secrets come from stack config (see README.md for the `pulumi config set --secret` lines).",
        '"""',
    ]
    out = ["\n".join(doc), "", "import pulumi", "from pulumi import ResourceOptions", "",
           f"from pulumi_keycloak_dynamic import {names}", ""]
    if export.secrets:
        out += ["config = pulumi.Config()", ""]
    out += [_comment(builtin_note(export)), _comment(export.defaults_note)]
    current = ""
    for resource in export.resources:
        if resource.type_name != current:
            current = resource.type_name
            out += ["", f"# {'-' * 20} {current} ({counts[current]})"]
        out += [resource_code(resource, protect=resource.protect), ""]
    return "\n".join(out).rstrip() + "\n"


def _comment(text: str) -> str:
    words, lines, line = text.split(), [], "#"
    for word in words:
        if len(line) + 1 + len(word) > WIDTH:
            lines.append(line)
            line = "#"
        line += " " + word
    lines.append(line)
    return "\n".join(lines)


def pulumi_yaml(project: str, realm: str, virtualenv: str) -> str:
    return (
        f"name: {project}\n"
        f"description: Keycloak realm {realm} under Pulumi (written by pulumi_keycloak_dynamic export)\n"
        "runtime:\n  name: python\n  options:\n    toolchain: pip\n"
        f"    virtualenv: {virtualenv}\n"
    )


REQUIREMENTS = "pulumi>=3.259,<4\npulumi-keycloak-dynamic>=0.1\n"


def readme(export: RealmExport, project: str) -> str:
    counts = Counter(r.type_name for r in export.resources)
    summary = ", ".join(f"{n} {kind}" for kind, n in counts.items())
    lines = [
        f"# {project}: the Keycloak realm `{export.realm}` as a Pulumi program",
        "",
        f"`__main__.py` declares {len(export.resources)} resources ({summary}), each adopting the object",
        "that exists in Keycloak (`ResourceOptions(import_=...)`). The first `pulumi up` shows them as",
        "*create* (dynamic providers cannot import: pulumi/pulumi#16175) but writes nothing to Keycloak;",
        "from then on a second `up` and `refresh` report no changes.",
        "",
        "## Run it",
        "",
        "```sh",
        "python -m venv venv && venv/bin/pip install -r requirements.txt",
        "pulumi stack init dev",
        "pulumi config set keycloak:url https://sso.example.com      # or KEYCLOAK_URL",
        "pulumi config set keycloak:username admin                    # or KEYCLOAK_USER",
        "pulumi config set --secret keycloak:password ...             # or KEYCLOAK_PASSWORD",
    ]
    for secret in export.secrets:
        lines.append(f"pulumi config set --secret {secret.key} '...'   # {secret.what}")
    lines += ["pulumi up", "```", ""]
    if export.secrets:
        lines += [
            "The secrets are not in these files: set each one above with its value from Keycloak (a client's",
            "secret is on its *Credentials* tab; Keycloak never shows an SMTP password or an identity",
            "provider's secret, so give the value you know — it is taken as it is, and changing it later",
            "updates Keycloak).",
            "",
        ]
    lines += [
        "## What is in it, and what is not",
        "",
        f"- {builtin_note(export)}",
        f"- {export.defaults_note}",
        f"- Kinds exported: {', '.join(export.kinds)}. The realm is `protect=True`.",
        "- Removing a resource from `__main__.py` deletes that object from Keycloak on the next `up`",
        "  (Pulumi's usual lifecycle). To stop managing an object but keep it, first",
        "  `pulumi state delete <urn>` (see `pulumi stack --show-urns`), then remove it from the program.",
        "  Deleting a field from a resource stops managing that field: Keycloak keeps its value.",
    ]
    return "\n".join(lines) + "\n"


def write_project(export: RealmExport, out: Path, project: str, virtualenv: str = "venv") -> list[Path]:
    """Write the four files into ``out`` (which must exist); return their paths."""
    files = {
        "Pulumi.yaml": pulumi_yaml(project, export.realm, virtualenv),
        "requirements.txt": REQUIREMENTS,
        "__main__.py": main_py(export),
        "README.md": readme(export, project),
    }
    written = []
    for name, text in files.items():
        path = out / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
