"""The lint rule registry (workbench/lint/rules.py): listed by `lienthong lint --rules`, documented, run."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from lienthong.cli import app
from tests.workbench.lint.support import Copy
from workbench.lint.rules import RULES

DOCS = Path(__file__).resolve().parents[3] / "docs" / "lint.md"


def test_every_registered_rule_has_a_row_in_the_docs_table() -> None:
    first_cells = re.findall(r"^\| ([^|]+) \|", DOCS.read_text(encoding="utf-8"), re.MULTILINE)
    documented = {code for cell in first_cells for code in re.findall(r"`([a-z-]+)`", cell)}
    assert {rule.code for rule in RULES} - documented == set()


def test_lint_rules_lists_the_law_with_its_sources() -> None:
    result = CliRunner().invoke(app, ["lint", "--rules"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert [line.split(":")[0] for line in lines] == [rule.code for rule in RULES]
    assert "supplement-loop: no path from the citizen's supplement back to a step that can request another " \
           "(DOMAIN.md §1.2 [S5])" in lines
    assert any(line.startswith("missing-fee-step:") and "[S3][S18]" in line for line in lines)


def test_lint_without_files_says_what_to_give() -> None:
    result = CliRunner().invoke(app, ["lint"])
    assert result.exit_code == 2
    assert "name the BPMN files or folders to check (or --rules)" in result.output


def test_a_law_rule_runs_from_the_registry_in_the_cli_format(tmp_path: Path) -> None:
    copy = Copy(tmp_path)
    copy.edit('ket_qua_tham_dinh == "can_bo_sung" and supplements_requested() == 0<',
              'ket_qua_tham_dinh == "can_bo_sung"<')
    result = CliRunner().invoke(app, ["lint", str(copy.bpmn)])
    assert result.exit_code == 1
    [line] = [row for row in result.output.splitlines() if ": supplement-loop" in row or "[S5]" in row]
    assert re.match(r"^\S+/chuyen-truong-thpt/as-is\.bpmn:\d+: ThamDinh: error: one supplement request per "
                    r"dossier \(Mẫu 02, once, in writing\) \(DOMAIN\.md §1\.2 \[S5\]\): after the citizen's "
                    r"supplement", line), line
