"""/export: the person's whole history as a CSV file, a report they can show a clinician.

One row per walkthrough, in the person's local time, with names instead of ids. The file is
built in a thread: a long history is a few thousand rows, and formatting them is CPU work the
event loop should not wait for.
"""

from __future__ import annotations

import asyncio
import csv
import io
from collections.abc import Sequence

from telegram import InputFile, Update
from telegram.ext import ContextTypes

from bot.content import Catalogue
from bot.domain.report import Record
from bot.domain.schedule import local_now
from bot.telegram import texts
from bot.telegram.services import services
from bot.usecases.export import export_history

ENCODING = "utf-8-sig"
"""With a byte-order mark, so spreadsheet programs read the names as UTF-8."""


async def export_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    deps = services(context)
    export = await export_history(deps.sessions, user.id, deps.clock())
    if not export.records:
        await message.reply_text(texts.EXPORT_EMPTY)
        return
    data = await asyncio.to_thread(build_csv, export.records, export.zone, deps.catalogue)
    today = export.today
    await message.reply_document(
        InputFile(data, filename=texts.export_filename(today.year, today.month, today.day)),
        caption=texts.export_caption(export.zone),
    )


def build_csv(records: Sequence[Record], zone: str, catalogue: Catalogue) -> bytes:
    """The CSV file: a header, then one row per walkthrough, oldest first."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(texts.EXPORT_HEADER)
    writer.writerows(_row(record, zone, catalogue) for record in records)
    return buffer.getvalue().encode(ENCODING)


def _row(record: Record, zone: str, catalogue: Catalogue) -> list[str]:
    started = local_now(record.started_at, zone)
    exercise = catalogue.get(record.exercise_id)
    name = exercise.name if exercise is not None else record.exercise_id
    if exercise is not None and 0 <= record.level < len(exercise.levels):
        level = exercise.levels[record.level].name
    else:
        level = str(record.level + 1)
    return [
        started.date().isoformat(),
        started.strftime("%H:%M"),
        name,
        level,
        texts.EXPORT_VARIANTS.get(record.variant, record.variant),
        texts.EXPORT_STATUS.get(record.status, record.status),
        "" if record.discomfort is None else str(record.discomfort),
        texts.SKIP_REASON_LABELS.get(record.skip_reason, record.skip_reason)
        if record.skip_reason
        else "",
    ]
