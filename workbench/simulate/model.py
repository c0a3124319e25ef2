"""Simulation inputs: the `<variant>.sim.toml` side file and `duration` properties, never process logic."""

from __future__ import annotations

import random
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date, time
from pathlib import Path
from typing import Any

from engine.bpmn.elements import HUMAN_TASKS, Element
from engine.bpmn.model import ProcessModel
from engine.errors import InvalidProcessError

from .clock import DEFAULT_HOURS, Period
from .distributions import Choice, Distribution
from .forms import enum_fields

DEFAULT_DURATION = "triangular(0.1, 0.25, 0.5)"  # a desk task: about one to four office hours
DEFAULT_MESSAGE_DELAY = "triangular(0.5, 1, 2)"  # another agency's reply
TOP_KEYS = {"simulation", "start", "tasks", "lanes", "messages", "connectors"}


@dataclass(frozen=True)
class Draws:
    """Fixed data plus fields drawn at random: what a task, message, start or connector hands back."""

    data: dict[str, Any] = field(default_factory=dict)
    choices: tuple[Choice, ...] = ()

    def draw(self, rng: random.Random) -> dict[str, Any]:
        """The fixed data with one value drawn for each choice."""
        out = dict(self.data)
        for choice in self.choices:
            out[choice.field] = choice.draw(rng)
        return out


@dataclass(frozen=True)
class TaskInput:
    """How long a task takes, and what its form says (the first time, and on later visits).

    `delay` is time before anyone can work on it that occupies nobody: the citizen coming back with a
    supplement, another agency's paper reply arriving by post.
    """

    duration: Distribution | None = None
    first: Draws = Draws()
    again: Draws | None = None
    delay: Distribution | None = None


@dataclass(frozen=True)
class MessageInput:
    """When another agency's (or the citizen's) message arrives, if it arrives, and what it carries."""

    delay: Distribution | None = None
    probability: float | None = None
    payload: Draws = Draws()


@dataclass
class SimConfig:
    """Everything the simulation needs besides the diagram."""

    arrivals_per_day: float = 5.0
    start: date = date(2025, 3, 3)
    office_hours: tuple[Period, ...] = DEFAULT_HOURS
    default_duration: Distribution = field(default_factory=lambda: Distribution.parse(DEFAULT_DURATION))
    default_message_delay: Distribution = field(
        default_factory=lambda: Distribution.parse(DEFAULT_MESSAGE_DELAY))
    default_capacity: int | None = None
    case_start: Draws = Draws()
    channels: Choice | None = None
    tasks: dict[str, TaskInput] = field(default_factory=dict)
    lanes: dict[str, int | None] = field(default_factory=dict)
    messages: dict[str, MessageInput] = field(default_factory=dict)
    connectors: dict[str, Draws] = field(default_factory=dict)
    source: str | None = None
    warnings: list[str] = field(default_factory=list)

    def capacity(self, lane: str) -> int | None:
        """How many people work a lane at once (None: as many as there are cases, e.g. citizens)."""
        return self.lanes.get(lane, self.default_capacity)

    def duration(self, element: Element) -> Distribution:
        """A task's duration: the side file, else its `duration` property, else the default."""
        given = self.tasks.get(element.id)
        if given is not None and given.duration is not None:
            return given.duration
        text = element.properties.get("duration")
        if text:
            return Distribution.parse(text, element_id=element.id, file=element.file, line=element.line,
                                      where="duration")
        return self.default_duration


def load_config(model: ProcessModel, path: Path | None) -> SimConfig:
    """Read a side file (if it exists) and check it against the diagram; warnings say what was assumed."""
    raw: dict[str, Any] = {}
    source = None
    if path is not None and path.is_file():
        source = str(path)
        try:
            raw = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise InvalidProcessError(f"not valid TOML: {exc}", file=source) from None
    config = _parse(raw, source)
    _check_against(model, config)
    return config


def _parse(raw: dict[str, Any], source: str | None) -> SimConfig:
    unknown = set(raw) - TOP_KEYS
    if unknown:
        raise InvalidProcessError(f"unknown section(s) {', '.join(sorted(unknown))}", file=source,
                                  hint=f"the sections are {', '.join(sorted(TOP_KEYS))}")
    sim = _table(raw, "simulation", source)
    config = SimConfig(source=source)
    if "arrivals_per_day" in sim:
        config.arrivals_per_day = _number(sim["arrivals_per_day"], "simulation.arrivals_per_day", source)
        if config.arrivals_per_day <= 0:
            raise InvalidProcessError("arrivals_per_day must be above zero", file=source,
                                      field="simulation.arrivals_per_day")
    if "start" in sim:
        if not isinstance(sim["start"], date):
            raise InvalidProcessError("start must be a date like 2025-03-03", file=source,
                                      field="simulation.start")
        config.start = sim["start"]
    if "office_hours" in sim:
        config.office_hours = _office_hours(sim["office_hours"], source)
    if "duration" in sim:
        config.default_duration = _distribution(sim["duration"], "simulation.duration", source)
    if "message_delay" in sim:
        config.default_message_delay = _distribution(sim["message_delay"], "simulation.message_delay", source)
    if "capacity" in sim:
        config.default_capacity = _capacity(sim["capacity"], "simulation.capacity", source)
    start = _table(raw, "start", source)
    config.case_start = _draws(start, "start", source, skip={"channel"})
    if "channel" in start:
        config.channels = Choice.parse("kenh", start["channel"], where="start.channel", file=source)
    for task_id, entry in _table(raw, "tasks", source).items():
        where = f"tasks.{task_id}"
        entry = _table({"t": entry}, "t", source, where)
        duration = _distribution(entry["duration"], f"{where}.duration", source) if "duration" in entry \
            else None
        again = _draws(entry["again"], f"{where}.again", source) if "again" in entry else None
        delay = _distribution(entry["delay"], f"{where}.delay", source) if "delay" in entry else None
        config.tasks[task_id] = TaskInput(duration, _draws(entry, where, source,
                                                           skip={"duration", "again", "delay"}), again, delay)
    for lane, entry in _table(raw, "lanes", source).items():
        entry = _table({"l": entry}, "l", source, f"lanes.{lane}")
        config.lanes[lane] = _capacity(entry.get("capacity"), f"lanes.{lane}.capacity", source)
    for name, entry in _table(raw, "messages", source).items():
        where = f'messages."{name}"'
        entry = _table({"m": entry}, "m", source, where)
        probability = entry.get("probability")
        if probability is not None:
            probability = _number(probability, f"{where}.probability", source)
            if not 0 <= probability <= 1:
                raise InvalidProcessError("probability must be between 0 and 1", file=source,
                                          field=f"{where}.probability")
        delay = _distribution(entry["delay"], f"{where}.delay", source) if "delay" in entry else None
        config.messages[name] = MessageInput(delay, probability,
                                             _draws(entry, where, source, skip={"delay", "probability"}))
    for operation, entry in _table(raw, "connectors", source).items():
        where = f'connectors."{operation}"'
        config.connectors[operation] = _draws(_table({"c": entry}, "c", source, where), where, source)
    return config


def _check_against(model: ProcessModel, config: SimConfig) -> None:
    elements = model.elements
    for task_id in config.tasks:
        if task_id not in elements:
            config.warnings.append(f"{config.source}: tasks.{task_id}: no element '{task_id}' in the diagram")
    messages = {f.message for f in model.message_flows} | set(elements)
    for name in config.messages:
        if name not in messages:
            config.warnings.append(f'{config.source}: messages."{name}": no such message or element')
    lanes = {e.lane for e in elements.values() if e.lane} | {p.name for p in model.pools.values()}
    for lane in config.lanes:
        if lane not in lanes:
            config.warnings.append(f"{config.source}: lanes.\"{lane}\": the diagram has no such lane")
    timed = [e.id for e in elements.values() if e.kind in HUMAN_TASKS and "duration" not in e.properties
             and not (e.id in config.tasks and config.tasks[e.id].duration)]
    conditions = " ".join(f.condition or "" for f in model.flows.values())
    for element in elements.values():
        if element.kind not in HUMAN_TASKS:
            continue
        given = config.tasks.get(element.id)
        drawn = {c.field for c in given.first.choices} | set(given.first.data) if given else set()
        for name, values in enum_fields(model.form_for(element)).items():
            if name not in drawn and re.search(rf"\b{re.escape(name)}\b", conditions):
                config.warnings.append(f"{element.id}: no choices for '{name}': always '{values[0]}'")
    if timed:
        config.warnings.append(f"no duration for {', '.join(sorted(timed))}: "
                               f"assumed {config.default_duration} working days")


def _table(raw: dict[str, Any], key: str, source: str | None, where: str | None = None) -> dict[str, Any]:
    value = raw.get(key, {})
    if not isinstance(value, dict):
        raise InvalidProcessError(f"'{where or key}' must be a table", file=source, field=where or key)
    return value


def _draws(entry: dict[str, Any], where: str, source: str | None, skip: set[str] | None = None) -> Draws:
    allowed = {"data", "choices"} | (skip or set())
    unknown = set(entry) - allowed
    if unknown:
        raise InvalidProcessError(f"unknown key(s) {', '.join(sorted(unknown))} in {where}", file=source,
                                  field=where, hint=f"allowed: {', '.join(sorted(allowed))}")
    data = _table(entry, "data", source, f"{where}.data")
    choices = tuple(Choice.parse(name, shares, where=f"{where}.choices.{name}", file=source)
                    for name, shares in _table(entry, "choices", source, f"{where}.choices").items())
    return Draws(dict(data), choices)


def _distribution(value: Any, where: str, source: str | None) -> Distribution:
    return Distribution.parse(str(value), where=where, file=source)


def _number(value: Any, where: str, source: str | None) -> float:
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise InvalidProcessError(f"'{value}' is not a number", file=source, field=where)
    return float(value)


def _capacity(value: Any, where: str, source: str | None) -> int | None:
    if value is None or value == "unlimited":
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise InvalidProcessError("capacity must be a whole number ≥ 1, or \"unlimited\"", file=source,
                                  field=where)
    return value


def _office_hours(value: Any, source: str | None) -> tuple[Period, ...]:
    """`["08:00", "12:00", "13:00", "17:00"]`: opening and closing times of each period of the day."""
    where = "simulation.office_hours"
    try:
        times = [time.fromisoformat(str(v)) for v in value]
    except (TypeError, ValueError):
        times = []
    if not times or len(times) % 2 or times != sorted(times) or len(set(times)) != len(times):
        raise InvalidProcessError("office_hours lists opening and closing times in order", file=source,
                                  field=where, hint='e.g. ["08:00", "12:00", "13:00", "17:00"]')
    return tuple(zip(times[::2], times[1::2], strict=True))
