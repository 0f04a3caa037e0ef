"""/progress over HTTP: the text, and a PNG chart the server received as a photo."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.sandbox.client import SandboxClient
from bot.storage.models import Pause
from bot.telegram import texts
from tests.conftest import BotProcess
from tests.storage import history_rows
from tests.storage.subscribers import subscribe
from tests.telegram.chat import Chat

NOW = datetime(2026, 3, 20, 10, 0, tzinfo=UTC)  # Friday, 11:00 in Berlin
USER = 7001


def _at(days_ago: int, hour: int = 8) -> datetime:
    return (NOW - timedelta(days=days_ago)).replace(hour=hour)


async def test_progress_shows_figures_and_sends_a_chart(
    bot: BotProcess, client: SandboxClient
) -> None:
    await subscribe(bot.sessions, USER, bot.clock.now)
    bot.clock.now = NOW
    rows = [
        history_rows.walkthrough(USER, "calf_raises", _at(days), discomfort=score)
        for days, score in ((12, 6), (9, 5), (4, 2), (3, 2), (2, 1), (1, 2), (0, 1))
    ]
    rows.append(history_rows.walkthrough(USER, "toe_curls", _at(1, 9), discomfort=None))
    rows.append(history_rows.walkthrough(USER, "short_foot", _at(3, 9), status="stopped"))
    # An ordinary pause, not the "injured or away" kind: every paused day keeps a streak.
    pause = Pause(user_id=USER, started_at=_at(8), until=_at(5), frozen=False)
    await history_rows.add(bot.sessions, *rows, pause)
    chat = await Chat(client, USER).setup()

    text, chart = await chat.say("/progress", replies=2)

    # 0-4 days ago done, 5-8 paused (skipped over), 9 done, 10 missed: the pause bridges it.
    assert "Streak: 6 days" in text["text"]
    assert "Last 7 days: 100% of your scheduled days" in text["text"]
    # 7 of the 15 unpaused days since subscribing on 2 March; none before counts as missed.
    assert "Since you started: 47% of your scheduled days" in text["text"]
    assert "Calf raises: 7 times, discomfort 2.7/10 on average, easing" in text["text"]
    assert "Toe curls: once, no ratings, too early to tell" in text["text"]
    assert "Short foot" not in text["text"]
    photo = chart["photo"]
    assert photo is not None and (photo["width"], photo["height"]) == (800, 400)
    assert chart["caption"] == texts.CHART_CAPTION
    png = await client.file_bytes(photo["file_id"])
    assert png.startswith(b"\x89PNG")
    (call,) = await client.calls("sendPhoto")
    assert call["error_code"] is None


async def test_progress_without_history_is_a_friendly_text_only(
    bot: BotProcess, client: SandboxClient
) -> None:
    chat = await Chat(client, 7002).setup()
    reply = await chat.say_one("/progress")
    assert reply["text"] == texts.PROGRESS_EMPTY and reply["photo"] is None
    await chat.say_one("/help")
    assert await client.calls("sendPhoto") == []
