"""setMyCommands per language: Telegram's two-letter codes, one menu per (scope, language)."""

from __future__ import annotations

from sandbox_helpers import RawApi

from bot.sandbox import SandboxClient

MENU = [{"command": "help", "description": "Ayuda"}]


async def test_a_menu_per_two_letter_language_is_recorded(
    api: RawApi, client: SandboxClient
) -> None:
    status, _ = await api.call("setMyCommands", commands=MENU, language_code="es")
    assert status == 200
    status, _ = await api.call(
        "setMyCommands", commands=[{"command": "help", "description": "Help"}]
    )
    assert status == 200
    menus = {entry["language_code"]: entry["commands"] for entry in await client.commands()}
    assert menus == {"es": MENU, "": [{"command": "help", "description": "Help"}]}
    status, body = await api.call("getMyCommands", language_code="es")
    assert (status, body["result"]) == (200, MENU)


async def test_a_region_or_unknown_shape_of_code_is_refused(api: RawApi) -> None:
    for code in ("pt-BR", "PT", "portuguese", "p"):
        error = await api.error("setMyCommands", commands=MENU, language_code=code)
        assert error == "Bad Request: LANG_CODE_INVALID", code
    assert await api.error("getMyCommands", language_code="pt-BR") == (
        "Bad Request: LANG_CODE_INVALID"
    )
