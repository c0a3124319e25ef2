"""Whose diagram is this: the catalogue variant declaring the same executable processes, wherever it lies."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.bpmn.catalog import Catalog
from engine.bpmn.ownership import owner_of, process_ids
from engine.errors import InvalidProcessError, NotFoundError
from tests.conftest import PROCESSES

SCHOOL = "chuyen-truong-thpt"
EMPTY = b"""<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
  <bpmn:process id="ve_moi" isExecutable="true"><bpmn:startEvent id="S" /></bpmn:process>
  <bpmn:process id="co_quan_khac" isExecutable="false" />
</bpmn:definitions>"""


def test_the_executable_processes_of_a_file() -> None:
    assert process_ids(EMPTY, "moi.bpmn") == {"ve_moi"}  # other agencies' pools never run


@pytest.mark.parametrize("variant", ["as-is", "to-be"])
def test_a_copy_saved_elsewhere_is_owned_by_its_variant(catalog: Catalog, variant: str) -> None:
    content = (PROCESSES / SCHOOL / f"{variant}.bpmn").read_bytes()
    assert owner_of(catalog, content, "/tmp/ban-sua.bpmn") == (SCHOOL, variant)
    assert owner_of(catalog, content, "ban-sua.bpmn", procedure="1.005096") == (SCHOOL, variant)


def test_a_diagram_drawn_from_scratch_needs_its_procedure_named(catalog: Catalog) -> None:
    with pytest.raises(InvalidProcessError, match=r"no procedure of the catalogue declares the processes of "
                                                  r"moi\.bpmn \(ve_moi\)") as caught:
        owner_of(catalog, EMPTY, "moi.bpmn")
    assert caught.value.file == "moi.bpmn"
    assert caught.value.hint is not None and "--procedure SLUG" in caught.value.hint
    assert owner_of(catalog, EMPTY, "moi.bpmn", procedure=SCHOOL) == (SCHOOL, None)
    assert owner_of(catalog, EMPTY, str(Path("nhap") / "to-be.bpmn"), procedure=SCHOOL) == (SCHOOL, "to-be")


def test_an_unknown_procedure_is_not_found(catalog: Catalog) -> None:
    with pytest.raises(NotFoundError, match="unknown procedure 'khai-hon'"):
        owner_of(catalog, EMPTY, "moi.bpmn", procedure="khai-hon")
