"""The progress chart renders a small PNG, in any thread, without leaving figures behind."""

from __future__ import annotations

import asyncio
import struct
from datetime import date, timedelta

from matplotlib._pylab_helpers import Gcf

from bot.domain.report import Day
from bot.telegram import texts
from bot.telegram.charts import render_progress

START = date(2026, 2, 19)


def _size(png: bytes) -> tuple[int, int]:
    width, height = struct.unpack(">II", png[16:24])
    return width, height


def _days(completed: list[int], averages: list[float | None]) -> list[Day]:
    return [
        Day(START + timedelta(days=i), done, average)
        for i, (done, average) in enumerate(zip(completed, averages, strict=True))
    ]


async def test_renders_an_800_by_400_png_in_threads_and_keeps_no_figures() -> None:
    days = _days([i % 4 for i in range(30)], [None if i % 3 else i % 11 for i in range(30)])
    pngs = await asyncio.gather(*(asyncio.to_thread(render_progress, days) for _ in range(4)))
    for png in pngs:
        assert png.startswith(b"\x89PNG\r\n\x1a\n")
        assert _size(png) == (800, 400)
    assert Gcf.get_num_fig_managers() == 0


def test_days_without_ratings_or_exercises_still_render() -> None:
    assert render_progress(_days([0] * 30, [None] * 30)).startswith(b"\x89PNG")
    assert render_progress(_days([12], [10.0])).startswith(b"\x89PNG")


def test_weekly_summary_escapes_the_name() -> None:
    assert "&lt;b&gt;" in texts.weekly_summary("<b>Eve</b>", 1, 1, None)
    assert "no scheduled days yet" in texts.weekly_summary("Eve", 0, 0, None)
