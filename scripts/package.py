"""``make package``: the wheel and the sdist a user installs, in ``dist/``, checked by twine.

Built from a copy of the sources (``python -m build --no-isolation``, with the dev virtualenv's
setuptools), so a build never writes into the checkout and two builds at once never share a
``build/`` directory; the files land in ``dist/`` by atomic renames, so a reader of a wheel that
is being replaced keeps reading the old one. Prints the wheel's path.

    python -m scripts.package            # dist/pulumi_keycloak_dynamic-<version>-py3-none-any.whl
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: What the sdist is made from (pyproject.toml and MANIFEST.in say what of it ships).
SOURCES = ("pyproject.toml", "MANIFEST.in", "README.md", "CHANGELOG.md", "provider", "policy")


def build(out: Path) -> tuple[Path, Path]:
    """Build into ``out``; returns (wheel, sdist), both passing ``twine check --strict``."""
    with tempfile.TemporaryDirectory(prefix="pkd-build-") as tmp:
        src = Path(tmp) / "src"
        ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", "*.pyc")
        for name in SOURCES:
            path = ROOT / name
            if path.is_dir():
                shutil.copytree(path, src / name, ignore=ignore)
            else:
                src.mkdir(exist_ok=True)
                shutil.copy2(path, src / name)
        built = Path(tmp) / "dist"
        subprocess.run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(built), str(src)],
                       check=True, stdout=subprocess.DEVNULL)
        subprocess.run([sys.executable, "-m", "twine", "check", "--strict", *map(str, built.iterdir())], check=True)
        out.mkdir(parents=True, exist_ok=True)
        files = []
        for made in sorted(built.iterdir()):
            partial = out / f".{made.name}.{os.getpid()}"
            shutil.copy2(made, partial)
            files.append(partial.replace(out / made.name))
    wheel = next(f for f in files if f.suffix == ".whl")
    sdist = next(f for f in files if f.name.endswith(".tar.gz"))
    return wheel, sdist


def main() -> int:
    wheel, sdist = build(ROOT / "dist")
    print(f"{wheel}\n{sdist}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
