"""The OpenAPI document: FastAPI's, plus the shared Problem schema that every error response refers to."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.openapi.utils import get_openapi
from fastapi.responses import HTMLResponse
from fastapi.routing import APIRoute, iter_route_contexts
from fastapi.staticfiles import StaticFiles

from .schemas.problems import Problem

DESCRIPTION = """\
HTTP API of **Liên Thông**, the workflow engine for Vietnamese linked administrative procedures
(thủ tục hành chính liên thông).

* **Authentication**: `Authorization: Bearer <JWT>` for citizens and officers (claims `sub`, `kind`
  citizen|officer, `agency`, `roles`), or `X-API-Key` for agency systems.
* **Errors** are `application/problem+json` (RFC 9457) with `field`, `element_id`, `line` and `hint`
  where they apply; invalid fields are listed one by one in `errors`.
* **Retries**: send `Idempotency-Key` on POSTs; a retry returns the first answer
  (`Idempotent-Replayed: true`), never a second effect.
"""


def install_openapi(app: FastAPI) -> None:
    """Generate the document once, on first request, with the Problem schema in its components."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            document = get_openapi(title=app.title, version=app.version, description=DESCRIPTION,
                                   routes=app.routes, tags=TAGS)
            schemas = document.setdefault("components", {}).setdefault("schemas", {})
            problem = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
            schemas.update(problem.pop("$defs", {}))
            schemas["Problem"] = problem
            _restore_examples(app, document)
            app.openapi_schema = document
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


# swagger-ui-dist and redoc from npm (scripts/refresh-docs-assets.sh)
STATIC = Path(__file__).parent / "static"
ASSETS = "/docs-assets"


def install_docs(app: FastAPI) -> None:
    """/docs (Swagger UI) and /redoc from the assets installed with the package: no CDN, so they work on a
    government network without internet."""
    app.mount(ASSETS, StaticFiles(directory=STATIC), name="docs-assets")

    def swagger(request: Request) -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json", title=f"{app.title} — Swagger UI",
            swagger_js_url=f"{ASSETS}/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url=f"{ASSETS}/swagger-ui/swagger-ui.css",
            swagger_favicon_url=f"{ASSETS}/swagger-ui/favicon-32x32.png",
        )

    def redoc(request: Request) -> HTMLResponse:
        return get_redoc_html(openapi_url="/openapi.json", title=f"{app.title} — ReDoc",
                              redoc_js_url=f"{ASSETS}/redoc/redoc.standalone.js",
                              redoc_favicon_url=f"{ASSETS}/swagger-ui/favicon-32x32.png",
                              with_google_fonts=False)

    app.add_route("/docs", swagger, include_in_schema=False)
    app.add_route("/redoc", redoc, include_in_schema=False)


def api_routes(app: FastAPI) -> list[Any]:
    """The application's documented operations (FastAPI keeps included routers nested: flatten them); the
    pages (web/) are left out of the document."""
    return [c for c in iter_route_contexts(app.routes)
            if isinstance(c.original_route, APIRoute) and c.original_route.include_in_schema]


def _restore_examples(app: FastAPI, document: dict[str, Any]) -> None:
    # FastAPI drops None values from the document, which would leave required nullable fields out of
    # the response examples; put the examples back exactly as written.
    for route in api_routes(app):
        for method in route.methods or ():
            operation = document["paths"][route.path_format][method.lower()]
            for status, response in route.responses.items():
                for media_type, content in response.get("content", {}).items():
                    if "example" in content:
                        target = operation["responses"][str(status)]["content"][media_type]
                        target["example"] = content["example"]


TAGS = [
    {"name": "procedures", "description": "The catalogue of procedures, their diagrams and versions"},
    {"name": "cases", "description": "Dossiers (hồ sơ): start, follow, audit"},
    {"name": "tasks", "description": "Work lists and e-forms of officers and citizens"},
    {"name": "messages", "description": "Replies from other agencies' systems"},
    {"name": "operations", "description": "Health and metrics"},
]
