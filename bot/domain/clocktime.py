"""Reminder times as people type them: "7:30", "7.30 am", "19h30", "730", "7pm", "noon".

One strict grammar instead of a lenient guesser: a time we are unsure about is answered with
`None`, so the bot asks again rather than quietly reminding someone at the wrong hour.
Minutes, when given, are always two digits ("7:3" is refused, not read as 07:03). Full-width
digits and colons (as some phone keyboards send them) are folded to ASCII first.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import time

_MERIDIEM = r"(?:\s*(?P<meridiem>[ap])\.?\s*m\.?)?"
_SHAPES = (
    r"(?P<hour>[0-9]{1,2})(?:[:.](?P<minute>[0-9]{2})|h(?P<hminute>[0-9]{2})?)?",  # 7:30, 19h
    r"(?P<hour>[0-9]{1,2})(?P<minute>[0-9]{2})",  # 730, 0730, 1945
    r"(?P<hour>[0-9]{1,2})\s*o['’]?\s*clock",  # 7 o'clock
)
_PATTERNS = tuple(re.compile(shape + _MERIDIEM) for shape in _SHAPES)
_WORDS = {"noon": time(12, 0), "midday": time(12, 0), "midnight": time(0, 0)}


def parse_time(text: str) -> time | None:
    """The wall time in `text`, or None if it is not clearly one time of day."""
    cleaned = " ".join(unicodedata.normalize("NFKC", text).casefold().split())
    if cleaned in _WORDS:
        return _WORDS[cleaned]
    for pattern in _PATTERNS:
        match = pattern.fullmatch(cleaned)
        if match is not None:
            groups = match.groupdict()
            minute = groups.get("minute") or groups.get("hminute") or "0"
            return _build(int(groups["hour"]), int(minute), groups["meridiem"])
    return None


def _build(hour: int, minute: int, meridiem: str | None) -> time | None:
    """Check ranges; with am/pm the hour is 1-12, and 12am is midnight, 12pm noon."""
    if minute > 59:
        return None
    if meridiem is not None:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if meridiem == "p" else 0)
    if hour > 23:
        return None
    return time(hour, minute)


def format_time(at: time) -> str:
    """24-hour "HH:MM", the form the bot shows and `parse_time` reads back."""
    return f"{at.hour:02d}:{at.minute:02d}"
