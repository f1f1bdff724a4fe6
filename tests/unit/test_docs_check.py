"""The docs check of ``make lint`` (``scripts/docs_check.py``) finds what it promises, and the
repository passes it."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from scripts import docs_check, lint

OPEN, MIDDLE, CLOSE = "<" * 7, "=" * 7, ">" * 7  # never at the start of a line of this file


def repo(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run(["git", "add", "-A"], cwd=tmp_path, check=True)
    return tmp_path


def file_problems(root: Path) -> list[str]:
    found = []
    for path in docs_check.tracked_files(root):
        text = path.read_text()
        issues = docs_check.conflict_markers(path, text)
        if path.suffix == ".md":
            issues += docs_check.broken_links(path, text, root)
        found += [f"{path.relative_to(root)}:{n}: {m}" for n, m in issues]
    return found


def test_conflict_markers_in_any_tracked_file_are_found(tmp_path: Path) -> None:
    block = f"{OPEN} HEAD\nours\n{MIDDLE}\ntheirs\n{CLOSE} origin/main\n"
    root = repo(tmp_path, {"README.md": "# Title\n" + block, "src/x.py": "a = 1\n" + block,
                           "table.rst": f"{MIDDLE} ===\nname  value\n{MIDDLE} ===\n",
                           "heading.md": f"Title\n{MIDDLE}\n"})
    assert file_problems(root) == [
        f"README.md:2: merge-conflict marker '{OPEN}': resolve the conflict",
        "README.md:4: merge-conflict marker '=======': resolve the conflict",
        f"README.md:6: merge-conflict marker '{CLOSE}': resolve the conflict",
        f"src/x.py:2: merge-conflict marker '{OPEN}': resolve the conflict",
        "src/x.py:4: merge-conflict marker '=======': resolve the conflict",
        f"src/x.py:6: merge-conflict marker '{CLOSE}': resolve the conflict",
    ]


def test_relative_links_to_missing_files_are_found(tmp_path: Path) -> None:
    root = repo(tmp_path, {
        "docs/a.md": "[ok](b.md) [anchor](b.md#part) [here](#top) [web](https://example.com/x.md) "
                     "[up](../README.md) [gone](missing.md) ![img](pic.png)\n"
                     "`[code](nope.md)`\n```\n[fenced](nope.md)\n```\n",
        "docs/b.md": "b\n", "README.md": "[docs](docs/a.md) [old](docs/old.md#x)\n"})
    assert file_problems(root) == [
        "README.md:1: link to 'docs/old.md': no such file",
        "docs/a.md:1: link to 'missing.md': no such file",
        "docs/a.md:1: link to 'pic.png': no such file",
    ]


def test_a_claim_that_disagrees_with_the_code_is_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "docs").mkdir()
    claim = "covers <!-- export-kinds -->Realm, Client and Role<!-- /export-kinds -->"
    (tmp_path / "docs" / "export.md").write_text(claim)
    (tmp_path / "docs" / "resources.md").write_text("no block here")
    found = docs_check.claim_problems(tmp_path)
    assert found[0].startswith("docs/export.md: the kinds the export covers disagree with the code: not named: ")
    assert "ClientScope" in found[0] and "IdentityProviderMapper" in found[0]
    assert found[1] == ("docs/resources.md: no <!-- owner-marker-kinds --> ... <!-- /owner-marker-kinds --> block "
                        "(the kinds with an owner marker)")


def test_the_repository_passes_and_lint_runs_it() -> None:
    assert docs_check.problems() == []
    assert any(cmd[-1] == "scripts.docs_check" for _, cmd in lint.commands("python"))
