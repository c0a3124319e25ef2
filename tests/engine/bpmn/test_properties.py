"""The element-property registry: what the docs list, what the catalogue uses and what lint accepts."""

from __future__ import annotations

import re
from pathlib import Path

from engine.bpmn.catalog import Catalog
from engine.bpmn.properties import LEGAL_CLOCK_ACTIONS, PROPERTIES
from workbench.lint.run import lint_source

ROOT = Path(__file__).resolve().parents[3]
SLUG = "chuyen-truong-thpt"


def test_docs_table_lists_exactly_the_registry() -> None:
    text = (ROOT / "docs" / "modelling.md").read_text(encoding="utf-8")
    section = text.split("## Extension properties the engine acts on", 1)[1].split("\n## ", 1)[0]
    documented = set(re.findall(r"^\| `([a-z_]+)` \|", section, flags=re.M))
    assert documented == set(PROPERTIES)


def test_every_property_the_catalogue_uses_is_registered() -> None:
    catalog = Catalog(ROOT / "processes")
    used = {
        name
        for procedure in catalog.procedures()
        for variant in procedure.variants
        for element in catalog.model(catalog.bundle(procedure.slug, variant)).elements.values()
        for name in element.properties
    }
    assert used <= set(PROPERTIES), sorted(used - set(PROPERTIES))
    assert {"status", "legal_clock", "document", "outcome", "trips", "papers"} <= used


def test_lint_takes_its_closed_sets_and_known_names_from_the_registry() -> None:
    catalog = Catalog(ROOT / "processes")
    original = (ROOT / "processes" / SLUG / "as-is.bpmn").read_text(encoding="utf-8")
    assert 'name="legal_clock" value="start"' in original
    edited = original.replace('name="legal_clock" value="start"', 'name="legal_clock" value="begin"', 1)
    findings = lint_source(edited.encode(), "as-is.bpmn", catalog, SLUG, "as-is")
    assert any(", ".join(LEGAL_CLOCK_ACTIONS) in f.message for f in findings), [f.message for f in findings]
    misspelt = original.replace('name="trips"', 'name="trip"', 1)
    assert misspelt != original
    findings = lint_source(misspelt.encode(), "as-is.bpmn", catalog, SLUG, "as-is")
    unknown = [f for f in findings if "'trip'" in f.message]
    assert unknown and all(name in unknown[0].message for name in PROPERTIES)
