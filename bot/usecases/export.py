"""A person asks for their whole history, to keep or to show a clinician.

The use case only loads it, as data: which walkthroughs, in which zone, and the local day the
file is dated. Writing the CSV is rendering (names, labels, column titles belong to the
message catalogue), so the Telegram layer does it, in a thread.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from bot.domain.report import Record
from bot.domain.schedule import local_date
from bot.storage.database import SessionFactory
from bot.storage.history import load_history


@dataclass(frozen=True, slots=True)
class Export:
    zone: str
    """The person's zone: the file shows local days and times, and says which zone."""
    records: Sequence[Record]
    """Every walkthrough, oldest first; empty when there is nothing to export."""
    today: date
    """The person's local day at `now`, for the file's name."""


async def export_history(sessions: SessionFactory, user_id: int, now: datetime) -> Export:
    async with sessions.begin() as session:
        history = await load_history(session, user_id)
    return Export(history.zone, tuple(history.records), local_date(now, history.zone))
