"""Make a real ``pulumi`` CLI available, offline.

A user who already has Pulumi's CLI on PATH keeps it. Otherwise the CLI is built from Go modules
(through the Go toolchain's default module proxy) into a cache outside the repository, once, and
reused. The Python language host, the dynamic-provider host and the policy-pack booter are small
helpers of ours (``scripts/pulumi_helpers/``) copied next to it.

    python -m scripts.pulumi_toolchain      # prints the directory to put on PATH

Environment also set up for every run (see ``offline_env``): a local file backend, passphrase
secrets, an isolated PULUMI_HOME, no update check and no plugin downloads.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from scripts import locks
from scripts.keycloak_server import cache_dir

PULUMI_VERSION = "3.259.0"
PULUMI_MODULE = "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
HELPERS = Path(__file__).resolve().parent / "pulumi_helpers"
HELPER_NAMES = (
    "pulumi-language-python.py",  # before its launcher, which runs it
    "pulumi-language-python",
    "pulumi-language-python-exec",
    "pulumi-resource-pulumi-python",
    "pulumi-analyzer-policy-python",
)


def _step(what: str, cmd: list[str], work: Path, env: dict[str, str]) -> None:
    """Run one build step, saying what it is and how long it took (on stderr: stdout is the result)."""
    print(f"[pulumi] {what} ...", file=sys.stderr, flush=True)
    started = time.monotonic()
    subprocess.run(cmd, cwd=work, check=True, env=env, stdout=sys.stderr)
    print(f"[pulumi] {what}: done in {time.monotonic() - started:.0f}s", file=sys.stderr, flush=True)


def _build_cli(bin_dir: Path) -> None:
    if shutil.which("go") is None:
        raise SystemExit("pulumi is not on PATH and Go is not installed to build it: install either")
    work = cache_dir() / "pulumi-build"
    work.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, CGO_ENABLED="0", GOFLAGS="-mod=mod")
    started = time.monotonic()
    print(
        f"[pulumi] no pulumi CLI on PATH: building v{PULUMI_VERSION} from Go modules into {bin_dir} "
        "(once; a few hundred MB of modules and several minutes of compiling on 2 cores)",
        file=sys.stderr, flush=True,
    )
    if not (work / "go.mod").exists():
        subprocess.run(["go", "mod", "init", "pulumibuild"], cwd=work, check=True, env=env, capture_output=True)
    _step("step 1/2: go get (downloads the modules)", ["go", "get", "-tool", f"{PULUMI_MODULE}@v{PULUMI_VERSION}"],
          work, env)
    ldflags = f"-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v{PULUMI_VERSION}"
    tmp = bin_dir / "pulumi.partial"
    _step("step 2/2: go build (compiles the CLI)",
          ["go", "build", "-trimpath", "-ldflags", ldflags, "-o", str(tmp), PULUMI_MODULE], work, env)
    tmp.rename(bin_dir / "pulumi")
    print(f"[pulumi] built in {time.monotonic() - started:.0f}s; cached for every later run", file=sys.stderr,
          flush=True)


def _install_file(target: Path, content: bytes) -> None:
    """Write ``target`` (executable) unless it holds ``content``; atomically, as other checkouts share it."""
    if target.exists() and target.read_bytes() == content:
        return
    partial = target.with_name(f".{target.name}.{os.getpid()}")
    partial.write_bytes(content)
    partial.chmod(0o755)
    partial.replace(target)


def ensure() -> Path:
    """Return a directory holding ``pulumi`` and our helpers; build the CLI if needed."""
    bin_dir = cache_dir() / f"pulumi-v{PULUMI_VERSION}" / "bin"
    bin_dir.mkdir(parents=True, exist_ok=True)
    for name in HELPER_NAMES:
        _install_file(bin_dir / name, (HELPERS / name).read_bytes())
    # The language host's launcher falls back to this interpreter (it has grpc and pulumi).
    _install_file(bin_dir / "host-python", sys.executable.encode())
    on_path = shutil.which("pulumi")
    if on_path and Path(on_path).resolve().parent != bin_dir.resolve():
        return bin_dir  # the user's own CLI stays first on PATH; our helpers only fill gaps
    if not (bin_dir / "pulumi").exists():
        with locks.exclusive(bin_dir.parent / ".build.lock", f"building pulumi v{PULUMI_VERSION}"):
            if not (bin_dir / "pulumi").exists():  # the run we waited for may have built it
                _build_cli(bin_dir)
    return bin_dir


def offline_env(state_dir: Path, base: dict[str, str] | None = None) -> dict[str, str]:
    """Environment for running pulumi offline with its state under ``state_dir``."""
    env = dict(os.environ if base is None else base)
    bin_dir = ensure()
    user_cli = shutil.which("pulumi", path=env.get("PATH"))
    if user_cli and Path(user_cli).resolve().parent != bin_dir.resolve():
        env["PATH"] = env.get("PATH", "") + os.pathsep + str(bin_dir)
    else:
        env["PATH"] = str(bin_dir) + os.pathsep + env.get("PATH", "")
    venv_bin = str(Path(sys.executable).parent)
    env["PATH"] = venv_bin + os.pathsep + env["PATH"]
    env.setdefault("PULUMI_PYTHON_CMD", sys.executable)
    (state_dir / "backend").mkdir(parents=True, exist_ok=True)
    (state_dir / "home").mkdir(parents=True, exist_ok=True)
    env.update(
        PULUMI_BACKEND_URL=f"file://{state_dir / 'backend'}",
        PULUMI_HOME=str(state_dir / "home"),
        PULUMI_SKIP_UPDATE_CHECK="true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION="true",
        PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK="true",
    )
    env.setdefault("PULUMI_CONFIG_PASSPHRASE", "local-passphrase-for-tests")
    return env


def cli_version(env: dict[str, str]) -> str:
    return subprocess.run(["pulumi", "version"], env=env, capture_output=True, text=True).stdout.strip()


if __name__ == "__main__":
    print(ensure())
