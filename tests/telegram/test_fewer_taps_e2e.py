"""Fewer taps, end to end through the sandbox (issue 10, the second round).

- A hold starts by itself after a short "get ready" when its step arrives, with "Start now"
  for people who are ready; the Timer button is left only where the timer is a choice (a step
  come back to with Back).
- The last step carries the rating: one press finishes the exercise and records how it felt,
  and a severe score still stops, as the discomfort policy says.
- The second foot's run of counted steps is one screen: the first foot learned them one by one.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlalchemy import select

from bot.domain.walkthrough import EventKind, Status
from bot.sandbox.client import SandboxClient
from bot.storage.models import Walkthrough, WalkthroughEvent
from bot.telegram import texts
from tests.conftest import BotProcess
from tests.telegram.chat import Chat, Message, buttons, labels


async def _open(chat: Chat, name: str) -> Message:
    card = await chat.say_one(name)
    await chat.tap(card, "Start")
    (step,) = await chat.wait_new(card["message_id"])
    return step


async def _tap(chat: Chat, message: Message, label: str, shows: str) -> Message:
    await chat.tap(message, label)
    return await chat.wait_edit(message["message_id"], shows)


async def _row(bot: BotProcess) -> Walkthrough:
    async with bot.sessions() as session:
        (row,) = await session.scalars(select(Walkthrough))
        return row


async def _newest(chat: Chat) -> int:
    return max(m["message_id"] for m in await chat.transcript())


async def test_a_hold_starts_by_itself_after_the_get_ready_and_ends_with_a_message(
    bot: BotProcess, client: SandboxClient
) -> None:
    chat = await Chat(client, 9101).setup()
    step = await _open(chat, "wall calf stretch")
    step = await _tap(chat, step, "Next", "step 2 of 3")
    # no Timer to tap: the first hold of the exercise gets 10 s to get into position
    assert "Get into position: the 30 s hold starts in 10 s" in step["text"]
    assert not any("Timer" in label for label in labels(step))
    assert texts.HOLD_NOW_BUTTON in labels(step) and texts.STOP_BUTTON in labels(step)

    # nobody taps anything: 10 s of "get ready" and the 30 s hold end by themselves
    before = await _newest(chat)
    bot.clock.advance(timedelta(seconds=39))
    await asyncio.sleep(1.5)  # a timer tick or more: 1 s of the hold is still to go
    assert await _newest(chat) == before
    bot.clock.advance(timedelta(seconds=2))
    (end,) = await chat.wait_new(before)
    assert "30 s done" in end["text"] and "Left foot" in end["text"]
    # the other foot's hold gets the shorter lead between sides
    assert "the 30 s hold starts in 5 s" in end["text"]


async def test_start_now_skips_the_wait_and_back_leaves_the_timer_a_choice(
    bot: BotProcess, client: SandboxClient
) -> None:
    chat = await Chat(client, 9102).setup()
    step = await _open(chat, "wall calf stretch")
    step = await _tap(chat, step, "Next", "starts in 10 s")
    step = await _tap(chat, step, "Start now", "Holding for 30 s")
    assert texts.HOLD_NOW_BUTTON not in labels(step)
    before = await _newest(chat)
    bot.clock.advance(timedelta(seconds=31))  # 30 s from the press, not 40
    (end,) = await chat.wait_new(before)
    assert "30 s done" in end["text"]

    # Back to a hold is a choice: the step is shown as it is, with its timer button
    step = await _tap(chat, end, "Back", "step 1 of 3")
    step = await _tap(chat, step, "Back", "step 3 of 3")
    assert "Right foot" in step["text"]
    step = await _tap(chat, step, "Back", "step 2 of 3")
    assert "Get into position" not in step["text"] and "Holding" not in step["text"]
    assert "⏱ Timer 30 s" in labels(step) and texts.HOLD_NOW_BUTTON not in labels(step)
    before = await _newest(chat)
    bot.clock.advance(timedelta(minutes=2))
    await asyncio.sleep(2.5)  # two timer ticks: nothing started, so nothing ends
    assert await _newest(chat) == before


async def test_start_now_pressed_once_the_hold_counts_does_not_restart_it(
    bot: BotProcess, client: SandboxClient
) -> None:
    chat = await Chat(client, 9103).setup()
    step = await _open(chat, "wall calf stretch")
    step = await _tap(chat, step, "Next", "starts in 10 s")
    version = (await _row(bot)).version
    bot.clock.advance(timedelta(seconds=22))  # the lead is over, 18 s of the hold are left
    start_now = dict(buttons(step))[texts.HOLD_NOW_BUTTON]
    await chat.press_data(step["message_id"], start_now, forge=True)  # an edit that never came
    shown = await chat.wait_edit(step["message_id"], "Holding… 18 s left")
    assert texts.HOLD_NOW_BUTTON not in labels(shown)
    assert (await _row(bot)).version == version  # nothing moved, nothing restarted


async def test_the_last_step_rates_in_one_press_and_a_severe_score_still_stops(
    bot: BotProcess, client: SandboxClient
) -> None:
    chat = await Chat(client, 9104).setup()
    step = await _open(chat, "marble pick-up")
    while "step 3 of 3" not in step["text"]:
        step = await _tap(chat, step, "Next", "step")
    assert "how much discomfort you felt" in step["text"]
    shown = labels(step)
    assert texts.DONE_FINE_BUTTON in shown and "🔴 7" in shown and "10" in shown
    assert "Next ➡️" not in shown and texts.DONE_BUTTON not in shown
    answer = await _tap(chat, step, "8", "8/10")
    assert "stop" in answer["text"].lower() and "doctor or physiotherapist" in answer["text"]
    assert "How much discomfort" not in answer["text"]  # no second question
    row = await _row(bot)
    assert (row.status, row.discomfort) == (Status.COMPLETED, 8)
    async with bot.sessions() as session:
        events = await session.scalars(select(WalkthroughEvent).order_by(WalkthroughEvent.id))
        kinds = [event.kind for event in events]
    assert kinds[-3:] == [EventKind.DONE_STEP, EventKind.FINISHED, EventKind.DISCOMFORT]


async def test_the_second_foot_does_the_counted_run_on_one_screen(
    bot: BotProcess, client: SandboxClient
) -> None:
    chat = await Chat(client, 9105).setup()
    step = await _open(chat, "big toe mobility")
    assert "step 1 of 3" in step["text"] and "Right foot" in step["text"]
    step = await _tap(chat, step, "Next", "step 2 of 3")
    step = await _tap(chat, step, "Next", "step 3 of 3")
    # the left foot: all three steps on one screen, each with its count; the last screen,
    # so it carries the rating
    step = await _tap(chat, step, "Next", "Left foot")
    assert "step 1-3 of 3" in step["text"]
    assert "Sit on a chair" in step["text"] and "Lift only the big toe" in step["text"]
    assert step["text"].count("10 times") == 2
    assert texts.DONE_FINE_BUTTON in labels(step)
    # Back goes to the right foot's last step, and Next returns to the one screen
    step = await _tap(chat, step, "Back", "Right foot")
    assert "step 3 of 3" in step["text"]
    step = await _tap(chat, step, "Next", "step 1-3 of 3")
    await _tap(chat, step, texts.DONE_FINE_BUTTON, "discomfort 0/10")
    row = await _row(bot)
    assert (row.status, row.discomfort, row.side) == (Status.COMPLETED, 0, 1)
