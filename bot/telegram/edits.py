"""Editing the pressed message into its next screen, where "nothing changed" is no error.

Telegram refuses an edit that would leave a message exactly as it is ("message is not
modified"). Two presses of Stop on two devices, or a second "yes" on a question already
answered, end on the screen that is already shown: that is the right outcome, not a failure.
"""

from __future__ import annotations

from telegram import CallbackQuery, InlineKeyboardMarkup
from telegram.error import BadRequest

NOT_MODIFIED = "message is not modified"


async def edit_screen(
    query: CallbackQuery, text: str, markup: InlineKeyboardMarkup | None = None
) -> None:
    """Show `text` (and `markup`) in the pressed message; the same screen twice is fine."""
    try:
        await query.edit_message_text(text, reply_markup=markup)
    except BadRequest as error:
        if NOT_MODIFIED not in error.message.lower():
            raise
