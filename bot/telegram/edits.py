"""Editing the pressed message into its next screen, so that a press always ends on a live one.

Telegram refuses an edit that would leave a message exactly as it is ("message is not
modified"). Two presses of Stop on two devices, or a second "yes" on a question already
answered, end on the screen that is already shown: that is the right outcome, not a failure.

Telegram also refuses to edit a message that is gone (deleted) or that it no longer lets the
bot edit (too old). The person pressed a button there and waits for the next screen; leaving
them on the dead one would strand them, so the screen comes as a new message instead, with
its buttons.
"""

from __future__ import annotations

from telegram import CallbackQuery, InlineKeyboardMarkup
from telegram.error import BadRequest

NOT_MODIFIED = "message is not modified"
CANNOT_EDIT = (
    "message can't be edited",
    "message to edit not found",
    "message_id_invalid",
    "message not found",
)
"""Telegram's ways of saying that the pressed message cannot show the next screen."""


async def edit_screen(
    query: CallbackQuery, text: str, markup: InlineKeyboardMarkup | None = None
) -> None:
    """Show `text` (and `markup`) in the pressed message; if Telegram will not edit that
    message any more, send the screen as a new one. The same screen twice is fine."""
    try:
        await query.edit_message_text(text, reply_markup=markup)
    except BadRequest as error:
        reason = error.message.lower()
        if NOT_MODIFIED in reason:
            return
        if not any(phrase in reason for phrase in CANNOT_EDIT):
            raise
        await query.get_bot().send_message(_chat_id(query), text, reply_markup=markup)


async def drop_buttons(query: CallbackQuery) -> None:
    """Take the buttons off the pressed message; a message already without them, or one that
    can no longer be edited, needs nothing more."""
    try:
        await query.edit_message_reply_markup(None)
    except BadRequest as error:
        reason = error.message.lower()
        if NOT_MODIFIED not in reason and not any(phrase in reason for phrase in CANNOT_EDIT):
            raise


def _chat_id(query: CallbackQuery) -> int:
    """The chat of the pressed message; a private chat's id is the person's own."""
    if query.message is not None:
        return query.message.chat.id
    return query.from_user.id
