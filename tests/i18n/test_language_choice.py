"""Which language a code means, the current language per task, and dates in each language."""

from __future__ import annotations

import asyncio
from datetime import date

import pytest

from bot import i18n
from bot.telegram import texts


@pytest.mark.parametrize(
    ("code", "language"),
    [
        ("en", "en"),
        ("en-GB", "en"),
        ("es", "es"),
        ("es-MX", "es"),
        ("es_AR", "es"),
        ("ru", "ru"),
        ("ru-RU", "ru"),
        ("pt-BR", "pt-BR"),
        ("pt-br", "pt-BR"),
        ("PT-BR", "pt-BR"),
        ("pt", "pt-BR"),
        ("pt-PT", "pt-BR"),
        ("de", "en"),
        ("xx-YY", "en"),
        ("", "en"),
        (None, "en"),
    ],
)
def test_codes_resolve_exactly_then_by_base_language_else_english(
    code: str | None, language: str
) -> None:
    assert i18n.resolve(code) == language


def test_use_language_nests_and_restores() -> None:
    assert i18n.current() == "en"
    with i18n.use_language("ru"):
        assert texts.SAVED == "Сохранено."
        with i18n.use_language("pt-br"):
            assert texts.SAVED == "Salvo."
        assert i18n.current() == "ru"
    assert texts.SAVED == "Saved."


async def test_each_task_keeps_its_own_language() -> None:
    """Updates run in their own tasks: one person's language never leaks into another's."""

    async def speak(code: str) -> str:
        i18n.set_language(code)
        await asyncio.sleep(0)
        return texts.SAVED

    said = await asyncio.gather(*(speak(code) for code in ("es", "ru", "en", "pt-BR")))
    assert said == ["Guardado.", "Сохранено.", "Saved.", "Salvo."]
    assert i18n.current() == "en"


@pytest.mark.parametrize(
    ("language", "long", "short", "days"),
    [
        ("en", "Tuesday 3 March", "3 Mar", "on Tue, Thu"),
        ("es", "martes 3 de marzo", "3 mar", "los mar, jue"),
        ("ru", "вторник, 3 марта", "3 мар.", "по дням: вт, чт"),
        ("pt-BR", "terça-feira, 3 de março", "3 de mar.", "em: ter., qui."),
    ],
)
def test_dates_and_days_come_from_cldr(language: str, long: str, short: str, days: str) -> None:
    with i18n.use_language(language):
        assert texts.long_date(2026, 3, 3, 1) == long
        assert texts.short_date(date(2026, 3, 3)).startswith(short.split(" de ")[0])
        assert texts.days_summary((1, 3)) == days


def test_numbers_and_plurals_follow_the_language() -> None:
    with i18n.use_language("es"):
        assert texts.average_discomfort(2.5) == "molestia media 2,5/10"
        assert texts.streak_text(1) == "1 día"
    with i18n.use_language("en"):
        assert texts.average_discomfort(2.5) == "discomfort 2.5/10 on average"
        assert texts.average_discomfort(3.0) == "discomfort 3/10 on average"
    with i18n.use_language("ru"):
        assert [texts.streak_text(n) for n in (1, 3, 11, 22)] == [
            "1 день",
            "3 дня",
            "11 дней",
            "22 дня",
        ]


def test_the_language_names_are_their_own() -> None:
    assert [texts.language_name(code) for code in i18n.LANGUAGES] == [
        "English",
        "Español",
        "Русский",
        "Português (Brasil)",
    ]
