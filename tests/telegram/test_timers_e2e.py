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


async def _row(bot: BotProcess) -> Walkthrough:
    async with bot.sessions() as session:
        (row,) = await session.scalars(select(Walkthrough))
        return row


async def _ends(bot: BotProcess, chat: Chat, seconds: int) -> Message:
    """Move the clock past a timer and return the new message its end brings."""
    before = await _newest(chat)
    bot.clock.advance(timedelta(seconds=seconds))
    (new,) = await chat.wait_new(before)
    return new


async def test_calf_raises_run_both_sets_and_the_rest_end_brings_set_2_by_itself(
    bot: BotProcess, client: SandboxClient
) -> None:
    chat = await Chat(client, 3001).setup()
    step = await _open(chat, "calf raises")
    assert "step 1 of 3" in step["text"] and "Set 1 of 2" in step["text"]
    step = await _tap(chat, step, "Next", "step 2 of 3")
    assert "Set 1 of 2" in step["text"] and "10 times" in step["text"]

    # finishing the set starts the rest by itself
    rest = await _tap(chat, step, "Next", "set 1 of 2 done")
    assert "Rest for 30 s" in rest["text"]
    assert labels(rest)[0] == texts.SKIP_REST_BUTTON

    # the rest's end is the next set's screen, as a new message with its buttons
    step = await _ends(bot, chat, 31)
    assert "Rest over" in step["text"] and "Set 2 of 2" in step["text"]
    assert "step 2 of 3" in step["text"] and "10 times" in step["text"]
    assert "Next ➡️" in labels(step)
    old = await chat.wait_edit(rest["message_id"], "Rest over")
    assert not buttons(old)  # no dead buttons on the screen it replaced
    assert (await _row(bot)).message_id == step["message_id"]

    step = await _tap(chat, step, "Next", "step 3 of 3")
    # the last step carries the rating: no separate Done, then a question
    assert "✅ Done" not in labels(step) and "Next ➡️" not in labels(step)
    await _tap(chat, step, texts.DONE_FINE_BUTTON, "discomfort 0/10")
    kinds = await _kinds(bot)
    assert kinds.count(EventKind.SET_DONE) == 1 and kinds.count(EventKind.REST_ENDED) == 1


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


async def test_a_per_side_hold_end_brings_the_other_foot_and_its_hold_runs_by_itself(
    bot: BotProcess, client: SandboxClient
) -> None:
    chat = await Chat(client, 3003).setup()
    step = await _open(chat, "single leg balance")
    step = await _tap(chat, step, "Next", "Right foot")
    step = await _tap(chat, step, "Next", "step 3 of 3")
    assert "Set 1 of 2 · Right foot" in step["text"]
    # the hold's step arrived: it starts by itself after the first hold's "get ready"
    assert "the 30 s hold starts in 10 s" in step["text"]
    assert not any("Timer" in label for label in labels(step))
    await chat.tap(step, "Start now")
    step = await chat.wait_edit(step["message_id"], "Holding for 30 s")
    assert not any("Start now" in label for label in labels(step))  # it is running already
    assert texts.STOP_BUTTON in labels(step)

    # each end is the next foot's screen, as a new message; its hold starts by itself
    feet = (
        ("Set 1 of 2 · Left foot", "Now the left foot."),
        ("Set 2 of 2 · Right foot", "Now set 2 of 2, right foot."),
        ("Set 2 of 2 · Left foot", "Now the left foot."),
    )
    for foot, said in feet:
        new = await _ends(bot, chat, 36)
        assert "30 s done" in new["text"] and foot in new["text"] and "step 3 of 3" in new["text"]
        assert said in new["text"]
        assert "the 30 s hold starts in 5 s" in new["text"]
        assert texts.STOP_BUTTON in labels(new)  # the person can always stop
        assert not any("Timer" in label for label in labels(new))
        old = await chat.wait_edit(step["message_id"], "Hold finished")
        assert not buttons(old)
        step = new

    # the last hold's end stays on the last screen, where the rating is one tap
    last = await _ends(bot, chat, 36)
    assert "30 s done" in last["text"] and "Hold finished" in last["text"]
    assert texts.DONE_FINE_BUTTON in labels(last)
    await chat.wait_edit(step["message_id"], "Hold finished")
    await _tap(chat, last, texts.DONE_FINE_BUTTON, "discomfort 0/10")
    row = await _row(bot)
    assert (row.status, row.discomfort) == (Status.COMPLETED, 0)
    assert (await _kinds(bot)).count(EventKind.TIMER_ENDED) == 4


async def test_a_press_on_the_old_screen_after_an_auto_advance_changes_nothing(
    bot: BotProcess, client: SandboxClient
) -> None:
    chat = await Chat(client, 3005).setup()
    step = await _open(chat, "wall calf stretch")
    step = await _tap(chat, step, "Next", "step 2 of 3")
    next_data = dict(buttons(step))["Next ➡️"]
    await chat.tap(step, "Start now")
    step = await chat.wait_edit(step["message_id"], "Holding for 30 s")
    old_next = dict(buttons(step))["Next ➡️"]
    new = await _ends(bot, chat, 31)
    assert "Left foot" in new["text"] and "the 30 s hold starts in 5 s" in new["text"]
    await chat.wait_edit(step["message_id"], "Hold finished")
    moved = await _row(bot)

    # a stale client presses the old screen's buttons (both versions): nothing moves; the
    # person gets the screen as it stands, the hold in progress, and it goes on counting
    for data in (next_data, old_next):
        before = await _newest(chat)
        await chat.press_data(step["message_id"], data, forge=True)
        (shown,) = await chat.wait_new(before)
        assert "Left foot" in shown["text"] and "the 30 s hold starts in 5 s" in shown["text"]
        assert not any("Timer" in label for label in labels(shown))
        row = await _row(bot)
        assert (row.version, row.step, row.side, row.set_index) == (
            moved.version,
            moved.step,
            moved.side,
            moved.set_index,
        )
        assert row.message_id == shown["message_id"]

    # the left foot's hold still ends, on the screen the person has now
    end = await _ends(bot, chat, 36)
    assert "30 s done" in end["text"] and "Set 2 of 3 · Right foot" in end["text"]
    assert not buttons(await chat.wait_edit(shown["message_id"], "Hold finished"))


async def test_a_double_tap_during_a_hold_shows_the_hold_still_running(
    bot: BotProcess, client: SandboxClient
) -> None:
    chat = await Chat(client, 3006).setup()
    step = await _open(chat, "wall calf stretch")
    step = await _tap(chat, step, "Next", "step 2 of 3")
    next_before_timer = dict(buttons(step))["Next ➡️"]
    await chat.tap(step, "Start now")
    await chat.wait_edit(step["message_id"], "Holding for 30 s")
    version = (await _row(bot)).version
    bot.clock.advance(timedelta(seconds=12))

    # a second tap that raced the timer's: the screen is shown again as it stands, the hold
    # counting (not the plain step with its timer button), and nothing moves
    await chat.press_data(step["message_id"], next_before_timer, forge=True)
    shown = await chat.wait_edit(step["message_id"], "Holding… 18 s left")
    assert not any("Timer" in label for label in labels(shown))
    assert (await _row(bot)).version == version


async def test_a_restart_during_a_hold_still_delivers_its_end(
    bot: BotProcess, client: SandboxClient
) -> None:
    chat = await Chat(client, 3004).setup()
    step = await _open(chat, "wall calf stretch")
    step = await _tap(chat, step, "Next", "step 2 of 3")
    await chat.tap(step, "Start now")
    await chat.wait_edit(step["message_id"], "Holding for 30 s")
    before = await _newest(chat)

    await bot.restart()
    bot.clock.advance(timedelta(minutes=3))  # down for a while: late rather than never

    (end,) = await chat.wait_new(before)
    assert "30 s done" in end["text"] and "Wall calf stretch" in end["text"]
    assert "Left foot" in end["text"]
    await chat.wait_edit(step["message_id"], "Hold finished")
    step = await _tap(chat, end, "Next", "step 3 of 3")  # the buttons still work
    row = await _row(bot)
    assert (row.status, row.step, row.side) == (Status.ACTIVE, 2, 1)


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
    """One press, answered once the bot has edited the pressed message (the server waits,
    returning as soon as it is edited: a long limit costs nothing but spares a loaded run)."""
    body = {"user_id": user_id, "message_id": message_id, "callback_data": data, "wait": 60}
    async with client.session.post(f"{client.base_url}/sandbox/press", json=body) as response:
        result: dict[str, Any] = await response.json()
    message = result["message"]
    assert isinstance(message, dict)
    return message


async def _start_holding(client: SandboxClient, user_id: int, gate: asyncio.Semaphore) -> None:
    async with gate:
        await client.create_user(user_id, "Ada")
        sent = await client.send_text(user_id, "toe extensor stretch")
        card = await _next_from_bot(client, user_id, sent["message"]["message_id"])
        start = next(data for label, data in buttons(card) if "Start" in label)
        pressed = await client.press(user_id, card["message_id"], callback_data=start)
        step = await _next_from_bot(client, user_id, card["message_id"])
        # 300 people at once on a loaded machine: the answer may take longer than Chat's 5 s.
        await client.wait_for_callback_answer(pressed["callback_query_id"], timeout=60)
        step = await _press(client, user_id, step["message_id"], dict(buttons(step))["Next ➡️"])
        timer = next(data for label, data in buttons(step) if "Start now" in label)
        step = await _press(client, user_id, step["message_id"], timer)
        assert "Holding for 30 s" in step["text"]


async def _next_from_bot(client: SandboxClient, user_id: int, after: int) -> Message:
    """The bot's first message after `after`, with time to spare for a busy bot.

    It looks every 0.1 s, at the messages after `after` only: 25 people polling the whole
    transcript every 10 ms (Chat.wait_for) cost the shared event loop more than the bot's work.
    """
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 60
    while True:
        found = [m for m in await client.transcript(user_id, after=after) if m["from_bot"]]
        if found:
            return found[0]
        assert loop.time() < deadline, f"no answer after message {after} to {user_id}"
        await asyncio.sleep(0.1)


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
