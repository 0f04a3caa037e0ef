"""The language of what the bot says: Fluent catalogues, the current language, Babel formats.

One `.ftl` file per language in `bot/locales/<code>/footbot.ftl`. The language of a rendering
is a context variable: set once per update (from the person's stored language, or Telegram's
`language_code` on first contact) and once per recipient for what the clock sends, so every
text function below it speaks that language without passing it down by hand.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from functools import cache
from pathlib import Path
from typing import Literal

from babel import Locale
from babel.dates import format_date, get_day_names
from fluent.runtime import FluentBundle, FluentResource

LOCALES_DIR = Path(__file__).parent / "locales"
DEFAULT = "en"
LANGUAGES: tuple[str, ...] = ("en", "es", "ru", "pt-BR")
"""The codes FootBot speaks, in the order the language picker shows them."""
CATALOGUE = "footbot.ftl"

Value = str | int | float

_current: ContextVar[str] = ContextVar("footbot_language", default=DEFAULT)

# A long date ("Tuesday 3 March") as each language writes it; names come from CLDR (Babel).
_LONG_DATE = {
    "en": "EEEE d MMMM",
    "es": "EEEE d 'de' MMMM",
    "ru": "EEEE, d MMMM",
    "pt-BR": "EEEE, d 'de' MMMM",
}


def resolve(code: str | None) -> str:
    """A Telegram `language_code` (or a stored code) to a language FootBot speaks.

    Exact code first ("pt-BR"), then the base language ("pt-br", "pt" -> pt-BR; "es-MX" -> es;
    "ru-RU" -> ru), else English.
    """
    if not code:
        return DEFAULT
    wanted = code.strip().replace("_", "-").lower()
    for known in LANGUAGES:
        if known.lower() == wanted:
            return known
    base = wanted.split("-", 1)[0]
    for known in LANGUAGES:
        if known.lower().split("-", 1)[0] == base:
            return known
    return DEFAULT


def current() -> str:
    """The language of the rendering under way."""
    return _current.get()


def set_language(code: str | None) -> str:
    """Make `code` (resolved) the language of the rest of this task: one update."""
    language = resolve(code)
    _current.set(language)
    return language


@contextmanager
def use_language(code: str | None) -> Iterator[str]:
    """Speak `code` inside the block (one recipient of the clock), then the previous language."""
    token = _current.set(resolve(code))
    try:
        yield _current.get()
    finally:
        _current.reset(token)


def babel_locale(language: str) -> Locale:
    return Locale.parse(language.replace("-", "_"))


@cache
def bundle(language: str) -> FluentBundle:
    """The catalogue of one language, parsed once. Unknown ids fall back to English."""
    text = (LOCALES_DIR / language / CATALOGUE).read_text(encoding="utf-8")
    # use_isolating=False: Telegram shows bidi isolation marks as stray characters.
    catalogue = FluentBundle([language], use_isolating=False)
    catalogue.add_resource(FluentResource(text))
    return catalogue


class MissingMessage(KeyError):
    """A message id that no catalogue has: a programming error, caught by the tests."""


def message(message_id: str, language: str | None = None, /, **args: Value) -> str:
    """The message `message_id` in `language` (default: the current one), English if absent."""
    for code in (language or current(), DEFAULT):
        catalogue = bundle(code)
        if catalogue.has_message(message_id):
            found = catalogue.get_message(message_id)
            if found.value is None:
                break
            text, errors = catalogue.format_pattern(found.value, dict(args))
            if errors:
                raise ValueError(f"{code}/{message_id}: {errors[0]}")
            return str(text)
    raise MissingMessage(message_id)


def message_ids(language: str) -> frozenset[str]:
    """Every message id of one catalogue (for the tests and the language picker)."""
    return frozenset(bundle(language)._messages)


def weekday_names(
    width: Literal["wide", "abbreviated"] = "wide", language: str | None = None
) -> tuple[str, ...]:
    """Monday first, as `date.weekday()` counts (CLDR, stand-alone: "martes", "вторник")."""
    names: Mapping[int, str] = get_day_names(
        width, context="stand-alone", locale=babel_locale(language or current())
    )
    return tuple(names[day] for day in range(7))


def long_date(day: date, language: str | None = None) -> str:
    """“Tuesday 3 March” in the current language."""
    code = language or current()
    return str(format_date(day, _LONG_DATE.get(code, "EEEE d MMMM"), locale=babel_locale(code)))


def short_date(day: date, language: str | None = None) -> str:
    """“3 Mar”, for chart ticks."""
    return str(format_date(day, "d MMM", locale=babel_locale(language or current())))


def capital(text: str) -> str:
    """First letter upper case, for a button ("Lun", "Пн")."""
    return text[:1].upper() + text[1:]
