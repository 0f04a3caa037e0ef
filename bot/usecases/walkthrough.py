"""The step-by-step walkthrough: start an exercise, press its buttons, end a hold timer.

A press is one transaction: decide with the domain rules, store the move (compare-and-set on
the walkthrough's version), and, when the press finishes an exercise of a routine, move the
routine on and start its next exercise too. The handler answers and edits only after the
commit; if the bot dies in between, the stored state is right and the next press shows it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot.content import Catalogue, Exercise
from bot.domain import routine_day
from bot.domain.discomfort import DiscomfortAction, reported
from bot.domain.routine import sets_of, shape_of, steps_of
from bot.domain.routine_day import RoutineRefusal
from bot.domain.schedule import DEFAULT_ZONE, local_date
from bot.domain.walkthrough import (
    FINISHED,
    Action,
    EventKind,
    InvalidMove,
    Refusal,
    Route,
    Status,
    WalkthroughView,
    after_timer,
    apply,
    hold_arrives,
    hold_lead,
    move_refusal,
    press_route,
)
from bot.storage import routines, timers, walkthroughs
from bot.storage.database import SessionFactory
from bot.usecases.people import Person, register
from bot.usecases.routine import AfterExercise, finish_exercise_in


@dataclass(frozen=True, slots=True)
class Started:
    run: WalkthroughView
    exercise: Exercise
    again: bool = False
    """The same press was handled before (a redelivery): `run` is the walkthrough it started."""


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
    rest_seconds: int | None = None
    """Set when the press finished a set: the rest timer now running before the next one."""
    ends_at: datetime | None = None
    """When the hold or rest timer the press started ends (it is stored, and fires by itself)."""
    quiet: bool = False
    discomfort: DiscomfortAction | None = None
    """The discomfort policy's action when the press rated the exercise or gave "it hurts"."""


@dataclass(frozen=True, slots=True)
class Reshown:
    """A press on a screen that is out of date: nothing moved; show `run` as it stands.

    `route` says where: REFRESH in the pressed message (it is the screen, showing an older
    version), RESHOW as a new message (the screen is elsewhere now). The message that ends up
    showing it is attached with :func:`attach_message`, so its buttons are the live ones.
    """

    run: WalkthroughView
    exercise: Exercise
    route: Route
    running: timers.Running | None = None
    """The hold or rest still counting on this screen: shown as running, not as the plain step."""


async def start_exercise(
    sessions: SessionFactory,
    catalogue: Catalogue,
    *,
    person: Person,
    chat_id: int,
    exercise_id: str,
    now: datetime,
    start_key: str | None = None,
) -> Started | Refusal:
    """Start `exercise_id` at step 1, outside any routine (its message id is attached later).

    It runs at the person's level on its ladder, like in a routine, because its rating counts
    the same way: it feeds the ladder and the discomfort policy. `start_key` names the press
    (its callback query id): the same press handled again finds the walkthrough it started.
    """
    exercise = catalogue.get(exercise_id)
    if exercise is None:
        return Refusal.EXERCISE_GONE
    async with sessions.begin() as session:
        if start_key is not None:
            earlier = await walkthroughs.started_by(session, person.user_id, start_key)
            if earlier is not None:
                return Started(earlier, exercise, again=True)
        await register(session, person)
        standing = (await routines.levels_of(session, person.user_id)).get(exercise.id)
        level = min(standing.level, len(exercise.levels) - 1) if standing else 0
        run = await walkthroughs.start_walkthrough(
            session,
            user_id=person.user_id,
            chat_id=chat_id,
            exercise_id=exercise.id,
            step_count=len(steps_of(exercise, "standard", level)),
            now=now,
            level=level,
            set_count=sets_of(exercise, "standard", level),
            start_key=start_key,
        )
    return Started(run, exercise)


async def attach_message(sessions: SessionFactory, walkthrough_id: int, message_id: int) -> None:
    """Remember the message a walkthrough is shown in: a new walkthrough's (known only once it
    was sent), or the new message its screen moved to when Telegram refused an edit."""
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
) -> Pressed | Reshown | Refusal | RoutineRefusal:
    """Check and store one press, or say why it changes nothing.

    `message_id` is the pressed message: a routine's next exercise is shown in it. A press on
    a screen that is out of date moves nothing and comes back as :class:`Reshown`.
    """
    async with sessions.begin() as session:
        loaded = await walkthroughs.load_for_press(session, walkthrough_id)
        run, routine, zone = loaded if loaded is not None else (None, None, None)
        route = press_route(run, user_id, version, message_id)
        if isinstance(route, Refusal) or run is None:
            return route if isinstance(route, Refusal) else Refusal.UNKNOWN
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
        shape = shape_of(exercise, run.variant, run.level)
        if route is not Route.PROCEED:
            running = await timers.running(session, run.id, run.version, now)
            return Reshown(run, exercise, route, running)
        if action is Action.TIMER:
            running = await timers.running(session, run.id, run.version, now)
            if _counting(running, now):
                # "Start now" once the hold counts already (an edit that never came): no restart
                return Reshown(run, exercise, Route.REFRESH, running)
        before = replace(run.position, shape=shape)
        try:
            move = apply(before, action, value)
        except InvalidMove:
            return move_refusal(action)
        arrives = hold_arrives(before, move, action)
        timer_step = run.position.step if action is Action.TIMER else None
        if arrives:
            timer_step = move.position.step
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
        if timer_step is not None:
            hold = steps_of(exercise, run.variant, run.level)[timer_step].hold_seconds or 0
            lead = timedelta(seconds=hold_lead(move.position) if arrives else 0)
            ends_at = await _start_timer(session, moved, timers.TimerKind.HOLD, hold, now + lead)
            return Pressed(moved, exercise, timer_seconds=hold, ends_at=ends_at)
        if EventKind.SET_DONE in move.events and shape.rest_seconds > 0:
            rest = shape.rest_seconds
            ends_at = await _start_timer(session, moved, timers.TimerKind.REST, rest, now)
            return Pressed(moved, exercise, rest_seconds=rest, ends_at=ends_at)
    return Pressed(moved, exercise, discomfort=felt)


def _counting(running: timers.Running | None, now: datetime) -> bool:
    """Whether a hold is running past its "get ready" lead (it counts its own seconds now)."""
    if running is None or running.kind is not timers.TimerKind.HOLD:
        return False
    return running.due_at - now <= timedelta(seconds=running.seconds)


async def _start_timer(
    session: AsyncSession,
    run: WalkthroughView,
    kind: timers.TimerKind,
    seconds: int,
    now: datetime,
) -> datetime | None:
    """Store the timer of `run`'s current version; None for a timer of no length.

    `now` is when it starts counting (a hold that starts by itself gives a few seconds to
    get into position first)."""
    if seconds <= 0:
        return None
    ends_at = now + timedelta(seconds=seconds)
    await timers.drop_superseded(session, run.id, run.version)
    await timers.start_timer(
        session,
        walkthrough_id=run.id,
        version=run.version,
        kind=kind,
        seconds=seconds,
        due_at=ends_at,
        now=now,
    )
    return ends_at


TIMER_LEASE = timedelta(seconds=60)
"""How long a claimed timer waits for its end to be sent before another tick fires it again."""


@dataclass(frozen=True, slots=True)
class TimerEnded:
    """A hold or rest that is over: the walkthrough moved on by itself; show where it is now.

    `run` is the walkthrough as it now stands (its position shaped by the content), `seconds`
    how long the timer ran, `rest` whether it was the rest between sets. `before` is the
    walkthrough as the timer found it: its message showed the timer and loses its buttons
    (None when an earlier tick stored the move and died before it could say so). `passed`
    are the steps gone over on the way; `stayed` says the hold was on the last screen, which
    stays; `started` is the hold or rest the move started, if any.
    """

    timer_id: int
    run: WalkthroughView
    exercise: Exercise
    seconds: int
    rest: bool
    before: WalkthroughView | None = None
    passed: tuple[int, ...] = ()
    stayed: bool = False
    started: timers.Running | None = None

    @property
    def holding(self) -> bool:
        """Whether the new screen's hold started by itself."""
        return self.started is not None and self.started.kind is timers.TimerKind.HOLD


async def claim_timers(
    sessions: SessionFactory, catalogue: Catalogue, *, now: datetime, batch: int = 200
) -> tuple[TimerEnded, ...]:
    """Claim the timers that are due, move their walkthroughs on, and say what to show.

    The move is stored here, in the same transaction as the claim (compare-and-set on the
    walkthrough's version, like a press), with the next hold or rest it starts. A timer whose
    walkthrough moved on (another press, a new version) or is gone is dropped. The others are
    leased: the caller shows their new screens, then calls :func:`timers_sent`; if it dies
    first, the lease runs out and the next tick shows the new screen again.
    """
    async with sessions.begin() as session:
        due = await timers.claim_due(session, now=now, lease_until=now + TIMER_LEASE, batch=batch)
        stale: list[int] = []
        latest: dict[int, TimerEnded] = {}
        for timer in due:
            one = await _end_timer(session, catalogue, timer, now)
            if one is None:
                stale.append(timer.id)
                continue
            earlier = latest.get(one.run.id)
            if earlier is not None:  # a late tick: only the walkthrough's newest screen counts
                stale.append(earlier.timer_id)
                one = replace(one, before=earlier.before or one.before)
            latest[one.run.id] = one
        await timers.finish(session, stale)
    return tuple(latest.values())


async def _end_timer(
    session: AsyncSession, catalogue: Catalogue, timer: timers.DueTimer, now: datetime
) -> TimerEnded | None:
    loaded = await walkthroughs.load_for_press(session, timer.walkthrough_id)
    run = loaded[0] if loaded is not None else None
    exercise = catalogue.get(run.exercise_id) if run is not None else None
    if run is None or exercise is None or run.message_id is None:
        return None
    shape = shape_of(exercise, run.variant, run.level)
    shaped = replace(run, position=replace(run.position, shape=shape))
    rest = timer.kind is timers.TimerKind.REST
    if timer.moved:  # stored by a tick that died before showing it: show it now
        if run.version != timer.version + 1 or run.position.status in FINISHED:
            return None
        started = await timers.running(session, run.id, run.version, now)
        return TimerEnded(timer.id, shaped, exercise, timer.seconds, rest, started=started)
    wanted = Status.RESTING if rest else Status.ACTIVE
    if run.version != timer.version or run.position.status is not wanted:
        return None
    steps = steps_of(exercise, run.variant, run.level)
    holds = frozenset(index for index, step in enumerate(steps) if step.hold_seconds)
    counted = frozenset(index for index, step in enumerate(steps) if step.reps is not None)
    auto = after_timer(shaped.position, holds, counted)
    stored = await walkthroughs.advance(
        session,
        run,
        position=auto.position,
        events=(),
        now=now,
        timer_step=auto.position.step if auto.holds else None,
    )
    if not stored:
        return None
    for kind, step in auto.events:
        await walkthroughs.record_event(session, run.id, kind, step, now)
    moved = replace(shaped, version=run.version + 1, position=auto.position)
    started = None
    if auto.holds:
        hold = steps[auto.position.step].hold_seconds or 0
        lead = timedelta(seconds=hold_lead(auto.position))
        ends_at = await _start_timer(session, moved, timers.TimerKind.HOLD, hold, now + lead)
        if ends_at is not None:
            started = timers.Running(timers.TimerKind.HOLD, hold, ends_at)
    elif auto.position.status is Status.RESTING and shape.rest_seconds > 0:
        seconds = shape.rest_seconds
        ends_at = await _start_timer(session, moved, timers.TimerKind.REST, seconds, now)
        if ends_at is not None:
            started = timers.Running(timers.TimerKind.REST, seconds, ends_at)
    await timers.mark_moved(session, timer.id)
    return TimerEnded(
        timer.id,
        moved,
        exercise,
        timer.seconds,
        rest,
        before=shaped,
        passed=auto.passed,
        stayed=auto.position == shaped.position,
        started=started,
    )


async def timers_sent(sessions: SessionFactory, timer_ids: tuple[int, ...]) -> None:
    """The ends of these timers were sent: forget them."""
    if not timer_ids:
        return
    async with sessions.begin() as session:
        await timers.finish(session, timer_ids)
