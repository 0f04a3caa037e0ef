"""Benchmark: how many taps a whole 10-minute routine takes, with a rating for every exercise.

Run with ``python tests/bench/bench_taps.py``. Goal (issue 10): at least 30% fewer taps than
before the wave (46 for the same three people), without losing a rating per exercise.

The real bot polls the sandbox server over HTTP, as it polls Telegram; a scripted person opens
/today (typed, not a tap) and goes through every exercise: every step, every set and every side,
each hold and each rest waited out, then how it felt. Most exercises feel fine (0); one in
three is rated 2. The person takes the shortest way the screens offer: a hold starts by itself
after its "get ready" (the person waits rather than tapping "Start now"); the timer button is
tapped wherever a step still offers one; the last step's rating (a score, or "Done, no
discomfort" when it felt like nothing) finishes the exercise in one tap. While a hold or rest
counts, the person waits: the bench moves the bot's clock past it (the clock the tests use;
nothing in the bot runs faster) and takes the new message its end brings, which is not a tap.
Each press waits until the bot has shown its answer. At the end, the database must hold a
completed walkthrough with a rating for every exercise of the day, or the figure is refused.
"""

from __future__ import annotations

import asyncio
import logging
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from datetime import time as day_time
from pathlib import Path
from typing import Any

from _harness import ROOT  # noqa: F401  (puts the project on the import path)

TOKEN = "123456:BENCH-footbot-token-0123456789"
NOW = datetime(2026, 3, 2, 7, 30, tzinfo=UTC)  # a Monday morning in Berlin
RATED_EVERY = 3  # every third exercise is rated 2; the others 0
DONE = "Today's routine is complete."
WAIT_SECONDS = 10.0
BEFORE_WAVE = 46
"""Taps for the same script before sets, sides and timers became screens of their own."""
BEFORE_AUTO = 103
"""Taps with sets and sides as screens, before timers moved the walkthrough on by themselves
(that person skipped the timers; this one uses every one)."""
BEFORE_LEAD = 42
"""Taps once a timer's end moved on by itself, before holds started by themselves, the last
step carried the rating and the second foot's counted run became one screen."""
GOAL = 32  # 30% fewer than before the wave
TIMER_STEP = timedelta(minutes=6)
"""How far the clock moves while the person waits for a hold or rest: past any of them."""
COUNTING = ("⏱ Get into position", "⏱ Holding", "⏸ Rest for", "⏸ Rest…")
"""What a screen says while its hold (or the "get ready" before it) or rest counts."""


class Clock:
    """The bot's clock: it stands still until the person waits for a timer."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


@dataclass(frozen=True)
class Scenario:
    name: str
    complaints: tuple[str, ...]
    equipment: tuple[str, ...]


EVERY_KIT = ("towel", "small_ball", "resistance_band", "toe_spacers")
SCENARIOS = (
    Scenario("heel pain, towel and ball", ("heel_pain",), ("towel", "small_ball")),
    Scenario("bunions, every piece of kit", ("bunions",), EVERY_KIT),
    Scenario("general strength, no equipment", ("general",), ()),
)


@dataclass
class Figures:
    exercises: int
    steps: int
    taps: int
    rated: int
    timers: int


def _walkthrough_buttons(message: dict[str, Any]) -> dict[str, str]:
    """Walkthrough buttons by what they do: `n` forward, `d` done-and-fine, `r:N` a rating."""
    found: dict[str, str] = {}
    for row in (message.get("reply_markup") or {}).get("inline_keyboard", []):
        for button in row:
            data = str(button.get("callback_data", ""))
            parts = data.split(":")
            if len(parts) >= 5 and parts[1] == "w":
                key = ":".join(parts[4:])
                found.setdefault(key, data)
    return found


async def _routine(client: Any, user_id: int, clock: Clock) -> tuple[int, int, int]:
    """Do today's routine from /today to its summary; (taps, forward steps seen, timers)."""
    from tests.telegram.chat import Chat

    chat = await Chat(client, user_id).setup()
    message = await chat.say_one("/today")
    taps = steps = exercise = timers = 0
    while DONE not in message["text"]:
        buttons = _walkthrough_buttons(message)
        score = 2 if exercise % RATED_EVERY == RATED_EVERY - 1 else 0
        if any(sign in message["text"] for sign in COUNTING):
            message = await _wait_out(chat, message, clock)  # not a tap: the end comes by itself
            timers += 1
            continue
        if "t" in buttons:
            data = buttons["t"]
        elif f"r:{score}" in buttons:
            data = buttons[f"r:{score}"]
            exercise += 1
        elif score == 0 and "d" in buttons:
            data = buttons["d"]
            steps += 1
            exercise += 1
        elif "n" in buttons:
            data = buttons["n"]
            steps += 1
        else:
            raise RuntimeError(f"no way forward on {message}")
        message = await _press(chat, message, data)
        taps += 1
    return taps, steps, timers


async def _wait_out(chat: Any, message: dict[str, Any], clock: Clock) -> dict[str, Any]:
    """Let the hold or rest on `message` run out: its end is the next screen, a new message."""
    clock.now += TIMER_STEP
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        fresh = [
            shown
            for shown in await chat.bot_messages()
            if shown["message_id"] > message["message_id"] and _walkthrough_buttons(shown)
        ]
        if fresh:
            return dict(fresh[-1])
        await asyncio.sleep(0.01)
    raise RuntimeError(f"no new screen after the timer on {message['text'][:80]!r}")


async def _press(chat: Any, message: dict[str, Any], data: str) -> dict[str, Any]:
    """Press and wait until the pressed message has been edited once more."""
    edits = message["edits"]
    await chat.press_data(message["message_id"], data)
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        shown = await chat.message(message["message_id"])
        if shown["edits"] > edits:
            return dict(shown)
        await asyncio.sleep(0.01)
    raise RuntimeError(f"no answer to {data!r} within {WAIT_SECONDS} s")


async def _ratings(sessions: Any, user_id: int) -> list[int | None]:
    from sqlalchemy import select

    from bot.storage.models import Walkthrough

    async with sessions() as session:
        rows = await session.scalars(
            select(Walkthrough).where(Walkthrough.user_id == user_id).order_by(Walkthrough.id)
        )
        return [run.discomfort if run.status == "completed" else None for run in rows]


async def measure(scenarios: Sequence[Scenario]) -> dict[str, Figures]:
    from bot.app import running_bot
    from bot.config import load_settings
    from bot.domain.zones import use_places
    from bot.places import load_places
    from bot.sandbox.client import SandboxClient
    from bot.sandbox.server import SandboxServer
    from tests.storage.subscribers import subscribe

    use_places(load_places())
    results: dict[str, Figures] = {}
    server = SandboxServer(host="127.0.0.1", port=0)
    await server.start()
    try:
        with tempfile.TemporaryDirectory() as folder:
            settings = load_settings(
                _env_file=None,
                TELEGRAM_API_URL=server.url,
                DATABASE_URL=f"sqlite+aiosqlite:///{Path(folder) / 'footbot.db'}",
                TELEGRAM_BOT_TOKEN=TOKEN,
                TIMER_TICK_SECONDS=0.1,  # the tick that notices the moved clock: no waiting
            )
            clock = Clock(NOW)
            async with (
                running_bot(settings, TOKEN, clock=clock, poll_timeout=1) as app,
                SandboxClient(server.url) as client,
            ):
                sessions = app.bot_data["services"].sessions
                for number, scenario in enumerate(scenarios):
                    user_id = 90_001 + number
                    await subscribe(
                        sessions,
                        user_id,
                        NOW,
                        at=day_time(7, 30),
                        complaints=scenario.complaints,
                        equipment=scenario.equipment,
                    )
                    taps, steps, timers = await _routine(client, user_id, clock)
                    ratings = await _ratings(sessions, user_id)
                    if any(rating is None for rating in ratings):
                        raise RuntimeError(f"{scenario.name}: an exercise lost its rating")
                    results[scenario.name] = Figures(
                        len(ratings), steps, taps, len(ratings), timers
                    )
    finally:
        await server.stop()
    return results


def main() -> None:
    logging.getLogger("apscheduler").setLevel(logging.ERROR)  # a fast tick skips busy rounds
    results = asyncio.run(measure(SCENARIOS))
    print("taps per 10-minute routine (a rating recorded for every exercise, every timer used):")
    for name, figures in results.items():
        print(
            f"  {name}: {figures.taps} taps for {figures.exercises} exercises "
            f"({figures.steps} steps by tap, {figures.timers} timer ends that moved on by "
            f"themselves; {figures.taps / figures.exercises:.1f} taps per exercise)"
        )
    total = sum(figures.taps for figures in results.values())
    exercises = sum(figures.exercises for figures in results.values())
    print(f"  all: {total} taps for {exercises} exercises ({total / exercises:.2f} per exercise)")
    fewer = 1 - total / BEFORE_WAVE
    print(
        f"  before the wave: {BEFORE_WAVE}; before timers moved on by themselves: {BEFORE_AUTO}; "
        f"before holds started by themselves: {BEFORE_LEAD}; now: {total} "
        f"({fewer:.0%} fewer than before the wave; goal <= {GOAL}: "
        f"{'met' if total <= GOAL else 'not met'})"
    )


if __name__ == "__main__":
    main()
