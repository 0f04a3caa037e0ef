"""The inbox's pure rules: what a raw update says about itself, and what follows an attempt."""

from __future__ import annotations

from typing import Any

import pytest

from bot.domain.inbox import Envelope, Unreadable, Verdict, envelope, short_error, verdict

MESSAGE = {"update_id": 7, "message": {"chat": {"id": 10}, "from": {"id": 11}, "text": "hi"}}
PRESS = {
    "update_id": 8,
    "callback_query": {"id": "q", "from": {"id": 11}, "message": {"chat": {"id": 10}}},
}
INLINE = {"update_id": 9, "inline_query": {"id": "q", "from": {"id": 11}, "query": "calf"}}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (MESSAGE, Envelope(7, "message", 10, 11)),
        (PRESS, Envelope(8, "callback_query", 10, 11)),
        (INLINE, Envelope(9, "inline_query", None, 11)),
        ({"update_id": 3, "message": "garbage"}, Envelope(3, "message", None, None)),
        ({"update_id": 4, "message": {"chat": {"id": "x"}}}, Envelope(4, "message", None, None)),
        ({"update_id": 5}, Envelope(5, "unknown", None, None)),
        ({"update_id": 6, "poll": {"id": "p"}}, Envelope(6, "poll", None, None)),
    ],
)
def test_envelope_reads_what_it_can(raw: dict[str, Any], expected: Envelope) -> None:
    assert envelope(raw) == expected


@pytest.mark.parametrize("raw", [{}, {"update_id": "7"}, {"update_id": True}, {"message": {}}])
def test_an_update_without_an_integer_id_is_unreadable(raw: dict[str, Any]) -> None:
    with pytest.raises(Unreadable):
        envelope(raw)


def test_the_lane_is_the_chat_else_the_person() -> None:
    assert Envelope(1, "message", 10, 11).lane == 10
    assert Envelope(1, "inline_query", None, 11).lane == 11
    assert Envelope(1, "poll", None, None).lane is None


@pytest.mark.parametrize(
    ("failed", "retryable", "attempts", "expected"),
    [
        (False, True, 1, Verdict.DONE),
        (False, False, 9, Verdict.DONE),
        (True, True, 1, Verdict.RETRY),
        (True, True, 2, Verdict.RETRY),
        (True, True, 3, Verdict.PARK),
        (True, True, 4, Verdict.PARK),
        (True, False, 1, Verdict.PARK),
    ],
)
def test_verdict_after_an_attempt(
    failed: bool, retryable: bool, attempts: int, expected: Verdict
) -> None:
    assert (
        verdict(failed=failed, retryable=retryable, attempts=attempts, max_attempts=3) == expected
    )


def test_short_error_fits_the_column() -> None:
    assert short_error(KeyError("chat")) == "KeyError: 'chat'"
    assert len(short_error(ValueError("x" * 1000))) == 500
