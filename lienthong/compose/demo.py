"""Demo data for `lienthong serve --demo`: every catalogue variant deployed, a few cases in different states,
and credentials to try the API with."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from jsonschema import Draft202012Validator

from api.auth import TokenKeys, issue_token
from api.persistence import ApiStore
from engine import CaseView, Engine
from engine.actors import SYSTEM, Actor
from engine.agencies.connectors import Connectors
from engine.agencies.fakes import fake_connectors
from engine.bpmn.procedure import CITIZEN_ROLE
from engine.errors import LienThongError, NotFoundError
from web.session import DemoLane, DemoLogins

from .credentials import create_api_key

APPLICANT = "001203004567"  # the demo citizen's personal id number (CCCD)
STEPS = (0, 2, 99)  # tasks completed per demo case: just submitted, under way, run to its end
NAMES = {"ho_ten": "Nguyễn Văn An", "ten": "Nguyễn Thị Bình",
         "dia_chi": "Số 12 Lạch Tray, Ngô Quyền, Hải Phòng", "so_dien_thoai": "0912345678",
         "email": "nguyen.van.an@example.vn", "so_dinh_danh": APPLICANT,
         "cccd": APPLICANT, "truong": "THPT Trần Phú", "ly_do": "Gia đình chuyển nơi cư trú"}

def demo_connectors() -> Connectors:
    """Connectors that answer every catalogue operation at once (engine/agencies/fakes.py)."""
    return fake_connectors()


@dataclass
class DemoReport:
    """What the demo loader did, and the credentials it made."""

    deployed: list[str] = field(default_factory=list)
    cases: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    tokens: dict[str, str] = field(default_factory=dict)
    api_keys: dict[str, str] = field(default_factory=dict)  # agency → its system's key


def load_demo(engine: Engine, store: ApiStore, keys: TokenKeys) -> DemoReport:
    """Deploy the catalogue, start demo cases (once: their dossier codes are fixed) and make credentials."""
    report = DemoReport()
    lanes: Counter[tuple[str, str]] = Counter()
    agencies: set[str] = set()
    for procedure in engine.catalog.procedures():
        agencies.update(procedure.agencies)
        lanes.update((lane.agency, lane.role) for lane in procedure.lanes.values()
                     if lane.role != CITIZEN_ROLE)
        for index, variant in enumerate(procedure.variants):
            try:
                version = engine.versions.deploy(procedure.slug, variant, note="demo")
            except LienThongError as exc:
                report.skipped.append(f"{procedure.slug}/{variant}: {exc}")
                continue
            report.deployed.append(f"{procedure.slug}/{variant} v{version.number}")
            for steps in STEPS:
                code = f"DEMO-{procedure.code.replace('.', '')}-{index + 1}-{steps}"
                if _exists(engine, code):
                    continue  # loaded by an earlier start
                try:
                    report.cases.append(_demo_case(engine, procedure.slug, variant, version.id, code, steps))
                except LienThongError as exc:
                    report.skipped.append(f"{code}: {exc}")
    _credentials(report, lanes, keys)
    _api_keys(report, agencies, store)
    return report


def _exists(engine: Engine, dossier_code: str) -> bool:
    try:
        engine.cases.get(dossier_code)
    except NotFoundError:
        return False
    return True


def _demo_case(engine: Engine, slug: str, variant: str, version_id: int, code: str, steps: int) -> str:
    start = engine.versions.model(version_id).forms.get("start", {})
    case = engine.cases.start(slug, variant=variant, applicant=APPLICANT, data=sample(start),
                              channel="online", dossier_code=code)
    for _ in range(steps):
        before, case = case.version, _next_step(engine, case)
        if case.completed or case.version == before:
            break
    end = "finished" if case.completed else ("under way" if steps else "just submitted")
    return f"{code} ({slug}/{variant}): {end}, {case.status_label}"


def _next_step(engine: Engine, case: CaseView) -> CaseView:
    """Complete the case's first open task, else answer the first message it awaits (as its sender would,
    with the advertised example); the case as it is when it waits for neither (a timer)."""
    tasks = engine.tasks.list(SYSTEM, case_id=case.id, limit=1)
    if tasks:
        task = engine.tasks.get(tasks[0].id)
        return engine.tasks.complete(task.id, sample(task.form or {}), _worker(task.agency, task.role))
    for awaited in case.awaiting:
        sender = Actor.agency_system(awaited.sender) if awaited.sender else SYSTEM
        return engine.messages.correlate(awaited.message, dossier_code=case.dossier_code,
                                        payload=awaited.example or {}, actor=sender)
    return case


def _worker(agency: str | None, role: str | None) -> Actor:
    if role == CITIZEN_ROLE:
        return Actor.citizen(APPLICANT)
    if agency and role:
        return Actor.officer(f"demo.{role}", agency, role)
    return SYSTEM


def _credentials(report: DemoReport, lanes: Counter[tuple[str, str]], keys: TokenKeys) -> None:
    agencies = Counter(agency for agency, _ in lanes.elements())
    if agencies:
        agency = agencies.most_common(1)[0][0]
        roles = sorted({role for a, role in lanes if a == agency} | {"bien-tap-quy-trinh"})
        day = timedelta(hours=12)
        report.tokens[f"officer of {agency} ({', '.join(roles)})"] = issue_token(
            keys, sub=f"demo.{agency}", agency=agency, roles=roles, ttl=day)
        report.tokens[f"reviewer of {agency}"] = issue_token(
            keys, sub=f"demo.reviewer.{agency}", agency=agency, roles=["duyet-quy-trinh"], ttl=day)
    report.tokens[f"citizen {APPLICANT}"] = issue_token(keys, sub=APPLICANT, kind="citizen",
                                                        ttl=timedelta(hours=12))
    # One token per lane of every demo group (agency and role), so that each lane's work list can be opened.
    for agency, role in sorted(lanes):
        report.tokens[f"lane {role} of {agency}"] = lane_token(keys, agency, role)


def lane_token(keys: TokenKeys, agency: str, role: str) -> str:
    """A 12-hour token of the demo officer of one lane (agency and role)."""
    return issue_token(keys, sub=f"demo.{role}.{agency}", agency=agency, roles=[role],
                       ttl=timedelta(hours=12))


# The studio's people (web/studio/access.py): an analyst who edits and submits, a reviewer who activates.
STUDIO_LANES = {"bien-tap-quy-trinh": "Biên tập quy trình (Xưởng quy trình)",
                "duyet-quy-trinh": "Duyệt quy trình (Xưởng quy trình)"}


def demo_logins(engine: Engine, keys: TokenKeys) -> DemoLogins:
    """The officer pages' development login: every officer lane of the catalogue, one click each, and the
    studio's analyst and reviewer of each receiving agency."""
    lanes: dict[tuple[str, str], str] = {}
    for procedure in engine.catalog.procedures():
        for name, lane in procedure.lanes.items():
            if lane.role != CITIZEN_ROLE:
                lanes.setdefault((lane.agency, lane.role), f"{name} — {procedure.agency_name(lane.agency)}")
            if lane.role == "mot-cua":  # the receiving agency redesigns its procedures in the studio
                for role, label in STUDIO_LANES.items():
                    lanes.setdefault((lane.agency, role), f"{label} — {procedure.agency_name(lane.agency)}")
    return DemoLogins(tuple(DemoLane(agency, role, label) for (agency, role), label in sorted(lanes.items())),
                      issue=lambda agency, role: lane_token(keys, agency, role))


def _api_keys(report: DemoReport, agencies: set[str], store: ApiStore) -> None:
    """A fresh key for every agency's system (sending its messages, reading its inbox); older demo keys
    are revoked."""
    now = datetime.now(UTC)
    for agency in sorted(agencies):
        for old in store.list_api_keys(agency):
            if old.name == "demo" and old.revoked_at is None:
                store.revoke_api_key(old.id, now)
        report.api_keys[agency] = create_api_key(store, agency, "demo", now)[1]


def sample(schema: dict[str, Any]) -> dict[str, Any]:
    """Plausible Vietnamese form data for a JSON Schema: required fields and decisions (first choice),
    plus whatever the schema's conditions (if/then) require once those choices are made."""
    properties = schema.get("properties", {})
    wanted = list(schema.get("required", [])) + [n for n, p in properties.items() if "enum" in p]
    data = {name: _value(name, properties.get(name, {})) for name in dict.fromkeys(wanted)}
    validator = Draft202012Validator(schema)
    for _ in range(3):
        missing = [name for error in validator.iter_errors(data) if error.validator == "required"
                   and not error.absolute_path for name in error.validator_value if name not in data]
        if not missing:
            break
        data.update({name: _value(name, properties.get(name, {})) for name in missing})
    return data


def _value(name: str, spec: dict[str, Any]) -> Any:
    if "const" in spec:
        return spec["const"]
    if spec.get("enum"):
        return spec["enum"][0]
    kind = spec.get("type", "string")
    kind = next((k for k in kind if k != "null"), "string") if isinstance(kind, list) else kind
    if kind in ("integer", "number"):
        return min(max(1, spec.get("minimum", 1)), spec.get("maximum", 10**9))
    if kind == "boolean":
        return True
    if kind == "array":
        return [_value(name, spec.get("items", {}))] * spec.get("minItems", 0)
    if kind == "object":
        return sample(spec)
    if spec.get("format") == "date":
        return (date.today() + timedelta(days=7)).isoformat()
    if spec.get("format") == "date-time":
        return datetime.now(UTC).isoformat()
    if spec.get("format") == "email":
        return NAMES["email"]
    digits = re.fullmatch(r"\^\[0-9\]\{(\d+)\}\$", spec.get("pattern", ""))
    if digits:  # id numbers: CCCD (12 digits), social insurance code (10) …
        return (APPLICANT * 4)[: int(digits.group(1))]
    return next((text for key, text in NAMES.items() if key in name), "Dữ liệu mẫu")
