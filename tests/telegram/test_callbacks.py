import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.reminder_answer import Snooze
from bot.domain.walkthrough import Action
from bot.telegram.callbacks import (
    MAX_BYTES,
    Choice,
    MalformedCallback,
    ReminderAction,
    ReminderPress,
    ShowExercise,
    StartExercise,
    WalkthroughPress,
    decode,
    encode,
)

EXAMPLES = [
    ShowExercise("calf_raises"),
    StartExercise("toe_extensor_stretch"),
    WalkthroughPress(1, 0, Action.NEXT),
    WalkthroughPress(999_999_999_999, 999_999, Action.RATE, 10),
    WalkthroughPress(42, 7, Action.TIMER),
    ReminderPress(123, ReminderAction.SNOOZE),
    *(ReminderPress(999_999_999_999, ReminderAction.SNOOZE, choice) for choice in Snooze),
    WalkthroughPress(3, 4, Action.DONE_FINE),
    WalkthroughPress(3, 4, Action.SKIP_ASK),
    Choice("today", "go"),
    Choice("time", "0730"),
    Choice("zone", "America/Argentina/Buenos_Aires"),
    Choice("zone", "Etc/GMT+5"),
]


@pytest.mark.parametrize("callback", EXAMPLES)
def test_round_trip(callback: object) -> None:
    data = encode(callback)  # type: ignore[arg-type]
    assert len(data.encode()) <= MAX_BYTES
    assert decode(data) == callback


@pytest.mark.parametrize(
    "data",
    [
        None,
        "",
        "garbage",
        "v2:ex:calf_raises",
        "v1:ex:",
        "v1:ex:Calf",
        "v1:ex:calf_raises:extra",
        "v1:w:0:0:n",
        "v1:w:1:0:q",
        "v1:w:1:0:n:3",
        "v1:w:1:0:r",
        "v1:w:1:0:r:11",
        "v1:w:-1:0:n",
        "v1:w:1:01:n",
        "v1:w:1:0:n\n",
        "v1:w:" + "9" * 60 + ":0:n",
        "v1:r:0:s",
        "v1:r:5:q",
        "v1:r:5:s:h",
        "v1:r:5:k:q",
        "v1:r:5:z:x",
        "v1:r:5:z:",
        "v1:r:5:z:hh",
        "v1:w:1:0:d:0",
        "v1:w:1:0:k:1",
        "v1:c:Time:0730",
        "v1:c:time:",
        "v1:c:time:07 30",
        "v1:c:zone:Europe/Berlin;drop",
    ],
)
def test_malformed_data_is_refused(data: str | None) -> None:
    with pytest.raises(MalformedCallback):
        decode(data)


@given(st.text(max_size=80))
def test_decode_never_fails_in_any_other_way(data: str) -> None:
    try:
        decoded = decode(data)
    except MalformedCallback:
        return
    assert encode(decoded) == data
