"""Benchmark: how many taps a whole 10-minute routine takes, with a rating for every exercise.

Run with ``python tests/bench/bench_taps.py``. Goal (issue 10): at least 30% fewer taps than
before the one-tap "Done, no discomfort", without losing a rating per exercise.

The real bot polls the sandbox server over HTTP, as it polls Telegram; a scripted person opens
/today (typed, not a tap) and goes through every exercise: every step forward, no hold timers
(they are optional), then how it felt. Most exercises feel fine (0); one in three is rated 2,
which needs the rating question. The person takes the shortest way the screens offer: where a
"Done, no discomfort" button is shown and the exercise felt like nothing, that one press.
Each press waits until the bot has shown its answer. At the end, the database must hold a
completed walkthrough with a rating for every exercise of the day, or the figure is refused.
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from datetime import time as day_time
from pathlib import Path
from typing import Any

from _harness import ROOT  # noqa: F401  (puts the project on the import path)

TOKEN = "123456:BENCH-footbot-token-0123456789"
NOW = datetime(2026, 3, 2, 7, 30, tzinfo=UTC)  # a Monday morning in Berlin
RATED_EVERY = 3  # every third exercise is rated 2; the others 0
DONE = "Today's routine is complete."
WAIT_SECONDS = 10.0


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


async def _routine(client: Any, user_id: int) -> tuple[int, int]:
    """Do today's routine from /today to its summary; (taps, forward steps seen)."""
    from tests.telegram.chat import Chat

    chat = await Chat(client, user_id).setup()
    message = await chat.say_one("/today")
    taps = steps = exercise = 0
    while DONE not in message["text"]:
        buttons = _walkthrough_buttons(message)
        score = 2 if exercise % RATED_EVERY == RATED_EVERY - 1 else 0
        if f"r:{score}" in buttons:
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
    return taps, steps


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
            )
            async with (
                running_bot(settings, TOKEN, clock=lambda: NOW, poll_timeout=1) as app,
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
                    taps, steps = await _routine(client, user_id)
                    ratings = await _ratings(sessions, user_id)
                    if any(rating is None for rating in ratings):
                        raise RuntimeError(f"{scenario.name}: an exercise lost its rating")
                    results[scenario.name] = Figures(len(ratings), steps, taps, len(ratings))
    finally:
        await server.stop()
    return results


def main() -> None:
    results = asyncio.run(measure(SCENARIOS))
    print("taps per 10-minute routine (a rating recorded for every exercise):")
    for name, figures in results.items():
        print(
            f"  {name}: {figures.taps} taps for {figures.exercises} exercises "
            f"({figures.steps} steps; {figures.taps / figures.exercises:.1f} taps per exercise)"
        )
    total = sum(figures.taps for figures in results.values())
    exercises = sum(figures.exercises for figures in results.values())
    print(f"  all: {total} taps for {exercises} exercises ({total / exercises:.2f} per exercise)")


if __name__ == "__main__":
    main()
