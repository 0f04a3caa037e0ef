"""The subscription state machine, walked over every status and event."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from bot.content import shipped_flags
from bot.domain.onboarding import Preferences, Step
from bot.domain.subscription import (
    RECHECK_DAYS,
    Answer,
    AskAgainLater,
    AskPause,
    AskSafety,
    AskStop,
    BeginEdit,
    Cleared,
    Event,
    Happened,
    NewPause,
    OpenSettings,
    PauseFor,
    Phase,
    Refusal,
    Refused,
    Resume,
    SharedLocation,
    Start,
    Stop,
    SubscriptionState,
    SubscriptionStatus,
    Transition,
    TypedAnswer,
    apply,
    pause_choice,
    phase,
)

NOW = datetime(2026, 3, 2, 7, 30, tzinfo=UTC)  # Monday; 08:30 in Berlin
SET_UP = Preferences(reminder_minute=7 * 60 + 30, time_zone="Europe/Berlin")
NEW = SubscriptionState(SubscriptionStatus.ONBOARDING)
CHECK = shipped_flags()
V = CHECK.version
WOUND = replace(SET_UP, safety_flags=("open_wound", "night_pain"))

STATES: dict[str, SubscriptionState] = {
    "new": NEW,
    "asked_time": replace(NEW, step=Step.TIME),
    "asked_zone": replace(NEW, step=Step.ZONE, preferences=replace(SET_UP, time_zone=None)),
    "active": SubscriptionState(SubscriptionStatus.ACTIVE, SET_UP),
    "editing_time": SubscriptionState(
        SubscriptionStatus.ACTIVE, SET_UP, step=Step.TIME, editing=True
    ),
    "paused_for_days": SubscriptionState(
        SubscriptionStatus.ACTIVE, SET_UP, paused_until=NOW + timedelta(days=2)
    ),
    "paused_open": SubscriptionState(SubscriptionStatus.PAUSED, SET_UP),
    "stopped": SubscriptionState(SubscriptionStatus.STOPPED, SET_UP),
    "onboarding_safety": replace(NEW, step=Step.SAFETY),
    "checking": SubscriptionState(
        SubscriptionStatus.ACTIVE, SET_UP, step=Step.SAFETY, editing=True, safety_version=V
    ),
    "held": SubscriptionState(
        SubscriptionStatus.HELD, WOUND, safety_version=V, recheck_at=NOW + timedelta(days=7)
    ),
}

EVENTS: dict[str, Event] = {
    "start": Start(),
    "settings": OpenSettings(),
    "edit_days": BeginEdit(Step.DAYS),
    "edit_zone_ok": BeginEdit(Step.ZONE_CONFIRM),
    "time_button": Answer(Step.TIME, "0800"),
    "typed_7pm": TypedAnswer("7pm"),
    "location": SharedLocation("Asia/Tokyo"),
    "ask_pause": AskPause(),
    "pause_3": PauseFor(3),
    "pause_2": PauseFor(2),
    "pause_open": PauseFor(None),
    "pause_frozen": PauseFor(None, frozen=True),
    "resume": Resume(),
    "ask_stop": AskStop(),
    "stop": Stop(confirmed=True),
    "keep": Stop(confirmed=False),
    "ask_safety": AskSafety(CHECK),
    "safety_go": Answer(Step.SAFETY, "go", CHECK),
    "cleared": Cleared(CHECK),
    "ask_later": AskAgainLater(),
}

H, R = Happened, Refusal
Expected = dict[str, Happened | Refusal]
_NOT_RUNNING: Expected = {
    name: R.NOT_RUNNING
    for name in (
        "ask_pause",
        "pause_3",
        "pause_2",
        "pause_open",
        "pause_frozen",
        "resume",
        "ask_stop",
        "stop",
        "keep",
    )
}
_RUNNING: Expected = {
    "ask_pause": H.PAUSE_ASKED,
    "pause_3": H.PAUSED,
    "pause_2": R.STALE,
    "pause_open": H.PAUSED,
    "pause_frozen": H.PAUSED,
    "resume": R.NOT_PAUSED,
    "ask_stop": H.STOP_ASKED,
    "stop": H.STOPPED,
    "keep": H.KEPT,
}
_SET_UP: Expected = {
    "start": H.ALREADY_SUBSCRIBED,
    "settings": H.OVERVIEW,
    "edit_days": H.EDIT_BEGUN,
    "edit_zone_ok": R.STALE,
    "time_button": R.STALE,
    "typed_7pm": R.NOT_ASKING,
    "location": R.NOT_ASKING,
}
_ONBOARDING: Expected = {"settings": H.SETUP_NEEDED, "edit_days": R.STALE, "edit_zone_ok": R.STALE}
_SAFETY: Expected = {
    "ask_safety": H.SAFETY_ASKED,
    "safety_go": R.STALE,
    "cleared": R.NOT_HELD,
    "ask_later": R.NOT_HELD,
}

EXPECTED: dict[str, Expected] = {
    "onboarding_safety": {
        **_SAFETY,
        **_NOT_RUNNING,
        **_ONBOARDING,
        "start": H.ONBOARDING_RESUMED,
        "time_button": R.STALE,
        "typed_7pm": R.NOT_ASKING,
        "location": R.NOT_ASKING,
        "safety_go": H.NEXT_QUESTION,
    },
    "checking": {**_SAFETY, **_SET_UP, **_RUNNING, "safety_go": H.SAFETY_CHECKED},
    "held": {
        **_SAFETY,
        **_SET_UP,
        **_NOT_RUNNING,
        "start": H.STILL_HELD,
        "cleared": H.CLEARED,
        "ask_later": H.ASK_LATER,
    },
    "new": {
        **_SAFETY,
        **_NOT_RUNNING,
        **_ONBOARDING,
        "start": H.ONBOARDING_BEGUN,
        "time_button": R.STALE,
        "typed_7pm": R.NOT_ASKING,
        "location": R.NOT_ASKING,
    },
    "asked_time": {
        **_SAFETY,
        **_NOT_RUNNING,
        **_ONBOARDING,
        "start": H.ONBOARDING_RESUMED,
        "time_button": H.NEXT_QUESTION,
        "typed_7pm": H.NEXT_QUESTION,
        "location": R.NOT_ASKING,
    },
    "asked_zone": {
        **_SAFETY,
        **_NOT_RUNNING,
        **_ONBOARDING,
        "start": H.ONBOARDING_RESUMED,
        "time_button": R.STALE,
        "typed_7pm": R.NOT_TAKEN,
        "location": H.NEXT_QUESTION,
    },
    "active": {**_SAFETY, **_SET_UP, **_RUNNING},
    "editing_time": {
        **_SAFETY,
        **_SET_UP,
        **_RUNNING,
        "time_button": H.EDIT_FINISHED,
        "typed_7pm": H.EDIT_FINISHED,
    },
    "paused_for_days": {**_SAFETY, **_SET_UP, **_RUNNING, "resume": H.RESUMED},
    "paused_open": {**_SAFETY, **_SET_UP, **_RUNNING, "resume": H.RESUMED},
    "stopped": {**_SAFETY, **_SET_UP, **_NOT_RUNNING, "start": H.REACTIVATED},
}


def test_the_table_covers_every_state_and_event() -> None:
    assert set(EXPECTED) == set(STATES)
    for name, row in EXPECTED.items():
        assert set(row) == set(EVENTS), name


@pytest.mark.parametrize(
    ("state_name", "event_name"),
    [(state, event) for state in STATES for event in EVENTS],
)
def test_every_event_in_every_state(state_name: str, event_name: str) -> None:
    state, expected = STATES[state_name], EXPECTED[state_name][event_name]
    result = apply(state, EVENTS[event_name], NOW)
    if isinstance(expected, Refusal):
        assert isinstance(result, Refused)
        assert (result.reason, result.state) == (expected, state)
    else:
        assert isinstance(result, Transition)
        assert result.happened is expected


def _moved(state: SubscriptionState, event: Event) -> Transition:
    result = apply(state, event, NOW)
    assert isinstance(result, Transition), result
    return result


def test_start_begins_onboarding_at_the_safety_check() -> None:
    assert _moved(NEW, Start()).state == replace(NEW, step=Step.SAFETY)


def test_finishing_onboarding_turns_reminders_on_and_schedules_them() -> None:
    on_days = replace(STATES["asked_time"], step=Step.DAYS, preferences=SET_UP)
    done = _moved(on_days, Answer(Step.DAYS, "every"))
    assert done.happened is Happened.ONBOARDING_FINISHED and done.rescheduled
    assert (done.state.status, done.state.step, done.state.editing) == (
        SubscriptionStatus.ACTIVE,
        None,
        False,
    )
    assert done.state.next_due_at == datetime(2026, 3, 3, 6, 30, tzinfo=UTC)


def test_an_edit_keeps_the_status_and_reschedules() -> None:
    paused = replace(STATES["paused_open"], step=Step.TIME, editing=True)
    done = _moved(paused, Answer(Step.TIME, "2000"))
    assert done.happened is Happened.EDIT_FINISHED
    assert done.state.status is SubscriptionStatus.PAUSED
    assert done.state.preferences.reminder_minute == 20 * 60
    assert done.state.next_due_at is None


def test_a_zone_asks_for_confirmation_and_no_asks_again() -> None:
    confirm = _moved(STATES["asked_zone"], SharedLocation("Asia/Tokyo"))
    assert confirm.state.step is Step.ZONE_CONFIRM
    assert confirm.state.preferences.time_zone == "Asia/Tokyo"
    again = _moved(confirm.state, Answer(Step.ZONE_CONFIRM, "no"))
    assert (again.happened, again.state.step) == (Happened.NEXT_QUESTION, Step.ZONE)
    onwards = _moved(confirm.state, Answer(Step.ZONE_CONFIRM, "yes"))
    assert onwards.state.step is Step.DAYS


def test_editing_the_zone_still_confirms_it_then_finishes() -> None:
    editing = replace(STATES["active"], step=Step.ZONE, editing=True)
    confirm = _moved(editing, TypedAnswer("Tokyo"))
    assert confirm.state.step is Step.ZONE_CONFIRM
    done = _moved(confirm.state, Answer(Step.ZONE_CONFIRM, "yes"))
    assert done.happened is Happened.EDIT_FINISHED


def test_an_ambiguous_or_unknown_place_stays_on_the_question() -> None:
    assert _moved(STATES["asked_zone"], TypedAnswer("Berlin")).state.step is Step.ZONE_CONFIRM
    refused = apply(STATES["asked_zone"], TypedAnswer("asdfghjk"), NOW)
    assert isinstance(refused, Refused) and refused.reason is Refusal.NOT_TAKEN


def test_a_timed_pause_keeps_the_status_and_opens_a_pause_row() -> None:
    paused = _moved(STATES["active"], PauseFor(3))
    until = NOW + timedelta(days=3)
    assert (paused.state.status, paused.state.paused_until) == (SubscriptionStatus.ACTIVE, until)
    assert paused.new_pause == NewPause(NOW, until, frozen=False)
    assert paused.pauses_end_at == NOW
    # The first reminder after the pause: Friday's 07:30 Berlin (Thursday's is before the end).
    assert paused.state.next_due_at == datetime(2026, 3, 6, 6, 30, tzinfo=UTC)


def test_an_injured_pause_is_open_ended_and_frozen() -> None:
    paused = _moved(STATES["active"], PauseFor(None, frozen=True))
    assert paused.state.status is SubscriptionStatus.PAUSED
    assert paused.state.next_due_at is None
    assert paused.new_pause == NewPause(NOW, None, frozen=True)


def test_resume_and_stop_close_open_pauses() -> None:
    resumed = _moved(STATES["paused_open"], Resume())
    assert resumed.state.status is SubscriptionStatus.ACTIVE and resumed.pauses_end_at == NOW
    assert resumed.state.next_due_at == datetime(2026, 3, 3, 6, 30, tzinfo=UTC)
    stopped = _moved(STATES["paused_for_days"], Stop(confirmed=True))
    assert (stopped.state.status, stopped.state.paused_until) == (SubscriptionStatus.STOPPED, None)
    assert stopped.state.next_due_at is None and stopped.pauses_end_at == NOW
    assert _moved(STATES["active"], Stop(confirmed=False)).state == STATES["active"]


def test_start_turns_stopped_reminders_back_on() -> None:
    again = _moved(STATES["stopped"], Start())
    assert again.state.status is SubscriptionStatus.ACTIVE and again.rescheduled
    assert again.state.next_due_at == datetime(2026, 3, 3, 6, 30, tzinfo=UTC)


def test_settings_drop_a_half_done_edit() -> None:
    assert _moved(STATES["editing_time"], OpenSettings()).state == STATES["active"]


@pytest.mark.parametrize(
    ("option", "event"),
    [
        ("1", PauseFor(1)),
        ("3", PauseFor(3)),
        ("7", PauseFor(7)),
        ("14", PauseFor(14)),
        ("open", PauseFor(None)),
        ("frozen", PauseFor(None, frozen=True)),
        ("2", None),
        ("٣", None),
        ("", None),
    ],
)
def test_pause_choices(option: str, event: PauseFor | None) -> None:
    assert pause_choice(option) == event


@pytest.mark.parametrize(
    ("state_name", "expected"),
    [
        ("new", Phase.ONBOARDING),
        ("active", Phase.ON),
        ("editing_time", Phase.ON),
        ("paused_for_days", Phase.PAUSED_UNTIL),
        ("paused_open", Phase.PAUSED_OPEN),
        ("stopped", Phase.STOPPED),
    ],
)
def test_phase(state_name: str, expected: Phase) -> None:
    assert phase(STATES[state_name], NOW) is expected


def test_a_timed_pause_that_has_ended_is_on() -> None:
    assert phase(STATES["paused_for_days"], NOW + timedelta(days=3)) is Phase.ON


# --- the safety check and the hold ------------------------------------------------------------


def _tick(state: SubscriptionState, *flags: str) -> SubscriptionState:
    for flag in flags:
        state = _moved(state, Answer(Step.SAFETY, flag, CHECK)).state
    return state


def test_a_see_first_answer_holds_a_running_subscription() -> None:
    checking = _tick(STATES["checking"], "calf_pain", "night_pain")
    held = _moved(checking, Answer(Step.SAFETY, "go", CHECK))
    assert held.happened is Happened.HELD
    assert held.state.status is SubscriptionStatus.HELD
    assert (held.state.next_due_at, held.state.next_summary_at) == (None, None)
    assert held.state.recheck_at == NOW + timedelta(days=RECHECK_DAYS)
    assert held.new_pause == NewPause(NOW, None, frozen=True) and held.pauses_end_at == NOW
    assert held.decision is not None and held.decision.see_first == ("calf_pain",)
    assert phase(held.state, NOW) is Phase.HELD


def test_a_see_first_answer_during_set_up_holds_it_without_a_pause() -> None:
    asked = _tick(STATES["onboarding_safety"], "cold_foot")
    held = _moved(asked, Answer(Step.SAFETY, "go", CHECK))
    assert (held.state.status, held.state.step, held.new_pause) == (
        SubscriptionStatus.HELD,
        None,
        None,
    )


def test_cleared_drops_the_see_first_answers_and_turns_reminders_back_on() -> None:
    cleared = _moved(STATES["held"], Cleared(CHECK))
    assert cleared.state.status is SubscriptionStatus.ACTIVE
    assert cleared.state.preferences.safety_flags == ("night_pain",)
    assert cleared.state.recheck_at is None and cleared.pauses_end_at == NOW
    assert cleared.state.next_due_at == datetime(2026, 3, 3, 6, 30, tzinfo=UTC)


def test_cleared_before_the_set_up_was_finished_goes_on_with_it() -> None:
    held = replace(STATES["held"], preferences=replace(WOUND, reminder_minute=None))
    cleared = _moved(held, Cleared(CHECK))
    assert (cleared.state.status, cleared.state.step) == (
        SubscriptionStatus.ONBOARDING,
        Step.COMPLAINTS,
    )


def test_ask_again_later_moves_the_recheck() -> None:
    later = _moved(STATES["held"], AskAgainLater())
    assert later.state.recheck_at == NOW + timedelta(days=3)


def test_a_recheck_without_red_flags_releases_the_hold() -> None:
    asked = _moved(STATES["held"], AskSafety(CHECK)).state
    assert (asked.step, asked.editing) == (Step.SAFETY, True)
    unticked = _tick(asked, "open_wound")
    released = _moved(unticked, Answer(Step.SAFETY, "go", CHECK))
    assert released.happened is Happened.SAFETY_CHECKED
    assert released.state.status is SubscriptionStatus.ACTIVE
    assert released.state.next_due_at is not None


def test_asking_an_older_check_carries_its_answers_over() -> None:
    old = SubscriptionState(
        SubscriptionStatus.ACTIVE,
        replace(SET_UP, safety_flags=("recent_injury", "numbness_tingling", "night_pain")),
    )
    asked = _moved(old, AskSafety(CHECK)).state
    assert asked.preferences.safety_flags == ("diabetes_neuropathy", "night_pain")
    done = _moved(asked, Answer(Step.SAFETY, "go", CHECK))
    assert done.state.safety_version == V and done.state.status is SubscriptionStatus.ACTIVE


def test_a_check_answered_on_its_own_lets_set_up_skip_it_later() -> None:
    asked = _moved(NEW, AskSafety(CHECK)).state
    done = _moved(asked, Answer(Step.SAFETY, "none", CHECK)).state
    assert (done.status, done.step, done.safety_version) == (SubscriptionStatus.ONBOARDING, None, V)
    assert _moved(done, Start()).state.step is Step.COMPLAINTS
