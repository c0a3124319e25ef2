"""A bundle says once which BPMN files the engine reads, in which order, and which files are its forms."""

from __future__ import annotations

from engine.catalog import SHARED_DIR, Catalog
from engine.model import Bundle


def test_the_main_diagram_comes_first_then_the_shared_files_it_calls(catalog: Catalog) -> None:
    bundle = catalog.bundle("chuyen-truong-thpt", "to-be")
    names = bundle.bpmn_names()
    assert names[0] == "to-be.bpmn" and len(names) > 1
    assert names[1:] == sorted(names[1:]) and all(n.startswith(f"{SHARED_DIR}/") for n in names[1:])
    assert [doc.filename for doc in catalog.model(bundle).documents] == names


def test_form_names_key_every_form_the_model_reads(catalog: Catalog) -> None:
    bundle = catalog.bundle("chuyen-truong-thpt", "to-be")
    names = bundle.form_names()
    assert names["start"] == "forms/start.schema.json"
    assert set(names) == set(catalog.model(bundle).forms)
    assert not any(name.startswith("messages/") for name in names.values())


def test_a_diagram_on_its_own_has_one_file_and_no_forms() -> None:
    bundle = Bundle(slug="x", variant="x", main="x.bpmn", files={"x.bpmn": b"<x/>", "notes.txt": b""})
    assert bundle.bpmn_names() == ["x.bpmn"] and bundle.form_names() == {}
