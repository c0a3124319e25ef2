"""Lint's dry run: every script and condition of a diagram runs once, on the start form's example data.

What the sandbox refuses statically is reported by the engine's own loading (`unsafe-expression`). What
only shows when a script runs — it spends its CPU second, its 256 MB or its wall-clock limit, or leaves
something that is not data — is found here, before an upload is stored, with the same limits as in a live
case (engine/sandbox/confine.py). A script that fails for want of data the example does not carry (a field set
by a later form) says nothing about the script, and is not reported.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from engine.bpmn.reader import NSMAP
from engine.errors import UnsafeExpressionError
from engine.run.context import CaseContext, running_case
from engine.sandbox.scripting import ScriptEnvironment
from engine.time.calendar import WorkingCalendar
from engine.time.clock import VN_TZ, FakeClock
from workbench.simulate.forms import required_values

from .findings import Finding
from .forms import SCRIPTS
from .index import DocIndex, local

if TYPE_CHECKING:
    from .context import RuleContext

# Messages of the limits a live case would hit too (see docs/security.md); other failures depend on data.
LIMIT_WORDS = ("of CPU", "MB of memory", "ran longer than", "loop steps", "not data", "larger than",
               "too large", "longer than", "nested")
CONDITIONS = "//bpmn:conditionExpression"
DRY_RUN_NOW = datetime(2025, 3, 3, 9, 0, tzinfo=VN_TZ)  # a working Monday morning


def check_scripts_dry_run(index: DocIndex, schemas: dict[str, dict[str, Any]]) -> list[Finding]:
    """An error for each script that a live case would see stopped by a limit or leaving non-data."""
    environment = ScriptEnvironment(FakeClock(DRY_RUN_NOW.isoformat()), WorkingCalendar())
    example = {**required_values(schemas.get("start"), DRY_RUN_NOW.date()),
               "ma_ho_so": "LT-DRY-RUN", "kenh": "online", "nguoi_nop": "001090000000"}
    findings = []
    for script in index.doc.root.xpath(f"{SCRIPTS} | {CONDITIONS}", namespaces=NSMAP):
        source = script.text or ""
        run = environment.environment.evaluate if local(script) == "conditionExpression" else (
            environment.environment.execute)
        owner = script.getparent()
        while owner is not None and not owner.get("id"):
            owner = owner.getparent()
        element_id = owner.get("id") if owner is not None else None
        try:
            with running_case(CaseContext(deadlines={"overall": 1})):
                run(source.strip() if run is environment.environment.evaluate else source, dict(example))
        except UnsafeExpressionError as exc:
            if not any(word in exc.message for word in LIMIT_WORDS):
                continue
            line = (script.sourceline or 0) + int(exc.details.get("script_line", 1)) - 1
            findings.append(Finding(
                "error", "script-limit", f"the dry run with the start form's example data: {exc.message}",
                index.doc.filename, line or None, element_id,
                exc.hint or "make the script smaller; a live case would be stopped the same way"))
        except Exception:  # a name or value the example lacks: a fact about the example, not the script
            continue
    return findings


def scripts_dry_run(context: RuleContext) -> list[Finding]:
    """script-limit, as the registry (rules.py) runs it on one bundle."""
    if not context.checks_forms:
        return []
    schemas = context.checked_forms[0]
    return [finding for index in context.indexes for finding in check_scripts_dry_run(index, schemas)]
