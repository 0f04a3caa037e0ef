"""Fewer taps, first days and snoozes, end to end through the sandbox server.

One-tap "Done, no discomfort" on the last step; the single "Skip" that asks only when an
exercise has several steps; "Start today's routine now" after onboarding; a new person's
/progress; every snooze choice and the remembered default.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest
from sqlalchemy import select

from bot.domain.walkthrough import Status
from bot.sandbox.client import SandboxClient
from bot.storage.models import Subscription, Walkthrough
from bot.telegram import texts
from tests.conftest import BotProcess
from tests.storage.subscribers import subscribe
from tests.telegram.chat import Chat, Message, labels
from tests.telegram.test_onboarding_e2e import press_and_wait, start_onboarding, toggle
from tests.telegram.test_reminders_e2e import DUE, _due_reminder, _person, tick
from tests.telegram.test_routine_e2e import tap_and_wait

USER = 8101


async def _current(bot: BotProcess, user_id: int) -> Walkthrough:
    async with bot.sessions() as session:
        runs = list(
            await session.scalars(
                select(Walkthrough)
                .where(Walkthrough.user_id == user_id)
                .order_by(Walkthrough.id.desc())
            )
        )
    return runs[0]


async def test_one_tap_done_and_the_skip_question_only_on_several_steps(
    bot: BotProcess, client: SandboxClient
) -> None:
    chat = await Chat(client, USER).setup()
    await subscribe(bot.sessions, USER, bot.clock(), at=time(7, 30), complaints=["general"])
    message = await chat.say_one("/today")
    taps = 0
    seen_counts = set()
    while "Today's routine is complete." not in message["text"]:
        run = await _current(bot, USER)
        seen_counts.add(run.step_count > 1)
        assert texts.SKIP_EXERCISE_BUTTON not in labels(message)
        asked = await tap_and_wait(chat, message, texts.SKIP_ONE_BUTTON)
        if run.step_count > 1:
            assert "skip this step, or the whole exercise?" in asked["text"]
            assert labels(asked) == ["This step", "The whole exercise", "⬅️ Back"]
        else:
            assert "why skip it?" in asked["text"]
        message = await tap_and_wait(chat, asked, "Back")
        assert "step 1 of" in message["text"]
        screens = 1
        while texts.DONE_FINE_BUTTON not in labels(message):
            # Every step, set and side before the last screen; rests between sets go on too.
            message = await tap_and_wait(chat, message, _forward(message))
            screens += 1
        assert screens >= run.step_count
        message = await tap_and_wait(chat, message, texts.DONE_FINE_BUTTON)
        assert "0 · none" not in labels(message)  # rated by the same press: no rating question
        taps += screens
    async with bot.sessions() as session:
        runs = list(await session.scalars(select(Walkthrough).where(Walkthrough.user_id == USER)))
    assert runs and all(r.status == Status.COMPLETED and r.discomfort == 0 for r in runs)
    assert taps >= sum(r.step_count for r in runs)
    # Every exercise in the library has several steps since equipment-free versions became
    # step by step; the one-step case is walked in tests/domain/test_fewer_taps.py.
    assert seen_counts == {True}


async def test_skip_this_step_moves_on_and_the_whole_exercise_asks_why(
    bot: BotProcess, client: SandboxClient
) -> None:
    chat = await Chat(client, USER).setup()
    await subscribe(bot.sessions, USER, bot.clock(), at=time(7, 30), equipment=["towel"])
    message = await chat.say_one("/today")
    assert (await _current(bot, USER)).step_count > 1
    asked = await tap_and_wait(chat, message, texts.SKIP_ONE_BUTTON)
    message = await tap_and_wait(chat, asked, "This step")
    assert "step 2 of" in message["text"]
    asked = await tap_and_wait(chat, message, texts.SKIP_ONE_BUTTON)
    reasons = await tap_and_wait(chat, asked, "The whole exercise")
    assert "why skip it?" in reasons["text"]
    message = await tap_and_wait(chat, reasons, "No time")
    assert "skipped." in message["text"] and "Exercise 2 of" in message["text"]


async def test_all_set_offers_to_start_now(bot: BotProcess, client: SandboxClient) -> None:
    chat = await Chat(client, 8102).setup()
    safety = await start_onboarding(chat)
    complaints = await press_and_wait(chat, safety, "None of these", "What bothers")
    complaints = await toggle(chat, complaints, "Heel pain / plantar fasciitis", on=True)
    equipment = await press_and_wait(chat, complaints, "Continue", "What do you have")
    length = await press_and_wait(chat, equipment, "None of these", "How long")
    time_screen = await press_and_wait(chat, length, "10 min", "When would you like")
    offsets = await press_and_wait(chat, time_screen, "07:30", "Pick your UTC offset")
    confirm = await press_and_wait(chat, offsets, "UTC+1", "Is that right?")
    days = await press_and_wait(chat, confirm, "Yes", "Which days?")
    done = await press_and_wait(chat, days, "Every day", "All set!")
    assert labels(done) == [texts.START_NOW_BUTTON]
    before = max(m["message_id"] for m in await chat.transcript())
    await chat.tap(done, "Start today's routine now")
    (today,) = await chat.wait_new(before)
    assert today["text"].startswith("📋 Today: ") and "Exercise 1 of" in today["text"]
    assert labels(await chat.message(done["message_id"])) == []
    assert (await chat.say_one("/today"))["text"].startswith(texts.ROUTINE_CONTINUE)


async def test_a_new_persons_progress_shows_what_exists(
    bot: BotProcess, client: SandboxClient
) -> None:
    chat = await Chat(client, 8103).setup()
    await subscribe(bot.sessions, 8103, bot.clock(), at=time(7, 30), equipment=["towel"])
    message = await chat.say_one("/today")
    while "Exercise 2 of" not in message["text"]:
        forward = texts.DONE_FINE_BUTTON if texts.DONE_FINE_BUTTON in labels(message) else "Next"
        message = await tap_and_wait(chat, message, forward)
    (report,) = await chat.say("/progress")
    assert "Since you started: 100%" in report["text"]
    assert "30 days" not in report["text"] and "0.0" not in report["text"]
    assert "no discomfort" in report["text"]
    await _no_photo(chat)

    bot.clock.advance(timedelta(days=1))
    message = await chat.say_one("/today")
    while texts.DONE_FINE_BUTTON not in labels(message):  # the last step carries the rating
        message = await tap_and_wait(chat, message, _forward(message))
    await tap_and_wait(chat, message, "3")
    replies = await chat.say("/progress", replies=2)
    assert "Since you started: 100%" in replies[0]["text"]
    assert "/10 on average" in replies[0]["text"] and "0.0" not in replies[0]["text"]
    assert replies[1]["photo"] is not None and replies[1]["caption"] == texts.CHART_CAPTION


async def _no_photo(chat: Chat) -> None:
    assert not any(m.get("photo") for m in await chat.bot_messages())


SNOOZES = [
    ("15 min", "08:15"),
    ("3 h", "11:00"),
    ("This evening", "19:00"),
]


@pytest.mark.parametrize(("label", "until"), SNOOZES)
async def test_each_snooze_choice_and_it_becomes_the_default(
    bot: BotProcess, client: SandboxClient, label: str, until: str
) -> None:
    chat = await _person(client, bot, 8110)
    first = await _due_reminder(bot, chat)
    assert labels(first) == [
        "▶️ Start today's routine",
        "⏰ Snooze 1 h",
        "Skip today",
        "15 min",
        "3 h",
        "This evening",
    ]
    answer = await chat.tap(first, label)
    assert answer["text"] == texts.reminder_snoozed(until)
    async with bot.sessions() as session:
        subscription = await session.get(Subscription, 8110)
        assert subscription is not None and subscription.snooze_choice is not None

    bot.clock.now = DUE + timedelta(days=1)
    await tick(bot)
    tomorrow = (await chat.bot_messages())[-1]
    assert "Wednesday 4 March" in tomorrow["text"]
    default = label[0].lower() + label[1:]
    assert labels(tomorrow)[1] == f"⏰ Snooze {default}"
    assert "⏰ Snooze 1 h" not in labels(tomorrow) and "1 h" in labels(tomorrow)
    answer = await chat.tap(tomorrow, f"⏰ Snooze {default}")  # one tap, the usual choice
    assert answer["text"] == texts.reminder_snoozed(until)


async def test_the_evening_is_left_out_once_it_is_near(
    bot: BotProcess, client: SandboxClient
) -> None:
    chat = await _person(client, bot, 8111, at=time(18, 30))
    bot.clock.now = datetime(2026, 3, 2, 17, 30, tzinfo=UTC)  # 18:30 in Berlin
    await tick(bot)
    (message,) = await chat.bot_messages()
    assert labels(message) == [
        "▶️ Start today's routine",
        "⏰ Snooze 1 h",
        "Skip today",
        "15 min",
        "3 h",
    ]


async def test_this_evening_pressed_too_late_is_refused_politely(
    bot: BotProcess, client: SandboxClient
) -> None:
    chat = await _person(client, bot, 8112)
    message = await _due_reminder(bot, chat)
    bot.clock.now = datetime(2026, 3, 3, 17, 30, tzinfo=UTC)  # 18:30 in Berlin
    answer = await chat.tap(message, "This evening")
    assert answer["text"] == texts.REMINDER_EVENING_PASSED
    answer = await chat.tap(message, "15 min")
    assert answer["text"] == texts.reminder_snoozed("18:45")


def _forward(message: Message) -> str:
    """The button that moves on: Next on a step, Skip rest or Start set between sets."""
    forward = ("Next", "Skip rest", "Start set")
    return next(label for label in labels(message) if any(word in label for word in forward))
