"""Today's routine on screen: the day's exercises one after another, in one message.

The use cases in :mod:`bot.usecases.routine` fix the list, start each exercise and move the
routine on; this module turns their results into messages. Level changes come as codes with
their facts and become sentences here, at display time.
"""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Message, Update, User
from telegram.ext import ContextTypes

from bot.content import Catalogue
from bot.domain.routine_day import LevelNote, RoutineDay, RoutineStatus
from bot.domain.walkthrough import Status
from bot.telegram import texts
from bot.telegram.keyboards import pause_offer_keyboard
from bot.telegram.runs import run_of, screen
from bot.telegram.safety_screens import hold_screen, routine_lines, safety_question
from bot.telegram.services import Services, person_of, services
from bot.usecases import routine as usecase
from bot.usecases.routine import AfterExercise, Today, TodayKind
from bot.usecases.walkthrough import Pressed, attach_message

Screen = tuple[str, InlineKeyboardMarkup | None]


async def today_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message, user = update.effective_message, update.effective_user
    if message is not None and user is not None:
        await open_today(message, user, context)


async def open_today(message: Message, user: User, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Start today's routine, or show where it stands: it may be opened any number of times."""
    deps = services(context)
    today = await usecase.open_today(
        deps.sessions,
        deps.catalogue,
        person=person_of(user),
        chat_id=message.chat_id,
        now=deps.clock(),
    )
    await send_today(message, deps, today)


async def send_today(message: Message, deps: Services, today: Today) -> None:
    """Send today's screen below `message`; its walkthrough learns the new message's id."""
    text, markup = today_screen(deps.catalogue, today)
    sent = await message.chat.send_message(text, reply_markup=markup)
    if today.current is not None:
        await attach_message(deps.sessions, today.current.run.id, sent.message_id)


def today_screen(catalogue: Catalogue, today: Today) -> Screen:
    if today.kind is TodayKind.SAFETY_CHECK and today.safety is not None:
        asked = safety_question(today.safety, catalogue.flags, texts.SAFETY_FIRST_CHECK)
        return asked.text, _inline(asked.markup)
    if today.kind is TodayKind.HELD and today.safety is not None:
        held = hold_screen(today.safety, catalogue.flags)
        return held.text, _inline(held.markup)
    if today.kind is TodayKind.NOTHING_SUITABLE:
        return texts.ROUTINE_NOTHING_SUITABLE, None
    if today.kind is TodayKind.DONE:
        return texts.ROUTINE_ALREADY_DONE, None
    if today.kind is TodayKind.STOPPED:
        return texts.ROUTINE_STOPPED_TODAY, None
    assert today.current is not None and today.routine is not None
    run = today.current.run
    text, markup = screen(run, run_of(today.current.exercise, run))
    if today.kind is TodayKind.FRESH:
        lead = "\n".join(
            [_overview(catalogue, today, today.routine), *routine_lines(today.decision)]
        )
    else:
        lead = texts.ROUTINE_CONTINUE
    return (f"{lead}\n\n{text}" if lead else text), markup


def _inline(markup: object) -> InlineKeyboardMarkup | None:
    return markup if isinstance(markup, InlineKeyboardMarkup) else None


def _overview(catalogue: Catalogue, today: Today, routine: RoutineDay) -> str:
    """What the day holds, above its first exercise: the list, its minutes, the level changes
    the person will see."""
    names = [
        exercise.name
        for item in routine.items
        if (exercise := catalogue.get(item.exercise_id)) is not None
    ]
    notes = [text for note in today.notes if (text := note_text(catalogue, note))]
    return "\n".join([texts.routine_overview(names, today.minutes), *notes])


def note_text(catalogue: Catalogue, note: LevelNote | str) -> str:
    """A level change as one sentence; a sentence stored by an older version, as it is."""
    if isinstance(note, str):
        return note
    exercise = catalogue.get(note.exercise_id)
    if exercise is None:
        return ""
    level_name = exercise.levels[note.level].name if note.level < len(exercise.levels) else ""
    return texts.level_change(
        note.reason, name=exercise.name, level=level_name.lower(), days=note.days
    )


def after_exercise(catalogue: Catalogue, pressed: Pressed, after: AfterExercise) -> Screen:
    """The line about the finished exercise above the next one, or the day's close."""
    position = pressed.run.position
    if after.state.status is RoutineStatus.ENDED:
        return texts.SEVERE_STOP.format(score=position.discomfort), pause_offer_keyboard()
    skipped = position.status is Status.SKIPPED
    done_line = texts.after_exercise(
        pressed.exercise.name,
        position.discomfort,
        skipped,
        hurts=skipped and pressed.discomfort is not None,
    )
    if after.summary is not None:
        figures = after.summary
        summary = texts.routine_summary(figures.done, figures.skipped, figures.streak)
        return f"{done_line}\n\n{summary}", None
    assert after.following is not None
    run = after.following.run
    text, markup = screen(run, run_of(after.following.exercise, run))
    return f"{done_line}\n\n{text}", markup
