"""Today's routine: open it (fixing the day's list the first time) and move it on after an
exercise.

The list is fixed the first time the person opens it that day (the same person and date always
get the same routine) and each exercise runs as a walkthrough linked to it. Level changes
earned by earlier days are applied when the list is fixed; they come back as `LevelNote`s for
the first message to explain.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from enum import StrEnum

from sqlalchemy.ext.asyncio import AsyncSession

from bot.content import Catalogue, Exercise
from bot.domain.report import overview
from bot.domain.routine import (
    WITHOUT_EQUIPMENT,
    Profile,
    build_routine,
    estimate_minutes,
    sets_of,
    steps_of,
)
from bot.domain.routine_day import (
    DayItem,
    InvalidRoutineMove,
    LevelNote,
    RoutineDay,
    RoutineState,
    RoutineStatus,
    finish,
)
from bot.domain.routine_plan import DEFAULT_PROFILE, climb, done_history, skipped_for_equipment
from bot.domain.schedule import DEFAULT_ZONE, local_date
from bot.domain.subscription import Gate, SubscriptionState, routine_gate
from bot.domain.triage import Decision, triage
from bot.domain.walkthrough import FINISHED, WalkthroughView
from bot.storage import routines, walkthroughs
from bot.storage.database import SessionFactory
from bot.storage.history import load_history
from bot.storage.models import Subscription
from bot.storage.subscriptions import get_subscription, state_of
from bot.usecases.people import Person, register
from bot.usecases.safety import ask_safety_in

HISTORY_DAYS = 30


class TodayKind(StrEnum):
    FRESH = "fresh"
    """The list was fixed just now: show what it holds above its first exercise."""
    CONTINUED = "continued"
    DONE = "done"
    STOPPED = "stopped"
    NOTHING_SUITABLE = "nothing_suitable"
    SAFETY_CHECK = "safety_check"
    """No finished, current safety check: it is asked first (`safety` holds the question)."""
    HELD = "held"
    """Someone should look at the foot first: no routine (`safety` says why)."""


@dataclass(frozen=True, slots=True)
class Current:
    """The walkthrough of the routine's current exercise, and that exercise."""

    run: WalkthroughView
    exercise: Exercise


@dataclass(frozen=True, slots=True)
class Today:
    """What opening today's routine shows; `current` is set for FRESH and CONTINUED."""

    kind: TodayKind
    routine: RoutineDay | None = None
    current: Current | None = None
    minutes: float = 0.0
    """The whole list's estimate, in minutes."""
    safety: SubscriptionState | None = None
    decision: Decision | None = None
    """The triage of the person's answers: the routine's extra lines, or why it is held."""
    notes: tuple[LevelNote | str, ...] = ()
    """The level changes to announce above a FRESH list: those the person will see."""


@dataclass(frozen=True, slots=True)
class DaySummary:
    done: int
    skipped: int
    streak: int


@dataclass(frozen=True, slots=True)
class AfterExercise:
    """The routine after one of its exercises finished.

    ENDED (severe discomfort) shows no more; COMPLETED comes with the day's figures; ACTIVE with
    the next exercise, already started in the message the last one was shown in.
    """

    state: RoutineState
    following: Current | None = None
    summary: DaySummary | None = None


async def open_today(
    sessions: SessionFactory,
    catalogue: Catalogue,
    *,
    person: Person,
    chat_id: int,
    now: datetime,
) -> Today:
    """Start today's routine, or show where it stands: it may be opened any number of times."""
    async with sessions.begin() as session:
        return await open_today_in(
            session,
            catalogue,
            person=person,
            chat_id=chat_id,
            now=now,
        )


async def open_today_in(
    session: AsyncSession,
    catalogue: Catalogue,
    *,
    person: Person,
    chat_id: int,
    now: datetime,
) -> Today:
    """:func:`open_today` inside the caller's transaction (a reminder's Start button)."""
    await register(session, person)
    user_id = person.user_id
    subscription = await get_subscription(session, user_id)
    state = state_of(subscription) if subscription is not None else None
    gate = routine_gate(state, catalogue.flags, now)
    if gate is Gate.CHECK_NEEDED:
        asked = await ask_safety_in(session, catalogue.flags, person, now)
        return Today(TodayKind.SAFETY_CHECK, safety=asked.state)
    assert state is not None
    decision = triage(state.preferences.safety_flags, catalogue.flags)
    if gate is Gate.HELD:
        return Today(TodayKind.HELD, safety=state, decision=decision)
    zone = (subscription.time_zone if subscription else None) or DEFAULT_ZONE
    today = local_date(now, zone)
    routine = await routines.routine_for_day(session, user_id, today)
    fresh = routine is None
    if routine is None:
        routine = await _fix_today(
            session, catalogue, user_id, subscription, decision, zone, today, now
        )
        if routine is None:
            return Today(TodayKind.NOTHING_SUITABLE, decision=decision)
    if routine.status is RoutineStatus.COMPLETED:
        return Today(TodayKind.DONE, routine, decision=decision)
    if routine.status is RoutineStatus.ENDED:
        return Today(TodayKind.STOPPED, routine, decision=decision)
    run = await walkthroughs.current_run(session, routine)
    if run is None or run.position.status in FINISHED:
        current = await _start_item(session, catalogue, routine, chat_id, now)
    else:
        current = Current(run, _exercise(catalogue, run.exercise_id))
    kind = TodayKind.FRESH if fresh else TodayKind.CONTINUED
    return Today(
        kind,
        routine,
        current,
        _minutes(catalogue, routine.items),
        decision=decision,
        notes=shown_notes(catalogue, routine),
    )


def shown_notes(catalogue: Catalogue, routine: RoutineDay) -> tuple[LevelNote | str, ...]:
    """The day's level changes that change something on screen.

    An exercise done in its equipment-free version without a ladder of its own looks the same
    at every level: announcing that it "moves up" would promise a change nobody sees.
    """
    variants = {item.exercise_id: item.variant for item in routine.items}
    return tuple(
        note
        for note in routine.notes
        if isinstance(note, str)
        or variants.get(note.exercise_id) != WITHOUT_EQUIPMENT
        or _has_own_levels(catalogue.get(note.exercise_id))
    )


def _has_own_levels(exercise: Exercise | None) -> bool:
    free = exercise.without_equipment if exercise is not None else None
    return free is not None and bool(free.levels)


async def finish_exercise_in(
    session: AsyncSession,
    catalogue: Catalogue,
    routine: RoutineDay,
    finished: WalkthroughView,
    *,
    message_id: int | None,
    now: datetime,
) -> AfterExercise | None:
    """Move `routine` on after its exercise `finished`, in the caller's transaction.

    None when there is nothing to show: another press moved the routine first. The next
    exercise is started with `message_id`, the message it will be shown in (the same one).
    """
    if finished.routine_position is None:
        return None
    before = RoutineState(finished.routine_position, len(routine.items), routine.status)
    try:
        after = finish(before, finished.position.discomfort)
    except InvalidRoutineMove:
        return None
    moved = await routines.move_routine(
        session, routine.id, expected_position=before.position, state=after, now=now
    )
    if not moved:
        return None
    if after.status is RoutineStatus.ENDED:
        return AfterExercise(after)
    if after.status is RoutineStatus.COMPLETED:
        done, skipped = await routines.tally(session, routine.id)
        streak = overview(await load_history(session, routine.user_id), now).streak
        return AfterExercise(after, summary=DaySummary(done, skipped, streak))
    following = replace(routine, position=after.position, status=after.status)
    current = await _start_item(
        session, catalogue, following, finished.chat_id, now, message_id=message_id
    )
    return AfterExercise(after, following=current)


async def _start_item(
    session: AsyncSession,
    catalogue: Catalogue,
    routine: RoutineDay,
    chat_id: int,
    now: datetime,
    *,
    message_id: int | None = None,
) -> Current:
    item = routine.current
    exercise = _exercise(catalogue, item.exercise_id)
    run = await walkthroughs.start_walkthrough(
        session,
        user_id=routine.user_id,
        chat_id=chat_id,
        exercise_id=exercise.id,
        step_count=len(steps_of(exercise, item.variant, item.level)),
        set_count=sets_of(exercise, item.variant, item.level),
        now=now,
        message_id=message_id,
        routine_id=routine.id,
        position=routine.position,
        routine_length=len(routine.items),
        level=item.level,
        variant=item.variant,
    )
    return Current(run, exercise)


async def _fix_today(
    session: AsyncSession,
    catalogue: Catalogue,
    user_id: int,
    subscription: Subscription | None,
    decision: Decision,
    zone: str,
    today: date,
    now: datetime,
) -> RoutineDay | None:
    """Apply earned level changes, build the day's list and store it; None if nothing fits.

    The person's triage caps every ladder and the builder alike: a rung their answers rule
    out is never reached nor built in.
    """
    attempts = await routines.attempts_since(session, user_id, now - timedelta(days=HISTORY_DAYS))
    ladders = climb(
        catalogue,
        await routines.levels_of(session, user_id),
        attempts,
        zone,
        today,
        flags=decision.flags,
        restrictions=decision.restrictions,
    )
    await routines.set_levels(session, user_id, ladders.updates)
    items = build_routine(
        tuple(catalogue),
        _profile(subscription, decision, catalogue),
        done_history(attempts, zone),
        today,
        ladders.levels,
        ladders.resting,
        skipped_for_equipment(attempts),
    )
    if not items:
        return None
    return await routines.create_routine(
        session,
        user_id=user_id,
        day=today,
        items=[DayItem(item.exercise_id, item.level, item.variant) for item in items],
        notes=[update.note for update in ladders.updates],
        now=now,
    )


def _profile(
    subscription: Subscription | None, decision: Decision, catalogue: Catalogue
) -> Profile:
    if subscription is None:
        return replace(DEFAULT_PROFILE, vocabulary=catalogue.vocabulary)
    return Profile(
        complaints=frozenset(subscription.complaints),
        equipment=frozenset(subscription.equipment),
        safety_flags=frozenset(subscription.safety_flags),
        session_minutes=subscription.session_minutes,
        lowest_rungs=decision.restrictions.lowest_rungs,
        prefer_seated=decision.restrictions.prefer_seated,
        vocabulary=catalogue.vocabulary,
    )


def _minutes(catalogue: Catalogue, items: tuple[DayItem, ...]) -> float:
    minutes = 0.0
    for item in items:
        exercise = catalogue.get(item.exercise_id)
        if exercise is not None:
            minutes += estimate_minutes(exercise, item.level, item.variant)
    return minutes


def _exercise(catalogue: Catalogue, exercise_id: str) -> Exercise:
    """A routine's exercises were in the catalogue when its list was fixed that same day."""
    exercise = catalogue.get(exercise_id)
    assert exercise is not None, exercise_id
    return exercise
