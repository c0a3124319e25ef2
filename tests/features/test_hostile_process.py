"""`lienthong bdd --process` on a diagram with a hostile script: refused at once by lint's dry run (the same
run as `lienthong lint` and upload), naming the file, line and element, before any scenario runs into the
limits (each one used to, for minutes in all)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path
from xml.sax.saxutils import escape

from tests.conftest import ROOT
from tests.hostile import payloads

PROCEDURE = "khai-sinh-thuong-tru-bhyt"
SCRIPT = '<bpmn:script>ngay_hen_moi = deadline("overall")[:10]</bpmn:script>'  # of the script task below
ELEMENT = "HenLaiXacMinh"


def test_bdd_refuses_a_file_whose_script_the_engine_would_stop(tmp_path: Path) -> None:
    payload = next(p for p in payloads() if p.name == "sum-map-lambda")
    original = (ROOT / "processes" / PROCEDURE / "to-be.bpmn").read_text(encoding="utf-8")
    assert original.count(SCRIPT) == 1
    bomb = tmp_path / "to-be.bpmn"
    bomb.write_text(original.replace(SCRIPT, f"<bpmn:script>{escape(payload.source)}</bpmn:script>"),
                    encoding="utf-8")
    line = original[: original.index(SCRIPT)].count("\n") + 1
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "lienthong", "bdd", "--process", str(bomb),
                           "--report-dir", str(tmp_path / "report")],
                          cwd=tmp_path, capture_output=True, text=True, timeout=300, check=False)
    took = time.monotonic() - started
    assert done.returncode == 1, done.stdout + done.stderr
    refusal = next((row for row in done.stdout.splitlines() if row.startswith(f"to-be.bpmn:{line}: ")), "")
    assert refusal.startswith(f"to-be.bpmn:{line}: {ELEMENT}: error: "), done.stdout
    assert payload.stopped(refusal), refusal
    assert "fix them first" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "report" / "cucumber.json").exists()  # no scenario ran
    assert took < 60, f"refused after {took:.0f} s"
