"""Issue 13 as a person meets it, found by going through the bot in es, ru and pt-BR.

- Cities typed in the person's language (the zone question's own examples, "Москва", "Ciudad
  de México") must find their zone; Portuguese day lists end a sentence with one full stop.
- Portuguese says "0 dias", not CLDR's "0 dia" (pt puts 0 in the "one" category).
- Red flags typed the way people say them ("se me durmió el pie", "икра болит", "não sinto
  o pé") must open the safety check in their language, not an "unknown exercise" answer.
- Every button a person sees must fit on a phone (32 characters), ticked ("✅ ...") included:
  the exercise list, the complaints and the safety check.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from telegram.ext import CallbackContext

from bot.i18n import use_language
from bot.sandbox.client import SandboxClient
from bot.telegram import texts, weekly
from tests.conftest import BotProcess
from tests.storage import history_rows
from tests.storage.subscribers import subscribe
from tests.telegram.chat import Chat, Message, buttons, labels

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
BUTTON_LIMIT = 32


@pytest.mark.parametrize(
    ("code", "language", "said"),
    [
        ("es", "es", "se me durmió el pie de repente"),
        ("es", "es", "me duele el gemelo desde ayer"),
        ("es", "es", "no siento los dedos"),
        ("ru", "ru", "икра болит второй день"),
        ("ru", "ru", "палец онемел"),
        ("ru", "ru", "ноги опухли"),
        ("pt-br", "pt-BR", "não sinto o pé"),
        ("pt-br", "pt-BR", "a panturrilha dói muito"),
        ("pt-br", "pt-BR", "o pé inchou"),
    ],
)
async def test_a_red_flag_said_in_everyday_words_opens_the_safety_check(
    bot: BotProcess, client: SandboxClient, code: str, language: str, said: str
) -> None:
    await client.create_user(9301, "Ana", language_code=code)
    chat = Chat(client, 9301, "Ana")
    await chat.say("/start", replies=3)
    with use_language(language):
        heard, none = texts.SAFETY_WORDS_HEARD, texts.SAFETY_QUESTION
    reply = await chat.say_one(said)
    assert reply["text"].startswith(heard), reply["text"]
    assert none.split("\n")[0].replace("<b>", "").replace("</b>", "") in reply["text"]


async def _tick_all(chat: Chat, message: Message, prefix: str) -> Message:
    """Tick every option of a multiple-choice screen whose data starts with `prefix`."""
    options = [
        data for _, data in buttons(message) if data.startswith(prefix) and data[-3:] != ":go"
    ]
    options = [data for data in options if not data.endswith(":none")]
    message_id = message["message_id"]
    for count, data in enumerate(options, start=1):
        await chat.press_data(message_id, data)

        def ticked(transcript: list[Message], count: int = count) -> Message | None:
            shown = next(m for m in transcript if m["message_id"] == message_id)
            return shown if sum(x.startswith("✅") for x in labels(shown)) == count else None

        message = await chat.wait_for(ticked, f"{count} ticked on {prefix}")
    return message


def _too_long(message: Message) -> list[str]:
    return [label for label in labels(message) if len(label) > BUTTON_LIMIT]


@pytest.mark.parametrize("code", ["en", "es", "ru", "pt-br"])
async def test_every_button_fits_on_a_phone_ticked_or_not(
    bot: BotProcess, client: SandboxClient, code: str
) -> None:
    await client.create_user(9302, "Ana", language_code=code)
    chat = Chat(client, 9302, "Ana")
    exercises = await chat.say_one("/exercises")
    assert len(labels(exercises)) >= 18 and _too_long(exercises) == []

    *_, safety = await chat.say("/start", replies=3)
    safety = await _tick_all(chat, safety, "v1:c:safety:")
    assert _too_long(safety) == []

    # Untick them again and go on with "none" to the complaints.
    await chat.press_data(safety["message_id"], "v1:c:safety:none")
    complaints = await chat.wait_for(
        lambda t: next(
            (m for m in t if any(d == "v1:c:complaints:go" for _, d in buttons(m))), None
        ),
        "the complaints screen",
    )
    complaints = await _tick_all(chat, complaints, "v1:c:complaints:")
    assert _too_long(complaints) == []


async def _after(chat: Chat, message: Message, data: str, shows: str) -> Message:
    seen = {m["message_id"]: m["edits"] for m in await chat.transcript()}
    await chat.press_data(message["message_id"], data)
    return await chat.wait_for(
        lambda t: next(
            (
                m
                for m in reversed(t)
                if m["from_bot"]
                and shows in m["text"]
                and seen.get(m["message_id"], -1) < m["edits"]
            ),
            None,
        ),
        f"a message showing {shows!r} after {data}",
    )


async def _to_the_zone_question(chat: Chat) -> Message:
    *_, safety = await chat.say("/start", replies=3)
    complaints = await _after(chat, safety, "v1:c:safety:none", "")
    complaints = await chat.wait_for(
        lambda t: next((m for m in t if "v1:c:complaints:go" in dict(buttons(m)).values()), None),
        "the complaints screen",
    )
    await chat.press_data(complaints["message_id"], "v1:c:complaints:go")
    await chat.wait_for(
        lambda t: next((m for m in t if "v1:c:equipment:go" in dict(buttons(m)).values()), None),
        "the equipment screen",
    )
    await chat.press_data(complaints["message_id"], "v1:c:equipment:go")
    await chat.wait_for(
        lambda t: next((m for m in t if "v1:c:length:10" in dict(buttons(m)).values()), None),
        "the length screen",
    )
    await chat.press_data(complaints["message_id"], "v1:c:length:10")
    await chat.wait_for(
        lambda t: next((m for m in t if "v1:c:time:0730" in dict(buttons(m)).values()), None),
        "the time screen",
    )
    before = max(m["message_id"] for m in await chat.transcript())
    await chat.press_data(complaints["message_id"], "v1:c:time:0730")
    return (await chat.wait_new(before, 2))[-1]


@pytest.mark.parametrize(
    ("code", "typed", "zone"),
    [
        ("ru", "Москва", "Europe/Moscow"),  # the question's own examples
        ("ru", "Новосибирск", "Asia/Novosibirsk"),
        ("ru", "Санкт-Петербург", "Europe/Moscow"),
        ("es", "Ciudad de México", "America/Mexico_City"),
        ("es", "Nueva York", "America/New_York"),
        ("pt-br", "Porto Alegre", "America/Sao_Paulo"),  # not Rio Branco by a near spelling
    ],
)
async def test_a_city_typed_in_the_persons_language_finds_its_zone(
    bot: BotProcess, client: SandboxClient, code: str, typed: str, zone: str
) -> None:
    await client.create_user(9303, "Ana", language_code=code)
    chat = Chat(client, 9303, "Ana")
    await _to_the_zone_question(chat)
    replies = await chat.say(typed, replies=2)
    assert replies[0]["text"].startswith(f"🌍 {zone} ("), replies[0]["text"]
    assert "zone_ok:yes" in buttons(replies[1])[0][1]


async def test_portuguese_days_ending_on_sunday_end_the_sentence_once(
    bot: BotProcess, client: SandboxClient
) -> None:
    await client.create_user(9304, "Ana", language_code="pt-br")
    chat = Chat(client, 9304, "Ana")
    await _to_the_zone_question(chat)
    _, confirm = await chat.say("São Paulo", replies=2)
    days = await _after(chat, confirm, "v1:c:zone_ok:yes", "Quais dias?")
    days = await _after(chat, days, "v1:c:days:pick", "Toque nos dias")
    days = await _after(chat, days, "v1:c:days:d0", "Toque nos dias")  # untick Monday
    done = await _after(chat, days, "v1:c:days:go", "Tudo pronto!")
    assert "em: ter., qua., qui., sex., sáb., dom.\n" in done["text"], done["text"]


async def test_a_portuguese_weekly_summary_says_zero_days_in_the_plural(
    bot: BotProcess, client: SandboxClient
) -> None:
    await client.create_user(9305, "Ana", language_code="pt-br")
    chat = Chat(client, 9305, "Ana")
    await chat.say("/start", replies=3)  # first contact stores pt-BR
    await subscribe(bot.sessions, 9305, bot.clock.now, first_name="Ana")
    sunday_evening = datetime(2026, 3, 8, 18, 0, tzinfo=UTC)  # 19:00 in Berlin
    three_days_ago = sunday_evening - timedelta(days=3, hours=8)
    await history_rows.add(
        bot.sessions, history_rows.walkthrough(9305, "calf_raises", three_days_ago, discomfort=1)
    )
    bot.clock.now = sunday_evening
    assert bot.app is not None
    await weekly.tick(CallbackContext(bot.app))
    summary = (await chat.bot_messages())[-1]["text"]
    assert summary.startswith("📬 Sua semana, Ana\nVocê praticou em 1 dia dos últimos 7.")
    assert "🔥 Sequência: 0 dias\n" in summary, summary
