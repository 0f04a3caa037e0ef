"""The operator's texts: every definition fits Telegram's pop-up, every button its data."""

from __future__ import annotations

from bot.telegram import texts
from bot.telegram.callbacks import Choice, decode, encode

POPUP_LIMIT = 200


def test_every_definition_fits_a_popup() -> None:
    for key, (label, definition) in texts.ADMIN_FIGURES.items():
        assert label and definition
        assert len(definition) <= POPUP_LIMIT, key


def test_admin_buttons_round_trip() -> None:
    for option in [f"def.{key}" for key in texts.ADMIN_FIGURES] + ["go.123456789", "no.1"]:
        data = encode(Choice("adm", option))
        assert decode(data) == Choice("adm", option)


def test_the_broadcast_is_sent_as_typed() -> None:
    assert texts.broadcast_message("<b>x</b> & y") == "&lt;b&gt;x&lt;/b&gt; &amp; y"
