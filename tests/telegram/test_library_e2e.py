"""The library grows without code: a folder of content files is all a new exercise needs.

A temporary content folder holds a copy of the shipped content plus one new exercise for a new
complaint, a new piece of equipment and its illustration (a tiny PNG made here). The real bot,
pointed at it with CONTENT_DIR, offers the new complaint and equipment in /settings, finds the
exercise by name, puts it in the day's routine, and sends its card as a photo, uploaded once.
"""

from __future__ import annotations

import shutil
import struct
import zlib
from collections.abc import AsyncIterator
from datetime import time
from pathlib import Path

import pytest
import yaml

from bot.config import load_settings
from bot.content import default_content_dir
from bot.sandbox.client import SandboxClient
from bot.sandbox.server import SandboxServer
from tests.conftest import TOKEN, BotProcess, FakeClock
from tests.storage.subscribers import subscribe
from tests.telegram.chat import Chat, labels
from tests.telegram.test_onboarding_e2e import press_and_wait, subscription_of

USER = 9101

NEW_EXERCISE = {
    "id": "toe_fan_sweep",
    "name": "Toe fan sweep",
    "aliases": ["fan sweep", "toe sweep"],
    "summary": "Pull a towel towards you by curling your toes.",
    "why": "Curling the toes against a little resistance works the small muscles under the arch.",
    "targets": ["toe_cramps", "arch_pain"],
    "leads": ["toe_cramps"],
    "equipment": ["hand_towel", "chair"],
    "position": "sitting",
    "steps": [
        {"text": "Sit with one bare foot resting on a hand towel laid flat on the floor."},
        {"text": "Curl your toes to gather the towel towards you, then relax them.", "reps": 10},
    ],
    "dose": {"reps": 10, "per_side": True},
    "cautions": ["Ease off if your toes cramp hard; a mild pull is enough."],
    "easier": {"name": "Short pulls", "description": "Gather only a little towel each time."},
    "harder": {"name": "Weighted towel", "description": "Put a book on the far end of the towel."},
    "levels": [
        {"name": "Bare towel", "description": "Gather the towel with nothing on it."},
        {"name": "Book on the towel", "description": "A light book on the far end."},
    ],
    "without_equipment": {
        "name": "Toe curls in the air",
        "description": "Curl and spread your toes slowly, with nothing under the foot.",
    },
    "illustration": "images/toe_fan_sweep.png",
}


def tiny_png() -> bytes:
    """A valid 2x2 grey PNG, made here rather than shipped."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", 2, 2, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x80\x80" * 2)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


@pytest.fixture
def grown_content(tmp_path: Path) -> Path:
    """The shipped content, one new complaint and piece of equipment, one new exercise."""
    folder = tmp_path / "content"
    shutil.copytree(default_content_dir(), folder)
    vocabulary_file = folder / "vocabulary.yaml"
    vocabulary = yaml.safe_load(vocabulary_file.read_text(encoding="utf-8"))
    vocabulary["complaints"].append({"id": "toe_cramps", "label": "toe cramps"})
    vocabulary["complaint_choices"].append(
        {"id": "toe_cramps", "label": "Cramping toes", "complaints": ["toe_cramps"]}
    )
    vocabulary["equipment"].append(
        {"id": "hand_towel", "label": "a hand towel", "button": "Hand towel"}
    )
    vocabulary_file.write_text(yaml.safe_dump(vocabulary, sort_keys=False), encoding="utf-8")
    (folder / "images").mkdir(exist_ok=True)
    (folder / "images" / "toe_fan_sweep.png").write_bytes(tiny_png())
    exercise_file = folder / "exercises" / "toe_fan_sweep.yaml"
    exercise_file.write_text(yaml.safe_dump(NEW_EXERCISE, sort_keys=False), encoding="utf-8")
    wordy = {
        **NEW_EXERCISE,
        "id": "wordy_sweep",
        "name": "Wordy sweep",
        "aliases": ["wordy"],
        "leads": [],
        "cautions": [
            f"Caution {n}: " + "take it slowly and stop on sharp pain. " * 9 for n in "123"
        ],
    }
    exercise_file = folder / "exercises" / "wordy_sweep.yaml"
    exercise_file.write_text(yaml.safe_dump(wordy, sort_keys=False), encoding="utf-8")
    return folder


@pytest.fixture
async def grown_bot(
    sandbox: SandboxServer, sqlite_url: str, clock: FakeClock, grown_content: Path
) -> AsyncIterator[BotProcess]:
    settings = load_settings(
        _env_file=None,
        TELEGRAM_API_URL=sandbox.url,
        DATABASE_URL=sqlite_url,
        TELEGRAM_BOT_TOKEN=TOKEN,
        CONTENT_DIR=str(grown_content),
    )
    process = BotProcess(settings, clock)
    await process.start()
    yield process
    await process.stop()


async def test_a_new_exercise_file_appears_in_look_up_and_routines(
    grown_bot: BotProcess, client: SandboxClient
) -> None:
    await subscribe(grown_bot.sessions, USER, grown_bot.clock(), at=time(7, 30))
    chat = await Chat(client, USER).setup()

    # /settings asks about the new complaint and the new equipment, in the vocabulary's words.
    overview = await chat.say_one("/settings")
    question = await press_and_wait(chat, overview, "Complaints", "What bothers your feet?")
    ticked = await press_and_wait(chat, question, "Cramping toes", "What bothers your feet?")
    assert "✅ Cramping toes" in labels(ticked)
    overview = await press_and_wait(chat, ticked, "Continue", "Your settings")
    assert "Focus: Cramping toes" in overview["text"]
    question = await press_and_wait(chat, overview, "Equipment", "What do you have at home?")
    ticked = await press_and_wait(chat, question, "Hand towel", "What do you have at home?")
    assert "✅ Hand towel" in labels(ticked)
    overview = await press_and_wait(chat, ticked, "Continue", "Your settings")
    assert "Equipment: Hand towel" in overview["text"]
    subscription = await subscription_of(grown_bot, USER)
    assert subscription.complaints == ["toe_cramps"]
    assert subscription.equipment == ["hand_towel"]

    # Look-up finds it by name and alias; its card is a photo captioned with the card.
    card = await chat.say_one("toe sweep")
    assert card["photo"] is not None
    assert card["caption"] is not None and "Toe fan sweep" in card["caption"]
    assert "toe cramps" in card["caption"] and "a hand towel" in card["caption"]
    again = await chat.say_one("/exercise toe fan sweep")
    assert again["photo"]["file_id"] == card["photo"]["file_id"]  # uploaded once

    # The day's routine, built for the new complaint, starts with it.
    routine = await chat.say_one("/today")
    assert "Toe fan sweep" in routine["text"]


async def test_a_card_too_long_for_a_caption_follows_its_photo(
    grown_bot: BotProcess, client: SandboxClient
) -> None:
    chat = await Chat(client, USER).setup()
    photo, card = await chat.say("wordy", replies=2)
    assert photo["photo"] is not None and not photo["caption"]
    assert card["photo"] is None and "Wordy sweep" in card["text"] and len(card["text"]) > 1024
    assert "Start" in " ".join(labels(card))
