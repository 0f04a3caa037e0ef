"""Sending an exercise card with its illustration, uploading each image once.

Telegram keeps what it was sent and names it by a `file_id`; sending that id again costs no
upload. The ids are cached per running application (in ``bot_data``): losing them on a restart
costs one upload per image, nothing more, so they need no table. A card too long for a photo
caption (1024 visible characters) goes as the photo, then the card as a message of its own.
"""

from __future__ import annotations

import asyncio
import re
from html import unescape
from pathlib import Path
from typing import cast

from telegram import InlineKeyboardMarkup, Message
from telegram.error import BadRequest
from telegram.ext import ContextTypes

CAPTION_LIMIT = 1024
"""Telegram's limit on a caption, counted on the visible text (after HTML is parsed)."""

CACHE_KEY = "illustration_file_ids"

_TAG = re.compile(r"<[^>]+>")


def visible_length(html: str) -> int:
    """How long an HTML message looks once Telegram has parsed it."""
    return len(unescape(_TAG.sub("", html)))


def file_ids(context: ContextTypes.DEFAULT_TYPE) -> dict[Path, str]:
    """This application's cache: image file -> Telegram's file_id for it."""
    return cast(dict[Path, str], context.application.bot_data.setdefault(CACHE_KEY, {}))


async def send_illustrated(
    message: Message,
    context: ContextTypes.DEFAULT_TYPE,
    picture: Path,
    text: str,
    markup: InlineKeyboardMarkup,
) -> None:
    """The card as a photo with its text as the caption, or the photo then the text."""
    fits = visible_length(text) <= CAPTION_LIMIT
    caption, photo_markup = (text, markup) if fits else (None, None)
    await _send_photo(message, context, picture, caption, photo_markup)
    if not fits:
        await message.reply_text(text, reply_markup=markup)


async def _send_photo(
    message: Message,
    context: ContextTypes.DEFAULT_TYPE,
    picture: Path,
    caption: str | None,
    markup: InlineKeyboardMarkup | None,
) -> None:
    cache = file_ids(context)
    known = cache.get(picture)
    if known is not None:
        try:
            await message.reply_photo(known, caption=caption, reply_markup=markup)
            return
        except BadRequest:  # the id is no longer valid (another bot, a wiped server): upload
            cache.pop(picture, None)
    data = await asyncio.to_thread(picture.read_bytes)
    sent = await message.reply_photo(
        data, caption=caption, reply_markup=markup, filename=picture.name
    )
    if sent.photo:
        cache[picture] = sent.photo[-1].file_id
