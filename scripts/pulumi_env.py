"""A `pulumi` to type on a machine without Pulumi's own CLI: an env file, or a shell.

    make env      # writes .state/pulumi.env; then: source .state/pulumi.env
    make shell    # a shell with the same settings (exit to leave)

Either gives, whether or not a virtualenv is active:

* ``PATH`` with this checkout's ``.venv/bin`` first (its python has grpc and pulumi, which the
  language host needs), then the directory of the ``pulumi`` CLI and its Python helpers;
* ``PULUMI_PYTHON_CMD``, that same python;
* a local file backend under ``.state/pulumi/backend`` (no login, no account), shared with
  ``make demo``, so ``pulumi stack ls`` in this checkout lists the demo's stacks;
* ``PULUMI_CONFIG_PASSPHRASE`` (kept when already set; else ``local-passphrase``), no update
  check and no plugin downloads.
"""

from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path

from scripts import pulumi_toolchain

ROOT = Path(__file__).resolve().parents[1]
STATE = ROOT / ".state" / "pulumi"
ENV_FILE = ROOT / ".state" / "pulumi.env"
#: Passphrase of the local stacks made by `make demo` and used by `make env` / `make shell`.
PASSPHRASE = "local-passphrase"
_FIXED = (
    "PULUMI_BACKEND_URL",
    "PULUMI_HOME",
    "PULUMI_SKIP_UPDATE_CHECK",
    "PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION",
)


def local_env(base: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of this module's docstring, on top of ``base`` (default: ``os.environ``)."""
    env = dict(os.environ if base is None else base)
    passphrase = env.get("PULUMI_CONFIG_PASSPHRASE") or PASSPHRASE
    env = pulumi_toolchain.offline_env(STATE, env)
    env["PULUMI_CONFIG_PASSPHRASE"] = passphrase
    return env


def env_lines() -> list[str]:
    """``export`` lines for a POSIX shell; PATH is prepended to, not frozen."""
    env = local_env()
    venv_bin = str(Path(sys.executable).parent)
    bin_dir = str(pulumi_toolchain.ensure())
    own_cli = [p for p in env["PATH"].split(os.pathsep) if p not in (venv_bin, bin_dir)]
    path_parts = [venv_bin, bin_dir] if not _has_own_cli(own_cli) else [venv_bin]
    suffix = "" if path_parts[-1] == bin_dir else os.pathsep + bin_dir
    lines = [
        f"# pulumi-keycloak-dynamic: a local pulumi ({pulumi_toolchain.cli_version(env)}); see README",
        f'export PATH={shlex.quote(os.pathsep.join(path_parts))}:"$PATH"{suffix}',
        f"export PULUMI_PYTHON_CMD={shlex.quote(sys.executable)}",
    ]
    lines += [f"export {key}={shlex.quote(env[key])}" for key in _FIXED]
    lines.append(f'export PULUMI_CONFIG_PASSPHRASE="${{PULUMI_CONFIG_PASSPHRASE:-{PASSPHRASE}}}"')
    return lines


def _has_own_cli(path: list[str]) -> bool:
    return any((Path(p) / "pulumi").is_file() for p in path if p)


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "env"
    if command == "env":
        target = Path(argv[1]) if len(argv) > 1 else ENV_FILE
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("\n".join(env_lines()) + "\n")
        print(f"wrote {target}; now run:\n    source {target}\nthen `pulumi` works in any directory")
        return 0
    if command == "print":
        print("\n".join(env_lines()))
        return 0
    if command == "shell":
        env = local_env()
        shell = env.get("SHELL") or "/bin/sh"
        print(f"[pulumi] {pulumi_toolchain.cli_version(env)}, state in {STATE}; `exit` leaves this shell", flush=True)
        os.execvpe(shell, [shell], env)
    print(__doc__)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
