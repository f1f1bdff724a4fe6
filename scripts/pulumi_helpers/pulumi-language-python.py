#!/usr/bin/env python3
"""A minimal Pulumi language host for Python programs (`runtime: python`).

Used only where no Pulumi-built `pulumi-language-python` is installed (the Go module that holds
it is not served by the module proxy this project can reach). It implements what `preview`,
`up`, `refresh`, `destroy` and policy packs need: Run (a program, through
`pulumi-language-python-exec`), RunPlugin (a policy pack, through `python -m pulumi.policy`),
and empty answers for plugin/package discovery (dynamic providers need no plugin download).

The engine starts it as `pulumi-language-python [flags] <engine-address>`; it prints its port.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from concurrent import futures
from pathlib import Path

import grpc
from pulumi.runtime.proto import language_pb2, language_pb2_grpc, plugin_pb2

HERE = Path(os.path.realpath(__file__)).parent
VERSION = "3.259.0"


def _python_for(info: language_pb2.ProgramInfo | None, program_dir: str) -> str:
    """The interpreter of the program: runtime option `virtualenv`, then PULUMI_PYTHON_CMD, then python3."""
    venv = ""
    if info is not None and info.options is not None and "virtualenv" in info.options.fields:
        venv = info.options.fields["virtualenv"].string_value
    if venv:
        path = Path(venv) if os.path.isabs(venv) else Path(info.root_directory or program_dir) / venv
        candidate = path / "bin" / "python"
        if candidate.exists():
            return str(candidate)
    return os.environ.get("PULUMI_PYTHON_CMD") or "python3"


def _env_for(python: str) -> dict[str, str]:
    env = dict(os.environ)
    bindir = str(Path(python).parent) if os.path.isabs(python) else ""
    if bindir:
        env["PATH"] = bindir + os.pathsep + env.get("PATH", "")
        env["PULUMI_PYTHON_CMD"] = python
        env["VIRTUAL_ENV"] = str(Path(bindir).parent)
        env["PULUMI_RUNTIME_VIRTUALENV"] = str(Path(bindir).parent)
    return env


class LanguageHost(language_pb2_grpc.LanguageRuntimeServicer):
    def __init__(self, engine_address: str) -> None:
        self.engine_address = engine_address

    def Handshake(self, request, context):  # noqa: N802 (gRPC names)
        return language_pb2.LanguageHandshakeResponse()

    def GetPluginInfo(self, request, context):  # noqa: N802
        return plugin_pb2.PluginInfo(version=VERSION)

    def GetRequiredPlugins(self, request, context):  # noqa: N802
        return language_pb2.GetRequiredPluginsResponse()

    def GetRequiredPackages(self, request, context):  # noqa: N802
        return language_pb2.GetRequiredPackagesResponse()

    def InstallDependencies(self, request, context):  # noqa: N802
        """`pulumi install`: create the project's virtualenv and pip-install requirements.txt into it."""
        info = request.info
        root = info.root_directory or info.program_directory or request.directory
        venv = ""
        if info.options is not None and "virtualenv" in info.options.fields:
            venv = info.options.fields["virtualenv"].string_value
        if not venv:
            yield language_pb2.InstallDependenciesResponse(
                stdout=b"no 'virtualenv' runtime option in Pulumi.yaml: nothing to install\n")
            return
        path = Path(venv) if os.path.isabs(venv) else Path(root) / venv
        steps = []
        if not (path / "bin" / "python").exists():
            steps.append([sys.executable, "-m", "venv", str(path)])
        requirements = Path(root) / "requirements.txt"
        if requirements.exists():
            steps.append([str(path / "bin" / "python"), "-m", "pip", "install", "-q", "-r", str(requirements)])
        for cmd in steps:
            yield language_pb2.InstallDependenciesResponse(stdout=(" ".join(cmd[-4:]) + "\n").encode())
            proc = subprocess.run(cmd, cwd=root, capture_output=True)
            if proc.stdout or proc.stderr:
                yield language_pb2.InstallDependenciesResponse(stdout=proc.stdout, stderr=proc.stderr)
            if proc.returncode:
                raise RuntimeError(f"{' '.join(cmd)} failed with exit code {proc.returncode}")

    def GetProgramDependencies(self, request, context):  # noqa: N802
        return language_pb2.GetProgramDependenciesResponse()

    def About(self, request, context):  # noqa: N802
        python = _python_for(request.info, request.info.program_directory)
        return language_pb2.AboutResponse(executable=python, version=sys.version.split()[0])

    def Run(self, request, context):  # noqa: N802
        info = request.info
        program_dir = info.program_directory or request.pwd
        entry = info.entry_point or request.program or "."
        python = _python_for(info, program_dir)
        env = _env_for(python)
        env["PULUMI_CONFIG"] = json.dumps(dict(request.config))
        env["PULUMI_CONFIG_SECRET_KEYS"] = json.dumps(list(request.configSecretKeys))
        args = [
            python, "-u", str(HERE / "pulumi-language-python-exec"),
            "--monitor", request.monitor_address, "--engine", self.engine_address,
            "--project", request.project, "--stack", request.stack, "--pwd", request.pwd,
            "--parallel", str(request.parallel), "--organization", request.organization or "organization",
            "--root_directory", info.root_directory or program_dir,
            "--dry_run", "true" if request.dryRun else "false",
            os.path.join(program_dir, entry), *request.args,
        ]
        code = subprocess.call(args, cwd=request.pwd or program_dir, env=env)
        if code == 0:
            return language_pb2.RunResponse()
        if code == 32:
            return language_pb2.RunResponse(bail=True)
        return language_pb2.RunResponse(error=f"Program exited with non-zero exit code: {code}")

    def RunPlugin(self, request, context):  # noqa: N802
        info = request.info
        program_dir = info.program_directory or request.program
        python = _python_for(info, program_dir)
        env = _env_for(python)
        for item in request.env:
            key, _, value = item.partition("=")
            env[key] = value
        cmd = [python, "-u", "-m", "pulumi.policy", *request.args, program_dir]
        proc = subprocess.Popen(
            cmd, cwd=request.pwd or program_dir, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        chunks: list[language_pb2.RunPluginResponse] = []
        lock = threading.Condition()
        done = [0]

        def pump(stream, field: str) -> None:
            for line in iter(stream.readline, b""):
                with lock:
                    chunks.append(language_pb2.RunPluginResponse(**{field: line}))
                    lock.notify()
            with lock:
                done[0] += 1
                lock.notify()

        threading.Thread(target=pump, args=(proc.stdout, "stdout"), daemon=True).start()
        threading.Thread(target=pump, args=(proc.stderr, "stderr"), daemon=True).start()
        while True:
            with lock:
                while not chunks and done[0] < 2:
                    lock.wait()
                pending, chunks[:] = list(chunks), []
                finished = done[0] == 2 and not pending
            yield from pending
            if finished:
                break
        yield language_pb2.RunPluginResponse(exitcode=proc.wait())


def main() -> None:
    positional = [a for a in sys.argv[1:] if not a.startswith("-")]
    engine_address = positional[-1] if positional else ""
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=8))
    language_pb2_grpc.add_LanguageRuntimeServicer_to_server(LanguageHost(engine_address), server)
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    print(port, flush=True)
    # The engine ends plugins with SIGINT/SIGTERM when it is done with them: leave quietly.
    stop = threading.Event()
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    stop.wait()
    server.stop(grace=1)


if __name__ == "__main__":
    main()
