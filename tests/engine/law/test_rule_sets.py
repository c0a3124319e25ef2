"""Rules by effective date: a dossier keeps the regime and amendments in force on its receipt day."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine.bpmn.catalog import Catalog
from engine.errors import InvalidProcessError
from engine.law.rule_sets import LEGAL_DEFAULTS, Rules, bind, in_force, parse_rules

CENTRES = "cap-phep-trung-tam-ngoai-ngu-tin-hoc"
AMENDED = Rules("sua-doi", date(2024, 11, 20), "Sửa đổi", "E12", {"overall": 20}, ("to-be",))


def test_decree_118_replaces_61_on_1_july_2025() -> None:
    assert in_force(LEGAL_DEFAULTS, date(2025, 6, 30)).code == "nd-61-2018"  # type: ignore[union-attr]
    assert in_force(LEGAL_DEFAULTS, date(2025, 7, 1)).code == "nd-118-2025"  # type: ignore[union-attr]


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)))
def test_exactly_one_regime_is_in_force_every_day(day: date) -> None:
    regime = in_force(LEGAL_DEFAULTS, day)
    assert regime is not None and regime.effective_from <= day
    assert regime.code == ("nd-118-2025" if day >= date(2025, 7, 1) else "nd-61-2018")


def test_a_procedures_rules_apply_from_their_day_and_to_their_variants_only() -> None:
    assert in_force([AMENDED], date(2024, 11, 19), "to-be") is None
    assert in_force([AMENDED], date(2024, 11, 20), "to-be") is AMENDED
    assert in_force([AMENDED], date(2024, 11, 20), "as-is") is None
    every = Rules("chung", date(2024, 1, 1), "", "")
    assert in_force([every, AMENDED], date(2024, 12, 1), "as-is") is every
    assert in_force([every, AMENDED], date(2024, 12, 1), "to-be") is AMENDED  # the latest wins


def test_bind_records_the_regime_the_amendment_and_its_deadlines() -> None:
    before = bind(date(2024, 11, 19), "to-be", [AMENDED], {"overall": 15, "tham-dinh": 10})
    assert before == {
        "received_on": "2024-11-19", "deadlines": {"overall": 15, "tham-dinh": 10},
        "regime": {"code": "nd-61-2018", "name_vi": LEGAL_DEFAULTS[0].name_vi, "source": "S1"},
    }
    after = bind(date(2025, 7, 1), "to-be", [AMENDED], {"overall": 15, "tham-dinh": 10})
    assert after["regime"]["code"] == "nd-118-2025"
    assert after["procedure"] == {"code": "sua-doi", "name_vi": "Sửa đổi", "source": "E12",
                                  "effective_from": "2024-11-20"}
    assert after["deadlines"] == {"overall": 20, "tham-dinh": 10}  # only what the amendment changes


def test_bind_does_not_change_the_variants_deadlines() -> None:
    deadlines = {"overall": 15}
    bind(date(2025, 1, 1), "to-be", [AMENDED], deadlines)
    assert deadlines == {"overall": 15}


def test_the_language_centres_amendment_is_read_from_procedure_toml(catalog: Catalog) -> None:
    (rules,) = catalog.procedure(CENTRES).rules
    assert (rules.code, rules.effective_from, rules.source) == ("nd-125-2024", date(2024, 11, 20), "E12")
    assert rules.deadlines == {} and rules.variants == ()


def test_parse_rules_defaults_and_refusals() -> None:
    assert parse_rules(None, "procedure.toml") == ()
    (first,) = parse_rules([{"effective_from": date(2025, 1, 1), "deadlines": {"overall": 3}}], "p.toml")
    assert (first.code, first.name_vi, first.deadlines) == ("rules-1", "", {"overall": 3})
    with pytest.raises(InvalidProcessError, match=r"array of tables \(\[\[rules\]\]\)") as caught:
        parse_rules({"code": "x"}, "p.toml")
    assert (caught.value.file, caught.value.field) == ("p.toml", "rules")
    with pytest.raises(InvalidProcessError, match="effective_from = a date like 2024-11-20") as caught:
        parse_rules([{"effective_from": "2024-11-20"}], "p.toml")  # text, not a TOML date
    assert caught.value.field == "rules[0]"
    with pytest.raises(InvalidProcessError, match="whole numbers of working days") as caught:
        parse_rules([{"effective_from": date(2025, 1, 1) + timedelta(), "deadlines": {"overall": -1}}], "p")
    assert caught.value.field == "rules[0].deadlines"
