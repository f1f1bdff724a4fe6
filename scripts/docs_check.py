"""Docs that cannot rot: a lint step (``make lint``) that fails on

* merge-conflict markers (``<<<<<<< ``, ``=======``, ``>>>>>>> ``) in any tracked file (README.md
  once carried three unresolved blocks through twelve commits);
* relative links in tracked Markdown files to files that do not exist;
* claims a test can hold that disagree with the code: the kinds the export covers and the kinds
  that carry the owner marker, each written between ``<!-- name -->`` and ``<!-- /name -->`` in
  the docs and compared with the specs. (Defaults: the reference pages are generated from the
  specs, and ``tests/unit/test_documented_defaults.py`` holds them to what the provider sends.)

    python -m scripts.docs_check      # prints each problem as path:line: message; exit 1 if any
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_MARKER = re.compile(r"^(<{7}|>{7})( |$)")
_LINK = re.compile(r"(?<!!)\[[^\]\n]*\]\(([^()\s]+)\)|!\[[^\]\n]*\]\(([^()\s]+)\)")
_FENCE = re.compile(r"^\s*(```|~~~)")


def tracked_files(root: Path = ROOT) -> list[Path]:
    out = subprocess.run(["git", "ls-files", "-z"], cwd=root, capture_output=True, check=True).stdout
    return [root / name for name in out.decode().split("\0") if name]


def conflict_markers(path: Path, text: str) -> list[tuple[int, str]]:
    """Lines that are merge-conflict markers; ``=======`` only between ``<<<<<<<`` and ``>>>>>>>``
    (reStructuredText tables and Markdown headings use runs of ``=`` too)."""
    found, inside = [], False
    for number, line in enumerate(text.splitlines(), 1):
        if _MARKER.match(line):
            inside = line.startswith("<")
            found.append((number, f"merge-conflict marker {line[:7]!r}: resolve the conflict"))
        elif inside and line.rstrip() == "=" * 7:
            found.append((number, "merge-conflict marker '=======': resolve the conflict"))
    return found


def broken_links(path: Path, text: str, root: Path = ROOT) -> list[tuple[int, str]]:
    """Relative links (``[text](target)``, outside code) whose file does not exist."""
    found, fenced = [], False
    for number, line in enumerate(text.splitlines(), 1):
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if fenced:
            continue
        for match in _LINK.finditer(re.sub(r"`[^`]*`", "", line)):
            target = (match.group(1) or match.group(2)).split("#", 1)[0]
            if not target or re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I):
                continue  # an anchor in this file, or a URL (https:, mailto:, ...)
            resolved = (root / target.lstrip("/")) if target.startswith("/") else (path.parent / target)
            if not resolved.exists():
                found.append((number, f"link to {target!r}: no such file"))
    return found


def marked(text: str, name: str) -> str | None:
    """The text between ``<!-- name -->`` and ``<!-- /name -->``, or None."""
    found = re.search(rf"<!-- {re.escape(name)} -->(.*?)<!-- /{re.escape(name)} -->", text, re.S)
    return found.group(1) if found else None


def kinds_named(text: str, kinds: Iterable[str]) -> set[str]:
    return {k for k in kinds if re.search(rf"\b{re.escape(k)}\b", text)}


def _export_kinds() -> set[str]:
    from pulumi_keycloak_dynamic.export.collect import exportable_specs

    return {s.type_name for s in exportable_specs()}


def _owner_marker_kinds() -> set[str]:
    import pulumi_keycloak_dynamic  # noqa: F401  (registers every spec)
    from pulumi_keycloak_dynamic.engine import registered_specs

    return {s.type_name for s in registered_specs() if s.owner_mark is not None}


def _all_kinds() -> set[str]:
    import pulumi_keycloak_dynamic  # noqa: F401
    from pulumi_keycloak_dynamic.engine import registered_specs

    return {s.type_name for s in registered_specs()}


#: (doc, marked name, what the code says, what the claim is about)
CLAIMS: list[tuple[str, str, Callable[[], set[str]], str]] = [
    ("docs/export.md", "export-kinds", _export_kinds, "the kinds the export covers"),
    ("docs/resources.md", "owner-marker-kinds", _owner_marker_kinds, "the kinds with an owner marker"),
]


def claim_problems(root: Path = ROOT) -> list[str]:
    problems = []
    kinds = _all_kinds()
    for doc, name, truth, about in CLAIMS:
        text = marked((root / doc).read_text(), name)
        if text is None:
            problems.append(f"{doc}: no <!-- {name} --> ... <!-- /{name} --> block ({about})")
            continue
        said, real = kinds_named(text, kinds), truth()
        if said != real:
            extra, missing = sorted(said - real), sorted(real - said)
            problems.append(f"{doc}: {about} disagree with the code: "
                            + "; ".join(p for p in (extra and f"named but not so: {', '.join(extra)}",
                                                    missing and f"not named: {', '.join(missing)}") if p))
    return problems


def problems(root: Path = ROOT) -> list[str]:
    found = []
    for path in tracked_files(root):
        try:
            text = path.read_text()
        except (UnicodeDecodeError, FileNotFoundError, IsADirectoryError):
            continue  # binary, or deleted in the work tree
        rel = path.relative_to(root)
        issues = conflict_markers(path, text)
        if path.suffix == ".md":
            issues += broken_links(path, text, root)
        found += [f"{rel}:{number}: {message}" for number, message in issues]
    return found + claim_problems(root)


def main() -> int:
    found = problems()
    for problem in found:
        print(problem)
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
