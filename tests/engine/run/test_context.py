"""The running case's legal clock as helpers and timers see it: set for one operation, reset after."""

from __future__ import annotations

import threading
from datetime import datetime

import pytest

from engine.run.context import CaseContext, current_case, current_task, evaluating_for, running_case
from engine.time.clock import VN_TZ


@pytest.mark.parametrize(
    ("paused", "stopped", "counting"), [(False, False, True), (True, False, False), (False, True, False)]
)
def test_the_legal_clock_counts_unless_paused_or_stopped(paused: bool, stopped: bool, counting: bool) -> None:
    assert CaseContext(paused=paused, stopped=stopped).counting is counting


def test_outside_an_operation_the_case_is_empty() -> None:
    empty = current_case()
    assert empty.deadlines == {} and empty.legal_due_at is None and empty.supplements == 0
    assert empty.counting and current_task() is None


def test_the_running_case_is_seen_inside_the_block_and_reset_after_even_on_error() -> None:
    due = datetime(2025, 3, 6, 17, 0, tzinfo=VN_TZ)
    context = CaseContext(deadlines={"overall": 3}, legal_due_at=due)
    with pytest.raises(RuntimeError), running_case(context) as running:
        assert running is context and current_case() is context
        context.paused = True  # a pause mid-step is seen by the timers of the same step
        assert not current_case().counting
        raise RuntimeError("the step failed")
    assert current_case() is not context and current_case().counting


def test_cases_nest_and_each_thread_sees_its_own() -> None:
    outer, inner = CaseContext(supplements=1), CaseContext(supplements=2)
    seen: list[int] = []
    with running_case(outer):
        with running_case(inner):
            assert current_case().supplements == 2
            worker = threading.Thread(target=lambda: seen.append(current_case().supplements))
            worker.start()
            worker.join()
        assert current_case().supplements == 1
    assert seen == [0]  # another thread's operation does not see this case


def test_the_task_being_evaluated_is_marked_for_the_block_only() -> None:
    task = object()
    with evaluating_for(task):  # type: ignore[arg-type]
        assert current_task() is task
    assert current_task() is None
