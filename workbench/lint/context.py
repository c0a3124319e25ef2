"""What a registered lint rule sees: the parsed documents of one bundle and the procedure they run in."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from engine.bpmn.contracts import MESSAGES_DIR
from engine.bpmn.model import SCHEMA_SUFFIX, Bundle
from engine.bpmn.procedure import Procedure, Variant

from .findings import Finding
from .form_files import FormFile, read_forms
from .index import DocIndex


@dataclass(frozen=True)
class RuleContext:
    """One bundle as the rules see it; `indexes[0]` is the diagram being linted, then the files it calls."""

    indexes: list[DocIndex]
    bundle: Bundle
    paths: dict[str, str]  # bundle file name → the path findings show
    procedure: Procedure | None = None  # None for a file on its own or a shared file
    variant: Variant | None = None

    @property
    def files(self) -> dict[str, bytes]:
        """Bundle file name → content (forms/, messages/, procedure.toml, _shared/…)."""
        return self.bundle.files

    @property
    def toml(self) -> str:
        """The shown path of procedure.toml."""
        return self.paths.get("procedure.toml", "procedure.toml")

    @property
    def toml_text(self) -> str:
        """procedure.toml as text ('' when the bundle has none)."""
        return self.files.get("procedure.toml", b"").decode("utf-8", errors="replace")

    @cached_property
    def forms(self) -> dict[str, Any]:
        """Task id (or form property) → the JSON Schema of its form; files that are not JSON left out."""
        return _json_of({key: self.files[name] for key, name in self.bundle.form_names().items()})

    @cached_property
    def message_schemas(self) -> dict[str, Any]:
        """messages/<Msg_Id>.schema.json → its JSON Schema; files that are not JSON left out."""
        return _json_of({name: content for name, content in self.files.items()
                         if name.startswith(f"{MESSAGES_DIR}/") and name.endswith(SCHEMA_SUFFIX)})

    @cached_property
    def form_files(self) -> list[FormFile]:
        """The bundle's task and start forms, by the keys the engine gives them, where findings show them."""
        return [FormFile(key, self.paths.get(name, name), self.files[name])
                for key, name in self.bundle.form_names().items()]

    @cached_property
    def checked_forms(self) -> tuple[dict[str, dict[str, Any]], list[Finding]]:
        """The valid form schemas by key, and a finding for each form that is not one (read once)."""
        return read_forms(self.form_files)

    @property
    def checks_forms(self) -> bool:
        """False for a file on its own (no procedure, no forms): its no-procedure warning says so."""
        return self.procedure is not None or bool(self.form_files)

    def line_in_toml(self, needle: str) -> int | None:
        """The first line of procedure.toml holding the text, for findings about a declaration."""
        position = self.toml_text.find(needle)
        return self.toml_text.count("\n", 0, position) + 1 if position >= 0 else None


def _json_of(files: dict[str, bytes]) -> dict[str, Any]:
    """Each file parsed as JSON, under the same key; files that are not JSON left out (invalid-form and
    invalid-message-schema report them)."""
    found = {}
    for key, content in files.items():
        try:
            found[key] = json.loads(content)
        except ValueError:
            continue
    return found
