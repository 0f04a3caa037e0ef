"""Daily reminders end to end: the real bot, the local Bot API server, a fake clock.

The tick is called directly (it is what the JobQueue job runs) instead of waiting 20 s, and
the clock is moved by hand: no test waits for wall-clock time beyond a 1 s flood wait.
"""

from __future__ import annotations

import asyncio
import dataclasses
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest
from sqlalchemy import select, update
from telegram.ext import CallbackContext

from bot.app import REMINDER_JOB
from bot.domain.walkthrough import Status
from bot.sandbox.client import SandboxClient
from bot.storage.models import Delivery, Routine, Subscription, User, Walkthrough
from bot.telegram import reminders, texts
from bot.telegram.callbacks import ReminderAction, ReminderPress, encode
from bot.telegram.sender import Sender
from bot.usecases.deliveries import Limits, claim_reminders
from tests.conftest import BotProcess
from tests.storage.subscribers import subscribe
from tests.telegram.chat import Chat, Message, labels

# The clock starts at Monday 2 March 2026, 07:30 UTC (08:30 in Berlin), so a Berlin 08:00
# reminder is next due on Tuesday 3 March at 07:00 UTC.
DUE = datetime(2026, 3, 3, 7, 0, tzinfo=UTC)
pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
REMINDER_TEXT = "Good morning, Ada! Your foot routine for Tuesday 3 March is ready."


async def tick(bot: BotProcess) -> None:
    """One run of the reminder job, in the test's own task so failures surface here."""
    assert bot.app is not None
    await reminders.tick(CallbackContext(bot.app))


async def _person(
    client: SandboxClient, bot: BotProcess, user_id: int, name: str = "Ada", **kwargs: Any
) -> Chat:
    chat = await Chat(client, user_id, name).setup()
    await subscribe(bot.sessions, user_id, bot.clock.now, first_name=name, **kwargs)
    return chat


async def _due_reminder(bot: BotProcess, chat: Chat) -> Message:
    """Move to the due instant, tick, and return the one reminder that arrived."""
    bot.clock.now = DUE
    await tick(bot)
    (message,) = await chat.bot_messages()
    return message


async def _deliveries(bot: BotProcess, user_id: int) -> list[Delivery]:
    async with bot.sessions() as session:
        rows = await session.scalars(
            select(Delivery).where(Delivery.user_id == user_id).order_by(Delivery.id)
        )
        return list(rows)


async def _press(
    client: SandboxClient, user_id: int, chat_id: int, message: Message, action: ReminderAction
) -> dict[str, Any]:
    """Press a reminder button by its data, in any chat, even after its keyboard is gone."""
    delivery_id = _delivery_of(message)
    pressed = await client.press(
        user_id,
        message["message_id"],
        callback_data=encode(ReminderPress(delivery_id, action)),
        chat_id=chat_id,
        forge=True,
    )
    return await client.wait_for_callback_answer(pressed["callback_query_id"])


def _delivery_of(message: Message) -> int:
    data = message["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    return int(data.split(":")[2])


async def test_a_due_reminder_arrives_once_and_not_before_its_time(
    bot: BotProcess, client: SandboxClient
) -> None:
    chat = await _person(client, bot, 2001)
    await tick(bot)
    bot.clock.now = DUE - timedelta(seconds=1)
    await tick(bot)
    assert await chat.bot_messages() == []

    bot.clock.now = DUE
    await tick(bot)
    await tick(bot)
    (message,) = await chat.bot_messages()
    assert message["text"] == REMINDER_TEXT
    assert labels(message) == [
        "▶️ Start today's routine",
        "⏰ Snooze 1 h",
        "Skip today",
        "15 min",
        "3 h",
        "This evening",
    ]
    (row,) = await _deliveries(bot, 2001)
    assert (row.state, row.message_id, row.local_date) == (
        "sent",
        message["message_id"],
        date(2026, 3, 3),
    )

    # The next day, two ticks at once still send exactly one.
    bot.clock.now = DUE + timedelta(days=1)
    await asyncio.gather(tick(bot), tick(bot))
    messages = await chat.bot_messages()
    assert len(messages) == 2
    assert "Wednesday 4 March" in messages[-1]["text"]


async def test_the_registered_job_is_the_tick(bot: BotProcess, client: SandboxClient) -> None:
    chat = await _person(client, bot, 2002)
    assert bot.app is not None and bot.app.job_queue is not None
    (job,) = bot.app.job_queue.get_jobs_by_name(REMINDER_JOB)
    bot.clock.now = DUE
    await job.run(bot.app)
    assert len(await chat.bot_messages()) == 1


async def test_the_date_is_the_persons_local_date(bot: BotProcess, client: SandboxClient) -> None:
    """07:00 on Tuesday in the Chatham Islands is 17:15 on Monday in UTC."""
    chat = await _person(client, bot, 2003, at=time(7, 0), zone="Pacific/Chatham")
    bot.clock.now = datetime(2026, 3, 2, 17, 15, tzinfo=UTC)
    await tick(bot)
    (message,) = await chat.bot_messages()
    assert message["text"] == REMINDER_TEXT


async def test_snooze_brings_it_back_an_hour_later_once_and_again(
    bot: BotProcess, client: SandboxClient
) -> None:
    chat = await _person(client, bot, 2004)
    first = await _due_reminder(bot, chat)
    answer = await chat.tap(first, "Snooze")
    assert answer["text"] == texts.reminder_snoozed("09:00")
    edited = await chat.wait_edit(first["message_id"], "Snoozed until 09:00")
    assert labels(edited) == []

    bot.clock.now = DUE + timedelta(minutes=59)
    await tick(bot)
    assert len(await chat.bot_messages()) == 1
    bot.clock.now = DUE + timedelta(hours=1)
    await tick(bot)
    await tick(bot)
    messages = await chat.bot_messages()
    assert len(messages) == 2
    again = messages[-1]
    assert "still waiting" in again["text"] and "Tuesday 3 March" in again["text"]

    # A second snooze, from the snoozed reminder.
    answer = await chat.tap(again, "Snooze")
    assert answer["text"] == texts.reminder_snoozed("10:00")
    bot.clock.now = DUE + timedelta(hours=2)
    await tick(bot)
    assert len(await chat.bot_messages()) == 3
    slots = [(row.slot, row.state, row.outcome) for row in await _deliveries(bot, 2004)]
    assert slots == [
        ("daily", "sent", "snoozed"),
        ("snooze1", "sent", "snoozed"),
        ("snooze2", "sent", None),
    ]
    # The series did not move: tomorrow's reminder is at 08:00 as always.
    bot.clock.now = DUE + timedelta(days=1)
    await tick(bot)
    assert "Wednesday 4 March" in (await chat.bot_messages())[-1]["text"]


async def test_snooze_is_refused_when_the_day_ends_first(
    bot: BotProcess, client: SandboxClient
) -> None:
    chat = await _person(client, bot, 2005, at=time(23, 30))
    bot.clock.now = datetime(2026, 3, 2, 22, 30, tzinfo=UTC)  # 23:30 in Berlin
    await tick(bot)
    (message,) = await chat.bot_messages()
    assert labels(message)[1] == "⏰ Snooze 15 min"  # the hour no longer fits: the quarter does
    bot.clock.now = datetime(2026, 3, 2, 22, 50, tzinfo=UTC)  # 23:50: not even that
    answer = await chat.tap(message, "Snooze")
    assert answer["text"] == texts.REMINDER_TOO_LATE
    (row,) = await _deliveries(bot, 2005)
    assert row.outcome is None
    assert labels(await chat.message(message["message_id"])) != []


async def test_skip_records_it_and_no_snooze_comes(bot: BotProcess, client: SandboxClient) -> None:
    chat = await _person(client, bot, 2006)
    message = await _due_reminder(bot, chat)
    answer = await chat.tap(message, "Skip")
    assert answer["text"] == texts.REMINDER_SKIPPED
    await chat.wait_edit(message["message_id"], "Skipped for today. See you tomorrow.")
    for hours in (1, 2, 3):
        bot.clock.now = DUE + timedelta(hours=hours)
        await tick(bot)
    assert len(await chat.bot_messages()) == 1
    (row,) = await _deliveries(bot, 2006)
    assert row.outcome == "skipped"


async def test_skip_on_a_snoozed_reminder_ends_the_day(
    bot: BotProcess, client: SandboxClient
) -> None:
    chat = await _person(client, bot, 2007)
    message = await _due_reminder(bot, chat)
    await chat.tap(message, "Snooze")
    bot.clock.now = DUE + timedelta(hours=1)
    await tick(bot)
    again = (await chat.bot_messages())[-1]
    answer = await chat.tap(again, "Skip")
    assert answer["text"] == texts.REMINDER_SKIPPED
    for hours in (2, 3, 4):
        bot.clock.now = DUE + timedelta(hours=hours)
        await tick(bot)
    assert len(await chat.bot_messages()) == 2
    rows = await _deliveries(bot, 2007)
    assert [(row.slot, row.outcome) for row in rows] == [
        ("daily", "snoozed"),
        ("snooze1", "skipped"),
    ]


async def test_start_opens_todays_routine(bot: BotProcess, client: SandboxClient) -> None:
    chat = await _person(
        client, bot, 2008, complaints=["heel_pain"], equipment=["small_ball", "chair"]
    )
    message = await _due_reminder(bot, chat)
    await chat.tap(message, "Start")
    (step,) = await chat.wait_new(message["message_id"])
    assert step["text"].startswith("📋 Today: ") and "\n\nExercise 1 of " in step["text"]
    await chat.wait_edit(message["message_id"], texts.REMINDER_STARTED)
    (row,) = await _deliveries(bot, 2008)
    assert row.outcome == "started"
    async with bot.sessions() as session:
        (routine,) = await session.scalars(select(Routine))
        (walkthrough,) = await session.scalars(select(Walkthrough))
    assert routine.local_date == date(2026, 3, 3)
    assert (walkthrough.user_id, walkthrough.routine_id) == (2008, routine.id)
    assert walkthrough.exercise_id == routine.items[0]["exercise_id"]


async def test_neuropathy_never_gets_barefoot_walking_from_start(
    bot: BotProcess, client: SandboxClient
) -> None:
    chat = await _person(
        client, bot, 2009, complaints=["balance"], safety_flags=["diabetes_neuropathy"]
    )
    for day in range(4):
        bot.clock.now = DUE + timedelta(days=day)
        await tick(bot)
        message = (await chat.bot_messages())[-1]
        await chat.tap(message, "Start")
        await chat.wait_edit(message["message_id"], texts.REMINDER_STARTED)
    async with bot.sessions() as session:
        routines = list(await session.scalars(select(Routine)))
    chosen = {item["exercise_id"] for routine in routines for item in routine.items}
    assert len(routines) == 4
    assert chosen and "barefoot_walking" not in chosen


async def test_other_peoples_answered_and_old_reminders_are_refused(
    bot: BotProcess, client: SandboxClient
) -> None:
    owner = await _person(client, bot, 2010)
    stranger = await Chat(client, 2011, "Eve").setup()
    message = await _due_reminder(bot, owner)

    answer = await _press(client, stranger.user_id, owner.user_id, message, ReminderAction.SNOOZE)
    assert answer["text"] == texts.REMINDER_NOT_YOURS
    (row,) = await _deliveries(bot, 2010)
    assert row.outcome is None

    await owner.tap(message, "Skip")
    await owner.wait_edit(message["message_id"], "Skipped")
    answer = await _press(client, owner.user_id, owner.user_id, message, ReminderAction.START)
    assert answer["text"] == texts.REMINDER_ANSWERED

    bot.clock.now = DUE + timedelta(days=1)
    await tick(bot)
    tomorrow = (await owner.bot_messages())[-1]
    bot.clock.now = DUE + timedelta(days=2) - timedelta(hours=1)
    answer = await owner.tap(tomorrow, "Snooze")
    assert answer["text"] == texts.REMINDER_OLD_DAY
    rows = await _deliveries(bot, 2010)
    assert [(row.slot, row.outcome) for row in rows] == [("daily", "skipped"), ("daily", None)]
    async with bot.sessions() as session:
        assert list(await session.scalars(select(Walkthrough))) == []


async def test_no_reminder_when_already_done_today(bot: BotProcess, client: SandboxClient) -> None:
    chat = await _person(client, bot, 2012)
    async with bot.sessions.begin() as session:
        session.add(
            Walkthrough(
                user_id=2012,
                chat_id=2012,
                exercise_id="calf_raises",
                step=2,
                step_count=3,
                status=Status.COMPLETED,
                version=4,
                started_at=DUE - timedelta(minutes=40),
                updated_at=DUE - timedelta(minutes=30),
                finished_at=DUE - timedelta(minutes=30),
            )
        )
    bot.clock.now = DUE
    await tick(bot)
    assert await chat.bot_messages() == []
    bot.clock.now = DUE + timedelta(days=1)
    await tick(bot)
    assert len(await chat.bot_messages()) == 1


async def test_a_flood_wait_delays_but_does_not_lose_the_reminder(
    bot: BotProcess, client: SandboxClient
) -> None:
    chat = await _person(client, bot, 2013)
    await client.add_fault("sendMessage", error_code=429, retry_after=1)
    message = await _due_reminder(bot, chat)
    assert message["text"] == REMINDER_TEXT
    sends = await client.calls("sendMessage")
    assert [call["error_code"] for call in sends] == [429, None]
    assert sends[1]["time"] - sends[0]["time"] >= 1.0


async def test_server_errors_are_retried(bot: BotProcess, client: SandboxClient) -> None:
    assert bot.app is not None
    deps = bot.app.bot_data["services"]
    bot.app.bot_data["services"] = dataclasses.replace(deps, sender=Sender(0, backoff=0.01))
    chat = await _person(client, bot, 2014)
    await client.add_fault("sendMessage", error_code=500, count=2)
    message = await _due_reminder(bot, chat)
    assert message["text"] == REMINDER_TEXT
    (row,) = await _deliveries(bot, 2014)
    assert row.state == "sent"


async def test_a_blocked_user_is_marked_inactive_until_start(
    bot: BotProcess, client: SandboxClient
) -> None:
    chat = await _person(client, bot, 2015)
    await client.block(2015)
    bot.clock.now = DUE
    await tick(bot)
    (row,) = await _deliveries(bot, 2015)
    assert (row.state, row.reason) == ("failed", "blocked")
    async with bot.sessions() as session:
        user = await session.get(User, 2015)
        assert user is not None and not user.active

    await client.clear_calls()
    bot.clock.now = DUE + timedelta(days=1)
    await tick(bot)
    assert await client.calls("sendMessage") == []

    await chat.say("/start")  # writing to the bot unblocks it in Telegram, too
    async with bot.sessions() as session:
        user = await session.get(User, 2015)
        assert user is not None and user.active
    before = len(await chat.bot_messages())
    bot.clock.now = DUE + timedelta(days=2)
    await tick(bot)
    messages = await chat.bot_messages()
    assert len(messages) == before + 1
    assert "Thursday 5 March" in messages[-1]["text"]


async def test_restart_in_the_due_minute_sends_once(bot: BotProcess, client: SandboxClient) -> None:
    chat = await _person(client, bot, 2016)
    await _due_reminder(bot, chat)
    await bot.restart()
    bot.clock.now = DUE + timedelta(seconds=20)
    await tick(bot)
    assert len(await chat.bot_messages()) == 1


async def test_a_crash_between_claim_and_send_is_retried_after_the_lease(
    bot: BotProcess, client: SandboxClient
) -> None:
    chat = await _person(client, bot, 2017)
    bot.clock.now = DUE
    limits = Limits(batch=10, catchup=timedelta(hours=2), lease=timedelta(minutes=5))
    claim = await claim_reminders(bot.sessions, DUE, limits)
    assert len(claim.due) == 1  # claimed and committed, then the process "died"
    await bot.restart()
    bot.clock.now = DUE + timedelta(seconds=20)
    await tick(bot)
    assert await chat.bot_messages() == []
    bot.clock.now = DUE + timedelta(minutes=6)
    await tick(bot)
    await tick(bot)
    (message,) = await chat.bot_messages()
    assert message["text"] == REMINDER_TEXT
    (row,) = await _deliveries(bot, 2017)
    assert (row.state, row.attempts) == ("sent", 2)


async def test_missed_by_an_hour_is_sent_late_by_five_hours_not(
    bot: BotProcess, client: SandboxClient
) -> None:
    late = await _person(client, bot, 2018)
    lost = await _person(client, bot, 2019, zone="Europe/London", at=time(3, 0))
    # 2019's reminder was due at 03:00 UTC, five hours before this first tick; 2018's at 07:00.
    bot.clock.now = DUE + timedelta(hours=1)
    await tick(bot)
    (message,) = await late.bot_messages()
    assert message["text"] == REMINDER_TEXT
    assert await lost.bot_messages() == []
    (row,) = await _deliveries(bot, 2019)
    assert (row.state, row.reason) == ("skipped", "missed")

    bot.clock.now = datetime(2026, 3, 4, 3, 0, tzinfo=UTC)
    await tick(bot)
    (tomorrow,) = await lost.bot_messages()
    assert "Wednesday 4 March" in tomorrow["text"]


async def test_paused_people_get_no_reminders(bot: BotProcess, client: SandboxClient) -> None:
    chat = await _person(client, bot, 2020)
    async with bot.sessions.begin() as session:
        await session.execute(
            update(Subscription)
            .where(Subscription.user_id == 2020)
            .values(status="paused", next_due_at=None)
        )
    bot.clock.now = DUE
    await tick(bot)
    assert await chat.bot_messages() == []
