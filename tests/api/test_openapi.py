"""The OpenAPI document: examples for every operation, and schemathesis finding no server error in it."""

from __future__ import annotations

from typing import Any

import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.core.result import Ok

from tests.api.conftest import SCHOOL, Api

EXAMPLES = 15  # per operation: enough to find the usual mistakes, fast enough for every test run
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance,
          response_headers_conformance]


def operations(api: Api) -> list[tuple[str, str, dict[str, Any]]]:
    document = api.get("/openapi.json").json()
    return [(method, path, operation) for path, item in document["paths"].items()
            for method, operation in item.items()]


def test_every_operation_has_examples_and_documents_its_errors(api: Api) -> None:
    missing = []
    for method, path, operation in operations(api):
        for status, response in operation["responses"].items():
            for media_type, content in response.get("content", {}).items():
                if "example" not in content and "examples" not in content:
                    missing.append(f"{method} {path} {status} {media_type}")
        body = operation.get("requestBody", {}).get("content", {})
        missing += [f"{method} {path} request {t}" for t, c in body.items()
                    if not {"example", "examples"} & set(c)]
        if path not in ("/health", "/metrics"):
            assert {"401", "422"} <= set(operation["responses"]), f"{method} {path}"
            assert operation["security"] == [{"bearer": []}, {"apiKey": []}], f"{method} {path}"
    assert not missing, "operations without examples:\n" + "\n".join(missing)


def test_examples_speak_vietnamese_and_match_the_schemas(api: Api) -> None:
    document = api.get("/openapi.json").json()
    create = document["paths"]["/cases"]["post"]["requestBody"]["content"]["application/json"]["examples"]
    assert create["tai-quay"]["value"]["data"]["ho_ten_hoc_sinh"] == "Nguyễn Văn An"
    case = document["paths"]["/cases/{case_id}"]["get"]["responses"]["200"]["content"]["application/json"]
    assert case["example"]["result"] is None  # nullable fields stay in the examples
    assert set(case["example"]) == set(document["components"]["schemas"]["CaseRead"]["properties"])


def test_schemathesis_finds_no_server_error_and_no_answer_outside_the_schema(shared_api: Api) -> None:
    """Every operation: its documented examples, then generated requests (bounded, deterministic), sent
    with a valid officer token; every answer is checked against the document."""
    officer = shared_api.officer("schemathesis", "so-gddt", "mot-cua", "chuyen-vien", "lanh-dao",
                                 "bien-tap-quy-trinh", "duyet-quy-trinh")
    shared_api.start(officer, SCHOOL, applicant="001203004567")
    schema = schemathesis.openapi.from_asgi("/openapi.json", shared_api.app)
    failures, calls = [], 0

    for result in schema.get_all_operations():
        assert isinstance(result, Ok), f"the document has an invalid operation: {result}"
        operation = result.ok()
        strategies = [*schema.get_strategies_from_examples(operation), operation.as_strategy()]

        @given(case=st.one_of(strategies))
        @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
                  suppress_health_check=list(HealthCheck))
        def call(case: schemathesis.Case[Any]) -> None:
            nonlocal calls
            calls += 1
            case.call_and_validate(headers=officer.headers, checks=CHECKS)

        try:
            call()
        except Exception as exc:  # collect every operation's failure, then report them all
            failures.append(f"{operation.label}: {exc}")
    assert not failures, "\n\n".join(failures)
    assert calls >= 15 * EXAMPLES // 2  # every operation was exercised
