"""The step-by-step walkthrough: one message, edited in place as the person taps.

Order of work on every press: decide with the domain rules, store the result (compare-and-set
on the walkthrough's version), answer the callback query, then edit the message. If the bot
dies between storing and editing, the stored state is right and the next press shows it.
A walkthrough that belongs to a routine hands over to the routine when its exercise ends.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from telegram import CallbackQuery, Message
from telegram.constants import ParseMode
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot.content import Exercise
from bot.domain.walkthrough import FINISHED, Action, EventKind, InvalidMove, Position, Status, apply
from bot.storage import routines, walkthroughs
from bot.storage.models import Walkthrough
from bot.storage.users import upsert_user
from bot.telegram import routine as routine_flow
from bot.telegram import texts
from bot.telegram.callbacks import WalkthroughPress
from bot.telegram.runs import Run, run_of, screen
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
    text, markup = screen(
        walkthrough, walkthroughs.position_of(walkthrough), run_of(exercise, walkthrough)
    )
    sent = await message.chat.send_message(text, parse_mode=ParseMode.HTML, reply_markup=markup)
    async with deps.sessions.begin() as session:
        await walkthroughs.attach_message(session, walkthrough.id, sent.message_id)


async def press(
    query: CallbackQuery, context: ContextTypes.DEFAULT_TYPE, data: WalkthroughPress
) -> None:
    deps = services(context)
    now = deps.clock()
    async with deps.sessions.begin() as session:
        walkthrough = await walkthroughs.get_walkthrough(session, data.walkthrough_id)
        refusal = _refusal(walkthrough, query, data)
        routine = None
        if refusal is None and walkthrough is not None and walkthrough.routine_id is not None:
            routine = await routines.get_routine(session, walkthrough.routine_id)
            refusal = await routine_flow.refusal(session, routine, now)
        exercise = deps.catalogue.get(walkthrough.exercise_id) if walkthrough else None
        if refusal is None and exercise is None:
            refusal = texts.EXERCISE_GONE
        if refusal is not None or walkthrough is None or exercise is None:
            await query.answer(refusal)
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
            now=now,
            timer_step=timer_step,
            skip_reason=move.skip_reason,
        )
    if not stored:
        await query.answer(texts.BUTTON_STALE)
        return
    await query.answer(_press_answer(data.action))
    if routine is not None and move.position.status in FINISHED:
        await routine_flow.after_exercise(query, context, routine.id, walkthrough, move.position)
        return
    walkthrough.version = data.version + 1
    run = run_of(exercise, walkthrough, routine)
    await _render(query, walkthrough, move.position, run, timer_running=timer_step is not None)
    if timer_step is not None:
        _schedule_timer(context, walkthrough, run.steps[timer_step].hold_seconds or 0)


def _refusal(
    walkthrough: Walkthrough | None, query: CallbackQuery, data: WalkthroughPress
) -> str | None:
    """Why this press changes nothing, or None when it may proceed."""
    if walkthrough is None:
        return texts.BUTTON_UNKNOWN
    if walkthrough.user_id != query.from_user.id:
        return texts.BUTTON_NOT_YOURS
    if walkthrough.status in FINISHED:
        return texts.BUTTON_ENDED
    if walkthrough.version != data.version:
        return texts.BUTTON_STALE
    return None


def _press_answer(action: Action) -> str | None:
    if action is Action.TIMER:
        return texts.TIMER_STARTED
    if action in (Action.RATE, Action.REASON):
        return texts.RECORDED
    return None


async def _render(
    query: CallbackQuery,
    walkthrough: Walkthrough,
    position: Position,
    run: Run,
    *,
    timer_running: bool = False,
) -> None:
    text, markup = screen(walkthrough, position, run, timer_running=timer_running)
    try:
        await query.edit_message_text(text, parse_mode=ParseMode.HTML, reply_markup=markup)
    except BadRequest as error:
        # The same screen twice (e.g. Stop pressed on two devices) is harmless.
        if "not modified" not in error.message:
            raise


def _schedule_timer(
    context: ContextTypes.DEFAULT_TYPE, walkthrough: Walkthrough, seconds: int
) -> None:
    """A short in-memory timer is acceptable: losing it in a restart loses only a nudge."""
    if context.job_queue is None:
        return
    context.job_queue.run_once(
        timer_finished,
        when=timedelta(seconds=seconds),
        data=(walkthrough.id, walkthrough.version),
        name=f"hold-timer:{walkthrough.id}:{walkthrough.version}",
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
        routine = (
            await routines.get_routine(session, walkthrough.routine_id)
            if walkthrough.routine_id is not None
            else None
        )
    exercise = deps.catalogue.get(walkthrough.exercise_id)
    if exercise is None:
        return
    run = run_of(exercise, walkthrough, routine)
    text, markup = screen(walkthrough, walkthroughs.position_of(walkthrough), run, timer_done=True)
    await context.bot.edit_message_text(
        text,
        chat_id=walkthrough.chat_id,
        message_id=walkthrough.message_id,
        parse_mode=ParseMode.HTML,
        reply_markup=markup,
    )
