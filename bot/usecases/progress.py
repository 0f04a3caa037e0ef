"""A person asks how they are doing: streak, adherence, trends and the last 30 days.

The figures are the same report the weekly summary uses (`bot.domain.report.overview`), so
the numbers agree everywhere. Drawing the chart is rendering and stays with Telegram, in a
thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.domain.report import Overview, has_history, overview
from bot.storage.database import SessionFactory
from bot.storage.history import load_history


@dataclass(frozen=True, slots=True)
class Progress:
    overview: Overview | None
    """The figures at `now`; None when there is no history to report on yet."""


async def show_progress(sessions: SessionFactory, user_id: int, now: datetime) -> Progress:
    async with sessions.begin() as session:
        history = await load_history(session, user_id)
    return Progress(overview(history, now) if has_history(history) else None)
