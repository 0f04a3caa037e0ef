"""Speaking the person's language end to end, through the sandbox Bot API server.

Telegram's language_code picks the language on first contact ("es", "pt-br"; unknown:
English), /language changes it, and what the clock sends (the next reminder) speaks it too.
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, time, timedelta

import pytest
from sqlalchemy import select
from telegram.ext import CallbackContext

from bot.i18n import use_language
from bot.sandbox.client import SandboxClient
from bot.storage.models import Subscription, User
from bot.telegram import reminders, texts, weekly
from tests.conftest import BotProcess
from tests.storage import history_rows
from tests.storage.subscribers import subscribe
from tests.telegram.chat import Chat, Message, labels

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
DUE = datetime(2026, 3, 3, 7, 0, tzinfo=UTC)  # a Berlin 08:00 reminder after the clock's start


async def person(client: SandboxClient, user_id: int, code: str | None, name: str = "Ana") -> Chat:
    await client.create_user(user_id, name, language_code=code)
    return Chat(client, user_id, name)


async def stored_language(bot: BotProcess, user_id: int) -> str | None:
    async with bot.sessions() as session:
        return await session.scalar(select(User.language).where(User.id == user_id))


async def after_tap(chat: Chat, message: Message, label: str, shows: str) -> Message:
    """Tap a button and wait for a new or freshly edited bot message showing `shows`."""
    seen = {m["message_id"]: m["edits"] for m in await chat.transcript()}
    await chat.tap(message, label)
    return await chat.wait_for(
        lambda transcript: next(
            (
                m
                for m in reversed(transcript)
                if m["from_bot"]
                and shows in m["text"]
                and seen.get(m["message_id"], -1) < m["edits"]
            ),
            None,
        ),
        f"a message showing {shows!r}",
    )


async def edited(chat: Chat, message: Message, label: str) -> Message:
    edits = (await chat.message(message["message_id"]))["edits"]
    await chat.tap(message, label)
    return await chat.wait_for(
        lambda t: next(
            (m for m in t if m["message_id"] == message["message_id"] and m["edits"] > edits),
            None,
        ),
        f"message edited after {label!r}",
    )


async def test_spanish_onboarding_routine_and_progress(
    bot: BotProcess, client: SandboxClient
) -> None:
    chat = await person(client, 9101, "es")
    welcome, intro, safety = await chat.say("/start", replies=3)
    assert welcome["text"].startswith("¡Hola, Ana!")
    assert "recordatorio diario" in intro["text"]
    assert "comprobación rápida de seguridad" in safety["text"]
    assert await stored_language(bot, 9101) == "es"

    complaints = await after_tap(chat, safety, "Ninguna", "¿Qué te molesta en los pies?")
    equipment = await after_tap(chat, complaints, "Continuar", "¿Qué tienes en casa?")
    length = await after_tap(chat, equipment, "Nada de esto", "¿Cuánto quieres")
    asked = await after_tap(chat, length, "10 min", "¿A qué hora")
    offsets = await after_tap(chat, asked, "07:30", "Elige tu diferencia con UTC")
    confirm = await after_tap(chat, offsets, "UTC+1", "¿Es correcto?")
    assert "del lunes" in confirm["text"]  # the clock's Monday, 08:30 at UTC+1
    days = await after_tap(chat, confirm, "Sí", "¿Qué días?")
    done = await after_tap(chat, days, "Todos los días", "¡Listo!")
    assert "todos los días" in done["text"] and "martes 3 de marzo, 07:30" in done["text"]
    assert "▶️ Empezar la rutina de hoy ya" in labels(done)

    with use_language("es"):
        forward = {texts.DONE_BUTTON, texts.NEXT_BUTTON, texts.SKIP_REST_BUTTON}
        question = texts.RATE_ON_LAST_STEP  # the last step carries the rating
    assert question.startswith("¿Terminaste?")
    message = await chat.say_one("/today")
    assert message["text"].startswith("📋 Hoy:") and "Ejercicio 1 de" in message["text"]
    while question not in message["text"]:
        (label,) = [shown for shown in labels(message) if shown in forward][:1]
        message = await edited(chat, message, label)
    message = await edited(chat, message, "2")
    assert "molestia 2/10" in message["text"] or "¡Muy bien!" in message["text"]

    progress = (await chat.say_one("/progress"))["text"]
    assert progress.startswith("Tu progreso\n🔥 Racha: 1 día")
    assert "Desde que empezaste: 100 % de tus días programados" in progress
    assert ": una vez, molestia media 2/10, aún es pronto para saberlo" in progress


async def test_language_command_switches_to_russian_and_the_next_reminder_follows(
    bot: BotProcess, client: SandboxClient
) -> None:
    chat = await person(client, 9102, None, "Ada")
    await subscribe(bot.sessions, 9102, bot.clock.now, at=time(8, 0), first_name="Ada")
    picker = await chat.say_one("/language")
    assert picker["html"] == texts.LANGUAGE_QUESTION
    assert labels(picker) == ["✅ English", "Español", "Русский", "Português (Brasil)"]

    changed = await after_tap(chat, picker, "Русский", "по-русски")
    assert changed["text"] == "Готово: теперь я говорю по-русски."
    assert await stored_language(bot, 9102) == "ru"
    assert (await chat.say_one("/help"))["text"].startswith("Что я умею")

    bot.clock.now = DUE
    assert bot.app is not None
    await reminders.tick(CallbackContext(bot.app))
    reminder = (await chat.bot_messages())[-1]
    assert reminder["text"] == "Доброе утро, Ada! Разминка для стоп на вторник, 3 марта готова."
    assert "▶️ Начать разминку" in labels(reminder)


async def test_settings_changes_the_language_too(bot: BotProcess, client: SandboxClient) -> None:
    chat = await person(client, 9103, "ru")  # the app says Russian, the stored choice English
    await subscribe(bot.sessions, 9103, bot.clock.now, first_name="Ana")
    overview = await chat.say_one("/settings")
    assert "Language: English" in overview["text"]
    picker = await after_tap(chat, overview, "🗣 Language", "Which language")
    await after_tap(chat, picker, "Español", "te hablo en español")
    assert "Idioma: Español" in (await chat.say_one("/settings"))["text"]


@pytest.mark.parametrize(
    ("code", "stored", "heading"),
    [
        ("pt-br", "pt-BR", "O que eu sei fazer"),
        ("pt", "pt-BR", "O que eu sei fazer"),
        ("es-MX", "es", "Qué puedo hacer"),
        ("xx", "en", "What I can do"),
        (None, "en", "What I can do"),
    ],
)
async def test_first_contact_picks_the_language_from_the_code(
    bot: BotProcess, client: SandboxClient, code: str | None, stored: str, heading: str
) -> None:
    chat = await person(client, 9110, code)
    assert (await chat.say_one("/help"))["text"].startswith(heading)
    await chat.say("/start", replies=3)
    assert await stored_language(bot, 9110) == stored


async def test_bad_language_button_changes_nothing(bot: BotProcess, client: SandboxClient) -> None:
    chat = await person(client, 9111, "es")
    picker = await chat.say_one("/language")
    answer = await chat.press_data(picker["message_id"], "v1:c:lang:de", forge=True)
    assert answer["text"] == "Este botón ya no funciona. Toca /exercises para empezar de nuevo."
    assert await stored_language(bot, 9111) in (None, "es")
    async with bot.sessions() as session:
        assert await session.get(Subscription, 9111) is None


async def test_the_command_menu_is_set_in_every_language(
    bot: BotProcess, client: SandboxClient
) -> None:
    menus = {entry["language_code"]: entry["commands"] for entry in await client.commands()}
    assert set(menus) == {"", "en", "es", "ru", "pt"}
    spanish = {c["command"]: c["description"] for c in menus["es"]}
    assert spanish["language"] == "Cambiar el idioma en que te hablo"
    assert {c["command"] for c in menus[""]} == {c["command"] for c in menus["ru"]}
    assert menus[""] == menus["en"]


async def test_the_weekly_summary_and_the_csv_speak_the_stored_language(
    bot: BotProcess, client: SandboxClient
) -> None:
    chat = await person(client, 9120, "ru", "Ада")
    await subscribe(bot.sessions, 9120, bot.clock.now, first_name="Ада")
    picker = await chat.say_one("/language")
    await after_tap(chat, picker, "Русский", "по-русски")
    sunday_evening = datetime(2026, 3, 8, 18, 0, tzinfo=UTC)  # 19:00 in Berlin
    days = (sunday_evening - timedelta(days=n, hours=10) for n in (0, 1, 2, 4))
    await history_rows.add(
        bot.sessions,
        *(
            history_rows.walkthrough(9120, "calf_raises", at, discomfort=1, status=status)
            for at, status in zip(
                days, ("completed", "completed", "completed", "skipped"), strict=True
            )
        ),
    )
    bot.clock.now = sunday_evening
    assert bot.app is not None
    await weekly.tick(CallbackContext(bot.app))
    summary = (await chat.bot_messages())[-1]["text"]
    assert summary.startswith("📬 Ваша неделя, Ада\nВы занимались ")
    assert "из последних 7." in summary and "🔥 Серия: 3 дня" in summary

    reply = await chat.say_one("/export")
    assert reply["caption"].startswith("История упражнений в файле CSV")
    data = await client.file_bytes(reply["document"]["file_id"])
    header, *rows = csv.reader(io.StringIO(data.decode("utf-8-sig")))
    assert header[:3] == ["Дата", "Время начала", "Упражнение"]
    assert {row[5] for row in rows} == {"сделано", "пропущено"}
