"""A person walks through an exercise, end to end over HTTP against the local server."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bot.domain.walkthrough import EventKind, Status
from bot.sandbox.client import SandboxClient
from bot.storage.models import Walkthrough, WalkthroughEvent
from bot.telegram import texts
from tests.conftest import BotProcess
from tests.telegram.chat import Chat, Message, buttons, labels

EXERCISE = "toe_extensor_stretch"
"""Three steps, each per side (the second holds for 30 s with a timer), in two sets: twelve
screens, from "Set 1 of 2 · Right foot" to "Set 2 of 2 · Left foot"."""


async def _open_walkthrough(chat: Chat) -> Message:
    card = await chat.say_one("toe extensor stretch")
    assert "Toe extensor stretch" in card["text"]
    before = card["message_id"]
    await chat.tap(card, "Start")
    (step,) = await chat.wait_new(before)
    assert "step 1 of 3" in step["text"]
    assert "Set 1 of 2 · Right foot" in step["text"]
    return step


async def _walkthrough_rows(bot: BotProcess) -> list[Walkthrough]:
    async with bot.sessions() as session:
        return list(await session.scalars(select(Walkthrough)))


async def _events(bot: BotProcess) -> list[tuple[str, int, int | None]]:
    async with bot.sessions() as session:
        rows = await session.scalars(select(WalkthroughEvent).order_by(WalkthroughEvent.id))
        return [(row.kind, row.step, row.value) for row in rows]


async def _tap_and_wait(chat: Chat, message: Message, label: str, shows: str) -> Message:
    await chat.tap(message, label)
    return await chat.wait_edit(message["message_id"], shows)


async def test_full_walkthrough_with_timer_back_skip_and_discomfort(
    bot: BotProcess, client: SandboxClient
) -> None:
    chat = await Chat(client, 1001).setup()
    step = await _open_walkthrough(chat)
    assert "Back" not in " ".join(labels(step))

    step = await _tap_and_wait(chat, step, "Next", "step 2 of 3")
    step = await _tap_and_wait(chat, step, "Back", "step 1 of 3")
    step = await _tap_and_wait(chat, step, "Next", "step 2 of 3")

    # Step 2 holds for 30 s: it starts by itself after a "get ready" (the timer is stored, and
    # fires once the clock has passed it); "Start now" cuts the wait short.
    assert "the 30 s hold starts in 10 s" in step["text"]
    assert not any("Timer" in label for label in labels(step))
    answer = await chat.tap(step, "Start now")
    assert answer["text"] == texts.TIMER_STARTED
    step = await chat.wait_edit(step["message_id"], "Holding for 30 s")
    before = max(m["message_id"] for m in await chat.transcript())
    bot.clock.advance(timedelta(seconds=31))
    # its end is the left foot's hold, as a new message: out of the stretch and into position
    # on the other foot are said on the way, and the hold counts by itself
    (left,) = await chat.wait_new(before)
    assert "30 s done" in left["text"] and "Set 1 of 2 · Left foot" in left["text"]
    assert "step 2 of 3" in left["text"] and "the 30 s hold starts in 5 s" in left["text"]
    assert "Start now" in " ".join(labels(left))
    old = await chat.wait_edit(step["message_id"], "Hold finished")
    assert not old.get("reply_markup")
    step = left

    step = await _tap_and_wait(chat, step, "Skip", "step 3 of 3")  # no need to wait for it
    assert "Set 1 of 2 · Left foot" in step["text"]
    step = await _tap_and_wait(chat, step, "Next", "Set 2 of 2 · Right foot")
    for shown in ("step 2 of 3", "step 3 of 3", "Set 2 of 2 · Left foot", "step 2 of 3"):
        step = await _tap_and_wait(chat, step, "Next", shown)
    step = await _tap_and_wait(chat, step, "Next", "step 3 of 3")
    # the last step carries the rating: one press finishes the exercise and records it
    assert "Next" not in " ".join(labels(step)) and "✅ Done" not in labels(step)
    assert "Done, no discomfort" in " ".join(labels(step)) and "how much discomfort" in step["text"]
    answer = await chat.tap(step, "3")
    assert answer["text"] == texts.RECORDED
    reply = await chat.wait_edit(step["message_id"], "recorded discomfort 3/10")
    assert "Mild discomfort" in reply["text"]

    (row,) = await _walkthrough_rows(bot)
    assert (row.status, row.discomfort, row.exercise_id) == (Status.COMPLETED, 3, EXERCISE)
    assert (row.set_index, row.set_count, row.side) == (1, 2, 1)
    assert row.finished_at is not None
    assert await _events(bot) == [
        (EventKind.STARTED, 0, None),
        (EventKind.DONE_STEP, 0, None),
        (EventKind.BACK, 1, None),
        (EventKind.DONE_STEP, 0, None),
        (EventKind.TIMER_STARTED, 1, None),
        (EventKind.TIMER_ENDED, 1, None),
        (EventKind.DONE_STEP, 1, None),
        (EventKind.DONE_STEP, 2, None),
        (EventKind.DONE_STEP, 0, None),
        (EventKind.SKIPPED, 1, None),
        (EventKind.DONE_STEP, 2, None),
        (EventKind.SET_DONE, 2, None),
        (EventKind.DONE_STEP, 0, None),
        (EventKind.DONE_STEP, 1, None),
        (EventKind.DONE_STEP, 2, None),
        (EventKind.DONE_STEP, 0, None),
        (EventKind.DONE_STEP, 1, None),
        (EventKind.DONE_STEP, 2, None),
        (EventKind.FINISHED, 2, None),
        (EventKind.DISCOMFORT, 2, 3),
    ]


async def test_severe_discomfort_gets_stop_and_see_a_clinician_guidance(
    bot: BotProcess, client: SandboxClient
) -> None:
    chat = await Chat(client, 1002).setup()
    step = await _open_walkthrough(chat)
    for shown in ("step 2 of 3", "step 3 of 3", "Left foot", "step 2 of 3", "step 3 of 3"):
        step = await _tap_and_wait(chat, step, "Skip", shown)
    step = await _tap_and_wait(chat, step, "Skip", "Set 2 of 2")
    for shown in ("step 2 of 3", "step 3 of 3", "Left foot", "step 2 of 3", "step 3 of 3"):
        step = await _tap_and_wait(chat, step, "Skip", shown)
    question = await _tap_and_wait(chat, step, "Skip", "How much discomfort")
    await chat.tap(question, "8")
    reply = await chat.wait_edit(step["message_id"], "8/10")
    assert "stop" in reply["text"].lower()
    assert "doctor or physiotherapist" in reply["text"]


async def test_stop_asks_why_then_ends_the_walkthrough_and_its_buttons(
    bot: BotProcess, client: SandboxClient
) -> None:
    chat = await Chat(client, 1003).setup()
    step = await _open_walkthrough(chat)
    next_data = dict(buttons(step))["Next ➡️"]
    question = await _tap_and_wait(chat, step, "Stop", "why stop?")
    assert labels(question) == [*texts.SKIP_REASON_LABELS.values(), texts.BACK_BUTTON]
    back = await _tap_and_wait(chat, question, texts.BACK_BUTTON, "step 1 of 3")
    question = await _tap_and_wait(chat, back, "Stop", "why stop?")
    stopped = await _tap_and_wait(chat, question, "No time", "stopped")
    assert texts.HURTS_ADVICE not in stopped["text"]
    answer = await chat.press_data(step["message_id"], next_data, forge=True)
    assert answer["text"] == texts.BUTTON_ENDED
    (row,) = await _walkthrough_rows(bot)
    assert (row.status, row.skip_reason) == (Status.SKIPPED, "no_time")


async def test_restart_mid_walkthrough_keeps_the_buttons_working(
    bot: BotProcess, client: SandboxClient
) -> None:
    chat = await Chat(client, 1004).setup()
    step = await _open_walkthrough(chat)
    step = await _tap_and_wait(chat, step, "Next", "step 2 of 3")

    await bot.restart()
    bot.clock.advance(timedelta(hours=3))

    step = await _tap_and_wait(chat, step, "Next", "step 3 of 3")
    step = await _tap_and_wait(chat, step, "Back", "step 2 of 3")
    (row,) = await _walkthrough_rows(bot)
    assert (row.step, row.version) == (1, 3)


async def test_forged_stale_and_garbage_buttons_change_nothing(
    bot: BotProcess, client: SandboxClient
) -> None:
    owner = await Chat(client, 1005).setup()
    step = await _open_walkthrough(owner)
    stale_next = dict(buttons(step))["Next ➡️"]
    step = await _tap_and_wait(owner, step, "Next", "step 2 of 3")
    (before,) = await _walkthrough_rows(bot)
    events_before = await _events(bot)
    walkthrough_id = before.id

    cases = {
        # an out-of-date button on the screen: no move, the current screen shown again there
        stale_next: "",
        f"v1:w:{walkthrough_id}:9:n": "",  # a version never shown
        f"v1:w:{walkthrough_id}:1:r:3": texts.BUTTON_STALE,  # rating while on the steps
        "v1:w:999999:0:n": texts.BUTTON_UNKNOWN,  # no such walkthrough
        "garbage": texts.BUTTON_UNKNOWN,
        "v1:w:1:0:n:1:2:3": texts.BUTTON_UNKNOWN,
        "v9:anything": texts.BUTTON_UNKNOWN,
        "v1:go:not_an_exercise": texts.EXERCISE_GONE,
    }
    for data, expected in cases.items():
        answer = await owner.press_data(step["message_id"], data, forge=True)
        assert (answer.get("text") or "") == expected, data

    # Someone else pressing a real, current button of this walkthrough.
    current_next = dict(buttons(await owner.message(step["message_id"])))["Next ➡️"]
    stranger = await Chat(client, 2005, "Eve").setup()
    pressed = await client.press(
        stranger.user_id,
        step["message_id"],
        callback_data=current_next,
        chat_id=owner.user_id,
        forge=True,
    )
    answer = await client.wait_for_callback_answer(pressed["callback_query_id"])
    assert answer["text"] == texts.BUTTON_NOT_YOURS

    (after,) = await _walkthrough_rows(bot)
    assert (after.step, after.version, after.status) == (before.step, before.version, before.status)
    assert await _events(bot) == events_before
    assert "step 2 of 3" in (await owner.message(step["message_id"]))["text"]
    assert [m for m in await owner.bot_messages() if m["message_id"] > step["message_id"]] == []


async def test_identical_presses_at_the_same_moment_move_once(
    bot: BotProcess, client: SandboxClient
) -> None:
    import asyncio

    chat = await Chat(client, 1006).setup()
    step = await _open_walkthrough(chat)
    data = dict(buttons(step))["Next ➡️"]
    answers = await asyncio.gather(*(chat.press_data(step["message_id"], data) for _ in range(3)))
    # the first moves; the others find the screen out of date (shown again in place) or lose
    # the compare-and-set to the first
    assert {a.get("text") or "" for a in answers} <= {"", texts.BUTTON_STALE}
    await chat.wait_edit(step["message_id"], "step 2 of 3")
    await asyncio.sleep(0.3)
    (row,) = await _walkthrough_rows(bot)
    assert (row.step, row.version) == (1, 1)
    assert [m for m in await chat.bot_messages() if m["message_id"] > step["message_id"]] == []
    assert "step 2 of 3" in (await chat.message(step["message_id"]))["text"]
