"""The web pages' tests run on the API's harness (tests/api/conftest.py): real app, database, catalogue."""

from tests.api.conftest import api, api_catalog, api_catalog_root, cast  # noqa: F401  (fixtures)
