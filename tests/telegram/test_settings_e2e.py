"""/settings, /pause, /resume, /stop and /start again, over HTTP."""

from __future__ import annotations

from datetime import UTC, datetime, time

from sqlalchemy import select

from bot.domain.subscription import SubscriptionStatus
from bot.sandbox.client import SandboxClient
from bot.storage.models import Pause
from bot.telegram import texts
from tests.conftest import BotProcess
from tests.storage import subscribers
from tests.telegram.chat import Chat
from tests.telegram.test_onboarding_e2e import press_and_wait, subscription_of

USER = 6001


async def subscribe(bot: BotProcess, user_id: int) -> None:
    """A person who finished onboarding: reminders at 07:30 in Berlin, every day."""
    await subscribers.subscribe(bot.sessions, user_id, bot.clock(), at=time(7, 30))


async def test_settings_changes_one_answer_and_reschedules(
    bot: BotProcess, client: SandboxClient
) -> None:
    await subscribe(bot, USER)
    chat = await Chat(client, USER).setup()
    overview = await chat.say_one("/settings")
    assert "Reminder: 07:30 (Europe/Berlin), every day" in overview["text"]
    time_screen = await press_and_wait(chat, overview, "Time", "When would you like")
    assert time_screen["message_id"] == overview["message_id"]
    updated = await press_and_wait(chat, time_screen, "20:00", "Your settings")
    assert "Reminder: 20:00" in updated["text"]
    subscription = await subscription_of(bot, USER)
    assert subscription.reminder_minute == 20 * 60
    assert subscription.onboarding_step is None and not subscription.editing
    # Monday 2 March 07:30 UTC = 08:30 Berlin; 20:00 Berlin today is 19:00 UTC.
    assert subscription.next_due_at == datetime(2026, 3, 2, 19, 0, tzinfo=UTC)


async def test_settings_zone_change_asks_for_confirmation(
    bot: BotProcess, client: SandboxClient
) -> None:
    await subscribe(bot, USER)
    chat = await Chat(client, USER).setup()
    overview = await chat.say_one("/settings")
    await press_and_wait(chat, overview, "Time zone", "Pick your UTC offset")
    replies = await chat.say("Tokyo", replies=2)
    updated = await press_and_wait(chat, replies[1], "Yes", "Your settings")
    assert "Asia/Tokyo" in updated["text"]
    assert (await subscription_of(bot, USER)).time_zone == "Asia/Tokyo"


async def test_typed_time_outside_a_question_is_just_a_lookup(
    bot: BotProcess, client: SandboxClient
) -> None:
    await subscribe(bot, USER)
    chat = await Chat(client, USER).setup()
    reply = await chat.say_one("7:30")
    assert "/exercises" in reply["text"]
    assert (await subscription_of(bot, USER)).reminder_minute == 7 * 60 + 30


async def test_pause_for_days_then_resume(bot: BotProcess, client: SandboxClient) -> None:
    await subscribe(bot, USER)
    chat = await Chat(client, USER).setup()
    question = await chat.say_one("/pause")
    done = await press_and_wait(chat, question, "3 days", "Paused until")
    assert "Thursday 5 March, 08:30" in done["text"]
    assert texts.PAUSE_KEEPS_STREAK in done["text"]
    subscription = await subscription_of(bot, USER)
    assert subscription.paused_until == datetime(2026, 3, 5, 7, 30, tzinfo=UTC)
    assert subscription.next_due_at == datetime(2026, 3, 6, 6, 30, tzinfo=UTC)

    reply = await chat.say_one("/resume")
    assert "Reminders are on again" in reply["text"]
    subscription = await subscription_of(bot, USER)
    assert subscription.paused_until is None
    assert subscription.next_due_at == datetime(2026, 3, 3, 6, 30, tzinfo=UTC)
    async with bot.sessions() as session:
        (pause,) = await session.scalars(select(Pause))
    assert pause.ended_at == bot.clock() and not pause.frozen


async def test_injured_pause_is_open_ended_and_frozen(
    bot: BotProcess, client: SandboxClient
) -> None:
    await subscribe(bot, USER)
    chat = await Chat(client, USER).setup()
    question = await chat.say_one("/pause")
    done = await press_and_wait(chat, question, "Injured or away", "until you send /resume")
    assert texts.PAUSE_KEEPS_STREAK in done["text"] and "Rest your feet" in done["text"]
    subscription = await subscription_of(bot, USER)
    assert (subscription.status, subscription.next_due_at) == (SubscriptionStatus.PAUSED, None)
    async with bot.sessions() as session:
        (pause,) = await session.scalars(select(Pause))
    assert pause.frozen and pause.until is None and pause.ended_at is None

    assert "already on" not in (await chat.say_one("/resume"))["text"]
    assert "already on" in (await chat.say_one("/resume"))["text"]
    assert (await subscription_of(bot, USER)).status == SubscriptionStatus.ACTIVE


async def test_stop_needs_confirmation_and_start_resubscribes(
    bot: BotProcess, client: SandboxClient
) -> None:
    await subscribe(bot, USER)
    chat = await Chat(client, USER).setup()
    question = await chat.say_one("/stop")
    kept = await press_and_wait(chat, question, "No, keep them", texts.STOP_KEPT)
    assert kept["message_id"] == question["message_id"]
    assert (await subscription_of(bot, USER)).status == SubscriptionStatus.ACTIVE

    question = await chat.say_one("/stop")
    await press_and_wait(chat, question, "Yes, stop", texts.STOPPED)
    subscription = await subscription_of(bot, USER)
    assert (subscription.status, subscription.next_due_at) == (SubscriptionStatus.STOPPED, None)
    assert (await chat.say_one("/stop"))["text"] == texts.ALREADY_STOPPED
    assert (await chat.say_one("/pause"))["text"] == texts.PAUSE_NEED_SUBSCRIPTION

    again = await chat.say_one("/start")
    assert "All set!" in again["text"]
    subscription = await subscription_of(bot, USER)
    assert subscription.status == SubscriptionStatus.ACTIVE
    assert subscription.next_due_at == datetime(2026, 3, 3, 6, 30, tzinfo=UTC)


async def test_commands_without_a_subscription_get_a_pointer(
    bot: BotProcess, client: SandboxClient
) -> None:
    chat = await Chat(client, 6002).setup()
    assert (await chat.say_one("/pause"))["text"] == texts.PAUSE_NEED_SUBSCRIPTION
    assert (await chat.say_one("/resume"))["text"] == texts.NOT_SUBSCRIBED
    assert (await chat.say_one("/stop"))["text"] == texts.NOT_SUBSCRIBED
    replies = await chat.say("/settings", replies=2)
    assert replies[0]["text"] == texts.SETTINGS_NEED_SETUP
    assert "safety check" in replies[1]["text"]


async def _reminders_received(chat: Chat) -> list[str]:
    return [m["text"] for m in await chat.bot_messages() if "foot routine for" in m["text"]]


async def test_pause_resume_and_stop_drive_the_reminders(
    bot: BotProcess, client: SandboxClient
) -> None:
    """The commands as a person uses them, with the reminder tick between them."""
    from tests.telegram.test_reminders_e2e import tick

    await subscribe(bot, USER)  # 07:30 Berlin = 06:30 UTC while Berlin is on CET
    chat = await Chat(client, USER).setup()

    question = await chat.say_one("/pause")
    await press_and_wait(chat, question, "1 day", "Paused until")
    bot.clock.now = datetime(2026, 3, 3, 6, 30, tzinfo=UTC)  # Tuesday's time: inside the pause
    await tick(bot)
    assert await _reminders_received(chat) == []

    bot.clock.now = datetime(2026, 3, 4, 6, 30, tzinfo=UTC)  # Wednesday: the pause is over
    await tick(bot)
    assert len(await _reminders_received(chat)) == 1

    question = await chat.say_one("/pause")
    await press_and_wait(chat, question, "Until I resume", "until you send /resume")
    bot.clock.now = datetime(2026, 3, 5, 6, 30, tzinfo=UTC)
    await tick(bot)
    assert len(await _reminders_received(chat)) == 1

    await chat.say_one("/resume")  # exactly at Thursday's time: the next one is Friday's
    bot.clock.now = datetime(2026, 3, 6, 6, 30, tzinfo=UTC)
    await tick(bot)
    assert len(await _reminders_received(chat)) == 2

    question = await chat.say_one("/stop")
    await press_and_wait(chat, question, "Yes, stop", texts.STOPPED)
    bot.clock.now = datetime(2026, 3, 7, 6, 30, tzinfo=UTC)
    await tick(bot)
    assert len(await _reminders_received(chat)) == 2
