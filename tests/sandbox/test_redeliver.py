"""The control route that has Telegram deliver an update again (a lost acknowledgement)."""

from __future__ import annotations

from typing import Any

import pytest
from sandbox_helpers import RawApi

from bot.sandbox import SandboxClient
from bot.sandbox.client import SandboxError

User = dict[str, Any]


async def test_a_confirmed_update_is_delivered_again_even_behind_the_offset(
    api: RawApi, client: SandboxClient, user: User
) -> None:
    sent = await client.send_text(1001, "/help")
    _, body = await api.call("getUpdates", timeout=0)
    assert [u["update_id"] for u in body["result"]] == [sent["update_id"]]
    _, body = await api.call("getUpdates", offset=sent["update_id"] + 1, timeout=0)
    assert body["result"] == []

    again = await client.redeliver(sent["update_id"])
    assert again == {"update_id": sent["update_id"], "message": sent["message"]}
    # The bot's offset is already past it: it is handed out once all the same...
    _, body = await api.call("getUpdates", offset=sent["update_id"] + 1, timeout=0)
    assert body["result"] == [again]
    # ...and confirmed by the next poll like any other.
    _, body = await api.call("getUpdates", offset=sent["update_id"] + 1, timeout=0)
    assert body["result"] == []


async def test_an_unknown_update_cannot_be_redelivered(client: SandboxClient) -> None:
    with pytest.raises(SandboxError) as raised:
        await client.redeliver(424242)
    assert raised.value.status == 404
