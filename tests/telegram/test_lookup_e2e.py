"""Finding exercises by name, list, inline query and deep link, over HTTP."""

from __future__ import annotations

import pytest

from bot.content import default_content_dir, load_catalogue
from bot.sandbox.client import SandboxClient
from bot.telegram import texts
from tests.conftest import BotProcess
from tests.content.seed import SEED_IDS
from tests.telegram.chat import Chat, buttons, labels

CATALOGUE = load_catalogue(default_content_dir())
SEED_NAMES = [exercise.name for exercise in CATALOGUE if exercise.id in SEED_IDS]
"""The article's ten, by the names the buttons show; the library may hold more."""


@pytest.fixture
async def chat(bot: BotProcess, client: SandboxClient) -> Chat:
    return await Chat(client, 3001).setup()


async def test_start_greets_by_name_and_registers_commands(
    chat: Chat, client: SandboxClient
) -> None:
    reply = await chat.say_one("/start")
    assert "Hello, Ada!" in reply["text"]
    assert "not a diagnosis" in reply["text"]
    menus = {entry["language_code"]: entry for entry in await client.commands()}
    registered = menus[""]  # the default menu; one per language beside it (test_language_e2e)
    commands = {c["command"] for c in registered["commands"]}
    assert {"start", "help", "exercise", "exercises"} <= commands


async def test_names_are_escaped_in_html() -> None:
    assert "&lt;b&gt;" in texts.welcome("<b>Eve</b>")


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("/exercise calf raises", "Calf raises"),
        ("calf raises", "Calf raises"),
        ("heel raises", "Calf raises"),
        ("ankel circles", "Ankle circles"),
        ("heel to toe", "Heel-to-toe walk"),
        ("the ball one", "Ball massage"),
        ("towel scrunches", "Toe curls"),
    ],
)
async def test_lookup_by_name_alias_and_typo_sends_the_card(
    chat: Chat, query: str, name: str
) -> None:
    card = await chat.say_one(query)
    assert name in card["text"]
    assert "Steps:" in card["text"] and "You need:" in card["text"]
    assert "Take care" in card["text"]
    assert labels(card) == [texts.START_BUTTON]


async def test_ambiguous_name_offers_the_top_three(chat: Chat) -> None:
    reply = await chat.say_one("toe")
    assert reply["text"] == texts.CHOICES
    choices = buttons(reply)
    assert 2 <= len(choices) <= 3
    answer = await chat.tap(reply, choices[0][0])
    assert answer.get("text") in (None, "")
    (card,) = await chat.wait_new(reply["message_id"])
    assert choices[0][0] in card["text"]


@pytest.mark.parametrize("text", ["what's the weather", "asdfgh", "/exercise qwertyuiop"])
async def test_unknown_name_points_to_the_list(chat: Chat, text: str) -> None:
    reply = await chat.say_one(text)
    assert "/exercises" in reply["text"]
    assert not buttons(reply)


async def test_exercises_lists_every_exercise_as_buttons(chat: Chat) -> None:
    reply = await chat.say_one("/exercises")
    names = [button[0] for button in buttons(reply)]
    assert len(names) == len(CATALOGUE)
    assert set(SEED_NAMES) <= set(names)
    await chat.tap(reply, "Calf raises")
    (card,) = await chat.wait_new(reply["message_id"])
    assert "Calf raises" in card["text"]


async def test_exercise_without_a_name_explains_usage(chat: Chat) -> None:
    reply = await chat.say_one("/exercise")
    assert "/exercise calf raises" in reply["text"]


async def test_unknown_command_gets_a_friendly_answer(chat: Chat) -> None:
    assert (await chat.say_one("/dance"))["text"] == texts.UNKNOWN_COMMAND


async def test_help_lists_commands(chat: Chat) -> None:
    reply = await chat.say_one("/help")
    assert "/exercises" in reply["text"] and "/exercise" in reply["text"]


async def test_deep_link_opens_the_exercise_card(chat: Chat) -> None:
    card = await chat.say_one("/start ex_ball_massage")
    assert "Ball massage" in card["text"]


async def test_very_long_garbage_is_answered_within_limits(chat: Chat) -> None:
    reply = await chat.say_one("<b>" + "x" * 4000)
    assert "/exercises" in reply["text"]
    assert "<b>" in reply["text"]  # shown as typed, not interpreted


async def test_inline_query_returns_shareable_cards(bot: BotProcess, client: SandboxClient) -> None:
    query_id = await client.inline_query(3002, "calf")
    answer = await client.wait_for_inline_answer(query_id)
    results = answer["results"]
    assert results[0]["title"] == "Calf raises"
    assert "Calf raises" in results[0]["input_message_content"]["message_text"]
    url = results[0]["reply_markup"]["inline_keyboard"][0][0]["url"]
    assert url.endswith("?start=ex_calf_raises")


async def test_empty_inline_query_offers_every_exercise(
    bot: BotProcess, client: SandboxClient
) -> None:
    query_id = await client.inline_query(3003, "")
    answer = await client.wait_for_inline_answer(query_id)
    titles = [result["title"] for result in answer["results"]]
    assert len(titles) == len(CATALOGUE)
    assert set(SEED_NAMES) <= set(titles)


async def test_groups_get_a_short_pointer_and_silence_for_chatter(
    bot: BotProcess, client: SandboxClient
) -> None:
    group = -100123
    await client.create_user(3004, "Gus")
    await client.send_text(3004, "calf raises", chat_id=group)
    await client.send_text(3004, "/start", chat_id=group)
    first = await client.wait_for_message(group)
    await client.send_text(3004, "hello everyone", chat_id=group)
    await client.send_text(3004, "/help", chat_id=group)
    await client.wait_for_message(group, after=first["message_id"])
    bot_replies = [m["text"] for m in await client.transcript(group) if m["from_bot"]]
    assert bot_replies == [texts.GROUP_POINTER, texts.GROUP_POINTER]
