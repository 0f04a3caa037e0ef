"""Red-flag triage end to end: each outcome from /start, a stranger's /today, red-flag words,
the hold's buttons, and a held person's reminder time passing in silence."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest
from sqlalchemy import select
from telegram.ext import CallbackContext

from bot.domain.subscription import RECHECK_DAYS
from bot.sandbox.client import SandboxClient
from bot.storage.models import Delivery, Routine, Subscription
from bot.telegram import reminders, safety, texts
from tests.conftest import BotProcess
from tests.storage.subscribers import subscribe
from tests.telegram.chat import Chat, Message, labels
from tests.telegram.test_onboarding_e2e import press_and_wait, start_onboarding, toggle

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")

WOUND = "Wound, ulcer or sore"
CALF = "Calf pain or swelling"
BALANCE = "Unsteady balance or a fall"
NEUROPATHY = "Diabetes or neuropathy"
DUE = datetime(2026, 3, 3, 7, 0, tzinfo=UTC)  # a Berlin 08:00 reminder, the day after the clock


async def _subscription(bot: BotProcess, user_id: int) -> Subscription:
    async with bot.sessions() as session:
        found = await session.get(Subscription, user_id)
    assert found is not None
    return found


async def _tick(bot: BotProcess) -> None:
    assert bot.app is not None
    await reminders.tick(CallbackContext(bot.app))


async def _hold(chat: Chat, safety: Message, flag: str) -> Message:
    safety = await toggle(chat, safety, flag, on=True)
    return await press_and_wait(chat, safety, "Continue", "please have a doctor")


async def test_see_someone_first_from_start(bot: BotProcess, client: SandboxClient) -> None:
    chat = await Chat(client, 8001).setup()
    held = await _hold(chat, await start_onboarding(chat), WOUND)
    assert "Because of an open wound or sore on your foot" in held["text"]
    assert any("I've been checked" in label for label in labels(held))
    subscription = await _subscription(bot, 8001)
    assert (subscription.status, subscription.next_due_at) == ("held", None)

    # No routine: /today says why again, with the same two buttons.
    today = await chat.say_one("/today")
    assert "please have a doctor" in today["text"] and len(labels(today)) == 2
    # Look-ups still answer, the caution first.
    card = await chat.say_one("calf raises")
    assert card["text"].startswith("⚠️ First: because of an open wound")
    assert "Calf raises" in card["text"]

    later = await press_and_wait(chat, today, "Ask me again", "I'll ask you again on")
    assert "Thursday 5 March" in later["text"]
    # Checked and fine: the set-up (never finished) goes on where it stopped.
    await press_and_wait(chat, held, "I've been checked", texts.HOLD_CLEARED_SETUP)
    # The held screen is edited first, the next question is sent after it: wait for that one.
    await chat.wait_for(
        lambda t: (
            "What bothers your feet"
            in [m for m in t if m["from_bot"] and not m.get("deleted")][-1]["text"]
        ),
        "the next set-up question as the last message",
    )
    subscription = await _subscription(bot, 8001)
    assert (subscription.status, subscription.safety_flags) == ("onboarding", [])


async def test_modified_programme_from_start(bot: BotProcess, client: SandboxClient) -> None:
    chat = await Chat(client, 8002).setup()
    safety = await toggle(chat, await start_onboarding(chat), BALANCE, on=True)
    safety = await toggle(chat, safety, NEUROPATHY, on=True)
    await press_and_wait(chat, safety, "Continue", "What bothers your feet")
    advice = await chat.message(safety["message_id"])
    assert "unsteady balance or a recent fall" in advice["text"]
    left_out = "Left out of your routine: Barefoot walking, Frozen bottle roll and Toe spacers."
    assert left_out in advice["text"]
    assert "Look over both feet every day" in advice["text"]

    # The cards say why: a whole exercise, and single rungs.
    barefoot = await chat.say_one("barefoot walking")
    assert "Not in your routine, because of diabetes or reduced feeling" in barefoot["text"]
    calf = await chat.say_one("calf raises")
    assert "“One leg” version is not in your routine, because of unsteady balance" in calf["text"]

    # The routine (the check is done, reminders not yet set) leaves them out, with the daily line.
    today = await chat.say_one("/today")
    assert "Today:" in today["text"] and "Look over both feet" in today["text"]
    async with bot.sessions() as session:
        (routine,) = await session.scalars(select(Routine).where(Routine.user_id == 8002))
    chosen = {item["exercise_id"] for item in routine.items}
    assert chosen and not {"barefoot_walking", "toe_spacers"} & chosen


async def test_go_ahead_from_start(bot: BotProcess, client: SandboxClient) -> None:
    chat = await Chat(client, 8003).setup()
    safety = await start_onboarding(chat)
    await press_and_wait(chat, safety, "None of these", "What bothers your feet")
    assert (await chat.message(safety["message_id"]))["text"] == texts.SAFETY_GO_AHEAD
    subscription = await _subscription(bot, 8003)
    assert subscription.safety_version is not None and subscription.safety_flags == []


async def test_a_strangers_today_asks_the_safety_check_first(
    bot: BotProcess, client: SandboxClient
) -> None:
    chat = await Chat(client, 8004).setup()
    asked = await chat.say_one("/today")
    assert asked["text"].startswith(texts.SAFETY_FIRST_CHECK)
    assert WOUND in labels(asked)
    async with bot.sessions() as session:
        assert list(await session.scalars(select(Routine))) == []
    await chat.tap(asked, "None of these")
    await chat.wait_edit(asked["message_id"], texts.SAFETY_GO_AHEAD)
    await chat.wait_for(
        lambda t: any(m["text"] == texts.SAFETY_CHECK_DONE for m in t), "the check is done"
    )
    today = await chat.say_one("/today")
    assert "Today:" in today["text"]


@pytest.mark.parametrize(
    "words",
    ["my foot is swollen", "I can't walk on it", "Numb toes", "у меня опухла нога", "pie hinchado"],
)
async def test_red_flag_words_bring_the_check_back(
    bot: BotProcess, client: SandboxClient, words: str
) -> None:
    chat = await Chat(client, 8005).setup()
    await subscribe(bot.sessions, 8005, bot.clock.now)
    asked = await chat.say_one(words)
    assert asked["text"].startswith(texts.SAFETY_WORDS_HEARD)
    assert CALF in labels(asked)
    held = await _hold(chat, asked, CALF)
    assert "pain or swelling in your calf" in held["text"]


async def test_a_held_person_gets_no_reminder_when_its_time_comes(
    bot: BotProcess, client: SandboxClient
) -> None:
    chat = await Chat(client, 8006).setup()
    await subscribe(bot.sessions, 8006, bot.clock.now, at=time(8, 0))
    overview = await chat.say_one("/settings")
    asked = await press_and_wait(chat, overview, "Safety check", "quick safety check")
    await _hold(chat, asked, CALF)
    seen = len(await chat.bot_messages())

    for day in range(3):
        bot.clock.now = DUE + timedelta(days=day)
        await _tick(bot)
    assert len(await chat.bot_messages()) == seen
    async with bot.sessions() as session:
        assert list(await session.scalars(select(Delivery))) == []
    assert (await _subscription(bot, 8006)).status == "held"


async def test_answers_from_before_the_check_are_asked_again_at_the_reminders_start(
    bot: BotProcess, client: SandboxClient
) -> None:
    chat = await Chat(client, 8007).setup()
    await subscribe(
        bot.sessions,
        8007,
        bot.clock.now,
        safety_flags=["numbness_tingling", "recent_injury"],
        safety_checked=False,
    )
    bot.clock.now = DUE
    await _tick(bot)
    (reminder,) = await chat.bot_messages()
    await chat.tap(reminder, "Start")
    asked = await chat.wait_for(
        lambda t: next((m for m in t if texts.SAFETY_FIRST_CHECK in m["text"]), None),
        "the safety check instead of the routine",
    )
    assert f"✅ {NEUROPATHY}" in labels(asked)  # carried over from numbness or tingling
    assert not any(
        label.startswith("✅") and label != f"✅ {NEUROPATHY}" for label in labels(asked)
    )
    async with bot.sessions() as session:
        assert list(await session.scalars(select(Routine))) == []


async def test_the_check_comes_back_by_itself_after_the_holds_days(
    bot: BotProcess, client: SandboxClient
) -> None:
    assert bot.app is not None
    chat = await Chat(client, 8008).setup()
    await _hold(chat, await start_onboarding(chat), WOUND)
    seen = len(await chat.bot_messages())
    await safety.recheck_tick(CallbackContext(bot.app))
    assert len(await chat.bot_messages()) == seen  # not yet

    bot.clock.now += timedelta(days=RECHECK_DAYS, minutes=1)
    await safety.recheck_tick(CallbackContext(bot.app))
    await safety.recheck_tick(CallbackContext(bot.app))  # once only
    messages = await chat.bot_messages()
    assert len(messages) == seen + 1
    asked = messages[-1]
    assert asked["text"].startswith(texts.SAFETY_RECHECK) and f"✅ {WOUND}" in labels(asked)

    # It is fine now: the hold ends and the set-up goes on.
    asked = await toggle(chat, asked, WOUND, on=False)
    await press_and_wait(chat, asked, "Continue", "What bothers your feet")
    assert (await chat.message(asked["message_id"]))["text"] == texts.SAFETY_GO_AHEAD
    assert (await _subscription(bot, 8008)).status == "onboarding"
