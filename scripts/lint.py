"""Lint: ruff over every Python tree, mypy strict over the package and the policy pack, mypy
strict over each example program (each is its own ``__main__``, so each is checked alone), and the
docs check (:mod:`scripts.docs_check`: conflict markers, broken relative links, claims the code holds).

    python -m scripts.lint        # what `make lint` runs (and the test command's first steps)
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUFF_TREES = ["provider", "policy", "tests", "scripts", "examples", "bench"]


def commands(python: str) -> list[tuple[str, list[str]]]:
    """(title, command) of every lint step."""
    steps = [
        ("lint: ruff", [python, "-m", "ruff", "check", *RUFF_TREES]),
        ("lint: mypy (package, policy pack)", [python, "-m", "mypy"]),
    ]
    examples = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "examples").glob("*/__main__.py"))
    steps += [(f"lint: mypy {path}", [python, "-m", "mypy", "--no-error-summary", path]) for path in examples]
    steps.append(("lint: docs (conflict markers, links, claims)", [python, "-m", "scripts.docs_check"]))
    return steps


def main() -> int:
    failed = []
    for title, cmd in commands(sys.executable):
        if subprocess.call(cmd, cwd=ROOT) != 0:
            failed.append(title)
    print("lint: " + (f"FAILED: {'; '.join(failed)}" if failed else "clean"))
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
