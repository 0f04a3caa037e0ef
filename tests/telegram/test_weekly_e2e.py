"""The weekly summary over HTTP: 19:00 local on the chosen day, once; chosen in /settings."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from telegram.ext import CallbackContext

from bot.app import SUMMARY_JOB
from bot.sandbox.client import SandboxClient
from bot.telegram import texts, weekly
from tests.conftest import BotProcess
from tests.storage import history_rows
from tests.storage.subscribers import subscribe
from tests.telegram.chat import Chat, labels
from tests.telegram.test_onboarding_e2e import press_and_wait, subscription_of

# The clock starts on Monday 2 March 2026, 07:30 UTC. Berlin is on CET (UTC+1) all week.
SUNDAY_EVENING = datetime(2026, 3, 8, 18, 0, tzinfo=UTC)
WEDNESDAY_EVENING = datetime(2026, 3, 4, 18, 0, tzinfo=UTC)
USER = 7101


async def tick(bot: BotProcess) -> None:
    """One run of the weekly summary job, in the test's own task so failures surface here."""
    assert bot.app is not None
    await weekly.tick(CallbackContext(bot.app))


async def _person(bot: BotProcess, client: SandboxClient, user_id: int = USER) -> Chat:
    chat = await Chat(client, user_id).setup()
    await subscribe(bot.sessions, user_id, bot.clock.now)
    return chat


async def _summaries(chat: Chat) -> list[str]:
    return [m["text"] for m in await chat.bot_messages() if "Your week" in (m["text"] or "")]


async def test_the_summary_arrives_on_sunday_evening_once(
    bot: BotProcess, client: SandboxClient
) -> None:
    chat = await _person(bot, client)
    days = (SUNDAY_EVENING - timedelta(days=n, hours=10) for n in (0, 1, 2, 4))
    await history_rows.add(
        bot.sessions,
        *(history_rows.walkthrough(USER, "calf_raises", at, discomfort=1) for at in days),
    )
    bot.clock.now = SUNDAY_EVENING - timedelta(seconds=1)
    await tick(bot)
    assert await _summaries(chat) == []

    bot.clock.now = SUNDAY_EVENING
    await tick(bot)
    await tick(bot)
    (summary,) = await _summaries(chat)
    assert "Your week, Ada" in summary
    assert "You practised on 4 days of the last 7." in summary
    assert "Streak: 3 days" in summary
    assert "Scheduled days done: 57%" in summary  # 4 of 7, today (done) included

    bot.clock.now = SUNDAY_EVENING + timedelta(days=7)
    await tick(bot)
    assert len(await _summaries(chat)) == 2


async def test_choosing_another_day_in_settings(bot: BotProcess, client: SandboxClient) -> None:
    chat = await _person(bot, client)
    overview = await chat.say_one("/settings")
    assert "Weekly summary: Sundays" in overview["text"]
    question = await press_and_wait(chat, overview, "Weekly summary", "short look back")
    assert labels(question) == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "✅ Sun", "Off"]
    updated = await press_and_wait(chat, question, "Wed", "Your settings")
    assert "Weekly summary: Wednesdays" in updated["text"]
    subscription = await subscription_of(bot, USER)
    assert subscription.summary_weekday == 2
    assert subscription.next_summary_at == WEDNESDAY_EVENING

    bot.clock.now = WEDNESDAY_EVENING
    await tick(bot)
    await tick(bot)
    (summary,) = await _summaries(chat)
    assert "You practised on 0 days of the last 7." in summary
    bot.clock.now = SUNDAY_EVENING
    await tick(bot)
    assert len(await _summaries(chat)) == 1


async def test_opting_out_in_settings(bot: BotProcess, client: SandboxClient) -> None:
    chat = await _person(bot, client)
    overview = await chat.say_one("/settings")
    question = await press_and_wait(chat, overview, "Weekly summary", "short look back")
    updated = await press_and_wait(chat, question, texts.SUMMARY_OFF, "Your settings")
    assert "Weekly summary: off" in updated["text"]
    subscription = await subscription_of(bot, USER)
    assert (subscription.summary_weekday, subscription.next_summary_at) == (None, None)
    bot.clock.now = SUNDAY_EVENING
    await tick(bot)
    assert await _summaries(chat) == []

    # A stale press on the closed question changes nothing.
    answer = await chat.press_data(question["message_id"], "v1:c:summary:6", forge=True)
    assert answer["text"] == texts.BUTTON_STALE
    assert (await subscription_of(bot, USER)).summary_weekday is None


async def test_stopped_reminders_mean_no_summary(bot: BotProcess, client: SandboxClient) -> None:
    chat = await _person(bot, client)
    question = await chat.say_one("/stop")
    await press_and_wait(chat, question, "Yes, stop", texts.STOPPED)
    assert (await subscription_of(bot, USER)).next_summary_at is None
    bot.clock.now = SUNDAY_EVENING
    await tick(bot)
    assert await _summaries(chat) == []


async def test_the_registered_job_sends_the_summary(bot: BotProcess, client: SandboxClient) -> None:
    chat = await _person(bot, client)
    assert bot.app is not None and bot.app.job_queue is not None
    (job,) = bot.app.job_queue.get_jobs_by_name(SUMMARY_JOB)
    bot.clock.now = SUNDAY_EVENING
    await job.run(bot.app)
    (summary,) = await _summaries(chat)
    assert "Your week, Ada" in summary
