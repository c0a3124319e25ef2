"""/docs and /redoc are served from assets installed with the package: no page refers to a CDN."""

from __future__ import annotations

import re

from tests.api.conftest import Api


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
