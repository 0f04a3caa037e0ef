"""The step-by-step walkthrough of one exercise, as a pure state machine.

Handlers load the current position from the database, ask this module what a button press
means, and store the answer. Keeping the rules here makes them testable without Telegram and
lets the daily routine reuse them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum


class Status(StrEnum):
    ACTIVE = "active"
    RESTING = "resting"
    RATING = "rating"
    COMPLETED = "completed"
    STOPPED = "stopped"
    SKIPPING = "skipping"
    SKIPPED = "skipped"
    SKIP_CHOICE = "skip_choice"
    """"Skip" was pressed on an exercise of several steps: this step, or the whole exercise?"""


FINISHED = frozenset({Status.COMPLETED, Status.STOPPED, Status.SKIPPED})


class Action(StrEnum):
    NEXT = "n"
    BACK = "b"
    SKIP = "s"
    STOP = "x"
    TIMER = "t"
    RATE = "r"
    ABANDON = "e"
    REASON = "q"
    DONE_FINE = "d"
    """The last step's one-tap "Done, no discomfort": completed and rated 0 in one press."""
    SKIP_ASK = "k"
    """The single "Skip": asks "this step or the whole exercise?" when there are several."""


class EventKind(StrEnum):
    STARTED = "started"
    DONE_STEP = "done_step"
    BACK = "back"
    SKIPPED = "skipped"
    STOPPED = "stopped"
    TIMER_STARTED = "timer_started"
    TIMER_ENDED = "timer_ended"
    FINISHED = "finished"
    DISCOMFORT = "discomfort"
    SKIPPED_EXERCISE = "skipped_exercise"
    SET_DONE = "set_done"
    REST_ENDED = "rest_ended"


class InvalidMove(Exception):
    """A press that makes no sense in the current state: answered politely, nothing stored."""


MAX_DISCOMFORT = 10
SKIP_REASONS: tuple[str, ...] = ("hurts", "no_time", "no_equipment", "too_hard")
"""Why a person skipped an exercise of their routine; the next routines adapt to all but "no
time" (see :mod:`bot.domain.progression` and the routine builder's ``equipment_free``)."""
HURTS, NO_TIME, NO_EQUIPMENT, TOO_HARD = SKIP_REASONS


SIDES = 2
"""A per-side step runs once for the right foot (side 0), then once for the left (side 1)."""


@dataclass(frozen=True, slots=True)
class Shape:
    """How an exercise's steps repeat at its level: derived from the content, never stored.

    A set runs from step `set_start` to step `set_end` (None: the last step): the steps before
    it set the person up and the steps after it close the exercise, each shown once.
    `per_side` holds the steps that run once per side. `rest_seconds` is the rest timer
    between two sets; with none, the next set follows at once.
    """

    set_start: int = 0
    set_end: int | None = None
    per_side: frozenset[int] = frozenset()
    rest_seconds: int = 0
    holds: frozenset[int] = frozenset()
    """The steps with a hold timer: it starts by itself when the step arrives."""

    def last_of_set(self, step_count: int) -> int:
        return step_count - 1 if self.set_end is None else min(self.set_end, step_count - 1)

    def block(self, step: int) -> tuple[int, int]:
        """The first and last step of the run of per-side steps around `step`: a foot does
        the whole run (both directions, say) before the other foot starts it."""
        first = last = step
        while first - 1 in self.per_side:
            first -= 1
        while last + 1 in self.per_side:
            last += 1
        return first, last

    def merged(self, step: int) -> tuple[int, int] | None:
        """The run of per-side steps around `step` when the second foot does it on one screen
        (several steps, none with a hold: the first foot learned them one screen each)."""
        if step not in self.per_side:
            return None
        first, last = self.block(step)
        if last == first or any(index in self.holds for index in range(first, last + 1)):
            return None
        return first, last


FLAT = Shape()


@dataclass(frozen=True, slots=True)
class Position:
    """Where a walkthrough stands: step, set (0-based, of `set_count`) and side.

    `step_count` and `set_count` are stored with the walkthrough, so a content change never
    moves a person mid-exercise; `shape` is attached from the content when a press is decided.
    """

    step: int
    step_count: int
    status: Status = Status.ACTIVE
    discomfort: int | None = None
    set_index: int = 0
    set_count: int = 1
    side: int = 0
    shape: Shape = FLAT

    @property
    def sided(self) -> bool:
        """Whether the current step runs once per side."""
        return self.step in self.shape.per_side

    @property
    def through(self) -> int:
        """The last step this screen shows: the second foot's run of counted steps is one
        screen (see :meth:`Shape.merged`); any other screen shows one step."""
        run = self.shape.merged(self.step) if self.side == SIDES - 1 else None
        return run[1] if run is not None else self.step

    @property
    def is_last_step(self) -> bool:
        """The last screen of the whole exercise: last step, last side, last set."""
        return (
            self.through == self.step_count - 1
            and self.set_index >= self.set_count - 1
            and (self.side == SIDES - 1 or not self.sided)
        )

    @property
    def is_first_step(self) -> bool:
        return self.step == 0 and self.set_index == 0 and self.side == 0


@dataclass(frozen=True, slots=True)
class Move:
    """The outcome of one press: where the walkthrough is now and what to record."""

    position: Position
    events: tuple[EventKind, ...]
    skip_reason: str | None = None


def apply(position: Position, action: Action, value: int | None = None) -> Move:
    """Return the next position for `action`, or raise InvalidMove."""
    if position.status is Status.RATING:
        if action is Action.RATE:
            return _rate(position, value)
        raise InvalidMove("the exercise is finished; only the discomfort question is open")
    if position.status is Status.SKIPPING:
        return _choose_reason(position, action, value)
    if position.status is Status.SKIP_CHOICE:
        return _choose_skip(position, action)
    if position.status is Status.RESTING:
        return _rest(position, action)
    if position.status is not Status.ACTIVE:
        raise InvalidMove("this walkthrough has ended")
    if action is Action.NEXT:
        return _forward(position, EventKind.DONE_STEP)
    if action is Action.SKIP:
        return _forward(position, EventKind.SKIPPED)
    if action is Action.BACK:
        if position.is_first_step:
            raise InvalidMove("already at the first step")
        return Move(_back(position), (EventKind.BACK,))
    if action is Action.STOP:
        return Move(replace(position, status=Status.STOPPED), (EventKind.STOPPED,))
    if action is Action.TIMER:
        return Move(position, (EventKind.TIMER_STARTED,))
    if action is Action.ABANDON:
        return Move(replace(position, status=Status.SKIPPING), ())
    if action is Action.DONE_FINE:
        return _done_fine(position)
    if action is Action.RATE:
        return _done_rated(position, value)
    if action is Action.SKIP_ASK:
        asked = Status.SKIP_CHOICE if offers_skip_choice(position) else Status.SKIPPING
        return Move(replace(position, status=asked), ())
    raise InvalidMove(f"{action.name.lower()} is not possible during the steps")


def _forward(position: Position, event: EventKind) -> Move:
    """The next step of a per-side run, then the run again on the other side, then the next
    step, then a rest before the next set, then the rating."""
    position = replace(position, step=position.through)
    if position.sided:
        first, last = position.shape.block(position.step)
        if position.step < last:
            return Move(replace(position, step=position.step + 1), (event,))
        if position.side < SIDES - 1:
            return Move(replace(position, step=first, side=position.side + 1), (event,))
    shape = position.shape
    more_sets = position.set_index < position.set_count - 1
    if more_sets and position.step >= shape.last_of_set(position.step_count):
        following = replace(
            position,
            status=Status.RESTING if shape.rest_seconds > 0 else Status.ACTIVE,
            step=min(shape.set_start, position.step_count - 1),
            set_index=position.set_index + 1,
            side=0,
        )
        return Move(following, (event, EventKind.SET_DONE))
    if position.step < position.step_count - 1:
        return Move(replace(position, step=position.step + 1, side=0), (event,))
    finished = replace(position, status=Status.RATING)
    return Move(finished, (event, EventKind.FINISHED))


def _back(position: Position) -> Position:
    """One screen back: within a per-side run, to the first side's run, to the previous step,
    or to the previous set's last step (the start of its screen, when it is one of several)."""
    return _screen_start(_back_one(position))


def _screen_start(position: Position) -> Position:
    run = position.shape.merged(position.step) if position.side == SIDES - 1 else None
    return replace(position, step=run[0]) if run is not None else position


def _back_one(position: Position) -> Position:
    if position.sided:
        first, last = position.shape.block(position.step)
        if position.step > first:
            return replace(position, step=position.step - 1)
        if position.side > 0:
            return replace(position, step=last, side=position.side - 1)
    first_of_set = position.shape.set_start if position.set_index > 0 else 0
    if position.step > first_of_set:
        step = position.step - 1
        return replace(position, step=step, side=_last_side(position.shape, step))
    last_step = position.shape.last_of_set(position.step_count)
    return replace(
        position,
        status=Status.ACTIVE,
        step=last_step,
        set_index=position.set_index - 1,
        side=_last_side(position.shape, last_step),
    )


def next_side(position: Position) -> int | None:
    """The side the next screen turns to, when Next changes foot (None otherwise): the end
    of a hold on the right foot says "now the left foot"."""
    if position.status is not Status.ACTIVE or not position.sided:
        return None
    following = _forward(position, EventKind.DONE_STEP).position
    if following.status is Status.ACTIVE and following.side != position.side:
        return following.side
    return None


AUTO_HOLD_LEAD_SECONDS = 5
"""A hold that starts by itself gives the person this long to change feet or get into
position before it counts (between sides and sets)."""
FIRST_HOLD_LEAD_SECONDS = 10
"""The lead before the first hold of an exercise: time to read the step and get into it."""


def hold_lead(position: Position) -> int:
    """Seconds of "get ready" before the hold of `position`'s step starts counting by itself:
    longer before the exercise's first hold, shorter between sides and sets."""
    first_hold = (
        position.set_index == 0
        and position.side == 0
        and not any(step in position.shape.holds for step in range(position.step))
    )
    return FIRST_HOLD_LEAD_SECONDS if first_hold else AUTO_HOLD_LEAD_SECONDS


def hold_arrives(before: Position, move: Move, action: Action) -> bool:
    """Whether `move` brings a step with a hold by going forward (Next, Skip, Skip rest), so
    its hold starts by itself after a short lead. Back and the skip question's way back show
    the step as it is, with its timer button: there the timer is the person's choice."""
    after = move.position
    return (
        action in (Action.NEXT, Action.SKIP)
        and after.status is Status.ACTIVE
        and after.step in after.shape.holds
        and (after.step, after.set_index, after.side)
        != (before.step, before.set_index, before.side)
    )


@dataclass(frozen=True, slots=True)
class Auto:
    """Where a walkthrough goes by itself when its hold or rest timer ends.

    `events` are what to record, each with the step it happened on. `passed` are the steps
    gone over on the way (coming out of the stretch, setting up the other foot): the new
    screen says them in a line each. `holds` is whether the new screen's hold starts by
    itself; the person can always stop or skip it.
    """

    position: Position
    events: tuple[tuple[EventKind, int], ...]
    passed: tuple[int, ...] = ()
    holds: bool = False


def after_timer(position: Position, holds: frozenset[int], counted: frozenset[int]) -> Auto:
    """The walkthrough's own move when a timer ends: like a physiotherapist who says "time's
    up, now the left foot" and counts the next hold.

    A hold's end goes to the next hold (the other foot's, or the next set's) when only steps
    without a count of their own lie between, and starts it; otherwise one screen on (to a
    counted step, the rest before the next set, or the last step, where the rating is asked).
    A hold on the last screen stays there. A rest's end starts the next set the same way.
    `holds` are the steps with a hold timer, `counted` those with repetitions.
    """
    events: list[tuple[EventKind, int]]
    given = position.shape  # the returned position keeps the shape it came with
    position = replace(position, shape=replace(given, holds=given.holds | holds))
    if position.status is Status.RESTING:
        current = replace(position, status=Status.ACTIVE)
        events = [(EventKind.REST_ENDED, position.step)]
    elif position.status is Status.ACTIVE and not position.is_last_step:
        first = _forward(position, EventKind.DONE_STEP)
        current = first.position
        events = [(EventKind.TIMER_ENDED, position.step)]
        events += [(kind, position.step) for kind in first.events]
    elif position.status is Status.ACTIVE:
        return Auto(replace(position, shape=given), ((EventKind.TIMER_ENDED, position.step),))
    else:
        raise InvalidMove("the walkthrough is neither holding nor resting")
    passed: list[int] = []
    while _passable(current, holds, counted) and _hold_ahead(current, holds, counted):
        passed.append(current.step)
        following = _forward(current, EventKind.DONE_STEP)
        events += [(kind, current.step) for kind in following.events]
        current = following.position
    starts = current.status is Status.ACTIVE and current.step in holds
    return Auto(replace(current, shape=given), tuple(events), tuple(passed), starts)


def _passable(position: Position, holds: frozenset[int], counted: frozenset[int]) -> bool:
    """A screen the walkthrough may go over by itself: no hold, no count, not the last."""
    return (
        position.status is Status.ACTIVE
        and position.step not in holds
        and position.step not in counted
        and position.through == position.step
        and not position.is_last_step
    )


def _hold_ahead(position: Position, holds: frozenset[int], counted: frozenset[int]) -> bool:
    """Whether a hold comes next after only passable screens (no rest, no count between)."""
    for _ in range(position.step_count * position.set_count * SIDES + 1):
        if position.status is Status.ACTIVE and position.step in holds:
            return True
        if not _passable(position, holds, counted):
            return False
        position = _forward(position, EventKind.DONE_STEP).position
    return False


def _place(position: Position) -> tuple[int, int, int]:
    return position.step, position.set_index, position.side


def _last_side(shape: Shape, step: int) -> int:
    return SIDES - 1 if step in shape.per_side else 0


def _rest(position: Position, action: Action) -> Move:
    """Between sets: go on (Skip rest, or the next set once the rest is over), back, or out."""
    if action is Action.NEXT:
        return Move(replace(position, status=Status.ACTIVE), (EventKind.REST_ENDED,))
    if action is Action.BACK:
        return Move(_back(position), (EventKind.BACK,))
    if action is Action.STOP:
        return Move(replace(position, status=Status.STOPPED), (EventKind.STOPPED,))
    if action is Action.ABANDON:
        return Move(replace(position, status=Status.SKIPPING), ())
    raise InvalidMove(f"{action.name.lower()} is not possible during a rest")


def offers_done_fine(position: Position) -> bool:
    """Where "Done, no discomfort" is safe in one press: on the last step, once every step
    has been shown, so the press says what the person has just done."""
    return position.status is Status.ACTIVE and position.is_last_step


def offers_skip_choice(position: Position) -> bool:
    """ "Skip" asks "this step or the whole exercise?" only when there is more than one step;
    on a one-step exercise skipping the step is skipping the exercise."""
    return position.step_count > 1


def _done_fine(position: Position) -> Move:
    if not offers_done_fine(position):
        raise InvalidMove("done-and-fine is offered on the last step only")
    rated = replace(position, status=Status.COMPLETED, discomfort=0)
    return Move(rated, (EventKind.DONE_STEP, EventKind.FINISHED, EventKind.DISCOMFORT))


def _done_rated(position: Position, value: int | None) -> Move:
    """The last step's rating: one press finishes the exercise and says how it felt."""
    if not offers_done_fine(position):
        raise InvalidMove("the rating is offered on the last step only")
    if value is None or not 0 <= value <= MAX_DISCOMFORT:
        raise InvalidMove("discomfort is a number from 0 to 10")
    rated = replace(position, status=Status.COMPLETED, discomfort=value)
    return Move(rated, (EventKind.DONE_STEP, EventKind.FINISHED, EventKind.DISCOMFORT))


def _choose_skip(position: Position, action: Action) -> Move:
    """This step (on to the next, or to the rating after the last), the whole exercise (why?),
    or Back to the step as it was."""
    active = replace(position, status=Status.ACTIVE)
    if action is Action.SKIP:
        return _forward(active, EventKind.SKIPPED)
    if action is Action.ABANDON:
        return Move(replace(position, status=Status.SKIPPING), ())
    if action is Action.BACK:
        return Move(active, ())
    raise InvalidMove("choose this step, the whole exercise, or go back")


def _rate(position: Position, value: int | None) -> Move:
    if value is None or not 0 <= value <= MAX_DISCOMFORT:
        raise InvalidMove("discomfort is a number from 0 to 10")
    rated = replace(position, status=Status.COMPLETED, discomfort=value)
    return Move(rated, (EventKind.DISCOMFORT,))


def _choose_reason(position: Position, action: Action, value: int | None) -> Move:
    """Skipping a whole exercise asks why; Back returns to the step without a record."""
    if action is Action.BACK:
        return Move(replace(position, status=Status.ACTIVE), ())
    if action is Action.REASON and value is not None and 0 <= value < len(SKIP_REASONS):
        skipped = replace(position, status=Status.SKIPPED)
        return Move(skipped, (EventKind.SKIPPED_EXERCISE,), SKIP_REASONS[value])
    raise InvalidMove("choose a reason or go back")


class Refusal(StrEnum):
    """Why a press on a walkthrough's button changes nothing (the person is told politely)."""

    UNKNOWN = "unknown"
    NOT_YOURS = "not_yours"
    ENDED = "ended"
    STALE = "stale"
    FIRST_STEP = "first_step"
    EXERCISE_GONE = "exercise_gone"


@dataclass(frozen=True, slots=True)
class WalkthroughView:
    """A walkthrough as stored: what its screen is rendered from.

    `version` is the one its buttons carry. Inside a routine, `routine_position` is its place
    in the day's list and `routine_length` the list's length; both are None outside one.
    """

    id: int
    user_id: int
    chat_id: int
    exercise_id: str
    version: int
    position: Position
    message_id: int | None = None
    level: int = 0
    variant: str = "standard"
    routine_id: int | None = None
    routine_position: int | None = None
    routine_length: int | None = None


def press_refusal(
    walkthrough: WalkthroughView | None, presser_id: int, pressed_version: int
) -> Refusal | None:
    """None when a press on `walkthrough`'s button may proceed; otherwise why it may not.

    The owner is checked against who pressed, never against ids inside the button's data.
    The same rule as :func:`press_route`, for a press whose message is not known: an
    out-of-date version is STALE there.
    """
    route = press_route(walkthrough, presser_id, pressed_version, None)
    if isinstance(route, Refusal):
        return route
    return None if route is Route.PROCEED else Refusal.STALE


def move_refusal(action: Action) -> Refusal:
    """What an impossible move is called: Back on the first step has its own answer."""
    return Refusal.FIRST_STEP if action is Action.BACK else Refusal.STALE


class Route(StrEnum):
    """What a press that is not refused does (see :func:`press_route`)."""

    PROCEED = "proceed"
    """The pressed message shows the walkthrough's current screen: the press is a move."""
    REFRESH = "refresh"
    """The pressed message is the walkthrough's screen but shows an older version of it (a
    double tap, or an edit Telegram never made): show the current screen there again."""
    RESHOW = "reshow"
    """The pressed message is not the walkthrough's screen any more (the screen moved to a
    new message): send the current screen as a new message, which becomes the screen."""


def press_route(
    walkthrough: WalkthroughView | None,
    presser_id: int,
    pressed_version: int,
    pressed_message_id: int | None,
) -> Refusal | Route:
    """What a press on `walkthrough`'s button does: a polite refusal, or a route.

    A press on someone else's walkthrough, an unknown one or a finished one is refused. Any
    other press on a live walkthrough gets the person its current screen: a press on a screen
    that is out of date changes nothing but shows where the walkthrough stands, so a screen
    Telegram never updated is never a dead end. A message id that is unknown on either side
    (an inline message; a walkthrough whose message is not attached yet) is not held against
    the press.
    """
    if walkthrough is None:
        return Refusal.UNKNOWN
    if walkthrough.user_id != presser_id:
        return Refusal.NOT_YOURS
    if walkthrough.position.status in FINISHED:
        return Refusal.ENDED
    shown = walkthrough.message_id
    elsewhere = shown is not None and pressed_message_id is not None and shown != pressed_message_id
    if elsewhere:
        return Route.RESHOW
    if walkthrough.version != pressed_version:
        return Route.REFRESH
    return Route.PROCEED
