"""/progress: streak, adherence and discomfort trends in words, then a chart of recent days.

A new person sees what exists: the chart starts on the first day with an exercise done and
is sent only once two days have something to show.

The figures come from the same report the weekly summary uses; the chart is drawn in a thread
so a slow render (about 50 ms, more on the first call) never holds up other people's presses.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from telegram import InputFile, Update
from telegram.ext import ContextTypes

from bot.content import Catalogue
from bot.domain.report import Day, ExerciseTrend, Overview, readable_average
from bot.telegram import texts
from bot.telegram.services import services
from bot.usecases.progress import show_progress

CHART_FILENAME = "progress.png"


async def progress_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    deps = services(context)
    report = (await show_progress(deps.sessions, user.id, deps.clock())).overview
    if report is None:
        await message.reply_text(texts.PROGRESS_EMPTY)
        return
    await message.reply_text(render(report, deps.catalogue))
    if report.chart_days:
        png = await asyncio.to_thread(_chart, report.chart_days)
        await message.reply_photo(
            InputFile(png, filename=CHART_FILENAME), caption=texts.CHART_CAPTION
        )


def _chart(days: Sequence[Day]) -> bytes:
    """Draw in the worker thread, importing matplotlib there on first use.

    matplotlib with numpy adds about 60 MB of resident memory and half a second of import:
    a process that only sends reminders should not pay for it, and the first /progress must
    not stall the event loop while it loads.
    """
    from bot.telegram import charts

    return charts.render_progress(days)


def render(report: Overview, catalogue: Catalogue) -> str:
    return texts.progress(
        report.streak,
        report.adherence_week,
        report.adherence_month,
        [_exercise_line(trend, catalogue) for trend in report.exercises],
        report.known_days,
    )


def _exercise_line(trend: ExerciseTrend, catalogue: Catalogue) -> str:
    exercise = catalogue.get(trend.exercise_id)
    name = exercise.name if exercise is not None else trend.exercise_id
    average = readable_average(trend.average)
    return texts.exercise_trend(name, trend.times, average, trend.trend)
