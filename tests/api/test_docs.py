"""/docs and /redoc are served from assets installed with the package: no page refers to a CDN, and in a
browser neither loads anything from elsewhere (redoc's bundle once fetched Redocly's logo from its CDN)."""

from __future__ import annotations

import re
from typing import Any

from tests.api.conftest import Api

BUNDLES = ("/docs-assets/swagger-ui/swagger-ui-bundle.js", "/docs-assets/swagger-ui/swagger-ui.css",
           "/docs-assets/redoc/redoc.standalone.js")
# What would make a browser fetch from elsewhere: an https:// image or script address, a CSS url().
LOADS_FROM_ELSEWHERE = re.compile(r"""src\s*[:=]\s*["']https://[^"']+|url\(\s*["']?https://[^)]+""")


def test_docs_pages_load_their_assets_from_the_server_itself(api: Api) -> None:
    for page, script in (("/docs", "swagger-ui-bundle.js"), ("/redoc", "redoc.standalone.js")):
        html = api.get(page)
        assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
        urls = re.findall(r"""(?:src|href)=["']([^"']+)["']""", html.text)
        urls += re.findall(r"""url: ?['"]([^'"]+)['"]""", html.text)
        assert any(u.endswith(script) for u in urls), urls
        assert not [u for u in urls if u.startswith(("http:", "https:", "//"))], (page, urls)
        for url in urls:
            asset = api.get(url)
            assert asset.status_code == 200 and len(asset.content) > 0, url
    assert b"SwaggerUIBundle" in api.get("/docs-assets/swagger-ui/swagger-ui-bundle.js").content
    licence = api.get("/docs-assets/redoc/LICENSE").text
    assert "MIT" in licence


def test_no_bundle_names_an_asset_elsewhere(api: Api) -> None:
    for bundle in BUNDLES:
        assert LOADS_FROM_ELSEWHERE.findall(api.get(bundle).text) == [], bundle


def test_the_docs_pages_load_nothing_from_elsewhere_in_a_browser(api: Api, browser: Any) -> None:
    origin = str(api.client.base_url).rstrip("/")
    elsewhere: list[str] = []

    def serve(route: Any) -> None:
        url = route.request.url
        if not url.startswith(origin + "/"):
            elsewhere.append(url)
            route.abort()
            return
        answer = api.get(url.removeprefix(origin))
        route.fulfill(status=answer.status_code, body=answer.content,
                      headers={"content-type": answer.headers.get("content-type", "text/plain")})

    page = browser.new_page()
    page.route("**/*", serve)
    page.goto(f"{origin}/docs")
    page.wait_for_selector(".opblock", timeout=30_000)  # Swagger UI drew the operations
    page.goto(f"{origin}/redoc")
    page.wait_for_selector("text=API docs by Redocly", timeout=30_000)  # the side menu, with its logo
    page.wait_for_load_state("networkidle")
    page.close()
    assert elsewhere == []
