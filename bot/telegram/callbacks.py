"""Callback data codec: short, versioned strings, decoded strictly.

Telegram gives us at most 64 bytes and anyone can forge them, so the data carries only ids
and a version, never anything we would trust without checking it against the database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import assert_never

from bot.domain.reminder_answer import Snooze
from bot.domain.walkthrough import MAX_DISCOMFORT, SKIP_REASONS, Action

VERSION = "v1"
VALUED_ACTIONS = {Action.RATE: MAX_DISCOMFORT, Action.REASON: len(SKIP_REASONS) - 1}
MAX_BYTES = 64

_EXERCISE_ID = r"[a-z][a-z0-9_]{1,31}"
_PATTERNS = {
    "ex": re.compile(rf"v1:ex:(?P<exercise>{_EXERCISE_ID})"),
    "go": re.compile(rf"v1:go:(?P<exercise>{_EXERCISE_ID})"),
    "r": re.compile(
        r"v1:r:(?P<delivery>[1-9][0-9]{0,11}):(?P<action>[szk])(?::(?P<snooze>[qhte]))?"
    ),
    "c": re.compile(r"v1:c:(?P<screen>[a-z_]{1,16}):(?P<option>[A-Za-z0-9_+./-]{1,40})"),
    "w": re.compile(
        r"v1:w:(?P<walkthrough>[1-9][0-9]{0,11}):(?P<version>0|[1-9][0-9]{0,5})"
        r":(?P<action>[nbsxtreqdk])(?::(?P<value>[0-9]{1,2}))?"
    ),
}


class MalformedCallback(ValueError):
    """The data is not something this bot version ever put on a button."""


@dataclass(frozen=True, slots=True)
class ShowExercise:
    exercise_id: str


@dataclass(frozen=True, slots=True)
class StartExercise:
    exercise_id: str


@dataclass(frozen=True, slots=True)
class WalkthroughPress:
    walkthrough_id: int
    version: int
    action: Action
    value: int | None = None


class ReminderAction(StrEnum):
    START = "s"
    SNOOZE = "z"
    SKIP = "k"


@dataclass(frozen=True, slots=True)
class ReminderPress:
    """A button on a daily reminder; the delivery row says whose and for which day."""

    delivery_id: int
    action: ReminderAction
    snooze: Snooze | None = None
    """How long, on a snooze button; None on the others (and on snoozes sent before choices
    existed: the person's default applies)."""


@dataclass(frozen=True, slots=True)
class Choice:
    """An answer on one screen of a dialogue (onboarding, /settings, /pause, /stop).

    The handler checks `screen` against the step stored for the person, so a press on an
    old screen is recognised as stale.
    """

    screen: str
    option: str


Callback = ShowExercise | StartExercise | WalkthroughPress | ReminderPress | Choice


def encode(callback: Callback) -> str:
    match callback:
        case ShowExercise(exercise_id):
            data = f"{VERSION}:ex:{exercise_id}"
        case StartExercise(exercise_id):
            data = f"{VERSION}:go:{exercise_id}"
        case ReminderPress(delivery_id, action, snooze):
            data = f"{VERSION}:r:{delivery_id}:{action.value}"
            if snooze is not None:
                data += f":{snooze.value}"
        case Choice(screen, option):
            data = f"{VERSION}:c:{screen}:{option}"
        case WalkthroughPress(walkthrough_id, version, action, value):
            data = f"{VERSION}:w:{walkthrough_id}:{version}:{action.value}"
            if value is not None:
                data += f":{value}"
        case _:
            assert_never(callback)
    if len(data.encode()) > MAX_BYTES:
        raise ValueError(f"callback data over {MAX_BYTES} bytes: {data!r}")
    return data


def decode(data: str | None) -> Callback:
    if not data or len(data.encode()) > MAX_BYTES:
        raise MalformedCallback("empty or oversized callback data")
    kind = data.split(":", 2)[1] if data.count(":") >= 2 else ""
    pattern = _PATTERNS.get(kind)
    match = pattern.fullmatch(data) if pattern else None
    if match is None:
        raise MalformedCallback(f"unrecognised callback data {data!r}")
    if kind == "ex":
        return ShowExercise(match["exercise"])
    if kind == "go":
        return StartExercise(match["exercise"])
    if kind == "r":
        return _reminder_press(match)
    if kind == "c":
        return Choice(match["screen"], match["option"])
    return _walkthrough_press(match)


def _reminder_press(match: re.Match[str]) -> ReminderPress:
    action = ReminderAction(match["action"])
    raw = match["snooze"]
    if raw is not None and action is not ReminderAction.SNOOZE:
        raise MalformedCallback("only a snooze button says how long")
    return ReminderPress(int(match["delivery"]), action, Snooze(raw) if raw else None)


def _walkthrough_press(match: re.Match[str]) -> WalkthroughPress:
    action = Action(match["action"])
    raw_value = match["value"]
    if (action in VALUED_ACTIONS) != (raw_value is not None):
        raise MalformedCallback("only discomfort and reason buttons carry a value")
    value = int(raw_value) if raw_value is not None else None
    if value is not None and value > VALUED_ACTIONS[action]:
        raise MalformedCallback("value above the scale")
    return WalkthroughPress(int(match["walkthrough"]), int(match["version"]), action, value)
