"""/inbox: the messages cases sent to the caller's agency, as a feed it polls (cursor-paginated)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import Field

from engine import InboxItemView

from .. import examples as ex
from ..deps import ActorDep, EngineDep
from ..responses import ok, problems
from ..schemas.common import PRINTABLE, Data, LocalTime, Read
from ..schemas.pages import Offset, Page

router = APIRouter(prefix="/inbox", tags=["messages"])
ITEM = {"id": 17, "case_id": ex.CASE_ID, "dossier_code": ex.DOSSIER, "procedure": "chuyen-truong-thpt",
        "procedure_code": "1.005096",
        "message": "Hồ sơ đề nghị tiếp nhận học sinh", "sender": "so-gddt",
        "payload": {"ma_ho_so": ex.DOSSIER, "ho_ten_hoc_sinh": "Nguyễn Văn An", "lop": 11,
                    "pham_vi": "trong_tinh"},
        "sent_at": "2025-03-03T09:40:00+07:00", "delivered_at": "2025-03-03T09:40:02+07:00"}


class InboxItemRead(Read):
    """A message a case sent to the caller's agency; `id` is the cursor to continue after."""

    id: int
    case_id: str
    dossier_code: str
    procedure: str
    procedure_code: str | None = Field(description="the national code (mã TTHC) where a source gives one")
    message: str
    sender: str | None = Field(description="the agency that runs the case")
    payload: Data
    sent_at: LocalTime
    delivered_at: LocalTime | None = Field(description="when its endpoint took it (null: not pushed yet)")

    @classmethod
    def of(cls, item: InboxItemView) -> InboxItemRead:
        """From the engine's view."""
        return cls.model_validate(item)


class InboxPage(Page[InboxItemRead]):
    """One page of the feed, oldest first; ask again with `after=cursor` for what came since (a feed grows
    at its end while it is read: the cursor, unlike an offset, never skips or repeats an item)."""

    cursor: int = Field(description="pass as `after` for the next page (the last item's id, or `after`)")


@router.get("", responses={**ok(ex.page([ITEM], 50, cursor=17)), **problems(403, 404)})
def inbox(engine: EngineDep, actor: ActorDep,
          after: Annotated[int, Query(ge=0, le=2**62, description="the cursor of the last page")] = 0,
          limit: Annotated[int, Query(ge=1, le=200)] = 50, offset: Offset = 0,
          case_id: Annotated[str | None, Query(min_length=1, max_length=64, pattern=PRINTABLE,
                                               description="only this case's (its id or dossier code)",
                                               examples=[ex.DOSSIER])] = None) -> InboxPage:
    """Messages sent to the caller's agency (its officers and its system), oldest first after `after`; only
    one case's with `case_id` (404 for a case the caller may not see)."""
    items, total = engine.outbox.inbox(actor, after=after, limit=limit, offset=offset, case_id=case_id)
    return InboxPage.of([InboxItemRead.of(i) for i in items], total, limit, offset,
                        cursor=items[-1].id if items else after)
