"""The specs a model runs: the engine's service task, clock timers, and each spec's BPMN line."""

from __future__ import annotations

from SpiffWorkflow.bpmn.specs.mixins.events.event_types import CatchingEvent

from engine.agencies.deferral import DeferrableServiceTask
from engine.bpmn.catalog import Catalog
from engine.bpmn.specs import source_line
from engine.time.timers import ClockTimeDate


def test_the_school_transfer_runs_the_engines_specs(catalog: Catalog) -> None:
    model = catalog.model(catalog.bundle("chuyen-truong-thpt", "to-be"))
    specs = {getattr(s, "bpmn_id", None): s for s in model.spec.task_specs.values()}
    assert isinstance(specs["TraCuuCuTru"], DeferrableServiceTask)  # the population lookup can be a job
    timer = specs["Timer_HanGiaiQuyet"]
    assert isinstance(timer, CatchingEvent) and isinstance(timer.event_definition, ClockTimeDate)
    assert timer.event_definition.expression == 'deadline("overall")'
    bpmn = model.bundle.files[model.bundle.main].decode("utf-8").splitlines()
    line = source_line(specs["TraCuuCuTru"])
    assert line is not None and 'id="TraCuuCuTru"' in bpmn[line - 1]
