"""Onboarding on /start, by buttons, by typing and by location, over HTTP."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.domain.onboarding import Step
from bot.sandbox.client import SandboxClient
from bot.storage.models import Subscription
from bot.telegram import texts
from tests.conftest import BotProcess
from tests.telegram.chat import Chat, Message, buttons, labels

NEUROPATHY = "Diabetes or neuropathy"


async def subscription_of(bot: BotProcess, user_id: int) -> Subscription:
    async with bot.sessions() as session:
        subscription = await session.get(Subscription, user_id)
    assert subscription is not None
    return subscription


async def press_and_wait(chat: Chat, message: Message, label: str, shows: str) -> Message:
    """Press a button and wait for a new or freshly edited bot message showing `shows`."""
    seen = {m["message_id"]: m["edits"] for m in await chat.transcript()}
    await chat.tap(message, label)

    def changed(transcript: list[Message]) -> Message | None:
        return next(
            (
                m
                for m in reversed(transcript)
                if m["from_bot"]
                and shows in m["text"]
                and seen.get(m["message_id"], -1) < m["edits"]
            ),
            None,
        )

    return await chat.wait_for(changed, f"a new or edited message showing {shows!r}")


async def toggle(chat: Chat, message: Message, label: str, *, on: bool) -> Message:
    """Tick or untick a multiple-choice button and wait for the redrawn screen."""
    await chat.tap(message, label)
    want = f"✅ {label}" if on else label
    return await chat.wait_for(
        lambda t: next(
            (m for m in t if m["message_id"] == message["message_id"] and want in labels(m)),
            None,
        ),
        f"button {want!r}",
    )


async def start_onboarding(chat: Chat) -> Message:
    replies = await chat.say("/start", replies=3)
    assert "Hello, Ada!" in replies[0]["text"]
    assert "daily reminder" in replies[1]["text"]
    assert "safety check" in replies[2]["text"]
    return replies[2]


async def test_full_onboarding_by_buttons(bot: BotProcess, client: SandboxClient) -> None:
    chat = await Chat(client, 5001).setup()
    safety = await start_onboarding(chat)
    safety = await toggle(chat, safety, NEUROPATHY, on=True)
    complaints = await press_and_wait(chat, safety, "Continue", "What bothers your feet")
    advice = await chat.message(safety["message_id"])
    assert "diabetes or reduced feeling in your feet" in advice["text"]
    assert "Barefoot walking" in advice["text"] and "Look over both feet" in advice["text"]

    complaints = await toggle(chat, complaints, "Heel pain / plantar fasciitis", on=True)
    equipment = await press_and_wait(chat, complaints, "Continue", "What do you have at home")
    equipment = await toggle(chat, equipment, "Small towel", on=True)
    length = await press_and_wait(chat, equipment, "Continue", "How long")
    time_screen = await press_and_wait(chat, length, "10 min", "When would you like")
    offsets = await press_and_wait(chat, time_screen, "07:30", "Pick your UTC offset")
    answered = await chat.message(time_screen["message_id"])
    assert answered["text"].endswith("➡️ 07:30") and not answered["reply_markup"]
    zone_question = (await chat.bot_messages())[-2]
    assert "Share location" in str(zone_question["reply_markup"])
    confirm = await press_and_wait(chat, offsets, "UTC+1", "Is that right?")
    assert "08:30" in confirm["text"]  # the clock says 07:30 UTC
    days = await press_and_wait(chat, confirm, "Yes", "Which days?")
    done = await press_and_wait(chat, days, "Every day", "All set!")
    assert "07:30" in done["text"] and "every day" in done["text"]
    assert "Tuesday 3 March, 07:30" in done["text"]

    subscription = await subscription_of(bot, 5001)
    assert subscription.status == "active"
    assert subscription.onboarding_step is None
    assert subscription.safety_flags == ["diabetes_neuropathy"]
    assert subscription.safety_version is not None
    assert subscription.complaints == ["heel_pain"]
    assert subscription.equipment == ["towel"]
    assert subscription.session_minutes == 10
    assert subscription.reminder_minute == 7 * 60 + 30
    assert subscription.time_zone == "Etc/GMT-1"
    assert subscription.weekdays == 0b1111111
    # 2026-03-02 07:30 UTC is 08:30 at UTC+1: today's 07:30 has passed, so tomorrow's.
    assert subscription.next_due_at == datetime(2026, 3, 3, 6, 30, tzinfo=UTC)


async def test_onboarding_by_typing_with_mistakes_and_weekdays(
    bot: BotProcess, client: SandboxClient
) -> None:
    chat = await Chat(client, 5002).setup()
    safety = await start_onboarding(chat)
    complaints = await press_and_wait(chat, safety, "None of these", "What bothers")
    equipment = await press_and_wait(chat, complaints, "Continue", "What do you have")
    length = await press_and_wait(chat, equipment, "None of these", "How long")
    await press_and_wait(chat, length, "5 min", "When would you like")

    assert "couldn't read that as a time" in (await chat.say_one("soon"))["text"]
    replies = await chat.say("7pm", replies=2)
    assert "Where are you?" in replies[0]["text"]
    assert "couldn't find a time zone" in (await chat.say_one("asdfghjk"))["text"]
    replies = await chat.say("Berlin", replies=2)
    assert "Europe/Berlin" in replies[0]["text"]
    confirm = replies[1]
    assert "08:30" in confirm["text"] and "Monday" in confirm["text"]
    # "No" asks again in two messages: wait for the last, the offset grid, before typing.
    await press_and_wait(chat, confirm, "No", "Pick your UTC offset")
    replies = await chat.say("new york", replies=2)
    confirm = replies[1]
    assert "America/New_York" in confirm["text"] and "02:30" in confirm["text"]
    days = await press_and_wait(chat, confirm, "Yes", "Which days?")
    picker = await press_and_wait(chat, days, "Choose days", "Tap the days")
    for day in ("Tue", "Thu", "Sat", "Sun"):  # all were on: switch four off
        picker = await toggle(chat, picker, day, on=False)
    assert [label for label in labels(picker) if label.startswith("✅")] == [
        "✅ Mon",
        "✅ Wed",
        "✅ Fri",
    ]
    done = await press_and_wait(chat, picker, "Continue", "All set!")
    assert "19:00" in done["text"] and "Mon, Wed, Fri" in done["text"]

    subscription = await subscription_of(bot, 5002)
    assert (subscription.safety_flags, subscription.complaints, subscription.equipment) == (
        [],
        [],
        [],
    )
    assert subscription.time_zone == "America/New_York"
    assert subscription.weekdays == 0b0010101
    assert subscription.reminder_minute == 19 * 60
    # Monday 2 March 19:00 in New York (EST, UTC-5) is 00:00 UTC on the 3rd.
    assert subscription.next_due_at == datetime(2026, 3, 3, 0, 0, tzinfo=UTC)


async def test_location_sets_the_zone(bot: BotProcess, client: SandboxClient) -> None:
    chat = await Chat(client, 5003).setup()
    safety = await start_onboarding(chat)
    complaints = await press_and_wait(chat, safety, "None of these", "What bothers")
    equipment = await press_and_wait(chat, complaints, "Continue", "What do you have")
    length = await press_and_wait(chat, equipment, "Continue", "How long")
    time_screen = await press_and_wait(chat, length, "15 min", "When would you like")
    await press_and_wait(chat, time_screen, "07:00", "Pick your UTC offset")
    before = (await chat.transcript())[-1]["message_id"]
    await client.send_location(chat.user_id, 27.7172, 85.3240)
    replies = await chat.wait_new(before, 2)
    assert "Asia/Kathmandu" in replies[0]["text"]
    assert "13:15" in replies[1]["text"]  # 07:30 UTC at +05:45
    assert (await subscription_of(bot, 5003)).time_zone == "Asia/Kathmandu"


async def test_restart_mid_onboarding_resumes(bot: BotProcess, client: SandboxClient) -> None:
    chat = await Chat(client, 5004).setup()
    safety = await start_onboarding(chat)
    complaints = await press_and_wait(chat, safety, "None of these", "What bothers")

    await bot.restart()

    equipment = await press_and_wait(chat, complaints, "Continue", "What do you have")
    replies = await chat.say("/start", replies=2)
    assert replies[0]["text"] == texts.ONBOARDING_RESUME
    assert "What do you have" in replies[1]["text"]
    # The older copy of the equipment screen still works: it is the current step.
    await press_and_wait(chat, equipment, "None of these", "How long")
    assert (await subscription_of(bot, 5004)).onboarding_step == Step.LENGTH


async def test_stale_and_forged_dialogue_buttons_change_nothing(
    bot: BotProcess, client: SandboxClient
) -> None:
    chat = await Chat(client, 5005).setup()
    safety = await start_onboarding(chat)
    old_toggle = dict(buttons(safety))[NEUROPATHY]
    await press_and_wait(chat, safety, "None of these", "What bothers")
    before = await subscription_of(bot, 5005)

    for data in (
        old_toggle,
        "v1:c:complaints:nonsense",
        "v1:c:time:2500",
        "v1:c:zone:Mars/Base",
        "v1:c:settings:time",
        "v1:c:unknown:x",
    ):
        answer = await chat.press_data(safety["message_id"], data, forge=True)
        assert answer["text"] in (texts.BUTTON_STALE, texts.BUTTON_UNKNOWN), data

    after = await subscription_of(bot, 5005)
    assert (after.onboarding_step, after.safety_flags, after.complaints) == (
        before.onboarding_step,
        before.safety_flags,
        before.complaints,
    )


async def _at_the_time_question(chat: Chat) -> None:
    safety = await start_onboarding(chat)
    complaints = await press_and_wait(chat, safety, "None of these", "What bothers")
    equipment = await press_and_wait(chat, complaints, "Continue", "What do you have")
    length = await press_and_wait(chat, equipment, "None of these", "How long")
    await press_and_wait(chat, length, "5 min", "When would you like")


async def test_a_red_flag_typed_at_the_time_question_opens_the_safety_check(
    bot: BotProcess, client: SandboxClient
) -> None:
    """Words that are no time but a red flag are heard, not refused as a time."""
    chat = await Chat(client, 5007).setup()
    await _at_the_time_question(chat)
    asked = await chat.say_one("my foot is swollen")
    assert asked["text"].startswith(texts.SAFETY_WORDS_HEARD)


async def test_a_red_flag_typed_at_the_zone_question_opens_the_safety_check(
    bot: BotProcess, client: SandboxClient
) -> None:
    """The same at the zone question, typed in Russian by an English-speaking person."""
    chat = await Chat(client, 5008).setup()
    await _at_the_time_question(chat)
    assert "couldn't read that as a time" in (await chat.say_one("soon"))["text"]
    replies = await chat.say("7pm", replies=2)
    assert "Where are you?" in replies[0]["text"]
    asked = await chat.say_one("у меня опухла нога")
    assert asked["text"].startswith(texts.SAFETY_WORDS_HEARD)
