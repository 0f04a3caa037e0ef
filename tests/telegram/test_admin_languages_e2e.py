"""The operator's screens speak the operator's language, over real HTTP through the sandbox.

/admin, the figures' definitions, the broadcast's preview and buttons, and what the clock
sends back (progress, final count) are all in the operator's stored language; the message
itself reaches every subscriber exactly as typed. A stranger gets the unknown-command answer
in their own language, and /admin is in no language's command menu.
"""

from __future__ import annotations

from bot.i18n import use_language
from bot.sandbox.client import SandboxClient
from bot.telegram import texts
from tests.conftest import BotProcess
from tests.telegram.chat import Chat, labels
from tests.telegram.test_admin_e2e import OPERATOR, STRANGER, bot, people, tick

__all__ = ["bot"]  # the fixture: a bot with OPERATOR among ADMIN_IDS


async def test_a_russian_operator_sees_figures_and_broadcast_in_russian(
    bot: BotProcess, client: SandboxClient
) -> None:
    chats = await people(bot, client, range(9100, 9103))
    await client.create_user(OPERATOR, "Op", language_code="ru")
    operator = Chat(client, OPERATOR, "Op")
    with use_language("ru"):
        figures = texts.ADMIN_FIGURES
        ask_text, send, cancel = (
            texts.ADMIN_BROADCAST_ASK,
            texts.ADMIN_BROADCAST_SEND,
            texts.ADMIN_CANCEL,
        )
        progress = texts.broadcast_progress(0, 3)
        final = texts.broadcast_finished(3, 0, 0, 0)

    overview = await operator.say_one("/admin")
    assert "Подписчики: активны 3, на паузе 0, остановлены 0, заблокировали 0" in overview["text"]
    assert labels(overview) == [label for label, _ in figures.values()]
    answer = await operator.tap(overview, figures["late"][0])
    assert answer["text"] == figures["late"][1]

    ask = await operator.say_one("/admin broadcast")
    assert ask["text"] == ask_text
    assert labels(ask) == [cancel]
    preview = await operator.say_one("Clinic closed on Friday")
    assert "3 активных подписчика" in preview["text"]
    assert preview["text"].endswith("Clinic closed on Friday")
    assert labels(preview) == [send, cancel]
    await operator.tap(preview, send)
    await operator.wait_edit(preview["message_id"], progress)
    await tick(bot)  # the clock's job: no update, so the language comes from the database
    await operator.wait_edit(preview["message_id"], final)
    assert (await operator.bot_messages())[-1]["text"] == final
    for chat in chats:
        (message,) = await chat.bot_messages()
        assert message["text"] == "Clinic closed on Friday"


async def test_a_spanish_stranger_typing_admin_gets_the_spanish_unknown_command(
    bot: BotProcess, client: SandboxClient
) -> None:
    await client.create_user(STRANGER, "Eva", language_code="es")
    stranger = Chat(client, STRANGER, "Eva")
    with use_language("es"):
        unknown = texts.UNKNOWN_COMMAND
    assert unknown != texts.UNKNOWN_COMMAND  # really another language
    reply = await stranger.say_one("/admin")
    assert reply["text"] == unknown
    assert reply.get("reply_markup") is None
    menus = await client.commands()
    assert {scope.get("language_code", "") for scope in menus} >= {"", "en", "es", "ru", "pt"}
    for scope in menus:
        assert all(command["command"] != "admin" for command in scope["commands"])
