"""The hostile-model corpus of tests/data/hostile/: payloads and a catalogue with one variant per payload."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

HOSTILE = Path(__file__).parent / "data" / "hostile"
SLUG = "doc-hai"
ORDINARY = "thuong"  # a harmless script: the case that must stay fast while the bombs run
# What stops a resource bomb: the CPU timer, the memory limit, the wall clock, the loop or size guards.
ANY_LIMIT = ("of CPU", "MB of memory", "ran longer than", "loop steps", "longer than 1,000,000 items",
             "is too large (limit 1,000,000)")
ORDINARY_SCRIPT = "tong = 1 + 2\nnhan_xet = f'xong {tong}'"
# The DOCTYPE files: UTF-8 (with and without BOM), Latin-1, UTF-16/32 LE/BE with and without BOM, UTF-7
# (`+ADwAIQ-` is "<!"), and JAVA (`\u003c!`: a codec libxml2 reads and Python does not know, so its DOCTYPE is
# refused without a line). Each declares it on line 2.
DOCTYPES = sorted(HOSTILE.glob("doctype-*.bpmn"))
UNLOCATED = {"doctype-java.bpmn"}


def doctype_line(path: Path) -> int | None:
    """The line a DOCTYPE file's refusal names."""
    return None if path.name in UNLOCATED else 2


@dataclass(frozen=True)
class Payload:
    """One hostile script: its variant name, its source, the words one of which its refusal contains."""

    name: str
    source: str
    stops: tuple[str, ...]

    def stopped(self, message: str) -> bool:
        """Whether `message` says what stopped this payload."""
        return any(word in message for word in self.stops)


def payloads() -> list[Payload]:
    """Every script payload of the corpus."""
    table = tomllib.loads((HOSTILE / "payloads.toml").read_text(encoding="utf-8"))
    return [Payload(p["name"], p["source"], ANY_LIMIT if p["stops"] == "any limit" else tuple(p["stops"]))
            for p in table["script"]]


def script_bpmn(source: str) -> str:
    """The corpus's one-script-task diagram running `source`."""
    template = (HOSTILE / "script-task.bpmn.tmpl").read_text(encoding="utf-8")
    return template.replace("{script}", escape(source))


def hostile_catalog(root: Path, chosen: list[Payload]) -> Path:
    """A catalogue at `root` whose procedure `doc-hai` has the ordinary variant and one per payload."""
    folder = root / SLUG
    folder.mkdir(parents=True)
    toml = (HOSTILE / "procedure.toml").read_text(encoding="utf-8")
    for name, source in [(ORDINARY, ORDINARY_SCRIPT), *((p.name, p.source) for p in chosen)]:
        (folder / f"{name}.bpmn").write_text(script_bpmn(source), encoding="utf-8")
        toml += f'\n[variants.{name}]\nfile = "{name}.bpmn"\ndeadlines = {{ overall = 3 }}\n'
    (folder / "procedure.toml").write_text(toml, encoding="utf-8")
    return root
