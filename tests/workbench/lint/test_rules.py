"""The lint rule registry (workbench/lint/rules.py): every code lint reports, listed, documented, run."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lienthong.cli import app
from tests.conftest import PROCESSES, ROOT
from tests.workbench.lint.support import Copy
from workbench.lint.rules import PARSE_ONLY, RULES
from workbench.lint.run import lint_paths

DOCS = ROOT / "docs" / "lint.md"
DATA = ROOT / "tests" / "data"


def _documented() -> dict[str, set[str]]:
    """docs/lint.md's table of checks: code → the severities its row gives."""
    rows = re.findall(r"^\| ([^|]+) \| ([^|]+) \|", DOCS.read_text(encoding="utf-8"), re.MULTILINE)
    found: dict[str, set[str]] = {}
    for codes, severity in rows:
        for code in re.findall(r"`([a-z-]+)`", codes):
            assert code not in found, f"{code} has two rows in docs/lint.md"
            found[code] = set(severity.strip().split(" / "))
    return found


def test_the_docs_table_lists_exactly_the_registered_codes_with_their_severities() -> None:
    registered = {code: rule.severities for rule in RULES for code in rule.codes}
    assert len(registered) == sum(len(rule.codes) for rule in RULES), "a code is registered twice"
    assert _documented() == registered


def test_lint_rules_lists_every_rule_with_its_sources() -> None:
    result = CliRunner().invoke(app, ["lint", "--rules"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert [line.split(": ")[0] for line in lines] == [", ".join(rule.codes) for rule in RULES]
    assert "supplement-loop: no path from the citizen's supplement back to a step that can request another " \
           "(DOMAIN.md §1.2 [S5])" in lines
    assert any(line.startswith("missing-fee-step:") and "[S3][S18]" in line for line in lines)


@pytest.mark.slow
def test_every_finding_lint_reports_is_a_registered_code_of_its_severity() -> None:
    """Over the catalogue, the bad examples, the hostile files and the conformance suite."""
    severities = {code: rule.severities for rule in RULES for code in rule.codes}
    given = [PROCESSES, DATA / "lint", DATA / "hostile", DATA / "conformance", "no/such/file.bpmn"]
    report = lint_paths(given)
    seen = {(f.code, f.severity) for f in report.findings}
    assert {(code, severity) for code, severity in seen if severity not in severities.get(code, ())} == set()
    assert len({code for code, _ in seen}) >= 15  # the inputs exercise most of the registry


def test_parse_only_runs_the_registered_checks_that_need_no_procedure() -> None:
    codes = {code for rule in PARSE_ONLY for code in rule.codes}
    assert codes >= {"expression-language", "unsupported-element", "missing-condition", "unreachable"}
    assert all(rule.check is not None for rule in PARSE_ONLY)


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
