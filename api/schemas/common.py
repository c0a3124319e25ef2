"""Types every body shares: printable identifiers, free-form data, Vietnam's local time, the Read base."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from engine.time.clock import VN_TZ

PRINTABLE = r"^[^\x00-\x1f\x7f]*$"  # no control characters (PostgreSQL refuses NUL in text)
Identifier = Annotated[str, Field(min_length=1, max_length=128, pattern=PRINTABLE)]
Data = dict[str, Any]


def _in_vietnam(value: datetime) -> datetime:
    return value.astimezone(VN_TZ)


# Times are answered in Vietnam's zone (+07:00), the way officers and citizens read them.
LocalTime = Annotated[datetime, AfterValidator(_in_vietnam)]


class Read(BaseModel):
    """Base of response bodies."""

    model_config = ConfigDict(from_attributes=True)
