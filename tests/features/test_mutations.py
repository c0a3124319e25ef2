"""The scenarios guard a redesign: an analyst's mistake in a copy of a to-be diagram fails them, saying why.

Each mutation edits a copy of a catalogue diagram the way an analyst might in a modeller (drop a task,
reconnect a flow, delete a timer, remove a property), runs that procedure's features against the copy with
`--process`, and checks that at least one scenario fails with a message naming the problem. An unedited
copy passes, so the failures come from the mistake, not from running a file outside the catalogue.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from engine.bpmn.catalog import Catalog
from engine.bpmn.reader import BPMN_NS, NSMAP, parse_bpmn
from workbench.lint.run import lint_paths, lint_source

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


def remove(root: etree._Element, *ids: str) -> None:
    """Delete elements (flow nodes, flows) with their lane references, incoming/outgoing links and DI."""
    for element_id in ids:
        for node in root.xpath(f"//*[@id='{element_id}'] | //*[@bpmnElement='{element_id}']"):
            node.getparent().remove(node)
        refs = " | ".join(f"//bpmn:{tag}[text()='{element_id}']" for tag in ("flowNodeRef", "incoming",
                                                                              "outgoing"))
        for ref in root.xpath(refs, namespaces=NSMAP):
            ref.getparent().remove(ref)


def retarget(root: etree._Element, flow_id: str, target: str) -> None:
    """Point a sequence flow at another element (its DI waypoints stay where they were)."""
    flow = root.xpath(f"//bpmn:sequenceFlow[@id='{flow_id}']", namespaces=NSMAP)[0]
    for ref in root.xpath(f"//bpmn:incoming[text()='{flow_id}']", namespaces=NSMAP):
        ref.getparent().remove(ref)
    flow.set("targetRef", target)
    new_target = root.xpath(f"//*[@id='{target}']")[0]
    incoming = etree.Element(f"{{{BPMN_NS}}}incoming")
    incoming.text = flow_id
    new_target.insert(len(new_target.xpath("bpmn:extensionElements", namespaces=NSMAP)), incoming)


def drop_property(root: etree._Element, element_id: str, name: str) -> None:
    """Remove one spiffworkflow:property from an element."""
    query = f"//*[@id='{element_id}']//spiffworkflow:property[@name='{name}']"
    for prop in root.xpath(query, namespaces=NSMAP):
        prop.getparent().remove(prop)


def skip_director(root: etree._Element) -> None:
    """The approval is judged a formality: appraisal 'đạt' goes straight to 'signed'."""
    retarget(root, "Flow_Dat", "Event_DaKy")
    remove(root, "KySo", "Gw_PheDuyet", "Flow_Ky_Gw", "Flow_DongY", "Flow_ThamDinhLai")


def cut_police_timer(root: etree._Element) -> None:
    """The police's 2-working-day share is deleted: nobody is reminded when they are late."""
    remove(root, "Timer_HanCongAn", "Flow_Timer_HanCongAn_DonDocCongAn")


def close_refusals_silently(root: etree._Element) -> None:
    """Every 'no' ends the case at once: the written refusal with its reasons is gone."""
    for flow in ("Flow_KhongDat", "Flow_CoAnTich", "Flow_KhongChoPhep"):
        retarget(root, flow, "End_KhongDat")
    remove(root, "TraVanBanTuChoi", "Flow_TuChoi_End")


def supplement_keeps_clock_running(root: etree._Element) -> None:
    """The supplement request no longer pauses the legal clock: the citizen's time counts as the office's."""
    drop_property(root, "YeuCauBoSung", "legal_clock")


def supplement_loops_back_to_appraisal(root: etree._Element) -> None:
    """After the citizen's supplement the dossier goes back to the first appraisal, which can ask again."""
    retarget(root, "Flow_BoSungHoSo_ThamDinhLai", "ThamDinh")


def apology_bypassed_by_terminate(root: etree._Element) -> None:
    """The deadline watchdog leads to the terminate end 'result returned': a late case closes, no Mẫu 04."""
    retarget(root, "Flow_Timer_HanGiaiQuyet_XinLoi", "End_HoanThanh")


def police_refusal_without_reason(schema: dict[str, Any]) -> None:
    """The police's reply may say 'tu_choi' but the contract no longer requires 'ly_do' with it."""
    del schema["allOf"]


@dataclass(frozen=True)
class Mutation:
    """An analyst's mistake in a to-be diagram (or a message schema beside it), and what must catch it.

    A failing scenario must say `expected`; lint, when `lint_code` is given, must report it too.
    """

    name: str
    procedure: str
    mutate: Callable[[etree._Element], None] | None
    expected: tuple[str, ...]
    lint_code: str | None = None
    schema: tuple[str, Callable[[dict[str, Any]], None]] | None = None  # messages/<file>, and its edit


MUTATIONS = [
    Mutation("unchanged", "cap-ban-sao-van-bang", None, ()),
    Mutation("director-approval-removed", "cap-ban-sao-van-bang", skip_director,
             ('Không có việc "bản sao / quyết định chỉnh sửa" cho "Lãnh đạo Sở" đang chờ',
              "không có việc nào tên như vậy")),
    Mutation("police-deadline-timer-cut", "khai-sinh-thuong-tru-bhyt", cut_police_timer,
             ('Bước hỏng: Và hết phần thời hạn của "Công an"',
              "Không có hẹn giờ nào đang đếm phần thời hạn của cong-an")),
    Mutation("written-refusal-dropped", "cap-phep-trung-tam-ngoai-ngu-tin-hoc", close_refusals_silently,
             ('Không có việc "văn bản từ chối" cho "Bộ phận Một cửa" đang chờ',
              "không có việc nào tên như vậy")),
    Mutation("supplement-does-not-pause-the-clock", "khai-tu-xoa-thuong-tru-mai-tang",
             supplement_keeps_clock_running,
             ("Bước hỏng: Thì đồng hồ pháp lý đang tạm dừng",
              "Mong đợi đồng hồ pháp lý đang tạm dừng, nhưng đang chạy")),
    Mutation("supplement-loop-to-appraisal", "khai-tu-xoa-thuong-tru-mai-tang",
             supplement_loops_back_to_appraisal,
             ("Bước hỏng: Thì sơ đồ không cho yêu cầu bổ sung lần hai",
              "one supplement request per dossier (Mẫu 02, once, in writing) (DOMAIN.md §1.2 [S5])"),
             lint_code="supplement-loop"),
    Mutation("apology-bypassed-by-terminate", "khai-tu-xoa-thuong-tru-mai-tang",
             apology_bypassed_by_terminate,
             ("Hẹn giờ bị lỗi khi chạy",
              "a late dossier ends only after its apology letter (Mẫu 04) (DOMAIN.md §1.2 [S1][S14])"),
             lint_code="apology-bypass"),
    Mutation("refusal-message-schema-without-reason", "khai-sinh-thuong-tru-bhyt", None,
             ('Bước hỏng: Thì hợp đồng thông điệp từ chối vì thiếu "ly_do"',
              "Hợp đồng thông điệp (messages/*.schema.json) không đòi \"ly_do\""),
             lint_code="message-refusal-without-reason",
             schema=("Msg_KetQuaCuTru.schema.json", police_refusal_without_reason)),
]


@dataclass
class Run:
    """One scenario run against one (mutated) copy."""

    returncode: int
    output: str


def mutated_copy(folder: Path, mutation: Mutation) -> Path:
    """The procedure's to-be diagram, edited, in `folder`."""
    doc = parse_bpmn(ROOT / "processes" / mutation.procedure / "to-be.bpmn")
    if mutation.mutate is not None:
        mutation.mutate(doc.root)
    copy = folder / "to-be.bpmn"
    copy.write_bytes(etree.tostring(doc.root, xml_declaration=True, encoding="UTF-8"))
    return copy


def mutated_catalogue(folder: Path, mutation: Mutation) -> Path:
    """A copy of the whole catalogue with one message schema of the procedure edited."""
    assert mutation.schema is not None
    catalogue = folder / "processes"
    shutil.copytree(ROOT / "processes", catalogue)
    name, edit = mutation.schema
    path = catalogue / mutation.procedure / "messages" / name
    schema = json.loads(path.read_text(encoding="utf-8"))
    edit(schema)
    path.write_text(json.dumps(schema, ensure_ascii=False, indent=2), encoding="utf-8")
    return catalogue


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Run]]:
    """Every mutation's scenario run, as many at once as there are cores (the runs are independent
    processes; more at once only slows each down, and a script's time limit is wall-clock)."""
    folders = {m.name: tmp_path_factory.mktemp(m.name) for m in MUTATIONS}  # made here: not thread-safe

    def run(mutation: Mutation) -> Run:
        folder = folders[mutation.name]
        args = [sys.executable, "-m", "pytest", str(ROOT / "features" / mutation.procedure), "-q", "-p",
                "no:cacheprovider", "--bdd-report-dir", str(folder / "report")]
        if mutation.schema is not None:
            args += ["--processes", str(mutated_catalogue(folder, mutation))]
        else:
            args += ["--process", str(mutated_copy(folder, mutation))]
        done = subprocess.run(args, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              timeout=900, check=False)
        return Run(done.returncode, done.stdout)

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        yield dict(zip([m.name for m in MUTATIONS], pool.map(run, MUTATIONS), strict=True))


def test_an_unchanged_copy_passes_every_scenario(runs: dict[str, Run]) -> None:
    run = runs["unchanged"]
    assert run.returncode == 0, run.output[-3000:]
    assert " passed" in run.output and "failed" not in run.output
    assert "cap-ban-sao-van-bang/to-be.bpmn ←" in run.output  # coverage is reported for the edited file


@pytest.mark.parametrize("mutation", [m for m in MUTATIONS if m.mutate is not None or m.schema is not None],
                         ids=lambda m: m.name)
def test_a_mistake_fails_a_scenario_that_names_it(runs: dict[str, Run], mutation: Mutation) -> None:
    run = runs[mutation.name]
    assert run.returncode == 1, f"no scenario caught '{mutation.name}':\n{run.output[-3000:]}"
    assert "FAILED features/" in run.output
    for text in mutation.expected:
        assert text in run.output, f"'{mutation.name}' fails without saying {text!r}:\n{run.output[-4000:]}"


@pytest.mark.parametrize("mutation", [m for m in MUTATIONS if m.lint_code], ids=lambda m: m.name)
def test_lint_names_the_broken_rule(mutation: Mutation, tmp_path: Path) -> None:
    if mutation.schema is not None:
        findings = lint_paths([mutated_catalogue(tmp_path, mutation) / mutation.procedure / "to-be.bpmn"])
        found = findings.findings
    else:
        copy = mutated_copy(tmp_path, mutation)
        found = lint_source(copy.read_bytes(), "to-be.bpmn", Catalog(ROOT / "processes"), mutation.procedure,
                            "to-be")
    errors = [f for f in found if f.code == mutation.lint_code and f.severity == "error"]
    assert errors, f"lint misses '{mutation.name}': {[str(f) for f in found]}"
    assert "DOMAIN.md §" in errors[0].message and errors[0].line and errors[0].element_id
