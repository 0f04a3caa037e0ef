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

from bot.content import SafetyFlags, Vocabulary
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
    answer_safety,
    answer_typed,
    next_step,
)
from bot.domain.schedule import next_due
from bot.domain.triage import Decision, Triage, see_first_flags, triage, upgrade
from bot.domain.weekly import next_summary


class SubscriptionStatus(StrEnum):
    ONBOARDING = "onboarding"
    ACTIVE = "active"
    PAUSED = "paused"  # open-ended: until /resume
    STOPPED = "stopped"
    HELD = "held"  # held for a check: a see-someone-first answer, until they have been checked


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

_NO_EDITS = frozenset({SubscriptionStatus.ONBOARDING})
"""An unfinished set-up has no overview to change things from: it resumes instead."""

PAUSE_DAYS: tuple[int, ...] = (1, 3, 7, 14)

RECHECK_DAYS = 7
"""A hold asks the safety check again by itself after this many days."""
ASK_AGAIN_DAYS = 3
"""The hold's "ask me again in a few days" button."""


@dataclass(frozen=True, slots=True)
class SubscriptionState:
    """A subscription as the rules see it: status, the open question, and the preferences.

    `step` is the question on screen: an onboarding step, or the one setting being changed
    when `editing`. A timed pause keeps the status ACTIVE with `paused_until` in the future;
    an open-ended (or "injured", frozen) pause is the PAUSED status. `safety_version` is the
    version of the safety check last answered (None: never); `recheck_at` is when a hold asks
    the check again.
    """

    status: SubscriptionStatus
    preferences: Preferences = field(default_factory=Preferences)
    step: Step | None = None
    editing: bool = False
    paused_until: datetime | None = None
    next_due_at: datetime | None = None
    next_summary_at: datetime | None = None
    safety_version: int | None = None
    recheck_at: datetime | None = None

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
    HELD = "held"


def phase(state: SubscriptionState, now: datetime) -> Phase:
    if state.status is SubscriptionStatus.STOPPED:
        return Phase.STOPPED
    if state.status is SubscriptionStatus.HELD:
        return Phase.HELD
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
    """A button on the question of `step`; the safety question needs the `check` it asks, the
    complaint and equipment questions the `vocabulary`."""

    step: Step
    option: str
    check: SafetyFlags | None = None
    vocabulary: Vocabulary | None = None


@dataclass(frozen=True, slots=True)
class AskSafety:
    """Open the safety check on its own: before a routine, from /settings, or because the person
    typed a red-flag word. Answers to an older `check` are carried over and ticked."""

    check: SafetyFlags


@dataclass(frozen=True, slots=True)
class Cleared:
    """ "I have been checked, it's fine": the see-first answers are dropped and the hold ends."""

    check: SafetyFlags


@dataclass(frozen=True, slots=True)
class AskAgainLater:
    """The hold's "ask me again in a few days"."""


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
    | AskSafety
    | Cleared
    | AskAgainLater
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
    SAFETY_ASKED = "safety_asked"
    SAFETY_CHECKED = "safety_checked"  # the check answered on its own: nothing to see first
    HELD = "held"  # the check answered with a see-someone-first flag
    STILL_HELD = "still_held"  # /start while held
    CLEARED = "cleared"
    ASK_LATER = "ask_later"


class Refusal(StrEnum):
    """Why an event changed nothing."""

    NO_SUBSCRIPTION = "no_subscription"  # no row at all (decided by the use cases)
    STALE = "stale"  # a button for a question that is not open, or not an option of it
    NOT_TAKEN = "not_taken"  # the answer was not understood: see `problem`
    NOT_ASKING = "not_asking"  # typed text or a location while no such question is open
    NOT_RUNNING = "not_running"  # pause, resume or stop without reminders running
    NOT_PAUSED = "not_paused"  # /resume while reminders are on
    NOT_HELD = "not_held"  # a hold's button while nothing is held


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
    `new_pause` adds one; `rescheduled` says the schedule was recomputed; `decision` is the
    triage of a safety check just answered (or cleared), for the screens to explain.
    """

    state: SubscriptionState
    happened: Happened
    answer: StepAnswer | None = None
    rescheduled: bool = False
    pauses_end_at: datetime | None = None
    new_pause: NewPause | None = None
    decision: Decision | None = None


Result = Transition | Refused


def apply(state: SubscriptionState, event: Event, now: datetime) -> Result:
    """What `event` does to `state` at `now`; never raises for an impossible event."""
    match event:
        case Start():
            return _start(state, now)
        case OpenSettings():
            return _open_settings(state)
        case BeginEdit(step=step):
            if state.status in _NO_EDITS or step not in EDITABLE:
                return Refused(Refusal.STALE, state)
            return Transition(replace(state, step=step, editing=True), Happened.EDIT_BEGUN)
        case Answer(step=step, option=option, check=check, vocabulary=vocabulary):
            if state.step is None or state.step is not step:
                return Refused(Refusal.STALE, state)
            if step is Step.SAFETY:
                return _safety_answered(state, option, check, now)
            replied = answer(state.preferences, step, option, vocabulary)
            return _answered(state, step, replied, now)
        case AskSafety(check=check):
            return _ask_safety(state, check)
        case Cleared(check=check):
            return _cleared(state, check, now)
        case AskAgainLater():
            if state.status is not SubscriptionStatus.HELD:
                return Refused(Refusal.NOT_HELD, state)
            later = replace(state, recheck_at=now + timedelta(days=ASK_AGAIN_DAYS))
            return Transition(later, Happened.ASK_LATER)
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
    if state.status is SubscriptionStatus.HELD:
        return Transition(state, Happened.STILL_HELD)
    if state.status is SubscriptionStatus.STOPPED:
        active = replace(state, status=SubscriptionStatus.ACTIVE, paused_until=None)
        return Transition(rescheduled(active, now), Happened.REACTIVATED, rescheduled=True)
    if state.status is not SubscriptionStatus.ONBOARDING:
        return Transition(state, Happened.ALREADY_SUBSCRIBED)
    if state.step is None or state.editing:
        begun = replace(state, step=_first_step(state), editing=False)
        return Transition(begun, Happened.ONBOARDING_BEGUN)
    return Transition(state, Happened.ONBOARDING_RESUMED)


def _first_step(state: SubscriptionState) -> Step:
    """Set-up starts with the safety check, unless it was answered on its own already."""
    return Step.SAFETY if state.safety_version is None else Step.COMPLAINTS


def _open_settings(state: SubscriptionState) -> Transition:
    """An unfinished set-up resumes (there is nothing to show yet); otherwise any half-done
    edit is dropped and the overview shown."""
    if state.status is SubscriptionStatus.ONBOARDING:
        step = state.step if state.step is not None and not state.editing else None
        resumed = replace(state, step=step or _first_step(state), editing=False)
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


# --- the safety check and the hold ------------------------------------------------------------


class Gate(StrEnum):
    """Whether a routine may start (a /today, a reminder's Start): every entry asks this."""

    OPEN = "open"
    CHECK_NEEDED = "check_needed"  # never answered, answered an older check, or a recheck is due
    HELD = "held"  # someone should look at the foot first


def routine_gate(state: SubscriptionState | None, check: SafetyFlags, now: datetime) -> Gate:
    """No routine without a finished, current safety check, and none while held."""
    if state is None or state.safety_version != check.version:
        return Gate.CHECK_NEEDED
    if state.status is SubscriptionStatus.HELD:
        due = state.recheck_at is not None and state.recheck_at <= now
        return Gate.CHECK_NEEDED if due else Gate.HELD
    if triage(state.preferences.safety_flags, check).outcome is Triage.SEE_FIRST:
        return Gate.HELD
    return Gate.OPEN


def recheck_due(state: SubscriptionState, now: datetime) -> bool:
    """A hold whose time to ask again has come (and whose question is not open yet)."""
    return (
        state.status is SubscriptionStatus.HELD
        and state.recheck_at is not None
        and state.recheck_at <= now
        and state.step is None
    )


def _ask_safety(state: SubscriptionState, check: SafetyFlags) -> Transition:
    flags = state.preferences.safety_flags
    if state.safety_version != check.version:
        flags = upgrade(flags, check)
    asked = replace(state, preferences=replace(state.preferences, safety_flags=flags))
    onboarding_asks = state.status is SubscriptionStatus.ONBOARDING and state.step is Step.SAFETY
    if not onboarding_asks:
        asked = replace(asked, step=Step.SAFETY, editing=True)
    return Transition(asked, Happened.SAFETY_ASKED)


def _safety_answered(
    state: SubscriptionState, option: str, check: SafetyFlags | None, now: datetime
) -> Result:
    if check is None:
        return Refused(Refusal.STALE, state)
    reply = answer_safety(state.preferences, option, check.ids)
    if reply.problem is not None:
        return Refused(Refusal.STALE, state)
    answered = replace(state, preferences=reply.preferences)
    if reply.then is Then.STAY:
        return Transition(answered, Happened.ASKED_AGAIN, reply)
    decision = triage(reply.preferences.safety_flags, check)
    checked = replace(answered, safety_version=check.version)
    if decision.outcome is Triage.SEE_FIRST:
        return _hold(checked, reply, decision, now)
    if state.status is SubscriptionStatus.HELD:
        return _release(checked, Happened.SAFETY_CHECKED, decision, now, reply)
    if state.editing:
        closed = replace(checked, step=None, editing=False)
        return Transition(closed, Happened.SAFETY_CHECKED, reply, decision=decision)
    following = replace(checked, step=next_step(Step.SAFETY, editing=False))
    return Transition(following, Happened.NEXT_QUESTION, reply, decision=decision)


def _hold(
    state: SubscriptionState, reply: StepAnswer, decision: Decision, now: datetime
) -> Transition:
    """No reminders until checked. A running subscription's hold is a frozen pause, so the
    days it lasts never break a streak."""
    running = state.status in RUNNING
    held = replace(
        state,
        status=SubscriptionStatus.HELD,
        step=None,
        editing=False,
        paused_until=None,
        recheck_at=now + timedelta(days=RECHECK_DAYS),
    )
    return Transition(
        rescheduled(held, now),
        Happened.HELD,
        reply,
        rescheduled=True,
        pauses_end_at=now if running else None,
        new_pause=NewPause(started_at=now, until=None, frozen=True) if running else None,
        decision=decision,
    )


def _cleared(state: SubscriptionState, check: SafetyFlags, now: datetime) -> Result:
    if state.status is not SubscriptionStatus.HELD:
        return Refused(Refusal.NOT_HELD, state)
    see_first = see_first_flags(check)
    kept = tuple(f for f in upgrade(state.preferences.safety_flags, check) if f not in see_first)
    cleared = replace(
        state,
        preferences=replace(state.preferences, safety_flags=kept),
        safety_version=check.version,
    )
    return _release(cleared, Happened.CLEARED, triage(kept, check), now)


def _release(
    state: SubscriptionState,
    happened: Happened,
    decision: Decision,
    now: datetime,
    reply: StepAnswer | None = None,
) -> Transition:
    """End a hold: reminders come back where they were set up, or the set-up goes on."""
    set_up = state.preferences.reminder_minute is not None and state.preferences.time_zone
    if set_up:
        released = replace(
            state, status=SubscriptionStatus.ACTIVE, step=None, editing=False, recheck_at=None
        )
    else:
        released = replace(
            state,
            status=SubscriptionStatus.ONBOARDING,
            step=_first_step(state),
            editing=False,
            recheck_at=None,
        )
    return Transition(
        rescheduled(released, now),
        happened,
        reply,
        rescheduled=True,
        pauses_end_at=now,
        decision=decision,
    )
