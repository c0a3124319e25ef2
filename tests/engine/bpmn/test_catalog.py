"""The catalogue under processes/: procedures by slug or code, variants as bundles, models cached by hash."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from engine.bpmn.catalog import SHARED_DIR, Catalog
from engine.errors import InvalidProcessError, NotFoundError
from tests.conftest import PROCESSES

SLUGS = [
    "cap-ban-sao-van-bang", "cap-phep-trung-tam-ngoai-ngu-tin-hoc", "chuyen-truong-thpt",
    "khai-sinh-thuong-tru-bhyt", "khai-tu-xoa-thuong-tru-mai-tang",
]
SCHOOL = "chuyen-truong-thpt"


def test_every_procedure_folder_in_slug_order(catalog: Catalog) -> None:
    assert [p.slug for p in catalog.procedures()] == SLUGS  # _shared is not a procedure


def test_a_procedure_by_slug_or_by_code(catalog: Catalog) -> None:
    assert catalog.procedure("1.005096") is catalog.procedure(SCHOOL)
    assert catalog.procedure("1.011537").slug == "khai-tu-xoa-thuong-tru-mai-tang"
    with pytest.raises(NotFoundError, match=r"unknown procedure 'khai-hon' \(known: cap-ban-sao-van-bang, "):
        catalog.procedure("khai-hon")


def test_an_empty_catalogue_knows_no_procedure() -> None:
    empty = Catalog()
    assert empty.procedures() == []
    with pytest.raises(NotFoundError, match=r"\(known: none\)"):
        empty.procedure(SCHOOL)


def test_a_bundle_holds_the_diagram_its_forms_messages_and_the_shared_reception(catalog: Catalog) -> None:
    bundle = catalog.bundle(SCHOOL, "to-be")
    assert bundle.main == "to-be.bpmn" and bundle.slug == SCHOOL and bundle.variant == "to-be"
    assert {"to-be.bpmn", "procedure.toml", f"{SHARED_DIR}/tiep-nhan-truc-tuyen.bpmn"} <= set(bundle.files)
    assert "forms/TN_KiemTraHoSo.schema.json" in bundle.files  # the shared reception's forms
    assert {"messages/Msg_HoSoTruongDi.schema.json", "messages/Msg_QuyetDinhTruongDen.schema.json"} <= set(
        bundle.files
    )
    # The to-be variant's own start form replaces the common one; no "start.to-be" file is left in the bundle.
    own = (PROCESSES / SCHOOL / "forms" / "start.to-be.schema.json").read_bytes()
    assert bundle.files["forms/start.schema.json"] == own
    assert "forms/start.to-be.schema.json" not in bundle.files
    as_is = catalog.bundle(SCHOOL, "as-is")
    common = (PROCESSES / SCHOOL / "forms" / "start.schema.json").read_bytes()
    assert as_is.files["forms/start.schema.json"] == common
    assert not any(name.startswith(f"{SHARED_DIR}/") for name in as_is.files)  # it calls no shared activity
    assert as_is.hash != bundle.hash


def test_an_unknown_variant_names_the_known_ones(catalog: Catalog) -> None:
    message = r"procedure 'chuyen-truong-thpt' has no variant 'x' \(variants: as-is, to-be\)"
    with pytest.raises(NotFoundError, match=message):
        catalog.bundle("1.005096", "x")


def test_an_uploaded_diagram_replaces_the_variants_file(catalog: Catalog) -> None:
    original = (PROCESSES / SCHOOL / "to-be.bpmn").read_text(encoding="utf-8")
    edited = original.replace("Tra cứu", "Tra cứu lại").encode()
    bundle = catalog.bundle(SCHOOL, "to-be", bpmn=edited, filename="sua.bpmn")
    assert bundle.files["to-be.bpmn"] == edited and bundle.hash != catalog.bundle(SCHOOL, "to-be").hash


def test_a_missing_variant_file_is_named(tmp_path: Path) -> None:
    shutil.copytree(PROCESSES / "cap-ban-sao-van-bang", tmp_path / "cap-ban-sao-van-bang")
    (tmp_path / "cap-ban-sao-van-bang" / "to-be.bpmn").unlink()
    with pytest.raises(InvalidProcessError, match=r"variant file to-be\.bpmn is missing") as caught:
        Catalog(tmp_path).bundle("cap-ban-sao-van-bang", "to-be")
    assert caught.value.file == str(tmp_path / "cap-ban-sao-van-bang" / "to-be.bpmn")
    # No _shared folder here: the diagram's call activity brings no shared file (and load_model says so).
    assert Catalog(tmp_path).shared_files(b"<x/>", "x.bpmn") == {}


def test_models_are_parsed_once_per_content_hash_and_evicted_oldest_first() -> None:
    small = Catalog(PROCESSES, cache_size=1)
    first = small.bundle(SCHOOL, "as-is")
    model = small.model(first)
    assert small.model(small.bundle(SCHOOL, "as-is")) is model  # same content, same parse
    assert small.cached_model(first.hash) is model
    small.model(small.bundle(SCHOOL, "to-be"))
    assert small.cached_model(first.hash) is None  # one slot: the older model went
