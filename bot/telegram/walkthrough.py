"""The step-by-step walkthrough: one message, edited in place as the person taps.

Order of work on every press: decide with the domain rules, store the result (compare-and-set
on the walkthrough's version), answer the callback query, then edit the message. If the bot
dies between storing and editing, the stored state is right and the next press shows it.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from telegram import CallbackQuery, InlineKeyboardMarkup, Message
from telegram.constants import ParseMode
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot.content import Exercise
from bot.domain.walkthrough import (
    Action,
    EventKind,
    InvalidMove,
    Position,
    Status,
    apply,
)
from bot.storage import walkthroughs
from bot.storage.models import Walkthrough
from bot.storage.users import upsert_user
from bot.telegram import keyboards, texts
from bot.telegram.callbacks import WalkthroughPress
from bot.telegram.services import services

log = logging.getLogger(__name__)


async def start(query: CallbackQuery, context: ContextTypes.DEFAULT_TYPE, exercise_id: str) -> None:
    """Open a walkthrough at step 1 in a new message (the card stays as a reference)."""
    exercise = services(context).catalogue.get(exercise_id)
    if exercise is None:
        await query.answer(texts.EXERCISE_GONE)
        return
    await open_walkthrough(query, context, exercise)


async def open_walkthrough(
    query: CallbackQuery, context: ContextTypes.DEFAULT_TYPE, exercise: Exercise
) -> None:
    """Start `exercise` for whoever pressed, below the pressed message (a card or a reminder)."""
    deps = services(context)
    message = query.message
    if not isinstance(message, Message):
        await query.answer(texts.EXERCISE_GONE)
        return
    person = query.from_user
    async with deps.sessions.begin() as session:
        await upsert_user(session, person.id, person.first_name, person.language_code)
        walkthrough = await walkthroughs.start_walkthrough(
            session,
            user_id=person.id,
            chat_id=message.chat_id,
            exercise_id=exercise.id,
            step_count=len(exercise.steps),
            now=deps.clock(),
        )
    await query.answer()
    sent = await message.chat.send_message(
        texts.step_message(exercise, 0),
        parse_mode=ParseMode.HTML,
        reply_markup=_step_keyboard(
            walkthrough.id, 0, walkthroughs.position_of(walkthrough), exercise
        ),
    )
    async with deps.sessions.begin() as session:
        await walkthroughs.attach_message(session, walkthrough.id, sent.message_id)


async def press(
    query: CallbackQuery, context: ContextTypes.DEFAULT_TYPE, data: WalkthroughPress
) -> None:
    deps = services(context)
    async with deps.sessions.begin() as session:
        walkthrough = await walkthroughs.get_walkthrough(session, data.walkthrough_id)
        refusal = _refusal(walkthrough, query, data)
        if refusal is not None or walkthrough is None:
            await query.answer(refusal)
            return
        exercise = deps.catalogue.get(walkthrough.exercise_id)
        if exercise is None:
            await query.answer(texts.EXERCISE_GONE)
            return
        before = walkthroughs.position_of(walkthrough)
        try:
            move = apply(before, data.action, data.value)
        except InvalidMove:
            answer = texts.BUTTON_FIRST_STEP if data.action is Action.BACK else texts.BUTTON_STALE
            await query.answer(answer)
            return
        timer_step = before.step if data.action is Action.TIMER else None
        stored = await walkthroughs.advance(
            session,
            walkthrough,
            expected_version=data.version,
            position=move.position,
            events=move.events,
            now=deps.clock(),
            timer_step=timer_step,
        )
    if not stored:
        await query.answer(texts.BUTTON_STALE)
        return
    version = data.version + 1
    await query.answer(_press_answer(data.action))
    await _render(
        query,
        walkthrough.id,
        version,
        move.position,
        exercise,
        timer_running=timer_step is not None,
    )
    if timer_step is not None:
        _schedule_timer(context, walkthrough, version, exercise.steps[timer_step].hold_seconds or 0)


def _refusal(
    walkthrough: Walkthrough | None, query: CallbackQuery, data: WalkthroughPress
) -> str | None:
    """Why this press changes nothing, or None when it may proceed."""
    if walkthrough is None:
        return texts.BUTTON_UNKNOWN
    if walkthrough.user_id != query.from_user.id:
        return texts.BUTTON_NOT_YOURS
    if walkthrough.status in (Status.COMPLETED, Status.STOPPED):
        return texts.BUTTON_ENDED
    if walkthrough.version != data.version:
        return texts.BUTTON_STALE
    return None


def _press_answer(action: Action) -> str | None:
    if action is Action.TIMER:
        return texts.TIMER_STARTED
    if action is Action.RATE:
        return texts.RECORDED
    return None


async def _render(
    query: CallbackQuery,
    walkthrough_id: int,
    version: int,
    position: Position,
    exercise: Exercise,
    *,
    timer_running: bool = False,
) -> None:
    text, markup = _screen(walkthrough_id, version, position, exercise, timer_running=timer_running)
    try:
        await query.edit_message_text(text, parse_mode=ParseMode.HTML, reply_markup=markup)
    except BadRequest as error:
        # The same screen twice (e.g. Stop pressed on two devices) is harmless.
        if "not modified" not in error.message:
            raise


def _screen(
    walkthrough_id: int,
    version: int,
    position: Position,
    exercise: Exercise,
    *,
    timer_running: bool = False,
    timer_done: bool = False,
) -> tuple[str, InlineKeyboardMarkup | None]:
    if position.status is Status.RATING:
        return texts.rating_question(exercise), keyboards.rating_keyboard(walkthrough_id, version)
    if position.status is Status.COMPLETED and position.discomfort is not None:
        return texts.rating_reply(exercise, position.discomfort), keyboards.again_keyboard(exercise)
    if position.status is Status.STOPPED:
        return texts.stopped(exercise), keyboards.again_keyboard(exercise)
    text = texts.step_message(
        exercise, position.step, timer_running=timer_running, timer_done=timer_done
    )
    return text, _step_keyboard(walkthrough_id, version, position, exercise)


def _step_keyboard(
    walkthrough_id: int, version: int, position: Position, exercise: Exercise
) -> InlineKeyboardMarkup:
    hold = exercise.steps[position.step].hold_seconds
    return keyboards.step_keyboard(walkthrough_id, version, position, hold)


def _schedule_timer(
    context: ContextTypes.DEFAULT_TYPE, walkthrough: Walkthrough, version: int, seconds: int
) -> None:
    """A short in-memory timer is acceptable: losing it in a restart loses only a nudge."""
    if context.job_queue is None:
        return
    context.job_queue.run_once(
        timer_finished,
        when=timedelta(seconds=seconds),
        data=(walkthrough.id, version),
        name=f"hold-timer:{walkthrough.id}:{version}",
    )


async def timer_finished(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Tell the person the hold is over, unless they have moved on meanwhile."""
    assert context.job is not None
    walkthrough_id, version = context.job.data  # type: ignore[misc]
    deps = services(context)
    async with deps.sessions.begin() as session:
        walkthrough = await walkthroughs.get_walkthrough(session, walkthrough_id)
        if walkthrough is None or walkthrough.version != version or walkthrough.message_id is None:
            return
        if walkthrough.status != Status.ACTIVE:
            return
        await walkthroughs.record_event(
            session, walkthrough_id, EventKind.TIMER_ENDED, walkthrough.step, deps.clock()
        )
    exercise = deps.catalogue.get(walkthrough.exercise_id)
    if exercise is None:
        return
    text, markup = _screen(
        walkthrough_id, version, walkthroughs.position_of(walkthrough), exercise, timer_done=True
    )
    await context.bot.edit_message_text(
        text,
        chat_id=walkthrough.chat_id,
        message_id=walkthrough.message_id,
        parse_mode=ParseMode.HTML,
        reply_markup=markup,
    )
