"""The one shape of every list the API answers: a page of `items`, how many match in all, and where it is.

A list whose page adds fields (`CasePage.unreadable` and `.total_capped`, `InboxPage.cursor`) or has long had
a name of its own in the OpenAPI document (`TaskPage`, `IncidentPage`, `DeadLetterPage`) subclasses `Page`:
clients generate their types from those component names (tests/api/test_pages.py pins them). The others
answer `Page[X]`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Generic, Self, TypeVar

from fastapi import Query
from pydantic import BaseModel, Field

T = TypeVar("T")
Limit = Annotated[int, Query(ge=1, le=500, description="items per page")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="items to skip (next page: offset + limit)")]


class Page(BaseModel, Generic[T]):
    """One page of a list: `items`, `total` matching in all, and `offset` + `limit` for the next page."""

    items: list[T]
    total: int = Field(description="how many items match in all (a feed: how many after `after`)")
    limit: int
    offset: int
    has_more: bool = Field(description="another page follows: ask again with offset = offset + limit")

    @classmethod
    def of(cls, items: Sequence[T], total: int, limit: int, offset: int, **extra: object) -> Self:
        """A page of `items` (already cut to the page) out of `total`."""
        return cls(items=list(items), total=total, limit=limit, offset=offset,
                   has_more=offset + len(items) < total, **extra)

    @classmethod
    def cut(cls, items: Sequence[T], limit: int, offset: int) -> Self:
        """A page cut from a whole (short) list: a case's history, its documents, the catalogue."""
        return cls.of(items[offset:offset + limit], len(items), limit, offset)
