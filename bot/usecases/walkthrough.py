"""The step-by-step walkthrough: start an exercise, press its buttons, end a hold timer.

A press is one transaction: decide with the domain rules, store the move (compare-and-set on
the walkthrough's version), and, when the press finishes an exercise of a routine, move the
routine on and start its next exercise too. The handler answers and edits only after the
commit; if the bot dies in between, the stored state is right and the next press shows it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from bot.content import Catalogue, Exercise
from bot.domain import routine_day
from bot.domain.discomfort import DiscomfortAction, reported
from bot.domain.routine import steps_of
from bot.domain.routine_day import RoutineRefusal
from bot.domain.schedule import DEFAULT_ZONE, local_date
from bot.domain.walkthrough import (
    FINISHED,
    Action,
    EventKind,
    InvalidMove,
    Refusal,
    Status,
    WalkthroughView,
    apply,
    move_refusal,
    press_refusal,
)
from bot.storage import routines, walkthroughs
from bot.storage.database import SessionFactory
from bot.usecases.people import Person, register
from bot.usecases.routine import AfterExercise, finish_exercise_in


@dataclass(frozen=True, slots=True)
class Started:
    run: WalkthroughView
    exercise: Exercise


@dataclass(frozen=True, slots=True)
class Pressed:
    """A stored press: `run` is the walkthrough as it now stands (its new version).

    `timer_seconds` is set when the press started a hold timer (the level's own hold). When
    the press finished an exercise of a routine, `after` says where the routine went; `quiet`
    means another press moved the routine first, and there is nothing new to show.
    """

    run: WalkthroughView
    exercise: Exercise
    timer_seconds: int | None = None
    after: AfterExercise | None = None
    quiet: bool = False
    discomfort: DiscomfortAction | None = None
    """The discomfort policy's action when the press rated the exercise or gave "it hurts"."""


async def start_exercise(
    sessions: SessionFactory,
    catalogue: Catalogue,
    *,
    person: Person,
    chat_id: int,
    exercise_id: str,
    now: datetime,
) -> Started | Refusal:
    """Start `exercise_id` at step 1, outside any routine (its message id is attached later).

    It runs at the person's level on its ladder, like in a routine, because its rating counts
    the same way: it feeds the ladder and the discomfort policy.
    """
    exercise = catalogue.get(exercise_id)
    if exercise is None:
        return Refusal.EXERCISE_GONE
    async with sessions.begin() as session:
        await register(session, person)
        standing = (await routines.levels_of(session, person.user_id)).get(exercise.id)
        level = min(standing.level, len(exercise.levels) - 1) if standing else 0
        run = await walkthroughs.start_walkthrough(
            session,
            user_id=person.user_id,
            chat_id=chat_id,
            exercise_id=exercise.id,
            step_count=len(exercise.steps),
            now=now,
            level=level,
        )
    return Started(run, exercise)


async def attach_message(sessions: SessionFactory, walkthrough_id: int, message_id: int) -> None:
    """Remember the message a new walkthrough is shown in (known only once it was sent)."""
    async with sessions.begin() as session:
        await walkthroughs.attach_message(session, walkthrough_id, message_id)


async def press(
    sessions: SessionFactory,
    catalogue: Catalogue,
    *,
    user_id: int,
    walkthrough_id: int,
    version: int,
    action: Action,
    value: int | None,
    message_id: int | None,
    now: datetime,
) -> Pressed | Refusal | RoutineRefusal:
    """Check and store one press, or say why it changes nothing.

    `message_id` is the pressed message: a routine's next exercise is shown in it.
    """
    async with sessions.begin() as session:
        loaded = await walkthroughs.load_for_press(session, walkthrough_id)
        run, routine, zone = loaded if loaded is not None else (None, None, None)
        refusal = press_refusal(run, user_id, version)
        if refusal is not None or run is None:
            return refusal or Refusal.UNKNOWN
        if run.routine_id is not None:
            off = routine_day.press_refusal(
                routine.status if routine else None,
                routine.day if routine else None,
                local_date(now, zone or DEFAULT_ZONE),
            )
            if off is not None:
                return off
        exercise = catalogue.get(run.exercise_id)
        if exercise is None:
            return Refusal.EXERCISE_GONE
        try:
            move = apply(run.position, action, value)
        except InvalidMove:
            return move_refusal(action)
        timer_step = run.position.step if action is Action.TIMER else None
        stored = await walkthroughs.advance(
            session,
            run,
            position=move.position,
            events=move.events,
            now=now,
            timer_step=timer_step,
            skip_reason=move.skip_reason,
        )
        if not stored:
            return Refusal.STALE
        moved = replace(run, version=run.version + 1, position=move.position)
        felt = reported(move.position.discomfort, move.skip_reason)
        if routine is not None and move.position.status in FINISHED:
            after = await finish_exercise_in(
                session, catalogue, routine, moved, message_id=message_id, now=now
            )
            return Pressed(moved, exercise, after=after, quiet=after is None, discomfort=felt)
    if timer_step is None:
        return Pressed(moved, exercise, discomfort=felt)
    hold = steps_of(exercise, run.variant, run.level)[timer_step].hold_seconds
    return Pressed(moved, exercise, timer_seconds=hold or 0)


@dataclass(frozen=True, slots=True)
class TimerEnded:
    run: WalkthroughView
    exercise: Exercise


async def timer_ended(
    sessions: SessionFactory,
    catalogue: Catalogue,
    *,
    walkthrough_id: int,
    version: int,
    now: datetime,
) -> TimerEnded | None:
    """Record that a hold is over; None when the person moved on meanwhile (nothing to say)."""
    async with sessions.begin() as session:
        loaded = await walkthroughs.load_for_press(session, walkthrough_id)
        if loaded is None:
            return None
        run = loaded[0]
        if run.version != version or run.message_id is None:
            return None
        if run.position.status is not Status.ACTIVE:
            return None
        await walkthroughs.record_event(
            session, walkthrough_id, EventKind.TIMER_ENDED, run.position.step, now
        )
    exercise = catalogue.get(run.exercise_id)
    return None if exercise is None else TimerEnded(run, exercise)
