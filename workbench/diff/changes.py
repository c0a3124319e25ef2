"""Structural diff of two variants: tasks added, removed, changed; hand-offs, touchpoints, papers."""

from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workbench.variants import Outside, load_variant

from .facts import SIMULATION_PROPERTIES, Replacement, TaskFact, VariantFacts, read_facts


@dataclass(frozen=True)
class TaskChange:
    """A task present in both variants (same id, or same name) that differs."""

    id: str
    name: str
    before_id: str
    changes: tuple[str, ...]


@dataclass(frozen=True)
class PaperChange:
    """A dossier component the citizen no longer hands in, and what replaced it."""

    code: str
    name: str
    replaced_by: tuple[str, ...]  # names of the service tasks that fetch the data instead


@dataclass
class VariantDiff:
    """The differences between variant `a` (usually as-is) and `b` (usually to-be)."""

    a: VariantFacts
    b: VariantFacts
    added: list[TaskFact]
    removed: list[TaskFact]
    changed: list[TaskChange]
    unchanged: int
    papers_dropped: list[PaperChange]
    papers_new: list[str]
    deadlines: list[tuple[str, int | None, int | None]]

    def summary(self) -> dict[str, Any]:
        """The headline numbers, side by side."""
        return {
            "tasks": [len(self.a.tasks), len(self.b.tasks)],
            "added": len(self.added), "removed": len(self.removed), "changed": len(self.changed),
            "handoffs": [self.a.handoff_counts(), self.b.handoff_counts()],
            "trips_declared": [self.a.trips, self.b.trips],
            "papers_asked": [len(self.a.papers), len(self.b.papers)],
            "papers_replaced": len([p for p in self.papers_dropped if p.replaced_by]),
        }

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form of the whole diff."""
        out: dict[str, Any] = {"summary": self.summary()}
        out["added"] = [dataclasses.asdict(t) for t in self.added]
        out["removed"] = [dataclasses.asdict(t) for t in self.removed]
        out["changed"] = [dataclasses.asdict(c) for c in self.changed]
        out["papers_dropped"] = [dataclasses.asdict(p) for p in self.papers_dropped]
        out["papers_new"] = list(self.papers_new)
        out["deadlines"] = [{"key": k, "a": a, "b": b} for k, a, b in self.deadlines]
        out["unchanged"] = self.unchanged
        for side, facts in (("a", self.a), ("b", self.b)):
            out[side] = {
                "label": facts.label, "file": facts.file, "procedure": facts.procedure,
                "handoffs": [dataclasses.asdict(h) for h in facts.handoffs],
                "touchpoints": [dataclasses.asdict(t) for t in facts.touchpoints],
                "replacements": [dataclasses.asdict(r) for r in facts.replacements],
                "papers": [{"code": c, "name": facts.paper_names.get(c, c)} for c in facts.papers],
                "deadlines": facts.deadlines,
            }
        return out

    def to_json(self) -> str:
        """The diff as indented JSON text."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)


def diff_files(a: str | Path, b: str | Path, outside: Outside | None = None) -> VariantDiff:
    """Diff two BPMN files (each read with its procedure folder, or the catalogue procedure claiming it)."""
    return diff_facts(read_facts(load_variant(a, outside)), read_facts(load_variant(b, outside)))


def diff_facts(a: VariantFacts, b: VariantFacts) -> VariantDiff:
    """Diff two variants' facts."""
    pairs, removed, added = match_tasks(a.tasks, b.tasks)
    changed = []
    for old, new in pairs:
        changes = _task_changes(old, new)
        if changes:
            changed.append(TaskChange(new.id, new.name or old.name, old.id, changes))
    kept = set(b.papers)
    dropped = [
        PaperChange(code, a.paper_names.get(code, code), _replacing(code, b.replacements))
        for code in a.papers if code not in kept
    ]
    keys = sorted(set(a.deadlines) | set(b.deadlines), key=lambda k: (k != "overall", k))
    return VariantDiff(
        a=a, b=b, added=added, removed=removed, changed=changed, unchanged=len(pairs) - len(changed),
        papers_dropped=dropped, papers_new=[code for code in b.papers if code not in set(a.papers)],
        deadlines=[(k, a.deadlines.get(k), b.deadlines.get(k)) for k in keys],
    )


def match_tasks(a: dict[str, TaskFact], b: dict[str, TaskFact]
                ) -> tuple[list[tuple[TaskFact, TaskFact]], list[TaskFact], list[TaskFact]]:
    """Pair tasks by id, then the rest by name; returns (pairs, only in a, only in b)."""
    pairs = [(a[key], b[key]) for key in a if key in b]
    rest_a = [t for key, t in a.items() if key not in b]
    rest_b = {key: t for key, t in b.items() if key not in a}
    by_name: dict[str, list[str]] = {}
    for key, task in rest_b.items():
        if task.name:
            by_name.setdefault(_normal(task.name), []).append(key)
    removed = []
    for task in rest_a:
        candidates = by_name.get(_normal(task.name), []) if task.name else []
        if candidates:
            pairs.append((task, rest_b.pop(candidates.pop(0))))
        else:
            removed.append(task)
    return pairs, removed, list(rest_b.values())


def _task_changes(old: TaskFact, new: TaskFact) -> tuple[str, ...]:
    changes = []
    if old.id != new.id:
        changes.append(f"id: {old.id} → {new.id}")
    if old.name != new.name:
        changes.append(f"tên: «{old.name}» → «{new.name}»")
    if old.kind != new.kind:
        changes.append(f"loại: {old.kind} → {new.kind}")
    if old.agency != new.agency:
        changes.append(f"cơ quan: {old.agency} → {new.agency}")
    elif old.lane != new.lane:
        changes.append(f"bộ phận: {old.lane} → {new.lane}")
    for key in sorted((set(old.properties) | set(new.properties)) - SIMULATION_PROPERTIES):
        before, after = old.properties.get(key, "—"), new.properties.get(key, "—")
        if before != after:
            changes.append(f"{key}: {before} → {after}")
    return tuple(changes)


def _replacing(code: str, replacements: list[Replacement]) -> tuple[str, ...]:
    return tuple(r.name or r.element_id for r in replacements if code in r.papers)


def _normal(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip().casefold()
