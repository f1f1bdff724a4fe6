"""Run Pulumi programs through the real ``pulumi`` CLI (via ``pulumi.automation``) for tests.

A :class:`PulumiStack` wraps one stack of a program, either a project directory (run by the
language host) or an inline Python function; its methods give back what tests assert on:
outputs, the change summary, the CLI's own text output and the exported state.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pulumi.automation as auto

PROJECT_ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Result:
    """What one pulumi operation did: change counts per operation, text output, outputs."""

    changes: dict[str, int]
    stdout: str
    outputs: dict[str, Any]

    @property
    def changed(self) -> int:
        """Number of resources that would be/were created, updated, replaced or deleted."""
        return sum(n for op, n in self.changes.items() if op not in ("same", "read"))


class PulumiStack:
    def __init__(
        self,
        env: Mapping[str, str],
        *,
        work_dir: Path | None = None,
        program: Callable[[], None] | None = None,
        project_name: str = "kc-test",
        stack_name: str | None = None,
        config: Mapping[str, tuple[str, bool]] | None = None,
    ) -> None:
        self.env = dict(env)
        self.stack_name = stack_name or f"t{uuid.uuid4().hex[:8]}"
        cli_root = Path(shutil.which("pulumi", path=self.env["PATH"]) or "").parent.parent
        command = auto.PulumiCommand(root=str(cli_root), skip_version_check=True)
        if work_dir is not None:
            self.stack = auto.create_or_select_stack(
                self.stack_name, work_dir=str(work_dir),
                opts=auto.LocalWorkspaceOptions(env_vars=self.env, pulumi_command=command,
                                                pulumi_home=self.env.get("PULUMI_HOME")),
            )
        else:
            assert program is not None
            settings = auto.ProjectSettings(name=project_name, runtime="python",
                                            backend=auto.ProjectBackend(self.env["PULUMI_BACKEND_URL"]))
            self.stack = auto.create_or_select_stack(
                self.stack_name, project_name=project_name, program=program,
                opts=auto.LocalWorkspaceOptions(env_vars=self.env, pulumi_command=command,
                                                project_settings=settings,
                                                pulumi_home=self.env.get("PULUMI_HOME")),
            )
        for key, (value, secret) in (config or {}).items():
            self.set_config(key, value, secret=secret)

    # -------------------------------------------------------------- config
    def set_config(self, key: str, value: str, *, secret: bool = False) -> None:
        self.stack.set_config(key, auto.ConfigValue(value=value, secret=secret))

    # ---------------------------------------------------------- operations
    def preview(self, **kwargs: Any) -> Result:
        res = self.stack.preview(color="never", **kwargs)
        return Result(dict(res.change_summary), res.stdout, {})

    def up(self, **kwargs: Any) -> Result:
        res = self.stack.up(color="never", show_secrets=False, **kwargs)
        return Result(dict(res.summary.resource_changes or {}), res.stdout, self._outputs(res.outputs))

    def refresh(self, **kwargs: Any) -> Result:
        res = self.stack.refresh(color="never", show_secrets=False, **kwargs)
        return Result(dict(res.summary.resource_changes or {}), res.stdout, {})

    def destroy(self, remove: bool = True, **kwargs: Any) -> Result:
        res = self.stack.destroy(color="never", **kwargs)
        out = Result(dict(res.summary.resource_changes or {}), res.stdout, {})
        if remove:
            self.stack.workspace.remove_stack(self.stack_name)
        return out

    def outputs(self) -> dict[str, Any]:
        return self._outputs(self.stack.outputs())

    def export_text(self) -> str:
        """`pulumi stack export` as the CLI prints it (secrets stay encrypted)."""
        return self.cli("stack", "export").stdout

    def export(self) -> dict[str, Any]:
        return dict(json.loads(self.export_text()))

    def import_state(self, state: dict[str, Any]) -> None:
        """`pulumi stack import` of an exported state (e.g. one edited into an older shape)."""
        self.stack.import_stack(auto.Deployment(version=state["version"], deployment=state["deployment"]))

    def resources(self, type_suffix: str) -> list[dict[str, Any]]:
        deployment = self.export()["deployment"]
        return [r for r in deployment.get("resources", []) if r["type"].endswith(type_suffix)]

    def cli(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        """Run the pulumi CLI directly against this stack."""
        cwd = self.stack.workspace.work_dir
        return subprocess.run(
            ["pulumi", *args, "--stack", self.stack_name, "--non-interactive"],
            cwd=cwd, env=self.env, capture_output=True, text=True, check=check,
        )

    @staticmethod
    def _outputs(outputs: Mapping[str, auto.OutputValue]) -> dict[str, Any]:
        return {k: v.value for k, v in outputs.items()}

