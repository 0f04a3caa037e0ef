"""The outbox's rules as a table: which failure is retried, after how long, and when to stop."""

from __future__ import annotations

import pytest
from telegram.error import (
    BadRequest,
    Conflict,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)

from bot.telegram.outbox import (
    CREATES,
    Next,
    Patience,
    Step,
    maybe_delivered,
    method_of,
    next_step,
    query_gone,
)

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")

P = Patience(flood_seconds=60, trouble_seconds=30, callback_seconds=10, first_pause=0.25)
RETRY = Step.RETRY
GIVE_UP = Next(Step.GIVE_UP)
SERVER = NetworkError("Internal Server Error (500)")
RESET = NetworkError("aiohttp.ServerDisconnectedError: Server disconnected")
NOT_MODIFIED = BadRequest("Message is not modified: specified new message content is the same")
TOO_OLD = BadRequest("Query is too old and response timeout expired or query id is invalid")

CASES: list[tuple[str, TelegramError, float, int, Next]] = [
    # method, error, seconds spent so far, failures so far, what next
    ("sendmessage", RetryAfter(3), 0, 1, Next(RETRY, 3.0)),
    ("sendmessage", RetryAfter(3), 57, 4, Next(RETRY, 3.0)),
    ("sendmessage", RetryAfter(3), 58, 5, GIVE_UP),
    ("editmessagetext", RetryAfter(61), 0, 1, GIVE_UP),
    ("sendmessage", SERVER, 0, 1, Next(RETRY, 0.25)),
    ("sendmessage", SERVER, 1, 2, Next(RETRY, 0.5)),
    ("sendmessage", SERVER, 2, 3, Next(RETRY, 1.0)),
    ("sendmessage", SERVER, 10, 8, Next(RETRY, 4.0)),
    ("sendmessage", SERVER, 27, 12, GIVE_UP),
    ("sendmessage", RESET, 0, 1, Next(RETRY, 0.25)),
    ("editmessagetext", NetworkError("Bad Gateway"), 5, 3, Next(RETRY, 1.0)),
    ("sendmessage", TimedOut(), 0, 1, GIVE_UP),
    ("senddocument", TimedOut(), 0, 1, GIVE_UP),
    ("sendphoto", TimedOut(), 0, 1, GIVE_UP),
    ("editmessagetext", TimedOut(), 0, 1, Next(RETRY, 0.25)),
    ("deletemessage", TimedOut(), 0, 1, Next(RETRY, 0.25)),
    ("answercallbackquery", TimedOut(), 0, 1, Next(RETRY, 0.25)),
    ("answercallbackquery", SERVER, 9.9, 6, GIVE_UP),
    ("answercallbackquery", RetryAfter(3), 8, 2, GIVE_UP),
    ("answercallbackquery", RetryAfter(3), 0, 1, Next(RETRY, 3.0)),
    ("answercallbackquery", TOO_OLD, 0, 1, Next(Step.DONE)),
    ("answercallbackquery", TOO_OLD, 20, 3, Next(Step.DONE)),
    ("editmessagetext", TOO_OLD, 0, 1, GIVE_UP),
    ("editmessagetext", NOT_MODIFIED, 0, 1, GIVE_UP),
    ("editmessagetext", NOT_MODIFIED, 1.2, 2, Next(Step.DONE)),
    ("editmessagereplymarkup", NOT_MODIFIED, 1.2, 2, Next(Step.DONE)),
    ("sendmessage", NOT_MODIFIED, 1.2, 2, GIVE_UP),
    ("sendmessage", BadRequest("Chat not found"), 0, 1, GIVE_UP),
    ("sendmessage", Forbidden("Forbidden: bot was blocked by the user"), 0, 1, GIVE_UP),
    ("sendmessage", InvalidToken("Unauthorized"), 0, 1, GIVE_UP),
    ("sendmessage", Conflict("Conflict"), 0, 1, GIVE_UP),
    ("getupdates", SERVER, 0, 1, GIVE_UP),
    ("getupdates", RetryAfter(1), 0, 1, GIVE_UP),
]


@pytest.mark.parametrize(("method", "error", "elapsed", "failures", "expected"), CASES)
def test_next_step(
    method: str, error: TelegramError, elapsed: float, failures: int, expected: Next
) -> None:
    assert next_step(method, error, elapsed, failures, P) == expected


@pytest.mark.parametrize("error", [SERVER, RESET, RetryAfter(1), TimedOut()])
def test_no_patience_means_no_retry(error: TelegramError) -> None:
    assert next_step("editmessagetext", error, 0, 1, Patience.none()) == GIVE_UP


def test_every_creating_call_is_a_send_copy_or_forward() -> None:
    assert all(m.startswith(("send", "copy", "forward")) for m in CREATES)


def test_method_names_come_from_the_url() -> None:
    assert method_of("http://127.0.0.1:1/bot123:abc/sendMessage") == "sendmessage"


@pytest.mark.parametrize(
    ("error", "maybe", "gone"),
    [
        (TimedOut(), True, False),
        (TOO_OLD, False, True),
        (BadRequest("query ID is invalid"), False, True),
        (SERVER, False, False),
        (BadRequest("message can't be edited"), False, False),
        (None, False, False),
    ],
)
def test_what_the_error_handler_may_apologise_for(
    error: TelegramError | None, maybe: bool, gone: bool
) -> None:
    assert (maybe_delivered(error), query_gone(error)) == (maybe, gone)
