"""The catalogue is clean in the analysts' own tool: bpmnlint `recommended` (the project's .bpmnlintrc)
reports no error over processes/. bpmnlint comes from npm (tools/bpmn, installed by `.ci/run` with
`npm ci`); without it the test skips and says how to install it — under CI it fails instead."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.conftest import PROCESSES, ROOT

TOOLS = ROOT / "tools" / "bpmn"
BPMNLINT = TOOLS / "node_modules" / ".bin" / "bpmnlint"


def _bpmnlint() -> Path:
    if BPMNLINT.is_file():
        return BPMNLINT
    reason = f"bpmnlint is not installed: run `npm ci` in {TOOLS.relative_to(ROOT)} (node 20 and npm)"
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


def test_bpmnlint_recommended_finds_no_error_in_the_catalogue() -> None:
    files = sorted(str(p) for p in PROCESSES.glob("*/*.bpmn"))
    done = subprocess.run([str(_bpmnlint()), "--config", str(ROOT / ".bpmnlintrc"), *files],
                          capture_output=True, text=True, timeout=120, check=False, cwd=ROOT)
    errors = [line for line in done.stdout.splitlines() if "  error  " in line]
    assert done.returncode == 0 and not errors, done.stdout + done.stderr
    assert "(0 errors" in done.stdout or "problems" not in done.stdout, done.stdout


def test_bpmnlint_would_catch_a_mixed_gateway(tmp_path: Path) -> None:
    """The check can fail: the mixed gateway this catalogue had is an error under the project config."""
    text = (PROCESSES / "cap-ban-sao-van-bang" / "to-be.bpmn").read_text(encoding="utf-8")
    mixed = tmp_path / "mixed.bpmn"
    joined = "<bpmn:incoming>Flow_Gw_GopKetQuaThamDinh_KetQuaThamDinh</bpmn:incoming>"
    assert text.count(joined) == 1
    mixed.write_text(text.replace(joined, joined + "<bpmn:incoming>Flow_ChinhSua_KetQua</bpmn:incoming>")
                     .replace('sourceRef="ThamDinhChinhSua" targetRef="Gw_GopKetQuaThamDinh"',
                              'sourceRef="ThamDinhChinhSua" targetRef="Gw_KetQuaThamDinh"'), encoding="utf-8")
    done = subprocess.run([str(_bpmnlint()), "--config", str(ROOT / ".bpmnlintrc"), str(mixed)],
                          capture_output=True, text=True, timeout=60, check=False, cwd=ROOT)
    assert done.returncode != 0 and "no-gateway-join-fork" in done.stdout, done.stdout
