"""/export over HTTP: the server receives a CSV document with one row per walkthrough."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

from bot.sandbox.client import SandboxClient
from bot.telegram import texts
from tests.conftest import BotProcess
from tests.storage import history_rows
from tests.storage.subscribers import subscribe
from tests.telegram.chat import Chat

NOW = datetime(2026, 3, 20, 22, 30, tzinfo=UTC)  # already Saturday 21 March in Tokyo
USER = 7201


async def test_export_sends_a_csv_of_the_whole_history(
    bot: BotProcess, client: SandboxClient
) -> None:
    await subscribe(bot.sessions, USER, bot.clock.now, zone="Asia/Tokyo")
    bot.clock.now = NOW
    await history_rows.add(
        bot.sessions,
        history_rows.walkthrough(
            USER, "calf_raises", datetime(2026, 3, 18, 23, 5, tzinfo=UTC), discomfort=3, level=1
        ),
        history_rows.walkthrough(
            USER,
            "ball_massage",
            datetime(2026, 3, 19, 0, 10, tzinfo=UTC),
            status="skipped",
            skip_reason="no_equipment",
            variant="without_equipment",
        ),
        history_rows.walkthrough(
            USER, "short_foot", datetime(2026, 3, 20, 9, 0, tzinfo=UTC), status="stopped", level=7
        ),
        history_rows.walkthrough(USER, "retired_one", datetime(2026, 3, 20, 10, 0, tzinfo=UTC)),
    )
    chat = await Chat(client, USER).setup()

    reply = await chat.say_one("/export")

    document = reply["document"]
    assert document["file_name"] == "footbot-history-2026-03-21.csv"
    assert "Asia/Tokyo" in reply["caption"]
    data = await client.file_bytes(document["file_id"])
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows == [
        list(texts.EXPORT_HEADER),
        ["2026-03-19", "08:00", "Calf raises", "One leg", "standard", "done", "3", ""],
        [
            "2026-03-19",
            "09:05",
            "Ball massage",
            "Soft ball, seated",
            "without equipment",
            "skipped",
            "",
            texts.SKIP_REASON_LABELS["no_equipment"],
        ],
        ["2026-03-20", "17:55", "Short foot", "8", "standard", "stopped", "", ""],
        ["2026-03-20", "18:55", "retired_one", "1", "standard", "done", "", ""],
    ]


async def test_export_of_another_person_holds_only_their_rows(
    bot: BotProcess, client: SandboxClient
) -> None:
    other = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)
    for user_id in (USER, USER + 1):
        await subscribe(bot.sessions, user_id, bot.clock.now)
    await history_rows.add(
        bot.sessions,
        history_rows.walkthrough(USER + 1, "toe_curls", other, discomfort=9),
        history_rows.walkthrough(USER, "toe_curls", other, discomfort=1),
    )
    chat = await Chat(client, USER).setup()
    reply = await chat.say_one("/export")
    data = await client.file_bytes(reply["document"]["file_id"])
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert [row[6] for row in rows[1:]] == ["1"]


async def test_export_without_history_is_a_friendly_text(
    bot: BotProcess, client: SandboxClient
) -> None:
    chat = await Chat(client, 7203).setup()
    reply = await chat.say_one("/export")
    assert reply["text"] == texts.EXPORT_EMPTY and reply["document"] is None
