"""One error hierarchy: where (file, line, element, field), what to do, and a JSON form without traceback."""

from __future__ import annotations

import pytest

from engine import errors
from engine.errors import (
    CaseUnreadableError,
    ConflictError,
    ConnectorError,
    ForbiddenError,
    InvalidProcessError,
    LegalRuleError,
    LienThongError,
    NotFoundError,
    TaskFailedError,
    UnsafeExpressionError,
    ValidationError,
)


def test_the_message_names_file_line_element_field_and_hint() -> None:
    error = InvalidProcessError(
        "legal_clock must be one of start, pause", element_id="TiepNhan", file="to-be.bpmn", line=42,
        field="legal_clock", hint="see docs/modelling.md",
    )
    assert error.where == "to-be.bpmn:42: TiepNhan: field legal_clock"
    assert str(error) == (
        "to-be.bpmn:42: TiepNhan: field legal_clock: legal_clock must be one of start, pause"
        " (see docs/modelling.md)"
    )


@pytest.mark.parametrize(
    ("kwargs", "where"),
    [({}, ""), ({"line": 7}, "line 7"), ({"file": "a.bpmn"}, "a.bpmn"), ({"element_id": "X"}, "X"),
     ({"file": "a.bpmn", "line": 0}, "a.bpmn")],
)
def test_where_shows_only_what_is_known(kwargs: dict[str, object], where: str) -> None:
    error = LienThongError("hỏng", **kwargs)  # type: ignore[arg-type]
    assert error.where == where
    assert str(error) == (f"{where}: hỏng" if where else "hỏng")


def test_to_dict_keeps_set_fields_only_and_validation_adds_its_errors() -> None:
    assert NotFoundError("unknown case 'x'").to_dict() == {"message": "unknown case 'x'"}
    problems = [{"field": "ho_ten", "message": "bắt buộc"}]
    error = ValidationError("form invalid", field="ho_ten", errors=problems)
    assert error.to_dict() == {
        "message": "form invalid", "field": "ho_ten", "errors": problems
    }
    assert ValidationError("x").errors == [] and "errors" not in ValidationError("x").to_dict()


def test_a_legal_rule_error_names_its_rule_and_source() -> None:
    error = LegalRuleError("a second supplement request", rule="one supplement request per dossier",
                           source="[S5]", element_id="YeuCauBoSung")
    assert error.message == "a second supplement request — rule: one supplement request per dossier ([S5])"
    assert error.details == {"rule": "one supplement request per dossier", "source": "[S5]"}
    assert error.to_dict()["element_id"] == "YeuCauBoSung"


def test_an_unreadable_case_is_a_conflict_for_that_case_only() -> None:
    error = CaseUnreadableError("c-1", "invalid JSON")
    assert isinstance(error, ConflictError)
    assert error.message == "case c-1 cannot be read from the database: invalid JSON"
    assert error.case_id == "c-1" and error.details == {"case_id": "c-1"}
    assert error.hint is not None and "backup" in error.hint


def test_every_error_is_a_lienthong_error_with_its_own_vietnamese_title() -> None:
    classes = [c for c in vars(errors).values() if isinstance(c, type) and issubclass(c, LienThongError)]
    assert set(classes) >= {NotFoundError, ConflictError, ForbiddenError, InvalidProcessError,
                            UnsafeExpressionError, ValidationError, TaskFailedError, ConnectorError}
    titles = [c.title for c in classes]
    assert len(set(titles)) == len(titles) and all(t for t in titles)
    assert issubclass(UnsafeExpressionError, InvalidProcessError)  # a bad expression is a bad process
    assert LienThongError("x", details=None).details == {}
