"""The operator's commands over real HTTP: who sees them, the figures, a broadcast's life.

Non-operators typing /admin or pressing forged admin buttons get exactly the answers anyone
gets for an unknown command or a forged button, and nothing in the database changes.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select
from telegram.ext import CallbackContext

from bot.sandbox.client import SandboxClient
from bot.sandbox.server import SandboxServer
from bot.storage.models import Broadcast, Delivery, User
from bot.telegram import admin, texts
from tests.conftest import BotProcess, FakeClock, make_settings
from tests.storage.subscribers import subscribe
from tests.telegram.chat import Chat, buttons, labels

OPERATOR = 9001
STRANGER = 9002


@pytest.fixture
async def bot(
    sandbox: SandboxServer, sqlite_url: str, clock: FakeClock
) -> AsyncIterator[BotProcess]:
    settings = make_settings(sandbox.url, sqlite_url).model_copy(
        update={"admin_ids_text": f"{OPERATOR}, 1"}
    )
    process = BotProcess(settings, clock)
    await process.start()
    yield process
    await process.stop()


async def tick(bot: BotProcess) -> None:
    """One run of the broadcast job, in the test's own task so failures surface here."""
    assert bot.app is not None
    await admin.broadcast_tick(CallbackContext(bot.app))


async def rows(bot: BotProcess) -> dict[str, int]:
    async with bot.sessions() as session:
        return {
            model.__tablename__: int(
                await session.scalar(select(func.count()).select_from(model)) or 0
            )
            for model in (Broadcast, Delivery, User)
        }


async def people(bot: BotProcess, client: SandboxClient, ids: range) -> list[Chat]:
    chats = []
    for user_id in ids:
        chats.append(await Chat(client, user_id, f"P{user_id}").setup())
        await subscribe(bot.sessions, user_id, bot.clock.now, first_name=f"P{user_id}")
    return chats


async def test_a_stranger_typing_admin_learns_nothing(
    bot: BotProcess, client: SandboxClient
) -> None:
    stranger = await Chat(client, STRANGER).setup()
    before = await rows(bot)
    for command in ("/admin", "/admin broadcast Hello everyone", "/admin@footbot"):
        reply = await stranger.say_one(command)
        assert reply["text"] == texts.UNKNOWN_COMMAND
        assert reply.get("reply_markup") is None
    unknown = await stranger.say_one("/frobnicate")
    assert unknown["text"] == texts.UNKNOWN_COMMAND
    # The next text is an exercise name as ever, not a broadcast.
    card = await stranger.say_one("calf raises")
    assert "Calf raises" in card["text"]
    assert await rows(bot) == before


async def test_nothing_lists_the_admin_commands(bot: BotProcess, client: SandboxClient) -> None:
    stranger = await Chat(client, STRANGER).setup()
    help_text = (await stranger.say_one("/help"))["text"]
    assert "admin" not in help_text.lower()
    for scope in await client.commands():
        assert all(command["command"] != "admin" for command in scope["commands"])


async def test_forged_admin_buttons_from_a_stranger_change_nothing(
    bot: BotProcess, client: SandboxClient
) -> None:
    operator = await Chat(client, OPERATOR, "Op").setup()
    await people(bot, client, range(9100, 9103))
    preview = await operator.say_one("/admin broadcast Clinic closed on Friday")
    (send_data,) = [data for label, data in buttons(preview) if label == texts.ADMIN_BROADCAST_SEND]
    stranger = await Chat(client, STRANGER).setup()
    own = await stranger.say_one("/help")
    before = await rows(bot)
    garbage = await stranger.press_data(own["message_id"], "v1:c:zzz:x", forge=True)
    forged = [
        send_data,
        send_data.replace("go.", "no."),
        "v1:c:adm:def.subscribers",
        "v1:c:adm:go.1",
    ]
    for data in forged:
        answer = await stranger.press_data(own["message_id"], data, forge=True)
        assert answer.get("text") == garbage.get("text") == texts.BUTTON_UNKNOWN
        assert not answer.get("show_alert")
    assert await rows(bot) == before
    async with bot.sessions() as session:
        states = (await session.scalars(select(Broadcast.state))).all()
    assert states == ["draft"]
    assert len(await stranger.bot_messages()) == 1  # only the answer to /help


async def test_the_operator_sees_the_figures_and_their_definitions(
    bot: BotProcess, client: SandboxClient
) -> None:
    await people(bot, client, range(9100, 9103))
    operator = await Chat(client, OPERATOR, "Op").setup()
    overview = await operator.say_one("/admin")
    assert "Subscribers: 3 active, 0 paused, 0 stopped, 0 blocked" in overview["text"]
    assert labels(overview) == [label for label, _ in texts.ADMIN_FIGURES.values()]
    answer = await operator.tap(overview, "Late, 24 h")
    assert answer["text"] == texts.ADMIN_FIGURES["late"][1]
    assert answer.get("show_alert") is True


async def test_a_broadcast_from_the_next_message_with_progress_and_counts(
    bot: BotProcess, client: SandboxClient
) -> None:
    chats = await people(bot, client, range(9100, 9106))
    await client.block(9104)
    await client.block(9105)
    operator = await Chat(client, OPERATOR, "Op").setup()
    ask = await operator.say_one("/admin broadcast")
    assert ask["text"] == texts.ADMIN_BROADCAST_ASK
    preview = await operator.say_one("New <b>exercise</b> today & more")
    assert "6 active subscribers" in preview["text"]
    assert preview["text"].endswith("New <b>exercise</b> today & more")  # escaped: shown as typed
    (send_data,) = [data for label, data in buttons(preview) if label == texts.ADMIN_BROADCAST_SEND]
    await operator.tap(preview, texts.ADMIN_BROADCAST_SEND)
    await operator.wait_edit(preview["message_id"], texts.broadcast_progress(0, 6))
    # A second press (another device, an old copy of the screen) is stale.
    again = await operator.press_data(preview["message_id"], send_data, forge=True)
    assert again["text"] == texts.BUTTON_STALE

    await tick(bot)
    final = texts.broadcast_finished(4, 2, 0, 0)
    await operator.wait_edit(preview["message_id"], final)
    assert (await operator.bot_messages())[-1]["text"] == final
    for chat in chats[:4]:
        (message,) = await chat.bot_messages()
        assert message["text"] == "New <b>exercise</b> today & more"
    async with bot.sessions() as session:
        blocked = await session.scalars(select(User.active).where(User.id.in_([9104, 9105])))
        assert list(blocked) == [False, False]
        audit = await session.scalar(select(Broadcast))
    assert audit is not None
    assert (audit.user_id, audit.text, audit.state) == (
        OPERATOR,
        "New <b>exercise</b> today & more",
        "done",
    )
    assert (audit.recipients, audit.sent, audit.blocked, audit.failed) == (6, 4, 2, 0)
    assert audit.confirmed_at is not None and audit.finished_at is not None

    # Another tick finds nothing to do: nobody gets it twice, blocked people are not retried.
    sends = len(await client.calls("sendMessage"))
    bot.clock.advance(timedelta(hours=1))
    await tick(bot)
    assert len(await client.calls("sendMessage")) == sends


async def test_a_cancelled_broadcast_sends_nothing(bot: BotProcess, client: SandboxClient) -> None:
    chats = await people(bot, client, range(9100, 9102))
    operator = await Chat(client, OPERATOR, "Op").setup()
    preview = await operator.say_one("/admin broadcast Never mind")
    (send_data,) = [data for label, data in buttons(preview) if label == texts.ADMIN_BROADCAST_SEND]
    await operator.tap(preview, texts.ADMIN_CANCEL)
    await operator.wait_edit(preview["message_id"], texts.ADMIN_BROADCAST_CANCELLED)
    late: dict[str, Any] = await operator.press_data(preview["message_id"], send_data, forge=True)
    assert late["text"] == texts.BUTTON_STALE
    await tick(bot)
    for chat in chats:
        assert await chat.bot_messages() == []
    # With the draft gone, the operator's next text is an exercise name again.
    card = await operator.say_one("calf raises")
    assert "Calf raises" in card["text"]
