"""The operator's commands inside Telegram: `/admin` (the figures) and `/admin broadcast`.

Only the ids in ADMIN_IDS get an answer. Everyone else gets exactly what any unknown command
gets, and a pressed admin button from them gets what any forged or outdated button gets:
nothing tells them the commands exist (they are in neither /help nor the command menu).

A broadcast is sent by a periodic job, not by the handler that confirmed it: sending to
thousands at the shared rate takes minutes, far beyond an update's lease, and the job picks a
broadcast up again after a restart. Each message is claimed through the delivery engine and
marked as being sent right before it goes out, so nobody gets it twice.
"""

from __future__ import annotations

import asyncio
import logging
import time

from telegram import Bot, CallbackQuery, InlineKeyboardMarkup, Message, Update, User
from telegram.error import TelegramError
from telegram.ext import ApplicationHandlerStop, ContextTypes

from bot import i18n
from bot.telegram import texts
from bot.telegram.callbacks import Choice
from bot.telegram.edits import edit_screen
from bot.telegram.screens import choice_button, in_rows
from bot.telegram.services import Services, person_of, services
from bot.usecases.admin import admin_figures
from bot.usecases.admin_broadcast import (
    Draft,
    NotClaimed,
    Refusal,
    Sending,
    begin_send,
    cancel_broadcast,
    claim_broadcast,
    confirm_broadcast,
    draft_broadcast,
    finish_broadcast,
    progress,
    sending_broadcasts,
    take_broadcast_text,
)
from bot.usecases.deliveries import Due, Report, record_sends
from bot.usecases.language import languages_for

log = logging.getLogger(__name__)

SCREEN = "adm"
BROADCAST = "broadcast"
BATCH = 100
"""Broadcast deliveries claimed at a time (about four seconds at the default rate)."""
PROGRESS_SECONDS = 3.0
"""The progress message is edited at most this often."""


def is_admin(context: ContextTypes.DEFAULT_TYPE, user_id: int) -> bool:
    return user_id in services(context).settings.admin_ids


async def admin_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    user, message = update.effective_user, update.effective_message
    if user is None or message is None:
        return
    if not is_admin(context, user.id):
        await message.reply_text(texts.UNKNOWN_COMMAND)
        return
    words = (message.text or "").split(None, 2)
    if len(words) >= 2 and words[1].lower() == BROADCAST:
        await _open_broadcast(message, context, user, words[2] if len(words) > 2 else None)
        return
    if len(words) >= 2:
        await message.reply_text(texts.ADMIN_USAGE)
        return
    deps = services(context)
    figures = await admin_figures(deps.sessions, deps.clock())
    people = figures.subscribers
    text = texts.admin_overview(
        active=people.active,
        paused=people.paused,
        stopped=people.stopped,
        blocked=people.blocked,
        due_today=figures.due_today,
        sent_today=figures.sent_today,
        late=figures.late_24h,
        failed=figures.failed_24h,
        routines=figures.routines_7d,
        discomfort_now=figures.discomfort.this_week,
        discomfort_before=figures.discomfort.last_week,
        parked=figures.parked,
    )
    buttons = [
        choice_button(label, SCREEN, f"def.{key}")
        for key, (label, _) in texts.ADMIN_FIGURES.items()
    ]
    await message.reply_text(text, reply_markup=InlineKeyboardMarkup(in_rows(buttons, 2)))


async def typed_broadcast(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """An operator's text while a broadcast waits for one: it becomes the preview. Any other
    text (and anyone else's) goes on to the usual handlers."""
    user, message = update.effective_user, update.effective_message
    if user is None or message is None or message.text is None:
        return
    if not is_admin(context, user.id):
        return
    deps = services(context)
    draft = await take_broadcast_text(deps.sessions, user.id, message.text, deps.clock())
    if draft is None:
        return
    await _preview(message, context, user.id, draft)
    raise ApplicationHandlerStop


async def _open_broadcast(
    message: Message, context: ContextTypes.DEFAULT_TYPE, operator: User, text: str | None
) -> None:
    deps = services(context)
    admin_id = operator.id
    draft = await draft_broadcast(
        deps.sessions, admin_id, message.chat.id, text, deps.clock(), operator=person_of(operator)
    )
    if draft.text is None:
        cancel = choice_button(texts.ADMIN_CANCEL, SCREEN, f"no.{draft.broadcast_id}")
        await message.reply_text(
            texts.ADMIN_BROADCAST_ASK, reply_markup=InlineKeyboardMarkup([[cancel]])
        )
        return
    await _preview(message, context, admin_id, draft)


async def _preview(
    message: Message, context: ContextTypes.DEFAULT_TYPE, admin_id: int, draft: Draft
) -> None:
    assert draft.text is not None
    if len(texts.broadcast_message(draft.text)) > texts.ADMIN_BROADCAST_MAX:
        await cancel_broadcast(services(context).sessions, draft.broadcast_id, admin_id)
        await message.reply_text(texts.ADMIN_BROADCAST_TOO_LONG)
        return
    buttons = [
        choice_button(texts.ADMIN_BROADCAST_SEND, SCREEN, f"go.{draft.broadcast_id}"),
        choice_button(texts.ADMIN_CANCEL, SCREEN, f"no.{draft.broadcast_id}"),
    ]
    await message.reply_text(
        texts.broadcast_preview(draft.text, draft.recipients),
        reply_markup=InlineKeyboardMarkup([buttons]),
    )


async def press(query: CallbackQuery, context: ContextTypes.DEFAULT_TYPE, choice: Choice) -> None:
    """Definitions, Send and Cancel. A non-operator's press is answered like any forged
    button, before anything is read or written."""
    if not is_admin(context, query.from_user.id):
        await query.answer(texts.BUTTON_UNKNOWN)
        return
    action, _, argument = choice.option.partition(".")
    if action == "def" and argument in texts.ADMIN_FIGURES:
        await query.answer(texts.ADMIN_FIGURES[argument][1], show_alert=True)
        return
    if action in ("go", "no") and argument.isdigit() and query.message is not None:
        deps = services(context)
        broadcast_id = int(argument)
        if action == "no":
            cancelled = await cancel_broadcast(deps.sessions, broadcast_id, query.from_user.id)
            if cancelled is Refusal.STALE:
                await query.answer(texts.BUTTON_STALE)
                return
            await query.answer()
            await edit_screen(query, texts.ADMIN_BROADCAST_CANCELLED)
            return
        sending = await confirm_broadcast(
            deps.sessions,
            broadcast_id,
            query.from_user.id,
            query.message.message_id,
            deps.clock(),
        )
        if isinstance(sending, Refusal):
            await query.answer(texts.BUTTON_STALE)
            return
        log.info("broadcast %s confirmed for %d recipients", broadcast_id, sending.recipients)
        await query.answer()
        await edit_screen(query, texts.broadcast_progress(0, sending.recipients))
        return
    await query.answer(texts.BUTTON_UNKNOWN)


# --- sending --------------------------------------------------------------------------------


async def broadcast_tick(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Carry every confirmed broadcast forward; only a trigger, the rows say what is left."""
    deps = services(context)
    for broadcast in await sending_broadcasts(deps.sessions):
        await send_broadcast(context.bot, deps, broadcast)


async def send_broadcast(bot: Bot, deps: Services, broadcast: Sending) -> None:
    """Claim a batch, send it, again while there is more; then the final count, once."""
    shown = time.monotonic()
    lease = deps.settings.reminder_lease_seconds
    # the operator's own chat: progress and the final count in the operator's language
    languages = await languages_for(deps.sessions, {broadcast.chat_id})
    language = languages.get(broadcast.chat_id)
    while True:
        if deps.sender.closed:
            return  # stopping: what is not claimed yet is left for the next process
        batch = await claim_broadcast(
            deps.sessions, broadcast.broadcast_id, deps.clock(), BATCH, lease
        )
        if batch.due:
            await asyncio.gather(*(_send_one(bot, deps, broadcast, due) for due in batch.due))
        if time.monotonic() - shown >= PROGRESS_SECONDS:
            counts = await progress(deps.sessions, broadcast.broadcast_id, broadcast.recipients)
            done = broadcast.recipients - counts.pending
            with i18n.use_language(language):
                text = texts.broadcast_progress(done, broadcast.recipients)
            await _show(bot, broadcast, text)
            shown = time.monotonic()
        if not batch.more:
            break
    final = await finish_broadcast(deps.sessions, broadcast.broadcast_id, deps.clock())
    if final is None:
        return  # some rows are still leased by a process that died: a later tick finishes
    log.info(
        "broadcast %s finished: %d sent, %d blocked, %d failed, %d skipped",
        broadcast.broadcast_id,
        final.sent,
        final.blocked,
        final.failed,
        final.skipped,
    )
    with i18n.use_language(language):
        text = texts.broadcast_finished(final.sent, final.blocked, final.failed, final.skipped)
    await _finished(bot, broadcast, text)


async def _send_one(bot: Bot, deps: Services, broadcast: Sending, due: Due) -> None:
    async def begin() -> None:
        await begin_send(deps.sessions, due.delivery_id)

    text = texts.broadcast_message(broadcast.text)
    try:
        result = await deps.sender.send(bot, due.chat_id, text, before_send=begin, releasable=True)
    except NotClaimed:
        return
    except Exception:
        # Left as it is: a row being sent is given up after its lease ("maybe delivered").
        log.exception("broadcast delivery %s failed", due.delivery_id)
        return
    report = Report(due.delivery_id, due.user_id, result.outcome, result.message_id, result.error)
    await record_sends(deps.sessions, deps.clock(), [report])


async def _show(bot: Bot, broadcast: Sending, text: str) -> None:
    """Edit the progress line; if Telegram will not (the operator deleted it), go on without:
    a new message every few seconds would be noise, and the final count comes anyway."""
    if broadcast.progress_message_id is None:
        return
    try:
        await bot.edit_message_text(
            text, chat_id=broadcast.chat_id, message_id=broadcast.progress_message_id
        )
    except TelegramError as error:
        log.info("broadcast %s: progress not shown: %s", broadcast.broadcast_id, error)


async def _finished(bot: Bot, broadcast: Sending, text: str) -> None:
    """The final count, in the progress line and as a new message (which notifies)."""
    await _show(bot, broadcast, text)
    try:
        await bot.send_message(broadcast.chat_id, text)
    except TelegramError as error:
        log.warning("broadcast %s: final count not sent: %s", broadcast.broadcast_id, error)
