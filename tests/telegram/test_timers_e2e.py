"""Sets, sides and timers end to end: the walkthrough runs the dose, and timers notify.

A timer is stored with the press that starts it and fired by the clock's tick, so these tests
move the fake clock past it and wait for the new message; a restart in between changes nothing
but the delay. The load test counts, at the sandbox server, the edits all countdowns make.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from bot.config import load_settings
from bot.domain.walkthrough import EventKind, Status
from bot.sandbox.client import SandboxClient
from bot.sandbox.server import SandboxServer
from bot.storage.models import Walkthrough, WalkthroughEvent
from bot.telegram import texts
from tests.conftest import TOKEN, BotProcess, FakeClock
from tests.telegram.chat import Chat, Message, buttons, labels


async def _open(chat: Chat, name: str) -> Message:
    card = await chat.say_one(name)
    await chat.tap(card, "Start")
    (step,) = await chat.wait_new(card["message_id"])
    return step


async def _tap(chat: Chat, message: Message, label: str, shows: str) -> Message:
    await chat.tap(message, label)
    return await chat.wait_edit(message["message_id"], shows)


async def _newest(chat: Chat) -> int:
    return max(m["message_id"] for m in await chat.transcript())


async def _kinds(bot: BotProcess) -> list[str]:
    async with bot.sessions() as session:
        rows = await session.scalars(select(WalkthroughEvent).order_by(WalkthroughEvent.id))
        return [row.kind for row in rows]


async def test_calf_raises_run_both_sets_with_a_rest_between(
    bot: BotProcess, client: SandboxClient
) -> None:
    chat = await Chat(client, 3001).setup()
    step = await _open(chat, "calf raises")
    assert "step 1 of 3" in step["text"] and "Set 1 of 2" in step["text"]
    step = await _tap(chat, step, "Next", "step 2 of 3")
    assert "Set 1 of 2" in step["text"] and "10 times" in step["text"]

    rest = await _tap(chat, step, "Next", "set 1 of 2 done")
    assert "Rest for 30 s" in rest["text"]
    assert labels(rest)[0] == texts.SKIP_REST_BUTTON
    before = await _newest(chat)
    bot.clock.advance(timedelta(seconds=31))
    (over,) = await chat.wait_new(before)
    assert "rest over" in over["text"] and "set 2 of 2" in over["text"]
    rest = await chat.wait_edit(rest["message_id"], "Ready for set 2 of 2")
    assert labels(rest)[0] == texts.start_set_button(2)

    step = await _tap(chat, rest, "Start set 2", "Set 2 of 2")
    assert "step 2 of 3" in step["text"] and "10 times" in step["text"]
    step = await _tap(chat, step, "Next", "step 3 of 3")
    assert "Done" in " ".join(labels(step))
    await _tap(chat, step, "Done", "How much discomfort")
    kinds = await _kinds(bot)
    assert kinds.count(EventKind.SET_DONE) == 1
    assert EventKind.TIMER_ENDED in kinds and EventKind.REST_ENDED in kinds


async def test_skip_rest_starts_the_next_set_and_its_timer_stays_quiet(
    bot: BotProcess, client: SandboxClient
) -> None:
    chat = await Chat(client, 3002).setup()
    step = await _open(chat, "calf raises")
    step = await _tap(chat, step, "Next", "step 2 of 3")
    rest = await _tap(chat, step, "Next", "Rest for 30 s")
    step = await _tap(chat, rest, "Skip rest", "Set 2 of 2")
    before = await _newest(chat)
    bot.clock.advance(timedelta(minutes=2))
    await asyncio.sleep(2.5)  # two timer ticks: the skipped rest has nothing to say
    assert await _newest(chat) == before
    assert "Set 2 of 2" in (await chat.message(step["message_id"]))["text"]


async def test_a_per_side_hold_runs_both_sides_and_each_end_is_a_new_message(
    bot: BotProcess, client: SandboxClient
) -> None:
    chat = await Chat(client, 3003).setup()
    step = await _open(chat, "single leg balance")
    step = await _tap(chat, step, "Next", "Right foot")
    step = await _tap(chat, step, "Next", "step 3 of 3")
    assert "Set 1 of 2 · Right foot" in step["text"]

    # after the left foot, set 2 follows at once (the feet alternate, no rest): right again
    for foot, then in (("Right foot", "Now the left foot"), ("Left foot", "Now the right foot")):
        assert foot in step["text"]
        await chat.tap(step, "Timer 30 s")
        step = await chat.wait_edit(step["message_id"], "Holding for 30 s")
        before = await _newest(chat)
        bot.clock.advance(timedelta(seconds=31))
        (end,) = await chat.wait_new(before)
        assert "30 s done" in end["text"] and then in end["text"]
        assert not buttons(end)  # a short note that notifies; the buttons stay on the screen
        step = await chat.wait_edit(step["message_id"], "Hold finished")
        if foot == "Right foot":
            step = await _tap(chat, step, "Next", "Left foot")
            step = await _tap(chat, step, "Next", "step 3 of 3")
    assert (await _kinds(bot)).count(EventKind.TIMER_ENDED) == 2


async def test_a_restart_during_a_hold_still_delivers_its_end(
    bot: BotProcess, client: SandboxClient
) -> None:
    chat = await Chat(client, 3004).setup()
    step = await _open(chat, "wall calf stretch")
    step = await _tap(chat, step, "Next", "step 2 of 3")
    await chat.tap(step, "Timer")
    await chat.wait_edit(step["message_id"], "Holding for 30 s")
    before = await _newest(chat)

    await bot.restart()
    bot.clock.advance(timedelta(minutes=3))  # down for a while: late rather than never

    (end,) = await chat.wait_new(before)
    assert "Wall calf stretch: 30 s done" in end["text"]
    step = await chat.wait_edit(step["message_id"], "Hold finished")
    step = await _tap(chat, step, "Next", "step 3 of 3")  # the buttons still work
    async with bot.sessions() as session:
        (row,) = await session.scalars(select(Walkthrough))
    assert (row.status, row.step, row.side) == (Status.ACTIVE, 2, 0)


# --- many people holding at once ---------------------------------------------------------------

PEOPLE = 300
EDIT_RATE = 40.0


@pytest.fixture
async def busy_bot(
    sandbox: SandboxServer, sqlite_url: str, clock: FakeClock
) -> AsyncIterator[BotProcess]:
    """Edits limited to EDIT_RATE a second, messages at the default send rate."""
    settings = load_settings(
        _env_file=None,
        TELEGRAM_API_URL=sandbox.url,
        DATABASE_URL=sqlite_url,
        TELEGRAM_BOT_TOKEN=TOKEN,
        TIMER_EDIT_RATE=EDIT_RATE,
    )
    process = BotProcess(settings, clock)
    await process.start()
    yield process
    await process.stop()


async def _press(client: SandboxClient, user_id: int, message_id: int, data: str) -> Message:
    """One press, answered once the bot has edited the pressed message."""
    body = {"user_id": user_id, "message_id": message_id, "callback_data": data, "wait": 10}
    async with client.session.post(f"{client.base_url}/sandbox/press", json=body) as response:
        result: dict[str, Any] = await response.json()
    message = result["message"]
    assert isinstance(message, dict)
    return message


async def _start_holding(client: SandboxClient, user_id: int, gate: asyncio.Semaphore) -> None:
    async with gate:
        chat = await Chat(client, user_id).setup()
        await client.send_text(user_id, "toe extensor stretch")
        card = await _next_from_bot(chat, 1)
        await chat.tap(card, "Start")
        step = await _next_from_bot(chat, card["message_id"])
        step = await _press(client, user_id, step["message_id"], dict(buttons(step))["Next ➡️"])
        timer = next(data for label, data in buttons(step) if "Timer" in label)
        step = await _press(client, user_id, step["message_id"], timer)
        assert "Holding for 30 s" in step["text"]


async def _next_from_bot(chat: Chat, after: int) -> Message:
    """The bot's first message after `after`, with time to spare for a busy bot."""

    def new(transcript: list[Message]) -> Message | None:
        return next((m for m in transcript if m["from_bot"] and m["message_id"] > after), None)

    found: Message = await chat.wait_for(new, "the bot's answer", seconds=60)
    return found


def _busiest_second(times: list[float]) -> int:
    times = sorted(times)
    most, start = 0, 0
    for end, at in enumerate(times):
        while at - times[start] >= 1.0:
            start += 1
        most = max(most, end - start + 1)
    return most


async def test_three_hundred_people_holding_stay_within_the_edit_limiter(
    busy_bot: BotProcess, client: SandboxClient
) -> None:
    gate = asyncio.Semaphore(25)
    await asyncio.gather(*(_start_holding(client, 5000 + n, gate) for n in range(PEOPLE)))
    await client.clear_calls()  # from here on, only the clock edits and sends

    busy_bot.clock.advance(timedelta(seconds=12))  # every countdown has something new to show
    await asyncio.sleep(6.5)  # each countdown's first edit comes 5 s after its start, at most
    busy_bot.clock.advance(timedelta(seconds=20))  # and now every hold is over

    async def all_ends_sent() -> bool:
        sent = [c for c in await client.calls("sendMessage") if "s done" in c["params"]["text"]]
        return len(sent) >= PEOPLE

    deadline = asyncio.get_running_loop().time() + 60
    while not await all_ends_sent():
        assert asyncio.get_running_loop().time() < deadline, "not every hold's end was sent"
        await asyncio.sleep(0.2)
    deadline = asyncio.get_running_loop().time() + 60
    while True:
        edits = await client.calls("editMessageText")
        finished = [e for e in edits if "Hold finished" in e["params"]["text"]]
        if len(finished) >= PEOPLE:
            break
        assert asyncio.get_running_loop().time() < deadline, f"{len(finished)} ends shown"
        await asyncio.sleep(0.2)

    countdown = [e for e in edits if "left." in e["params"]["text"]]
    assert 0 < len(countdown) < PEOPLE  # some countdowns moved; under load, most only start/end
    assert _busiest_second([e["time"] for e in edits]) <= EDIT_RATE + 1
    print(
        f"\n{PEOPLE} holds: {len(countdown)} countdown edits, {len(finished)} end edits, "
        f"busiest second {_busiest_second([e['time'] for e in edits])} edits "
        f"(limit {EDIT_RATE:.0f}/s)"
    )
