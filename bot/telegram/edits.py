"""Editing the pressed message into its next screen, so that a press always ends on a live one.

Telegram refuses an edit that would leave a message exactly as it is ("message is not
modified"). Two presses of Stop on two devices, or a second "yes" on a question already
answered, end on the screen that is already shown: that is the right outcome, not a failure.

Telegram also refuses to edit a message that is gone (deleted) or that it no longer lets the
bot edit (too old). The person pressed a button there and waits for the next screen; leaving
them on the dead one would strand them, so the screen comes as a new message instead, with
its buttons. The callers learn which message shows the screen now: a walkthrough remembers its
screen's message, and must learn the new one, or the buttons there would count as old ones.
"""

from __future__ import annotations

from telegram import Bot, CallbackQuery, InlineKeyboardMarkup, Message
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
) -> int | None:
    """Show `text` (and `markup`) in the pressed message; if Telegram will not edit that
    message any more, send the screen as a new one. The same screen twice is fine.

    Returns the id of the message that shows the screen now: the pressed one, or the new one
    (None only for a message sent via inline mode, which has no id in a chat).
    """
    pressed = query.message.message_id if query.message is not None else None
    if query.message is not None and not isinstance(query.message, Message):
        # Telegram no longer shows the bot that message (deleted, or very old): try by its ids
        return await edit_message_screen(
            query.get_bot(), query.message.chat.id, query.message.message_id, text, markup
        )
    try:
        await query.edit_message_text(text, reply_markup=markup)
    except BadRequest as error:
        if not _refused(error):
            raise
        if NOT_MODIFIED in error.message.lower():
            return pressed
        return await send_screen(query, text, markup)
    return pressed


async def send_screen(
    query: CallbackQuery, text: str, markup: InlineKeyboardMarkup | None = None
) -> int:
    """Send the screen as a new message in the pressed message's chat; its id."""
    sent = await query.get_bot().send_message(_chat_id(query), text, reply_markup=markup)
    return sent.message_id


async def edit_message_screen(
    bot: Bot,
    chat_id: int,
    message_id: int,
    text: str,
    markup: InlineKeyboardMarkup | None = None,
) -> int:
    """:func:`edit_screen` for a message known by its ids (no press to answer: a timer's end).
    Returns the id of the message that shows the screen now."""
    try:
        edited = await bot.edit_message_text(
            text, chat_id=chat_id, message_id=message_id, reply_markup=markup
        )
    except BadRequest as error:
        if not _refused(error):
            raise
        if NOT_MODIFIED in error.message.lower():
            return message_id
        sent: Message = await bot.send_message(chat_id, text, reply_markup=markup)
        return sent.message_id
    return edited.message_id if isinstance(edited, Message) else message_id


def _refused(error: BadRequest) -> bool:
    """Telegram's "no" to an edit that the screen survives: already shown, or not editable."""
    reason = error.message.lower()
    return NOT_MODIFIED in reason or any(phrase in reason for phrase in CANNOT_EDIT)


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
