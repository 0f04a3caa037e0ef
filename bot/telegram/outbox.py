"""How patient every outgoing Bot API call is: one rule set for answers and reminders alike.

A handler answers a person with one `send_message`, `edit_message_text` or `answer`; if
Telegram is briefly unwell (a 5xx, a refused or reset connection) or asks the bot to slow down
(429 with `retry_after`), that answer must still arrive, once. The transport
(`bot.telegram.http.AiohttpRequest`) asks `next_step` what to do after each failed attempt, so
no handler has to retry anything itself:

- 429: wait `retry_after`, then try again, for at most `Patience.flood_seconds` in all.
- 5xx and connection trouble: try again with growing pauses, for at most
  `Patience.trouble_seconds` in all.
- A read timeout means "maybe delivered": Telegram may have acted on the call and only the
  answer got lost. A call that creates something (a new message) is never sent again after
  one, or the person could get it twice; an edit or an answer is safe to repeat.
- `answerCallbackQuery` is only worth an answer while the spinner still turns (Telegram refuses
  answers older than about 15 s with "query is too old", and a second answer the same way): that
  refusal means "nothing left to do", never an error to show. Likewise an edit repeated after a
  timeout that finds its screen already shown ("message is not modified") is done.
- Anything else (400, 403, 401, 409) is Telegram's final word and goes back to the caller.

`next_step` is a pure function of the error and the time spent so far, so a table of cases
tests it without a network.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from telegram.error import BadRequest, NetworkError, RetryAfter, TelegramError, TimedOut
from telegram.warnings import PTBDeprecationWarning

NOT_RETRIED = frozenset({"getupdates"})
"""PTB's updater runs its own retry loop around polling; retrying inside it would stall it."""

CREATES = frozenset(
    {
        "sendmessage",
        "sendphoto",
        "senddocument",
        "sendmediagroup",
        "sendlocation",
        "sendvenue",
        "sendcontact",
        "sendpoll",
        "senddice",
        "sendsticker",
        "sendvideo",
        "sendvideonote",
        "sendaudio",
        "sendvoice",
        "sendanimation",
        "copymessage",
        "copymessages",
        "forwardmessage",
        "forwardmessages",
    }
)
"""Calls that make something new: repeating one after a timeout could make it twice."""

EDITS = frozenset(
    {"editmessagetext", "editmessagereplymarkup", "editmessagecaption", "editmessagemedia"}
)
NOT_MODIFIED = "message is not modified"
"""An edit repeated after a failed try that finds its screen already shown: the first try
landed (or the screen was right all along), so the edit is done."""

ANSWER_CALLBACK = "answercallbackquery"
QUERY_GONE = ("query is too old", "query id is invalid")
"""Telegram's refusals of a callback answer that came too late, or twice: nothing to do."""


@dataclass(frozen=True, slots=True)
class Patience:
    """Bounds, in seconds, for the whole of one call's retries."""

    flood_seconds: float = 60.0
    trouble_seconds: float = 30.0
    callback_seconds: float = 10.0
    first_pause: float = 0.25
    longest_pause: float = 4.0

    @classmethod
    def none(cls) -> Patience:
        """No retries at all: every failure goes straight back to the caller."""
        return cls(flood_seconds=0.0, trouble_seconds=0.0, callback_seconds=0.0)


DEFAULT_PATIENCE = Patience()


class Step(StrEnum):
    RETRY = "retry"  # wait `pause` seconds, then call again
    GIVE_UP = "give_up"  # raise the error to the caller
    DONE = "done"  # treat the call as done: there is nothing left to deliver


@dataclass(frozen=True, slots=True)
class Next:
    step: Step
    pause: float = 0.0


GIVE_UP = Next(Step.GIVE_UP)


def method_of(url: str) -> str:
    """`https://api.telegram.org/bot<token>/sendMessage` -> `sendmessage`."""
    return url.rsplit("/", 1)[-1].lower()


def next_step(
    method: str, error: TelegramError, elapsed: float, failures: int, patience: Patience
) -> Next:
    """What to do after the `failures`-th failed attempt, `elapsed` seconds after the first."""
    if method in NOT_RETRIED:
        return GIVE_UP
    bound = patience.trouble_seconds
    repeated_edit = method in EDITS and failures > 1
    if repeated_edit and isinstance(error, BadRequest) and _says(error, (NOT_MODIFIED,)):
        return Next(Step.DONE)
    if method == ANSWER_CALLBACK:
        if isinstance(error, BadRequest) and _says(error, QUERY_GONE):
            return Next(Step.DONE)
        bound = min(bound, patience.callback_seconds)
    if isinstance(error, RetryAfter):
        wait = retry_after_seconds(error)
        limit = patience.callback_seconds if method == ANSWER_CALLBACK else patience.flood_seconds
        return Next(Step.RETRY, wait) if elapsed + wait <= limit else GIVE_UP
    if isinstance(error, BadRequest) or not isinstance(error, NetworkError):
        return GIVE_UP  # Telegram's final word: 400, 403, 401, 409, a migrated chat
    if isinstance(error, TimedOut) and method in CREATES:
        return GIVE_UP  # maybe delivered: never risk sending it twice
    pause = min(patience.longest_pause, patience.first_pause * 2 ** (failures - 1))
    return Next(Step.RETRY, pause) if elapsed + pause <= bound else GIVE_UP


def reason_of(status: int, error: TelegramError) -> str:
    """One short word for why a call failed, for the operator's metrics (never Telegram's
    description, which can quote what was sent)."""
    if isinstance(error, RetryAfter):
        return "flood"
    if isinstance(error, TimedOut):
        return "timeout"
    if status == 0:
        return "network"
    if status >= 500:
        return "server"
    return STATUS_REASONS.get(status, "other")


STATUS_REASONS = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    409: "conflict",
}


def maybe_delivered(error: BaseException | None) -> bool:
    """A timeout: Telegram may well have acted on the call, so no apology may follow it."""
    return isinstance(error, TimedOut)


def query_gone(error: BaseException | None) -> bool:
    """A callback answer refused as too old or repeated: the press needs no further answer."""
    return isinstance(error, BadRequest) and _says(error, QUERY_GONE)


def retry_after_seconds(error: RetryAfter) -> float:
    """`retry_after` in seconds, whichever type this PTB version hands out (it is migrating
    from int to timedelta and warns on the old one)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        retry_after = error.retry_after
    if isinstance(retry_after, timedelta):
        return retry_after.total_seconds()
    return float(retry_after)


def _says(error: TelegramError, phrases: tuple[str, ...]) -> bool:
    message = error.message.lower()
    return any(phrase in message for phrase in phrases)
