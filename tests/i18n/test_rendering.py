"""Every text of bot/telegram/texts.py rendered in every language with representative values:
no English left in the other languages, within Telegram's limits, buttons short."""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterator
from datetime import date

import pytest
from pydantic import BaseModel

from bot import i18n
from bot.content import Catalogue
from bot.telegram import texts

MESSAGE_LIMIT = 4096
BUTTON_LIMIT = 32
"""About what a phone shows on one button of a two-wide row without cutting it."""
ANSWER_LIMIT = 200
"""answerCallbackQuery text."""

KEPT_IN_ENGLISH = {
    *("footbot", "utc", "csv", "europe", "asia", "america", "new", "york", "min"),
    *("telegram", "broadcast"),
}
"""Names that stay English on purpose: the bot's name, UTC, CSV, IANA zone names, "min";
Telegram's name, and `broadcast` of the operator's command `/admin broadcast`, typed as is."""
FALSE_FRIENDS = {
    "es": {"chat", "general", "local", "has", "me", "no", "a", "de", "bot"},
    "pt-BR": {
        *("dose", "for", "use", "local", "me", "a", "de", "come", "no", "do", "as", "continue"),
        "bot",
    },
    "ru": set(),
}
"""Words that are also ordinary words of the language ("for" in "se a dor for aguda")."""

DECLARED = [name for name in texts.__annotations__ if name.isupper() and name not in vars(texts)]
"""The names texts.py reads from the catalogues when asked (module __getattr__)."""
BUTTON_NAMES = [
    name
    for name in DECLARED
    if name.endswith(("_BUTTON", "_YES", "_NO", "_NONE"))
    or name in {"CONTINUE", "SHARE_LOCATION", "PICK_OFFSET", "EVERY_DAY", "CHOOSE_DAYS"}
    or name in {"SUMMARY_OFF", "RATING_NONE"}
]
BUTTON_MAPS = ["SETTINGS_BUTTONS", "PAUSE_OPTIONS", "SNOOZE_LABELS", "SKIP_REASON_LABELS"]
ANSWER_NAMES = [
    "BUTTON_UNKNOWN",
    "BUTTON_STALE",
    "BUTTON_NOT_YOURS",
    "BUTTON_ENDED",
    "BUTTON_FIRST_STEP",
    "EXERCISE_GONE",
    "ROUTINE_ENDED",
    "REMINDER_NOT_YOURS",
    "REMINDER_ANSWERED",
    "REMINDER_OLD_DAY",
    "REMINDER_TOO_LATE",
    "REMINDER_EVENING_PASSED",
    "HOLD_NOT_HELD",
    "TIMER_STARTED",
    "RECORDED",
    "SAVED",
]


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, BaseModel):
        for field in type(value).model_fields:
            yield from _strings(getattr(value, field))
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _strings(item)


def _english_words() -> set[str]:
    text = (i18n.LOCALES_DIR / "en" / i18n.CATALOGUE).read_text(encoding="utf-8")
    text = re.sub(
        r"^#.*$|^[a-z0-9_-]+ =|\{[^}]*\}|\[[a-z0-9_]+\]|<[^>]+>|/[a-z_]+", " ", text, flags=re.M
    )
    return {w.lower() for w in re.findall(r"[^\W\d_]{2,}", text)}


ENGLISH = _english_words()


def renderings(catalogue: Catalogue) -> Iterator[tuple[str, str]]:
    """(what, text) for every function and name of texts.py, with representative values."""
    exercise = catalogue.get("calf_raises")
    held = catalogue.get("ball_massage")
    assert exercise is not None and held is not None
    vocabulary = catalogue.vocabulary
    steps = exercise.steps
    held_steps, held_at = next(
        (e.steps, i) for e in catalogue for i, one in enumerate(e.steps) if one.hold_seconds
    )
    hold = held_steps[held_at].hold_seconds or 0  # its "get into position" lead
    calls: dict[str, Callable[[], str]] = {
        "welcome": lambda: texts.welcome("Ana"),
        "help_text": texts.help_text,
        "timer_button": lambda: texts.timer_button(30),
        "not_found": lambda: texts.not_found("xyz"),
        "exercise_card": lambda: texts.exercise_card(exercise, vocabulary),
        "dose": lambda: texts.dose(held) + " / " + texts.dose(exercise),
        "start_set_button": lambda: texts.start_set_button(2),
        "set_line": lambda: texts.set_line(2, 3),
        "step_message": lambda: "\n".join(
            [
                texts.step_message(exercise.name, steps, 0, heading="H", note="N", level="L"),
                texts.step_message(exercise.name, steps, 0, timer_running=True, remaining=5),
                texts.step_message(exercise.name, steps, 0, timer_done=True),
                texts.step_message(exercise.name, steps, len(steps) - 1, where=texts.SIDE_NAMES[1]),
                texts.step_message(exercise.name, steps, 0, through=len(steps) - 1, rate=True),
                texts.step_message(
                    exercise.name, held_steps, held_at, timer_running=True, remaining=hold + 5
                ),
            ]
        ),
        "rest_message": lambda: "\n".join(
            texts.rest_message(
                exercise.name,
                heading="",
                note="",
                set_number=2,
                set_count=3,
                seconds=s,
                remaining=r,
                over=o,
                closed=c,
            )
            for s, r, o, c in (
                (30, None, False, False),
                (30, 10, False, False),
                (30, None, True, False),
                (30, None, False, True),
            )
        ),
        "time_up": lambda: "\n".join(
            (
                texts.time_up(30, rest=True),
                texts.time_up(30, rest=False),
                texts.time_up(30, rest=False, next_side=texts.SIDE_NAMES[1]),
                texts.time_up(120, rest=False, next_side=texts.SIDE_NAMES[0]),
                texts.time_up(
                    30, rest=False, next_side=texts.SIDE_NAMES[1], next_set=texts.set_line(2, 3)
                ),
                texts.time_up(30, rest=False, next_set=texts.set_line(3, 3)),
            )
        ),
        "admin_overview": lambda: "\n".join(
            texts.admin_overview(
                active=1200,
                paused=3,
                stopped=1,
                blocked=2,
                due_today=40,
                sent_today=21,
                late=0,
                failed=1,
                routines=15,
                discomfort_now=now,
                discomfort_before=before,
                parked=0,
            )
            for now, before in ((2.5, 3.0), (None, 4.0))
        ),
        "broadcast_message": lambda: texts.broadcast_message("<b>Hola</b>"),
        "broadcast_preview": lambda: "\n".join(
            texts.broadcast_preview("x", n) for n in (0, 1, 2, 5, 21, 1000)
        ),
        "broadcast_progress": lambda: texts.broadcast_progress(10, 25),
        "broadcast_finished": lambda: (
            texts.broadcast_finished(20, 3, 1, 0) + texts.broadcast_finished(20, 3, 1, 2)
        ),
        "rating_question": lambda: texts.rating_question(exercise),
        "rating_reply": lambda: "\n".join(texts.rating_reply(exercise, s) for s in (0, 2, 5, 9)),
        "stopped": lambda: texts.stopped(exercise) + texts.stopped(exercise, hurts=True),
        "safety_question": lambda: texts.safety_question(["X"]),
        "language_changed": texts.language_changed,
        "long_date": lambda: texts.long_date(2026, 3, 3, 1),
        "short_date": lambda: texts.short_date(date(2026, 3, 3)),
        "days_summary": lambda: "; ".join(
            texts.days_summary(d) for d in ((0, 1, 2, 3, 4, 5, 6), (0, 1, 2, 3, 4), (1, 3))
        ),
        "zone_not_found": lambda: texts.zone_not_found("Xyzzy"),
        "zone_confirm": lambda: texts.zone_confirm("Europe/Madrid", "07:30", 2),
        "all_set": lambda: texts.all_set("07:30", "Europe/Madrid", texts.days_summary((1,)), "D"),
        "settings_overview": lambda: texts.settings_overview(
            time_text="07:30",
            zone="Europe/Madrid",
            days=texts.days_summary((1,)),
            complaints=[],
            equipment=[],
            minutes=10,
            flags=[],
            state=texts.STATUS_ON,
            summary=texts.summary_setting(6),
        ),
        "status_paused_until": lambda: texts.status_paused_until("D"),
        "status_on_next": lambda: texts.status_on_next("D"),
        "minutes_label": lambda: texts.minutes_label(10),
        "day_and_time": lambda: texts.day_and_time("D", "07:30"),
        "paused_until": lambda: texts.paused_until("D"),
        "paused_open": lambda: texts.paused_open(True) + texts.paused_open(False),
        "resumed": lambda: texts.resumed("D"),
        "subscribed_again": lambda: texts.subscribed_again("D"),
        "snooze_button": lambda: " ".join(texts.snooze_button(c) for c in "qhte"),
        "reminder": lambda: "\n".join(
            [texts.reminder("Ana", "D", h) for h in (7, 13, 19, 23)]
            + [texts.reminder("Ana", "D", 7, again=True)]
        ),
        "reminder_snoozed": lambda: texts.reminder_snoozed("08:30"),
        "routine_overview": lambda: texts.routine_overview(["X", "Y"], 5.5),
        "level_change": lambda: "\n".join(
            texts.level_change(r, name="X", level="Y", days=d)
            for r in texts.LEVEL_REASONS
            for d in (1, 2, 5)
        ),
        "routine_heading": lambda: texts.routine_heading(0, 3),
        "level_note": lambda: texts.level_note("Y"),
        "after_exercise": lambda: "\n".join(
            [texts.after_exercise("X", s, False) for s in (0, 2, 5, 8)]
            + [
                texts.after_exercise("X", None, True),
                texts.after_exercise("X", None, True, hurts=True),
            ]
        ),
        "routine_summary": lambda: texts.routine_summary(3, 1, 2),
        "average_discomfort": lambda: " ".join(
            texts.average_discomfort(a) for a in (None, 0.0, 2.0, 2.5)
        ),
        "percent": lambda: texts.percent(0.5) + texts.percent(None),
        "streak_text": lambda: " ".join(texts.streak_text(n) for n in (1, 2, 5, 21)),
        "exercise_trend": lambda: "\n".join(
            texts.exercise_trend("X", t, a, trend)
            for t, a, trend in (
                (1, None, "unknown"),
                (3, 0.0, "better"),
                (5, 2.5, "worse"),
                (2, 3.0, "steady"),
            )
        ),
        "progress": lambda: (
            texts.progress(3, 0.5, None, ["• X"], known_days=5)
            + texts.progress(3, 0.5, 0.7, ["• X"], known_days=12)
            + texts.progress(3, 0.5, 0.7, ["• X"], known_days=40)
        ),
        "chart_title": lambda: " ".join(texts.chart_title(n) for n in (1, 7, 30, 45)),
        "summary_setting": lambda: " ".join(texts.summary_setting(d) for d in (None, *range(7))),
        "weekly_summary": lambda: "\n".join(
            texts.weekly_summary("Ana", d, s, w)
            for d, s, w in ((1, 1, 0.2), (4, 4, 0.6), (6, 12, 0.9))
        ),
        "export_caption": lambda: texts.export_caption("Europe/Madrid"),
        "and_list": lambda: texts.and_list(["X", "Y", "Z"]),
        "safety_left_out": lambda: texts.safety_left_out(["X", "Y"]),
        "safety_modified": lambda: texts.safety_modified(["X"], [texts.SAFETY_SEATED]),
        "safety_hold": lambda: texts.safety_hold(["X", "Y"]),
        "hold_later": lambda: texts.hold_later("D"),
        "card_held": lambda: texts.card_held(["X"]),
        "card_left_out": lambda: texts.card_left_out(["X"]),
        "card_rung_out": lambda: texts.card_rung_out("Y", ["X"]),
    }
    for name, render in calls.items():
        yield name, render()
    for name in DECLARED:
        value = getattr(texts, name)
        if name == "COMMANDS":  # the commands themselves are Telegram's /names, kept
            yield name, "\n".join(description for _, description in value)
        elif isinstance(value, dict):
            yield name, "\n".join(_strings(list(value.values())))
        elif isinstance(value, tuple):
            yield name, "\n".join(" ".join(v) if isinstance(v, tuple) else v for v in value)
        else:
            yield name, value


def test_every_text_function_is_rendered(catalogue: Catalogue) -> None:
    """A new function in texts.py gets a line in `renderings` (or a reason to be left out)."""
    public = {
        name
        for name, value in vars(texts).items()
        if inspect.isfunction(value)
        and not name.startswith("_")
        and value.__module__ == texts.__name__
    }
    rendered = {name for name, _ in renderings(catalogue)}
    not_rendered = {
        "complaint_choice_labels",
        "equipment_button_labels",
        "inline_description",
        "answered",
        "toggle_label",
        "clock",
        "offset_label",
        "zone_noted",
        "export_filename",
        "language_name",
    }
    assert public - rendered - not_rendered == set()


def _content_strings(catalogue: Catalogue) -> list[str]:
    found = set(_strings(list(catalogue.exercises)))
    found |= set(_strings(catalogue.vocabulary))
    return sorted(found, key=len, reverse=True)


def _leftover_english(text: str, language: str, content: list[str]) -> set[str]:
    for piece in content:
        text = text.replace(piece, " ")
    text = re.sub(r"<code>.*?</code>", " ", text)  # what to type: "7pm", "Europe/Berlin"
    text = re.sub(r"<[^>]+>|/[a-z_]+|[A-Z][a-z]+/[A-Za-z_]+|\{[a-z]+\}", " ", text)
    words = {w.lower() for w in re.findall(r"[^\W\d_]{2,}", text)}
    return (words & ENGLISH) - KEPT_IN_ENGLISH - FALSE_FRIENDS.get(language, set())


@pytest.mark.parametrize("language", [c for c in i18n.LANGUAGES if c != i18n.DEFAULT])
def test_no_english_left_in_other_languages(language: str, catalogue: Catalogue) -> None:
    content = _content_strings(catalogue)
    with i18n.use_language(language):
        found = {
            what: sorted(left)
            for what, text in renderings(catalogue)
            if (left := _leftover_english(text, language, content))
        }
    assert found == {}


def test_the_english_check_finds_english(catalogue: Catalogue) -> None:
    """The check itself: an English sentence in a Spanish screen is caught."""
    assert _leftover_english("Hola. Tap Next when you're ready.", "es", []) >= {"tap", "next"}


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_texts_fit_telegram(language: str, catalogue: Catalogue) -> None:
    with i18n.use_language(language):
        too_long = {
            what: len(text) for what, text in renderings(catalogue) if len(text) > MESSAGE_LIMIT
        }
        buttons = [getattr(texts, name) for name in BUTTON_NAMES]
        buttons += [label for name in BUTTON_MAPS for label in getattr(texts, name).values()]
        buttons += [texts.timer_button(90), texts.start_set_button(3), *texts.WEEKDAY_SHORT]
        buttons += [texts.snooze_button(c) for c in "qhte"]
        buttons += [texts.language_name(code) for code in i18n.LANGUAGES]
        wide = [label for label in buttons if len(label) > BUTTON_LIMIT]
        buttons += [label for label, _ in texts.ADMIN_FIGURES.values()]
        buttons += [texts.ADMIN_BROADCAST_SEND, texts.ADMIN_CANCEL]
        answers = [getattr(texts, name) for name in ANSWER_NAMES]
        answers += [definition for _, definition in texts.ADMIN_FIGURES.values()]
        long_answers = [answer for answer in answers if len(answer) > ANSWER_LIMIT]
    assert (too_long, wide, long_answers) == ({}, [], [])
    assert BUTTON_NAMES  # the selection above found the buttons


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_rendering_leaves_no_fluent_errors_or_braces(language: str, catalogue: Catalogue) -> None:
    with i18n.use_language(language):
        for what, text in renderings(catalogue):
            if what in {
                "SKIP_CHOICE_QUESTION",
                "SKIP_QUESTION",
                "STOP_QUESTION",
                "SEVERE_STOP",
                "RESUME_NOT_PAUSED",
                "ZONE_NOT_FOUND",
                "EXPORT_CAPTION",
                "SAFETY_MODIFIED",
                "LEVEL_CHANGE",
            }:
                continue  # these keep a .format placeholder on purpose
            assert "{" not in text and "}" not in text, (what, text)


def test_exercise_content_placeholder_for_other_languages(catalogue: Catalogue) -> None:
    """Names declared with a .format placeholder still fill in every language."""
    for language in i18n.LANGUAGES:
        with i18n.use_language(language):
            assert "Xq" in texts.SKIP_QUESTION.format(name="Xq")
            assert "9/10" in texts.SEVERE_STOP.format(score=9)
