"""Reading reminder times the way people type them, and refusing what is unclear."""

from __future__ import annotations

from datetime import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.clocktime import format_time, parse_time


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7:30", time(7, 30)),
        ("07:30", time(7, 30)),
        ("19:45", time(19, 45)),
        ("0:00", time(0, 0)),
        ("00:00", time(0, 0)),
        ("23:59", time(23, 59)),
        ("7", time(7, 0)),
        ("19", time(19, 0)),
        ("0", time(0, 0)),
        ("7pm", time(19, 0)),
        ("7 pm", time(19, 0)),
        ("7 PM", time(19, 0)),
        ("7am", time(7, 0)),
        ("7.30 am", time(7, 30)),
        ("7:30PM", time(19, 30)),
        ("7:30 p.m.", time(19, 30)),
        ("7:30 a.m", time(7, 30)),
        ("12am", time(0, 0)),
        ("12:15 am", time(0, 15)),
        ("12pm", time(12, 0)),
        ("12:45pm", time(12, 45)),
        ("0730", time(7, 30)),
        ("730", time(7, 30)),
        ("1945", time(19, 45)),
        ("730pm", time(19, 30)),
        ("19h", time(19, 0)),
        ("19h30", time(19, 30)),
        ("19H30", time(19, 30)),
        ("19.45", time(19, 45)),
        ("7 o'clock", time(7, 0)),
        ("7 oclock pm", time(19, 0)),
        ("  7:30  ", time(7, 30)),
        ("７：３０", time(7, 30)),
        ("noon", time(12, 0)),
        ("Midnight", time(0, 0)),
        ("25:00", None),
        ("24:00", None),
        ("24", None),
        ("2400", None),
        ("7:60", None),
        ("13pm", None),
        ("0am", None),
        ("00:30 am", None),
        ("", None),
        ("   ", None),
        ("soon", None),
        ("7:3", None),
        ("7:", None),
        ("7.", None),
        ("-1", None),
        ("+7", None),
        ("7:30:00", None),
        ("12345", None),
        ("7 30", None),
        ("7:30 xm", None),
        ("7:30 pmm", None),
        ("half past seven", None),
        ("19h3", None),
        ("٧:٣٠", None),
    ],
)
def test_parse_time(text: str, expected: time | None) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize(
    ("at", "text"),
    [
        (time(7, 30), "07:30"),
        (time(0, 0), "00:00"),
        (time(23, 5), "23:05"),
        (time(9, 1, 59), "09:01"),
    ],
)
def test_format_time(at: time, text: str) -> None:
    assert format_time(at) == text


@settings(max_examples=500)
@given(st.text())
def test_parse_time_never_raises(text: str) -> None:
    result = parse_time(text)
    assert result is None or (result.second == 0 and result.tzinfo is None)


@given(st.from_regex(r"\s*[0-9]{1,4}([:.h][0-9]{0,3})?\s*([ap]\.?m\.?)?\s*", fullmatch=True))
def test_parse_time_never_raises_on_near_misses(text: str) -> None:
    parse_time(text)


def test_every_minute_round_trips() -> None:
    for minute_of_day in range(24 * 60):
        at = time(*divmod(minute_of_day, 60))
        assert parse_time(format_time(at)) == at
