"""Every message the bot can render fits Telegram's limits and is valid HTML."""

from __future__ import annotations

import itertools
from html.parser import HTMLParser

from bot.content import Catalogue
from bot.domain import progression
from bot.domain.walkthrough import Position, Status
from bot.telegram import keyboards, texts
from bot.telegram.runs import Run, steps_of

MAX_TEXT = 4096
MAX_BUTTONS = 100
ALLOWED_TAGS = {"b", "i", "u", "s", "code", "pre", "a"}


class _TagChecker(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        assert tag in ALLOWED_TAGS, tag
        self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open.pop() == tag, tag


def _check(text: str) -> None:
    checker = _TagChecker()
    checker.feed(text)
    checker.close()
    assert not checker.open
    assert 0 < len(text) <= MAX_TEXT


def test_every_step_screen_fits(catalogue: Catalogue) -> None:
    """Every step of every exercise, alone or in a routine, standard or equipment-free."""
    for exercise in catalogue:
        for variant in ("standard", "without_equipment"):
            steps = steps_of(exercise, variant)
            runs = [Run(exercise, steps)] + [
                Run(
                    exercise,
                    steps,
                    texts.routine_heading(9, 10),
                    texts.level_note(level.name),
                    level.description,
                )
                for level in exercise.levels
            ]
            for run, index in itertools.product(runs, range(len(steps))):
                for running, done in ((False, False), (True, False), (False, True)):
                    _check(
                        f"{texts.after_exercise('x' * 40, 10, False)}\n\n"
                        + run.step_text(index, timer_running=running, timer_done=done)
                    )
                position = Position(step=index, step_count=len(steps))
                markup = keyboards.step_keyboard(
                    10**12 - 1,
                    999_999,
                    position,
                    steps[index].hold_seconds,
                    in_routine=run.in_routine,
                )
                _check_markup(markup)


def test_the_days_overview_names_everything_and_rounds_minutes_up(catalogue: Catalogue) -> None:
    names = [exercise.name for exercise in catalogue]
    overview = texts.routine_overview(names, 14.5)
    _check(overview)
    assert overview.endswith(" · about 15 min") and all(name in overview for name in names)


def test_every_card_and_closing_screen_fits(catalogue: Catalogue) -> None:
    for exercise in catalogue:
        _check(texts.exercise_card(exercise, catalogue.vocabulary))
        _check(texts.rating_question(exercise))
        _check(texts.stopped(exercise))
        for score in range(11):
            _check(texts.rating_reply(exercise, score))
        _check_markup(keyboards.card_keyboard(exercise))
    _check_markup(keyboards.rating_keyboard(10**12 - 1, 999_999))
    _check_markup(keyboards.skip_reasons_keyboard(10**12 - 1, 999_999))
    _check_markup(keyboards.exercise_list(catalogue))


def test_fixed_texts_are_valid() -> None:
    fixed = (
        texts.welcome("A" * 64),
        texts.help_text(),
        texts.not_found("x" * 4096),
        texts.routine_summary(10, 10, 999),
        texts.SEVERE_STOP.format(score=10),
    )
    for text in fixed:
        _check(text)


def test_last_step_offers_the_rating_and_first_step_has_no_back(catalogue: Catalogue) -> None:
    exercise = next(iter(catalogue))
    count = len(exercise.steps)
    first = keyboards.step_keyboard(1, 0, Position(0, count), None)
    last = keyboards.step_keyboard(1, 0, Position(count - 1, count, Status.ACTIVE), None)
    first_labels = [b.text for row in first.inline_keyboard for b in row]
    last_labels = [b.text for row in last.inline_keyboard for b in row]
    assert texts.BACK_BUTTON not in first_labels and texts.NEXT_BUTTON in first_labels
    # the last step carries the rating: one press finishes and rates, no separate Done
    assert texts.DONE_FINE_BUTTON in last_labels and texts.BACK_BUTTON in last_labels
    assert texts.DONE_BUTTON not in last_labels and texts.NEXT_BUTTON not in last_labels
    assert [label.split()[-1] for label in last_labels[1:11]] == [str(n) for n in range(1, 11)]
    _check_markup(last)


def _check_markup(markup: object) -> None:
    rows = markup.inline_keyboard  # type: ignore[attr-defined]
    assert sum(len(row) for row in rows) <= MAX_BUTTONS
    for row in rows:
        for button in row:
            assert len(button.callback_data.encode()) <= 64


def test_every_level_change_has_its_sentence() -> None:
    """Each reason a level can change for is explained to the person in one line."""
    reasons = [
        progression.UP,
        progression.DOWN,
        progression.HOLD,
        progression.STOP,
        progression.SKIPPED_HURTS,
        progression.SKIPPED_HURTS_AT_LOWEST,
        progression.SKIPPED_TOO_HARD,
    ]
    assert set(texts.LEVEL_CHANGE) == set(reasons)
    for sentence in texts.LEVEL_CHANGE.values():
        line = sentence.format(name="Calf raises", level="one leg", days=2)
        assert "\n" not in line and line.endswith(".")


def test_averages_read_naturally() -> None:
    from bot.telegram import texts

    assert texts.average_discomfort(None) == "no ratings"
    assert texts.average_discomfort(0.0) == "no discomfort"
    assert texts.average_discomfort(2.0) == "discomfort 2/10 on average"
    assert texts.average_discomfort(2.5) == "discomfort 2.5/10 on average"
    assert "0.0" not in texts.exercise_trend("Calf raises", 1, 0.0, "unknown")


def test_a_new_person_s_progress_says_since_you_started() -> None:
    from bot.telegram import texts

    new = texts.progress(1, 1.0, 1.0, ["• x"], known_days=2)
    assert "Since you started: 100%" in new and "30 days" not in new and "Last 7" not in new
    later = texts.progress(3, 0.5, 0.5, ["• x"], known_days=12)
    assert "Last 7 days" in later and "Since you started" in later and "30 days" not in later
    full = texts.progress(3, 0.5, 0.5, ["• x"])
    assert "Last 30 days" in full and "Exercises in the last 30 days" in full
    assert texts.chart_title(30) == "Last 30 days" and texts.chart_title(4) == "Last 4 days"


def test_the_caption_limit_counts_visible_characters() -> None:
    from bot.telegram.illustrations import CAPTION_LIMIT, visible_length

    assert visible_length("<b>Ball &amp; chain</b>") == len("Ball & chain")
    assert visible_length("<i>" + "x" * CAPTION_LIMIT + "</i>") == CAPTION_LIMIT


def test_the_card_speaks_the_vocabulary(catalogue: Catalogue) -> None:
    card = texts.exercise_card(catalogue.get("ball_massage"), catalogue.vocabulary)
    assert "heel pain / plantar fasciitis" in card and "a small ball" in card
