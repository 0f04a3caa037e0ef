"""A subscription's life as pure rules: its schedule, and the state machine of its status.

Every change to a subscription (onboarding finished, a setting edited, a pause, a resume, a
stop, a reminder claimed) ends by recomputing both instants from the preferences with
:func:`schedule`. Keeping that one rule here, away from the ORM, lets the reminder claim
compute thousands of next instants without building rows, and lets a test walk it directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, time, timedelta
from enum import StrEnum

from bot.domain.onboarding import (
    EDITABLE,
    TYPED_STEPS,
    Preferences,
    Problem,
    Step,
    StepAnswer,
    Then,
    answer,
    answer_location,
    answer_typed,
    next_step,
)
from bot.domain.schedule import next_due
from bot.domain.weekly import next_summary


class SubscriptionStatus(StrEnum):
    ONBOARDING = "onboarding"
    ACTIVE = "active"
    PAUSED = "paused"  # open-ended: until /resume
    STOPPED = "stopped"


@dataclass(frozen=True, slots=True)
class Plan:
    """The fields of a subscription that decide when it is due; equal plans share all arithmetic."""

    status: SubscriptionStatus
    reminder_minute: int | None
    time_zone: str | None
    weekdays: int
    paused_until: datetime | None = None
    summary_weekday: int | None = None


@dataclass(frozen=True, slots=True)
class Schedule:
    next_due_at: datetime | None
    next_summary_at: datetime | None


def reminder_time(minute: int | None) -> time | None:
    return None if minute is None else time(minute // 60, minute % 60)


def schedule(plan: Plan, now: datetime) -> Schedule:
    """The next reminder and weekly summary after `now`: the only rule the schedule follows.

    Only active subscriptions with a time and a zone are due; a timed pause counts from its
    end, so the first reminder after it is the first chosen time after the pause.
    """
    active = plan.status == SubscriptionStatus.ACTIVE
    summary_at = next_summary(now, plan.summary_weekday if active else None, plan.time_zone)
    at = reminder_time(plan.reminder_minute)
    if not active or at is None or plan.time_zone is None or not plan.weekdays:
        return Schedule(None, summary_at)
    start = max(now, plan.paused_until) if plan.paused_until else now
    return Schedule(next_due(start, at, plan.time_zone, plan.weekdays), summary_at)


# --- the subscription's life as a state machine ----------------------------------------------
#
# Modelled on :mod:`bot.domain.walkthrough`: storage loads a frozen state, a handler's use
# case names the event, :func:`apply` says what the state becomes and what storage must do
# besides writing it (close open pauses, add one), and refuses impossible events with a code.

RUNNING = frozenset({SubscriptionStatus.ACTIVE, SubscriptionStatus.PAUSED})
"""Statuses with reminders to pause, resume or stop (a timed pause stays ACTIVE)."""

PAUSE_DAYS: tuple[int, ...] = (1, 3, 7, 14)


@dataclass(frozen=True, slots=True)
class SubscriptionState:
    """A subscription as the rules see it: status, the open question, and the preferences.

    `step` is the question on screen: an onboarding step, or the one setting being changed
    when `editing`. A timed pause keeps the status ACTIVE with `paused_until` in the future;
    an open-ended (or "injured", frozen) pause is the PAUSED status.
    """

    status: SubscriptionStatus
    preferences: Preferences = field(default_factory=Preferences)
    step: Step | None = None
    editing: bool = False
    paused_until: datetime | None = None
    next_due_at: datetime | None = None
    next_summary_at: datetime | None = None

    @property
    def plan(self) -> Plan:
        return Plan(
            status=self.status,
            reminder_minute=self.preferences.reminder_minute,
            time_zone=self.preferences.time_zone,
            weekdays=self.preferences.weekdays,
            paused_until=self.paused_until,
            summary_weekday=self.preferences.summary_weekday,
        )


class Phase(StrEnum):
    """How a subscription stands at one instant, for the settings overview."""

    ONBOARDING = "onboarding"
    ON = "on"
    PAUSED_UNTIL = "paused_until"
    PAUSED_OPEN = "paused_open"
    STOPPED = "stopped"


def phase(state: SubscriptionState, now: datetime) -> Phase:
    if state.status is SubscriptionStatus.STOPPED:
        return Phase.STOPPED
    if state.status is SubscriptionStatus.PAUSED:
        return Phase.PAUSED_OPEN
    if state.paused_until is not None and state.paused_until > now:
        return Phase.PAUSED_UNTIL
    return Phase.ONBOARDING if state.status is SubscriptionStatus.ONBOARDING else Phase.ON


# --- events ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Start:
    """/start: begin or resume onboarding, or turn stopped reminders back on."""


@dataclass(frozen=True, slots=True)
class OpenSettings:
    """/settings: the overview, or the unfinished set-up."""


@dataclass(frozen=True, slots=True)
class BeginEdit:
    """A settings button: open one question on its own."""

    step: Step


@dataclass(frozen=True, slots=True)
class Answer:
    """A button on the question of `step`."""

    step: Step
    option: str


@dataclass(frozen=True, slots=True)
class TypedAnswer:
    """Text typed while a question is open (a time, a place)."""

    text: str


@dataclass(frozen=True, slots=True)
class SharedLocation:
    """A shared location, already turned into its zone (None: no zone there)."""

    zone: str | None


@dataclass(frozen=True, slots=True)
class AskPause:
    """/pause: may the pause question be asked?"""


@dataclass(frozen=True, slots=True)
class PauseFor:
    """A pause button: `days` for a timed pause, None until /resume; `frozen` when injured."""

    days: int | None
    frozen: bool = False


@dataclass(frozen=True, slots=True)
class Resume:
    """/resume."""


@dataclass(frozen=True, slots=True)
class AskStop:
    """/stop: may the stop question be asked?"""


@dataclass(frozen=True, slots=True)
class Stop:
    """The stop question's answer: `confirmed` stops, otherwise nothing changes."""

    confirmed: bool


Event = (
    Start
    | OpenSettings
    | BeginEdit
    | Answer
    | TypedAnswer
    | SharedLocation
    | AskPause
    | PauseFor
    | Resume
    | AskStop
    | Stop
)


# --- results -----------------------------------------------------------------------------------


class Happened(StrEnum):
    """What an event did, for the screens to say."""

    ONBOARDING_BEGUN = "onboarding_begun"
    ONBOARDING_RESUMED = "onboarding_resumed"
    REACTIVATED = "reactivated"
    ALREADY_SUBSCRIBED = "already_subscribed"
    SETUP_NEEDED = "setup_needed"
    OVERVIEW = "overview"
    EDIT_BEGUN = "edit_begun"
    ASKED_AGAIN = "asked_again"
    NEXT_QUESTION = "next_question"
    ONBOARDING_FINISHED = "onboarding_finished"
    EDIT_FINISHED = "edit_finished"
    PAUSE_ASKED = "pause_asked"
    PAUSED = "paused"
    RESUMED = "resumed"
    STOP_ASKED = "stop_asked"
    STOPPED = "stopped"
    KEPT = "kept"


class Refusal(StrEnum):
    """Why an event changed nothing."""

    NO_SUBSCRIPTION = "no_subscription"  # no row at all (decided by the use cases)
    STALE = "stale"  # a button for a question that is not open, or not an option of it
    NOT_TAKEN = "not_taken"  # the answer was not understood: see `problem`
    NOT_ASKING = "not_asking"  # typed text or a location while no such question is open
    NOT_RUNNING = "not_running"  # pause, resume or stop without reminders running
    NOT_PAUSED = "not_paused"  # /resume while reminders are on


@dataclass(frozen=True, slots=True)
class Refused:
    reason: Refusal
    state: SubscriptionState | None = None
    problem: Problem | None = None


@dataclass(frozen=True, slots=True)
class NewPause:
    started_at: datetime
    until: datetime | None
    frozen: bool


@dataclass(frozen=True, slots=True)
class Transition:
    """The new state and what storage does besides writing it.

    `pauses_end_at` closes the pause rows still open (so the streak sees when a break ended);
    `new_pause` adds one; `rescheduled` says the schedule was recomputed.
    """

    state: SubscriptionState
    happened: Happened
    answer: StepAnswer | None = None
    rescheduled: bool = False
    pauses_end_at: datetime | None = None
    new_pause: NewPause | None = None


Result = Transition | Refused


def apply(state: SubscriptionState, event: Event, now: datetime) -> Result:
    """What `event` does to `state` at `now`; never raises for an impossible event."""
    match event:
        case Start():
            return _start(state, now)
        case OpenSettings():
            return _open_settings(state)
        case BeginEdit(step=step):
            if state.status is SubscriptionStatus.ONBOARDING or step not in EDITABLE:
                return Refused(Refusal.STALE, state)
            return Transition(replace(state, step=step, editing=True), Happened.EDIT_BEGUN)
        case Answer(step=step, option=option):
            if state.step is None or state.step is not step:
                return Refused(Refusal.STALE, state)
            return _answered(state, step, answer(state.preferences, step, option), now)
        case TypedAnswer(text=text):
            asked = state.step
            if asked is None or asked not in TYPED_STEPS:
                return Refused(Refusal.NOT_ASKING, state)
            return _answered(state, asked, answer_typed(state.preferences, asked, text), now)
        case SharedLocation(zone=zone):
            if state.step is not Step.ZONE:
                return Refused(Refusal.NOT_ASKING, state)
            return _answered(state, Step.ZONE, answer_location(state.preferences, zone), now)
        case AskPause():
            return _running(state, Happened.PAUSE_ASKED)
        case PauseFor(days=days, frozen=frozen):
            return _pause(state, days, frozen, now)
        case Resume():
            return _resume(state, now)
        case AskStop():
            return _running(state, Happened.STOP_ASKED)
        case Stop(confirmed=confirmed):
            return _stop(state, confirmed, now)


def pause_choice(option: str) -> PauseFor | None:
    """The pause a button asks for: a day count, "open" or "frozen"; None for anything else."""
    if option == "open":
        return PauseFor(None)
    if option == "frozen":
        return PauseFor(None, frozen=True)
    days = next((days for days in PAUSE_DAYS if str(days) == option), None)
    return None if days is None else PauseFor(days)


def is_paused(state: SubscriptionState, now: datetime) -> bool:
    return phase(state, now) in (Phase.PAUSED_OPEN, Phase.PAUSED_UNTIL)


def rescheduled(state: SubscriptionState, now: datetime) -> SubscriptionState:
    """`state` with both instants recomputed by the one rule, :func:`schedule`."""
    planned = schedule(state.plan, now)
    return replace(state, next_due_at=planned.next_due_at, next_summary_at=planned.next_summary_at)


def _start(state: SubscriptionState, now: datetime) -> Result:
    if state.status is SubscriptionStatus.STOPPED:
        active = replace(state, status=SubscriptionStatus.ACTIVE, paused_until=None)
        return Transition(rescheduled(active, now), Happened.REACTIVATED, rescheduled=True)
    if state.status is not SubscriptionStatus.ONBOARDING:
        return Transition(state, Happened.ALREADY_SUBSCRIBED)
    if state.step is None:
        begun = replace(state, step=Step.SAFETY, editing=False)
        return Transition(begun, Happened.ONBOARDING_BEGUN)
    return Transition(state, Happened.ONBOARDING_RESUMED)


def _open_settings(state: SubscriptionState) -> Transition:
    """An unfinished set-up resumes (there is nothing to show yet); otherwise any half-done
    edit is dropped and the overview shown."""
    if state.status is SubscriptionStatus.ONBOARDING:
        resumed = replace(state, step=state.step or Step.SAFETY, editing=False)
        return Transition(resumed, Happened.SETUP_NEEDED)
    return Transition(replace(state, step=None, editing=False), Happened.OVERVIEW)


def _answered(state: SubscriptionState, step: Step, reply: StepAnswer, now: datetime) -> Result:
    if reply.problem is Problem.STALE:
        return Refused(Refusal.STALE, state)
    if reply.problem is not None:
        return Refused(Refusal.NOT_TAKEN, state, reply.problem)
    answered = replace(state, preferences=reply.preferences)
    if reply.then is Then.STAY:
        return Transition(answered, Happened.ASKED_AGAIN, reply)
    if reply.then is Then.BACK:
        return Transition(replace(answered, step=Step.ZONE), Happened.NEXT_QUESTION, reply)
    following = next_step(step, editing=state.editing)
    if following is not None:
        return Transition(replace(answered, step=following), Happened.NEXT_QUESTION, reply)
    return _finish(answered, reply, now)


def _finish(state: SubscriptionState, reply: StepAnswer, now: datetime) -> Transition:
    """Close the dialogue: a finished set-up turns reminders on; an edit keeps the status."""
    status = state.status if state.editing else SubscriptionStatus.ACTIVE
    closed = replace(state, status=status, step=None, editing=False)
    happened = Happened.EDIT_FINISHED if state.editing else Happened.ONBOARDING_FINISHED
    return Transition(rescheduled(closed, now), happened, reply, rescheduled=True)


def _running(state: SubscriptionState, happened: Happened) -> Result:
    if state.status not in RUNNING:
        return Refused(Refusal.NOT_RUNNING, state)
    return Transition(state, happened)


def _pause(state: SubscriptionState, days: int | None, frozen: bool, now: datetime) -> Result:
    if state.status not in RUNNING:
        return Refused(Refusal.NOT_RUNNING, state)
    if days is not None and days not in PAUSE_DAYS:
        return Refused(Refusal.STALE, state)
    until = None if days is None else now + timedelta(days=days)
    status = SubscriptionStatus.ACTIVE if until else SubscriptionStatus.PAUSED
    paused = rescheduled(replace(state, status=status, paused_until=until), now)
    return Transition(
        paused,
        Happened.PAUSED,
        rescheduled=True,
        pauses_end_at=now,
        new_pause=NewPause(started_at=now, until=until, frozen=frozen),
    )


def _resume(state: SubscriptionState, now: datetime) -> Result:
    if state.status not in RUNNING:
        return Refused(Refusal.NOT_RUNNING, state)
    if not is_paused(state, now):
        return Refused(Refusal.NOT_PAUSED, state)
    active = replace(state, status=SubscriptionStatus.ACTIVE, paused_until=None)
    return Transition(
        rescheduled(active, now), Happened.RESUMED, rescheduled=True, pauses_end_at=now
    )


def _stop(state: SubscriptionState, confirmed: bool, now: datetime) -> Result:
    if state.status not in RUNNING:
        return Refused(Refusal.NOT_RUNNING, state)
    if not confirmed:
        return Transition(state, Happened.KEPT)
    stopped = replace(state, status=SubscriptionStatus.STOPPED, paused_until=None)
    return Transition(
        rescheduled(stopped, now), Happened.STOPPED, rescheduled=True, pauses_end_at=now
    )
