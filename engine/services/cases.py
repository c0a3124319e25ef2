"""Cases: start one, read it, list them, read its history; end it at the citizen's or agency's word.

Withdrawn at the citizen's request (status 7) and stopped with a reason (status 8) are the ends no diagram
draws: both end the case whatever it waits for (DOMAIN.md §1.2 statuses) — every open task, timer and
message wait is cancelled, the status goes to the portal like any other, and the history says who and why.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from ..actors import SYSTEM, Actor
from ..bpmn.forms import validate_form
from ..errors import CaseUnreadableError, ConflictError, ForbiddenError, LegalRuleError
from ..law.law import WRITTEN_REASON
from ..law.status import FINISHED, DossierStatus
from ..presenting import view_of
from ..run.audit import audit_event
from ..run.case_start import new_case
from ..run.context import running_case
from ..run.inbound import refuse_system_fields
from ..run.runtime import CaseRun
from ..store.records import CaseRecord, EventRecord
from ..store.retention_store import PURGED, Purged, purge_history
from ..time.clock import local_date
from ..views import CaseView, EventView
from .core import Core
from .versions import VersionService


class CaseService:
    """Start, read, list, withdraw and stop cases (the engine's `cases`)."""

    def __init__(self, core: Core, versions: VersionService, first_use: VersionService) -> None:
        self.core = core
        self.versions = versions
        # Outside the caller's unit of work: a catalogue file's first version is shared bookkeeping, not
        # this request's effect; in the unit, a start whose scripts then fail would undo it (and the next
        # start deploy again), holding SQLite's write lock through every such start's scripts.
        self.first_use = first_use

    def start(
        self,
        procedure: str,
        *,
        applicant: str,
        data: dict[str, Any] | None = None,
        variant: str | None = None,
        version_id: int | None = None,
        channel: str = "online",
        actor: Actor = SYSTEM,
        dossier_code: str | None = None,
    ) -> CaseView:
        """Start a case of a procedure (the active version of a variant, or a given version)."""
        core = self.core
        proc = core.catalog.procedure(procedure)
        variant = variant or next(iter(proc.variants))
        now = core.clock.now()
        case_id = uuid.uuid4().hex
        code = dossier_code or f"LT-{local_date(now):%y%m%d}-{case_id[:8].upper()}"
        submitted = dict(data or {})
        refuse_system_fields(submitted, "the start data")
        with core.store.transaction(write=False) as tx:
            version = self.versions.for_start(tx, proc.slug, variant, version_id)
            model = None if version is None else core.files.model(tx, version.bundle_hash)
        if version is None or model is None:
            # Nothing deployed yet for this variant: the catalogue's file becomes its first version.
            self.first_use.deploy(proc.slug, variant, note="deployed on first use from the catalogue")
            return self.start(
                procedure,
                applicant=applicant,
                data=data,
                variant=variant,
                channel=channel,
                actor=actor,
                dossier_code=dossier_code,
            )
        start_form = model.forms.get("start")
        if start_form is not None:
            validate_form(start_form, submitted, "start")
        case, workflow = new_case(
            model, core.script_engine, case_id=case_id, dossier_code=code, applicant=applicant,
            channel=channel, data=submitted, actor=actor, now=now, version_id=version.id,
        )
        run = CaseRun(case, model, workflow, actor, now, core.calendar)
        run.event(
            "case_started",
            None,
            to_state=str(case.status),
            data={"variant": version.variant, "version": version.number, "channel": channel},
        )
        run.status_changes.append((0, case.status))
        # Its scripts run with no transaction open (see Core.mutate); the new row is written after.
        with running_case(run.context):
            run.run_engine()
        with core.store.transaction() as tx:
            waits = core.files.save(tx, run, new=True)
        core.files.keep(case.id, case.version, workflow)
        return core.case_view(case, model, timers=waits.timers)

    def get(self, case_id: str, actor: Actor = SYSTEM, *, with_data: bool = False) -> CaseView:
        """A case by id or dossier code, if the actor may see it."""
        core = self.core
        with core.store.transaction(write=False) as tx:
            case = core.visible_case(tx, case_id, actor)
            model = core.files.model(tx, case.bundle_hash)
            data = core.files.case_data(case, model) if with_data else None
            view = core.case_view(case, model, data, tx.timers_of(case.id))
            return replace(view, incidents=core.open_incidents(tx, case.id))

    def history(self, case_id: str, actor: Actor = SYSTEM) -> list[EventView]:
        """The audit trail of a case, oldest first."""
        with self.core.store.transaction(write=False) as tx:
            case = self.core.visible_case(tx, case_id, actor)
            return [view_of(EventView, e) for e in tx.events(case.id)]

    def withdraw(self, case_id: str, *, reason: str | None = None, actor: Actor = SYSTEM) -> CaseView:
        """The citizen withdraws the dossier (status 7, "Công dân yêu cầu rút hồ sơ"): the case ends."""
        with self.core.store.transaction(write=False) as tx:
            case = self.core.visible_case(tx, case_id, actor)
            if actor.kind == "agency":
                raise ForbiddenError("only the applicant (or the desk on the applicant's request) withdraws")
            _must_be_open(case)
            model = self.core.files.model(tx, case.bundle_hash)
        action = _ending(DossierStatus.WITHDRAWN, "case_withdrawn", reason, "withdrawn")
        return self.core.step(case, model, actor, action)

    def stop(self, case_id: str, *, reason: str, actor: Actor = SYSTEM) -> CaseView:
        """An agency stops processing the dossier (status 8, "Dừng xử lý"), with a written reason."""
        if not (reason or "").strip():
            raise LegalRuleError(
                "stopping a dossier (status 8) needs a written reason",
                rule=WRITTEN_REASON.name,
                source=WRITTEN_REASON.source,
                field="ly_do",
            )
        with self.core.store.transaction(write=False) as tx:
            case = self.core.visible_case(tx, case_id, actor)
            if actor.kind == "citizen":
                raise ForbiddenError("a citizen withdraws a dossier; stopping it is the agency's decision")
            _must_be_open(case)
            model = self.core.files.model(tx, case.bundle_hash)
        action = _ending(DossierStatus.STOPPED, "case_stopped", reason, "stopped")
        return self.core.step(case, model, actor, action)

    def purge_history(self, before: datetime, *, archive_dir: Path | None = None) -> Purged:
        """History retention: delete the audit events of cases finished before `before` (written first to a
        gzipped JSON-lines file in `archive_dir`, when given), keeping what the monthly report reads and
        one `history_purged` event per case that says how many went and where."""
        now = self.core.clock.now()

        def marker(case_id: str, deleted: int) -> EventRecord:
            return audit_event(case_id, now, SYSTEM.id, PURGED,
                               data={"events": deleted, "finished_before": before.isoformat(),
                                     "archive": str(archive_dir or "")})

        return purge_history(self.core.store, before, now, marker, archive_dir=archive_dir)

    # Last in the class: below it, `list` names this method, not the built-in type.
    def list(
        self,
        actor: Actor = SYSTEM,
        *,
        procedure: str | None = None,
        status: list[int] | None = None,
        agency: str | None = None,
        overdue: bool = False,
        limit: int = 50,
        offset: int = 0,
    ) -> tuple[list[CaseView], int, list[str]]:
        """Cases the actor may see, filtered and paginated (newest first), with how many match (counted up to
        CASE_TOTAL_CAP) and the ids of those on the page that cannot be read (a corrupt row is left out)."""
        core = self.core
        applicant = actor.id if actor.kind == "citizen" else None
        if actor.kind in ("officer", "agency"):
            if agency is not None and agency != actor.agency:
                return [], 0, []
            agency = actor.agency
        slug = core.catalog.procedure(procedure).slug if procedure else None
        with core.store.transaction(write=False) as tx:
            records, total, unreadable = tx.list_cases(
                procedure=slug,
                status=status,
                applicant=applicant,
                agency=agency,
                overdue_at=core.clock.now() if overdue else None,
                limit=limit,
                offset=offset,
            )
            timers = tx.timers_of_cases([r.id for r in records]) if records else []
            views = []
            for record in records:
                try:
                    model = core.files.model(tx, record.bundle_hash)
                    views.append(core.case_view(record, model, timers=timers))
                except CaseUnreadableError as exc:
                    unreadable.append(exc.case_id)
            return views, total, unreadable


def _must_be_open(case: CaseRecord) -> None:
    if case.completed or case.status in FINISHED:
        label = DossierStatus(case.status).label_vi
        raise ConflictError(f"dossier {case.dossier_code} has already ended ({label})")


def _ending(
    status: DossierStatus, kind: str, reason: str | None, result: str
) -> Callable[[CaseRun], Any]:
    def end(run: CaseRun) -> None:
        run.workflow.cancel()
        run.set_status(int(status), None)
        case = run.case
        case.result = result
        case.finished_at = case.finished_at or run.now
        run.context.stopped = True
        if reason:
            case.summary["result_reason"] = reason.strip()
        run.event(kind, None, to_state=str(int(status)), data={"reason": reason})

    return end
