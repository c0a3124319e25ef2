"""What runs in-process (plain expressions) and what counts as data (JSON values, date-times, durations)."""

from __future__ import annotations

import ast
from datetime import date, datetime, timedelta

import pytest

from engine.errors import UnsafeExpressionError
from engine.sandbox.bounds import MAX_DEPTH, MAX_PLAIN_OPERATORS, check_data, is_plain, plain_calls
from engine.sandbox.sandbox import Sandbox
from engine.sandbox.scripting import HELPER_NAMES
from engine.time.clock import VN_TZ


@pytest.mark.parametrize(
    ("source", "plain"),
    [("fee > 0", True), ('ket_qua == "dat" and not bo_sung', True), ('deadline("cong-an")', True),
     ("now().strftime('%Y') == '2025'", True), ("sorted(xs)[0]", False), ("','.join(xs)", False),
     ("s.replace('a', 'b')", False), ("[x for x in xs]", False), ("sum(map(lambda i: i, xs))", False)],
)
def test_plain_expressions_run_in_process_and_the_rest_confined(source: str, plain: bool) -> None:
    compiled = Sandbox().compile(source, "eval")
    assert is_plain(compiled.tree, HELPER_NAMES) is plain


def test_plain_calls_names_the_helpers_only_and_counts_operators() -> None:
    assert plain_calls(ast.parse("len(x) + deadline('overall')", mode="eval")) == frozenset({"deadline"})
    at_limit = " + ".join(["1"] * (MAX_PLAIN_OPERATORS + 1))  # MAX_PLAIN_OPERATORS operators
    assert plain_calls(ast.parse(at_limit, mode="eval")) == frozenset()
    assert plain_calls(ast.parse(at_limit + " + 1", mode="eval")) is None
    assert not is_plain(ast.parse("foo(1)", mode="eval"), HELPER_NAMES)  # not a helper: confined


def test_data_passes_with_date_times_and_durations() -> None:
    check_data({"ds": [1, 2.5, "a", None, True], "at": datetime(2025, 3, 3, tzinfo=VN_TZ),
                "han": timedelta(days=3), "sau": {"x": [{"y": "z"}]}}, "the form")
    check_data(date(2025, 3, 3), "the timer's value", dates=True)


def test_a_script_result_that_is_not_data_names_its_key() -> None:
    with pytest.raises(UnsafeExpressionError, match=r"'ho_so\.ds\[1\]' is a map"):
        Sandbox().execute("ho_so = {'ds': [1, map(str, [1])]}", {}, {})
    with pytest.raises(UnsafeExpressionError, match="store dates as text"):
        Sandbox().execute("d = date(2025, 3, 3)", {}, {})


def test_check_data_names_the_path_and_what_to_do() -> None:
    with pytest.raises(UnsafeExpressionError, match=r"the form: 'ngay' is a date, not data") as caught:
        check_data({"ngay": date(2025, 3, 3)}, "the form")
    assert caught.value.hint == "store dates as text: .isoformat()"
    with pytest.raises(UnsafeExpressionError, match=r"'a' has a key 1 that is not text"):
        check_data({"a": {1: "x"}}, "the data")
    with pytest.raises(UnsafeExpressionError, match=r"'the value' is a set"):
        check_data({1, 2}, "the result")


def test_nesting_deeper_than_the_limit_is_refused() -> None:
    def nested(depth: int) -> object:
        value: object = 1
        for _ in range(depth):
            value = [value]
        return value

    check_data(nested(MAX_DEPTH), "the data")
    with pytest.raises(UnsafeExpressionError, match=f"nested more than {MAX_DEPTH} levels deep"):
        check_data(nested(MAX_DEPTH + 1), "the data")
