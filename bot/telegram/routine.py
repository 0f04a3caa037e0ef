"""Today's routine: the day's exercises one after another, in one message, resumable.

The list is fixed the first time the person opens it that day (the same person and date always
get the same routine) and each exercise runs as a walkthrough linked to it. Level changes
earned by earlier days are applied when the list is fixed and explained in its first message.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import CallbackQuery, InlineKeyboardMarkup, Message, Update, User
from telegram.ext import ContextTypes

from bot.content import Catalogue, Exercise
from bot.domain.progression import SEVERE, Change, Result, next_level
from bot.domain.report import overview
from bot.domain.routine import Done, Profile, RoutineItem, build_routine, estimate_minutes
from bot.domain.schedule import local_date
from bot.domain.walkthrough import FINISHED, NO_EQUIPMENT, Position, Status
from bot.storage import routines, walkthroughs
from bot.storage.history import load_history
from bot.storage.models import Routine, Subscription, Walkthrough
from bot.storage.routines import RoutineStatus
from bot.storage.subscriptions import get_subscription
from bot.storage.users import upsert_user
from bot.telegram import texts
from bot.telegram.runs import run_of, screen, steps_of
from bot.telegram.screens import choice_button
from bot.telegram.services import Services, services

HISTORY_DAYS = 30
DEFAULT_ZONE = "UTC"


async def today_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message, user = update.effective_message, update.effective_user
    if message is not None and user is not None:
        await open_today(message, user, context)


async def open_today(message: Message, user: User, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Start today's routine, or show where it stands: it may be opened any number of times."""
    deps = services(context)
    now = deps.clock()
    async with deps.sessions.begin() as session:
        await upsert_user(session, user.id, user.first_name, user.language_code)
        subscription = await get_subscription(session, user.id)
        today = local_date(now, _zone(subscription))
        routine = await routines.routine_for_day(session, user.id, today)
        lead = texts.ROUTINE_CONTINUE
        if routine is None:
            routine = await _fix_today(session, deps, user.id, subscription, today, now)
            lead = _first_lead(deps.catalogue, routine)
        shown = await _current_screen(session, deps, routine, message.chat_id, now, lead)
    sent = await message.chat.send_message(shown.text, reply_markup=shown.markup)
    if shown.walkthrough_id is not None:
        async with deps.sessions.begin() as session:
            await walkthroughs.attach_message(session, shown.walkthrough_id, sent.message_id)


def _first_lead(catalogue: Catalogue, routine: Routine | None) -> str:
    """What the day holds, above its first exercise: the list, its minutes, any level changes."""
    if routine is None:
        return ""
    names: list[str] = []
    minutes = 0.0
    for item in routine.items:
        exercise = catalogue.get(item["exercise_id"])
        if exercise is not None:
            names.append(exercise.name)
            minutes += estimate_minutes(exercise, item["level"])
    return "\n".join([texts.routine_overview(names, minutes), *routine.notes])


@dataclass(frozen=True, slots=True)
class Shown:
    text: str
    markup: InlineKeyboardMarkup | None = None
    walkthrough_id: int | None = None


async def _current_screen(
    session: AsyncSession,
    deps: Services,
    routine: Routine | None,
    chat_id: int,
    now: datetime,
    lead: str = "",
) -> Shown:
    """The routine's current exercise (started if need be), with `lead` above it."""
    if routine is None:
        return Shown(texts.ROUTINE_NOTHING_SUITABLE)
    if routine.status == RoutineStatus.COMPLETED:
        return Shown(texts.ROUTINE_ALREADY_DONE)
    if routine.status == RoutineStatus.ENDED:
        return Shown(texts.ROUTINE_STOPPED_TODAY)
    run = await routines.current_run(session, routine)
    if run is None or run.status in FINISHED:
        run = await _start_item(session, deps, routine, chat_id, now)
    exercise = deps.catalogue.get(run.exercise_id)
    assert exercise is not None
    text, markup = screen(run, walkthroughs.position_of(run), run_of(exercise, run, routine))
    return Shown(f"{lead}\n\n{text}" if lead else text, markup, run.id)


async def _start_item(
    session: AsyncSession, deps: Services, routine: Routine, chat_id: int, now: datetime
) -> Walkthrough:
    item = routine.items[routine.position]
    exercise = deps.catalogue.get(item["exercise_id"])
    assert exercise is not None
    return await walkthroughs.start_walkthrough(
        session,
        user_id=routine.user_id,
        chat_id=chat_id,
        exercise_id=exercise.id,
        step_count=len(steps_of(exercise, item["variant"])),
        now=now,
        routine_id=routine.id,
        position=routine.position,
        level=item["level"],
        variant=item["variant"],
    )


async def _fix_today(
    session: AsyncSession,
    deps: Services,
    user_id: int,
    subscription: Subscription | None,
    today: date,
    now: datetime,
) -> Routine | None:
    """Apply earned level changes, build the day's list and store it; None if nothing fits."""
    attempts = await routines.attempts_since(session, user_id, now - timedelta(days=HISTORY_DAYS))
    zone = _zone(subscription)
    notes, levels, resting = await _progress_levels(
        session, deps.catalogue, user_id, attempts, zone, today
    )
    history = [
        Done(local_date(a.finished_at, zone), a.exercise_id)
        for a in attempts
        if a.status == Status.COMPLETED and a.finished_at is not None
    ]
    items = build_routine(
        tuple(deps.catalogue),
        _profile(subscription),
        history,
        today,
        levels,
        resting,
        _skipped_for_equipment(attempts),
    )
    if not items:
        return None
    return await routines.create_routine(
        session,
        user_id=user_id,
        day=today,
        items=[_item_row(i) for i in items],
        notes=notes,
        now=now,
    )


async def _progress_levels(
    session: AsyncSession,
    catalogue: Catalogue,
    user_id: int,
    attempts: list[Walkthrough],
    zone: str,
    today: date,
) -> tuple[list[str], dict[str, int], frozenset[str]]:
    """Move each exercise up or down its ladder from the days before today's."""
    rows = await routines.levels_of(session, user_id)
    notes: list[str] = []
    levels: dict[str, int] = {}
    resting: set[str] = set()
    for exercise in catalogue:
        row = rows.get(exercise.id)
        level = row.level if row else 0
        results = [
            Result(
                local_date(a.finished_at, zone),
                a.status == Status.COMPLETED,
                a.discomfort,
                a.skip_reason if a.status == Status.SKIPPED else None,
            )
            for a in attempts
            if a.exercise_id == exercise.id and a.routine_id is not None and a.finished_at
        ]
        results = [r for r in results if r.day < today]
        top = max(len(exercise.levels) - 1, 0)
        change = next_level(min(level, top), top, results, since=row.changed_on if row else None)
        if change.kind != "none":
            rest_until = today + timedelta(days=change.rest_days) if change.rest_days else None
            await routines.set_level(
                session,
                user_id,
                exercise.id,
                level=change.level,
                rest_until=rest_until,
                changed_on=results[-1].day,
            )
            notes.append(_change_note(exercise, change))
            level = change.level
            if rest_until is not None:
                resting.add(exercise.id)
        elif row is not None and row.rest_until is not None and row.rest_until > today:
            resting.add(exercise.id)
        levels[exercise.id] = level
    return notes, levels, frozenset(resting)


def _skipped_for_equipment(attempts: Sequence[Walkthrough]) -> frozenset[str]:
    """Exercises whose latest routine attempt was skipped for want of the equipment."""
    latest = {a.exercise_id: a for a in attempts if a.routine_id is not None}  # oldest first
    return frozenset(
        exercise_id
        for exercise_id, attempt in latest.items()
        if attempt.status == Status.SKIPPED and attempt.skip_reason == NO_EQUIPMENT
    )


def _change_note(exercise: Exercise, change: Change) -> str:
    level_name = exercise.levels[change.level].name if exercise.levels else ""
    return texts.LEVEL_CHANGE[change.reason].format(
        name=exercise.name, level=level_name.lower(), days=change.rest_days
    )


def _item_row(item: RoutineItem) -> dict[str, object]:
    return {"exercise_id": item.exercise_id, "level": item.level, "variant": item.variant}


def _profile(subscription: Subscription | None) -> Profile:
    if subscription is None:
        return Profile(frozenset(), frozenset(), frozenset(), 10)
    return Profile(
        complaints=frozenset(subscription.complaints),
        equipment=frozenset(subscription.equipment),
        safety_flags=frozenset(subscription.safety_flags),
        session_minutes=subscription.session_minutes,
    )


def _zone(subscription: Subscription | None) -> str:
    return (subscription.time_zone if subscription else None) or DEFAULT_ZONE


# --- between exercises -------------------------------------------------------------------


def refusal(routine: Routine | None, zone: str | None, now: datetime) -> str | None:
    """Buttons of another day's routine, or of one that has ended, change nothing."""
    if routine is None or routine.status != RoutineStatus.ACTIVE:
        return texts.ROUTINE_ENDED
    if routine.local_date != local_date(now, zone or DEFAULT_ZONE):
        return texts.ROUTINE_ENDED
    return None


async def after_exercise(
    query: CallbackQuery,
    context: ContextTypes.DEFAULT_TYPE,
    routine_id: int,
    finished: Walkthrough,
    position: Position,
) -> None:
    """Record the move to the next exercise and show it, or close the day with a summary."""
    deps = services(context)
    now = deps.clock()
    exercise = deps.catalogue.get(finished.exercise_id)
    name = exercise.name if exercise else finished.exercise_id
    severe = position.discomfort is not None and position.discomfort >= SEVERE
    async with deps.sessions.begin() as session:
        routine = await routines.get_routine(session, routine_id)
        if routine is None or finished.position is None:
            return
        following = finished.position + 1
        last = following >= len(routine.items)
        status = (
            RoutineStatus.ENDED
            if severe
            else (RoutineStatus.COMPLETED if last else RoutineStatus.ACTIVE)
        )
        moved = await routines.move_routine(
            session,
            routine_id,
            expected_position=finished.position,
            position=following,
            status=status,
            now=now,
        )
        if not moved:
            return
        routine.position, routine.status = following, status
        if severe:
            shown = Shown(
                texts.SEVERE_STOP.format(score=position.discomfort),
                InlineKeyboardMarkup(
                    [[choice_button(texts.PAUSE_OFFER_BUTTON, "pause", "frozen")]]
                ),
            )
        else:
            done_line = texts.after_exercise(
                name, position.discomfort, position.status is Status.SKIPPED
            )
            shown = await (
                _summary(session, routine, now, done_line)
                if last
                else _current_screen(session, deps, routine, finished.chat_id, now, done_line)
            )
    await query.edit_message_text(shown.text, reply_markup=shown.markup)
    if shown.walkthrough_id is not None and isinstance(query.message, Message):
        async with deps.sessions.begin() as session:
            await walkthroughs.attach_message(
                session, shown.walkthrough_id, query.message.message_id
            )


async def _summary(session: AsyncSession, routine: Routine, now: datetime, done_line: str) -> Shown:
    """The day's figures, below the line about the last exercise (its rating advice included)."""
    runs = await routines.runs_of(session, routine.id)
    done = sum(run.status == Status.COMPLETED for run in runs)
    skipped = sum(run.status == Status.SKIPPED for run in runs)
    streak = overview(await load_history(session, routine.user_id), now).streak
    return Shown(f"{done_line}\n\n{texts.routine_summary(done, skipped, streak)}")
