"""API test harness: the real app over httpx (ASGI), a real database, the real catalogue, real tokens."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import anyio.from_thread
import httpx
import pytest
from fastapi import FastAPI
from pydantic import SecretStr

from api.auth import issue_token, new_api_key
from api.persistence import ApiStore
from engine import Engine, Store
from engine.bpmn.catalog import Catalog
from engine.time.calendar import WorkingCalendar
from engine.time.clock import FakeClock
from lienthong.compose.server import create_app
from lienthong.compose.settings import Settings
from tests.conftest import PROCESSES, ROOT

SECRET = "tests-only-secret-" + "0123456789abcdef" * 4  # 81 bytes: long enough for HS512 too
FIXTURES = Path(__file__).parent / "processes"
SCHOOL = "chuyen-truong-thpt"  # the lead's as-is school transfer: one agency (so-gddt), a citizen lane
LINKED = "thu-nghiem-lien-thong"  # tests/api/processes: the commune runs it, the police answer by message
STUDENT = {"ho_ten_hoc_sinh": "Nguyễn Văn An", "truong_di": "THPT Lê Quý Đôn", "truong_den": "THPT Trần Phú",
           "pham_vi": "trong_tinh", "lop": 11}
CHILD = {"ho_ten_tre": "Trần Thị Bình", "ngay_sinh": "2025-02-20"}


@dataclass(frozen=True)
class Who:
    """A caller and the headers that authenticate it."""

    name: str
    headers: dict[str, str] = field(default_factory=dict)
    kind: str = "officer"
    agency: str | None = None
    roles: frozenset[str] = frozenset()


def settings_for(url: str, root: Path, tmp: Path) -> Settings:
    """Settings for a test app: no .env, no environment leaking in."""
    return Settings(_env_file=None, database_url=url, processes_dir=root,  # type: ignore[call-arg]
                    jwt_secret=SecretStr(SECRET), calendar_overrides=ROOT / "config/calendar-overrides.toml",
                    dev_key_file=tmp / "dev.key", drafts_dir=tmp / "drafts")


@pytest.fixture(scope="session")
def api_catalog_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A catalogue of the real school transfer and shared files, plus the two-agency test procedure."""
    root = tmp_path_factory.mktemp("processes")
    for name in (SCHOOL, "_shared"):
        (root / name).symlink_to(PROCESSES / name, target_is_directory=True)
    (root / LINKED).symlink_to(FIXTURES / LINKED, target_is_directory=True)
    return root


@pytest.fixture(scope="session")
def api_catalog(api_catalog_root: Path) -> Catalog:
    """The test catalogue, parsed once per session."""
    return Catalog(api_catalog_root)


def build_app(url: str, catalog: Catalog, root: Path, tmp: Path, clock: FakeClock | None = None) -> FastAPI:
    """The application on a freshly migrated database, keeping documents under `tmp`."""
    store = Store(url)
    store.migrate()
    engine = Engine(catalog=catalog, store=store, clock=clock or FakeClock("2025-03-03T09:00"),
                    calendar=WorkingCalendar(), documents_dir=tmp / "documents")
    return create_app(settings_for(url, root, tmp), engine=engine)


class Api:
    """The ASGI app driven through httpx from synchronous tests; `who` says whose credentials go along."""

    def __init__(self, app: FastAPI, portal: anyio.from_thread.BlockingPortal) -> None:
        self.app = app
        self.portal = portal
        self.client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://lienthong.test")

    @property
    def engine(self) -> Engine:
        """The engine behind the app (to look at the database directly)."""
        engine: Engine = self.app.state.services.engine
        return engine

    def request(self, method: str, url: str, who: Who | None = None, **kwargs: Any) -> httpx.Response:
        """One HTTP request."""
        headers = {**(who.headers if who else {}), **kwargs.pop("headers", {})}
        call = functools.partial(self.client.request, method, url, headers=headers, **kwargs)
        return self.portal.call(call)

    def get(self, url: str, who: Who | None = None, **kwargs: Any) -> httpx.Response:
        """GET."""
        return self.request("GET", url, who, **kwargs)

    def post(self, url: str, who: Who | None = None, **kwargs: Any) -> httpx.Response:
        """POST."""
        return self.request("POST", url, who, **kwargs)

    # -- credentials ------------------------------------------------------------------------------
    def officer(self, sub: str, agency: str, *roles: str) -> Who:
        """An officer with a valid token."""
        token = issue_token(self.app.state.services.keys, sub=sub, agency=agency, roles=roles)
        return Who(sub, {"Authorization": f"Bearer {token}"}, "officer", agency, frozenset(roles))

    def citizen(self, id_number: str) -> Who:
        """A citizen with a valid token."""
        token = issue_token(self.app.state.services.keys, sub=id_number, kind="citizen")
        return Who(id_number, {"Authorization": f"Bearer {token}"}, "citizen")

    def agency_system(self, agency: str) -> Who:
        """An agency system with a fresh API key."""
        key, key_hash, prefix = new_api_key()
        store = ApiStore(self.app.state.services.engine.store)
        store.add_api_key(agency, f"test {agency}", key_hash, prefix, datetime.now(UTC))
        return Who(f"system:{agency}", {"X-API-Key": key}, "agency", agency)

    # -- walking a case ---------------------------------------------------------------------------
    def start(self, who: Who, procedure: str = SCHOOL, **body: Any) -> dict[str, Any]:
        """Start a case and return it (the request must succeed)."""
        data = body.pop("data", STUDENT if procedure == SCHOOL else CHILD)
        response = self.post("/cases", who, json={"procedure": procedure, "data": data, **body})
        assert response.status_code == 201, response.text
        case: dict[str, Any] = response.json()
        return case

    def task(self, who: Who, case: dict[str, Any], element_id: str) -> dict[str, Any]:
        """The open task of an element of a case, from `who`'s work list."""
        items = self.get("/tasks", who, params={"case": case["id"]}).json()["items"]
        found = [t for t in items if t["element_id"] == element_id]
        assert found, f"{who.name} sees no task {element_id}; work list: {[t['element_id'] for t in items]}"
        task: dict[str, Any] = found[0]
        return task

    def do(self, who: Who, case: dict[str, Any], element_id: str,
           data: dict[str, Any] | None = None) -> dict[str, Any]:
        """Complete the open task of an element (the request must succeed); returns the case."""
        task = self.task(who, case, element_id)
        response = self.post(f"/tasks/{task['id']}/complete", who, json={"data": data or {}})
        assert response.status_code == 200, response.text
        result: dict[str, Any] = response.json()
        return result


@pytest.fixture
def api(api_catalog: Catalog, api_catalog_root: Path, sqlite_url: str, tmp_path: Path) -> Iterator[Api]:
    """A fresh app on a fresh SQLite database."""
    yield from _serve(build_app(sqlite_url, api_catalog, api_catalog_root, tmp_path))


@pytest.fixture
def db_api(api_catalog: Catalog, api_catalog_root: Path, database_url: str, tmp_path: Path) -> Iterator[Api]:
    """A fresh app on each configured database (SQLite, and PostgreSQL when configured)."""
    yield from _serve(build_app(database_url, api_catalog, api_catalog_root, tmp_path))


def _serve(app: FastAPI) -> Iterator[Api]:
    with anyio.from_thread.start_blocking_portal() as portal, \
            portal.wrap_async_context_manager(app.router.lifespan_context(app)):
        client = Api(app, portal)
        yield client
        portal.call(client.client.aclose)


@pytest.fixture(scope="module")
def shared_api(api_catalog: Catalog, api_catalog_root: Path,
               tmp_path_factory: pytest.TempPathFactory) -> Iterator[Api]:
    """One app for a whole module (for read-mostly tests that set up their cases once)."""
    tmp = tmp_path_factory.mktemp("api")
    yield from _serve(build_app(f"sqlite:///{tmp / 'lienthong.db'}", api_catalog, api_catalog_root, tmp))


class Cast:
    """The people and systems of the tests."""

    def __init__(self, api: Api) -> None:
        self.desk = api.officer("canbo.motcua", "so-gddt", "mot-cua")
        self.specialist = api.officer("chuyenvien.gdtrh", "so-gddt", "chuyen-vien")
        self.director = api.officer("pho.giamdoc", "so-gddt", "lanh-dao")
        self.editor = api.officer("chuyenvien.caicach", "so-gddt", "bien-tap-quy-trinh")
        self.reviewer = api.officer("truongphong.phaply", "so-gddt", "duyet-quy-trinh")
        self.xa_desk = api.officer("motcua.xa", "ubnd-xa", "mot-cua")
        self.xa_civil = api.officer("hotich.xa", "ubnd-xa", "chuyen-vien")
        self.citizen_a = api.citizen("001203004567")
        self.citizen_b = api.citizen("079088001234")
        self.police = api.agency_system("cong-an")


@pytest.fixture
def cast(api: Api) -> Cast:
    """The cast on the per-test app."""
    return Cast(api)
