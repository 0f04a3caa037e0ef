"""Every sentence the bot says, by name, in the language of the rendering under way.

A thin accessor over the Fluent catalogues in `bot/locales/<code>/footbot.ftl` (see
`bot.i18n`): each function renders one message, and each UPPER_CASE name below is looked up
when it is read (`texts.SORRY`), in the current language, so handlers never pass a language.
Messages use HTML parse mode, so anything that comes from a person (their name, what they
typed) goes through `escape` before it is placed in a message.

Names declared with a `.format` placeholder (``SKIP_QUESTION``, ``LEVEL_CHANGE``...) keep it:
the catalogue renders the sentence with ``{name}`` in place for the caller to fill.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from datetime import date
from functools import cache
from html import escape
from typing import Any

from bot import i18n
from bot.content import Exercise, Step, Vocabulary
from bot.domain.discomfort import Band, band
from bot.domain.routine import rest_of


def _m(message_id: str, /, **args: i18n.Value) -> str:
    return i18n.message(message_id, None, **args)


# --- Names read in the current language (module __getattr__, PEP 562) -----------------------
# Declared here for the type checker; there is no value at import time on purpose.

BOT_DESCRIPTION: str
COMMANDS: tuple[tuple[str, str], ...]
SAFETY_LINE: str
EXERCISE_USAGE: str
ALL_EXERCISES: str
CHOICES: str
UNKNOWN_COMMAND: str
GROUP_POINTER: str
SORRY: str
NON_TEXT: str
BUTTON_UNKNOWN: str
BUTTON_STALE: str
BUTTON_NOT_YOURS: str
BUTTON_ENDED: str
BUTTON_FIRST_STEP: str
EXERCISE_GONE: str
TIMER_STARTED: str
RECORDED: str
START_BUTTON: str
NEXT_BUTTON: str
DONE_BUTTON: str
BACK_BUTTON: str
SKIP_BUTTON: str
STOP_BUTTON: str
AGAIN_BUTTON: str
HOLD_NOW_BUTTON: str
RATE_ON_LAST_STEP: str
SIDE_NAMES: tuple[str, str]
SKIP_REST_BUTTON: str
RATING_BANDS: str
RATING_NONE: str
NO_DISCOMFORT_REPLY: str
HURTS_ADVICE: str
WEEKDAY_NAMES: tuple[str, ...]
WEEKDAY_SHORT: tuple[str, ...]
ONBOARDING_INTRO: str
ONBOARDING_RESUME: str
SAFETY_QUESTION: str
SAFETY_NONE: str
CONTINUE: str
COMPLAINTS_QUESTION: str
EQUIPMENT_QUESTION: str
EQUIPMENT_NONE: str
LENGTH_QUESTION: str
TIME_QUESTION: str
TIME_NOT_UNDERSTOOD: str
ZONE_QUESTION: str
SHARE_LOCATION: str
PICK_OFFSET: str
OFFSET_QUESTION: str
ZONE_NOT_FOUND: str
ZONE_CHOICES: str
ZONE_FROM_LOCATION_FAILED: str
ZONE_CONFIRM_YES: str
ZONE_CONFIRM_NO: str
DAYS_QUESTION: str
EVERY_DAY: str
CHOOSE_DAYS: str
DAYS_PICK: str
DAYS_NEED_ONE: str
LOCATION_OUTSIDE_SETUP: str
SETTINGS_NEED_SETUP: str
SETTINGS_BUTTONS: dict[str, str]
SAVED: str
LANGUAGE_QUESTION: str
LANGUAGE_CHANGED: str
PAUSE_QUESTION: str
PAUSE_OPTIONS: dict[str, str]
PAUSE_NEED_SUBSCRIPTION: str
RESUME_NOT_PAUSED: str
STOP_REMINDERS_QUESTION: str
STOP_YES: str
STOP_NO: str
STOP_KEPT: str
STOPPED: str
ALREADY_STOPPED: str
NOT_SUBSCRIBED: str
START_NOW_BUTTON: str
PAUSE_KEEPS_STREAK: str
TIME_NOT_SET: str
NO_NEXT_REMINDER: str
STATUS_STOPPED: str
STATUS_HELD: str
STATUS_PAUSED_OPEN: str
STATUS_ON: str
REMINDER_START_BUTTON: str
REMINDER_SNOOZE_BUTTON: str
SNOOZE_LABELS: dict[str, str]
REMINDER_EVENING_PASSED: str
REMINDER_SKIP_BUTTON: str
REMINDER_SKIPPED: str
REMINDER_NOT_YOURS: str
REMINDER_OLD_DAY: str
REMINDER_ANSWERED: str
REMINDER_TOO_LATE: str
REMINDER_STARTED: str
SKIP_EXERCISE_BUTTON: str
SKIP_ONE_BUTTON: str
SKIP_THIS_STEP_BUTTON: str
SKIP_WHOLE_BUTTON: str
SKIP_CHOICE_QUESTION: str
DONE_FINE_BUTTON: str
SKIP_REASON_LABELS: dict[str, str]
SKIP_QUESTION: str
STOP_QUESTION: str
ROUTINE_ENDED: str
ROUTINE_NOTHING_SUITABLE: str
ROUTINE_ALREADY_DONE: str
ROUTINE_CONTINUE: str
ROUTINE_STOPPED_TODAY: str
SEVERE_STOP: str
PAUSE_OFFER_BUTTON: str
VARIANT_NOTE: str
LEVEL_CHANGE: dict[str, str]
PROGRESS_EMPTY: str
NO_SCHEDULED_DAYS: str
TREND_WORDS: dict[str, str]
CHART_TITLE: str
CHART_COMPLETED: str
CHART_DISCOMFORT: str
CHART_CAPTION: str
SUMMARY_QUESTION: str
SUMMARY_OFF: str
EXPORT_EMPTY: str
EXPORT_CAPTION: str
EXPORT_HEADER: tuple[str, ...]
EXPORT_STATUS: dict[str, str]
EXPORT_VARIANTS: dict[str, str]
FORGET_QUESTION: str
FORGET_YES: str
FORGET_NO: str
FORGET_KEPT: str
FORGOTTEN: str
SAFETY_MODIFIED: str
SAFETY_GO_AHEAD: str
SAFETY_CHECK_DONE: str
SAFETY_SEATED: str
SAFETY_LOWEST: str
SAFETY_FOOT_CHECK: str
SAFETY_GET_CHECKED: str
SAFETY_KEEP_GENTLE: str
SAFETY_FIRST_CHECK: str
SAFETY_RECHECK: str
SAFETY_WORDS_HEARD: str
HOLD_CLEARED_BUTTON: str
HOLD_LATER_BUTTON: str
HOLD_CLEARED: str
HOLD_CLEARED_SETUP: str
HOLD_NOT_HELD: str
ADMIN_FIGURES: dict[str, tuple[str, str]]
"""Figure key -> (label, definition); a definition is shown in a button's pop-up (<= 200)."""
ADMIN_USAGE: str
ADMIN_BROADCAST_ASK: str
ADMIN_BROADCAST_SEND: str
ADMIN_CANCEL: str
ADMIN_BROADCAST_CANCELLED: str
ADMIN_BROADCAST_TOO_LONG: str

COMMAND_NAMES = (
    "start", "exercises", "exercise", "today", "settings", "pause", "resume", "stop",
    "progress", "export", "forget", "language", "help",
)  # fmt: skip
"""The command menu, in order; descriptions are `command-<name>` in the catalogues."""

SNOOZE_CHOICES = ("q", "h", "t", "e")  # bot.domain.reminder_answer.Snooze values
SKIP_REASONS = ("hurts", "no_time", "no_equipment", "too_hard")
LEVEL_REASONS = (  # the reason codes of bot.domain.progression
    "three_easy",
    "discomfort_high",
    "discomfort_moderate_at_lowest",
    "discomfort_severe",
    "skipped_hurts",
    "skipped_hurts_at_lowest",
    "skipped_too_hard",
)
SETTINGS_KEYS = (
    "time", "zone", "days", "complaints", "equipment", "length", "safety", "summary", "language",
)  # fmt: skip
PAUSE_KEYS = ("1", "3", "7", "14", "open", "frozen")
TRENDS = ("better", "steady", "worse", "unknown")
EXPORT_COLUMNS = (
    "date", "start", "exercise", "level", "variant", "status", "discomfort", "skip-reason",
)  # fmt: skip
EXPORT_STATUSES = {
    "completed": "completed",
    "stopped": "stopped",
    "skipped": "skipped",
    "skipping": "skipped",
    "active": "active",
    "rating": "rating",
}
EXPORT_VARIANT_CODES = ("standard", "without_equipment")
ADMIN_FIGURE_KEYS = ("subscribers", "today", "late", "failed", "routines", "discomfort", "parked")

# Names whose value is built from several messages, or keeps a `.format` placeholder.
_BUILT: dict[str, Callable[[], Any]] = {
    "COMMANDS": lambda: tuple((name, _m(f"command-{name}")) for name in COMMAND_NAMES),
    "SIDE_NAMES": lambda: (_m("side-right"), _m("side-left")),
    "WEEKDAY_NAMES": lambda: i18n.weekday_names("wide"),
    "WEEKDAY_SHORT": lambda: tuple(map(i18n.capital, i18n.weekday_names("abbreviated"))),
    "SETTINGS_BUTTONS": lambda: {k: _m(f"settings-button-{k}") for k in SETTINGS_KEYS},
    "PAUSE_OPTIONS": lambda: {k: _m(f"pause-option-{k}") for k in PAUSE_KEYS},
    "SNOOZE_LABELS": lambda: {k: _m(f"snooze-{k}") for k in SNOOZE_CHOICES},
    "SKIP_REASON_LABELS": lambda: {k: _m(f"skip-reason-{k}") for k in SKIP_REASONS},
    "TREND_WORDS": lambda: {k: _m(f"trend-{k}") for k in TRENDS},
    "EXPORT_HEADER": lambda: tuple(_m(f"export-header-{k}") for k in EXPORT_COLUMNS),
    "EXPORT_STATUS": lambda: {k: _m(f"export-status-{v}") for k, v in EXPORT_STATUSES.items()},
    "EXPORT_VARIANTS": lambda: {k: _m(f"export-variant-{k}") for k in EXPORT_VARIANT_CODES},
    "LEVEL_CHANGE": lambda: {
        k: _m(f"level-change-{k}", name="{name}", level="{level}", days="{days}")
        for k in LEVEL_REASONS
    },
    "ADMIN_FIGURES": lambda: {
        k: (_m(f"admin-figure-{k}"), _m(f"admin-figure-{k}-definition")) for k in ADMIN_FIGURE_KEYS
    },
    "CHART_TITLE": lambda: _m("chart-title", days=30),
    "STOPPED": lambda: _m("reminders-stopped"),
    "SKIP_CHOICE_QUESTION": lambda: _m("skip-choice-question", name="{name}"),
    "SKIP_QUESTION": lambda: _m("skip-question", name="{name}"),
    "STOP_QUESTION": lambda: _m("stop-question", name="{name}"),
    "RESUME_NOT_PAUSED": lambda: _m("resume-not-paused", next="{next}"),
    "SEVERE_STOP": lambda: _m("severe-stop", score="{score}"),
    "ZONE_NOT_FOUND": lambda: _m("zone-not-found", text="{text}"),
    "EXPORT_CAPTION": lambda: _m("export-caption", zone="{zone}"),
    "SAFETY_MODIFIED": lambda: _m("safety-modified", because="{because}"),
}


def __getattr__(name: str) -> Any:
    """`texts.SORRY` and friends, in the current language (each rendered once per language:
    the catalogues do not change while the bot runs)."""
    if name in _BUILT or name.isupper():
        value = _constant(i18n.current(), name)
        return dict(value) if isinstance(value, dict) else value  # a caller's copy to keep
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@cache
def _constant(language: str, name: str) -> Any:
    with i18n.use_language(language):
        if name in _BUILT:
            return _BUILT[name]()
        try:
            return _m(name.lower().replace("_", "-"))
        except i18n.MissingMessage:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None


# --- Commands, welcome, look-up --------------------------------------------------------------


def welcome(first_name: str) -> str:
    return _m("welcome", name=escape(first_name))


def help_text() -> str:
    lines = [f"/{name} - {_m(f'command-{name}')}" for name in COMMAND_NAMES]
    return _m("help-title") + "\n" + "\n".join(lines) + "\n\n" + _m("help-tail")


def timer_button(seconds: int) -> str:
    return _m("timer-button", duration=_duration(seconds))


def not_found(query: str) -> str:
    return _m("not-found", query=escape(query[:80]))


def exercise_card(exercise: Exercise, vocabulary: Vocabulary) -> str:
    """The card; complaints and equipment in the words of the content's vocabulary."""
    equipment = ", ".join(escape(vocabulary.equipment_label(item)) for item in exercise.equipment)
    targets = ", ".join(escape(vocabulary.complaint_label(item)) for item in exercise.targets)
    cautions = "\n".join(f"• {escape(line)}" for line in exercise.cautions)
    return (
        f"<b>{escape(exercise.name)}</b>\n{escape(exercise.summary)}\n\n"
        + _m("card-helps-with", targets=targets)
        + "\n"
        + _m("card-you-need", equipment=equipment)
        + "\n"
        + _m("card-steps-dose", steps=len(exercise.steps), dose=dose(exercise))
        + f"\n\n{_m('card-take-care')}\n{cautions}"
    )


def inline_description(exercise: Exercise) -> str:
    return exercise.summary


def dose(exercise: Exercise) -> str:
    d = exercise.dose
    parts: list[str] = []
    if d.sets and d.reps:
        parts.append(_m("dose-sets-reps", sets=d.sets, reps=d.reps))
    elif d.reps:
        parts.append(_m("dose-reps", reps=d.reps))
    elif d.sets:
        parts.append(_m("dose-sets", sets=d.sets))
    if d.hold_seconds:
        parts.append(_m("dose-hold", duration=_duration(d.hold_seconds)))
    if d.minutes:
        parts.append(_m("dose-minutes", minutes=d.minutes))
    text = ", ".join(parts) or _m("dose-own-pace")
    text = _m("dose-per-side", dose=text) if d.per_side else text
    rest = rest_of(d)
    return _m("dose-with-rest", dose=text, rest=_duration(rest)) if rest else text


# --- Steps, sets, sides, timers --------------------------------------------------------------


def start_set_button(number: int) -> str:
    return _m("start-set-button", number=number)


def set_line(set_number: int, set_count: int) -> str:
    return _m("set-line", number=set_number, count=set_count)


def step_message(
    name: str,
    steps: Sequence[Step],
    index: int,
    *,
    heading: str = "",
    note: str = "",
    level: str = "",
    timer_running: bool = False,
    timer_done: bool = False,
    where: str = "",
    remaining: int | None = None,
    first: Sequence[str] = (),
    through: int | None = None,
    rate: bool = False,
) -> str:
    """One step of an exercise; `heading`, `note` and `level` place it inside a routine.

    `first` are the steps the walkthrough went over by itself to get here (out of the last
    stretch, into position on the other foot), said briefly before this one.

    `level` is what the person's level asks of them (both legs or one, how long, how many): the
    steps describe the movement, the level says how much of it. `where` is the set and side
    ("Set 2 of 2 · Right foot"); `remaining` the seconds a running hold has left (more than
    the hold: it has not started yet, the person gets into position). `through` is the last
    step of a screen that shows several (the second foot's run), `rate` asks how it felt.
    """
    step = steps[index]
    last = index if through is None else max(index, min(through, len(steps) - 1))
    numbers = f"{index + 1}" if last == index else f"{index + 1}-{last + 1}"
    title = _m("step-title", name=escape(name), number=numbers, count=len(steps))
    lines = [f"{heading}\n{title}" if heading else title]
    if note:
        lines.append(f"<i>{note}</i>")
    if where:
        lines.append(f"<b>{where}</b>")
    if first:
        lines += ["", *(f"• {escape(text)}" for text in first)]
    sided = bool(where) and any(n in where for n in (_m("side-right"), _m("side-left")))
    if last > index:  # the second foot's run on one screen: every step of it, with its count
        for one in steps[index : last + 1]:
            detail = _step_detail(one, sided=sided)
            lines += ["", f"• {escape(one.text)}" + (f"\n{detail}" if detail else "")]
    else:
        lines += ["", escape(step.text)]
        detail = _step_detail(step, sided=sided)
        if detail:
            lines += ["", detail]
    if level:
        lines += ["", _m("at-your-level", level=escape(level))]
    if timer_done:
        lines += ["", _m("hold-finished")]
    elif timer_running and step.hold_seconds:
        if remaining is not None and remaining > step.hold_seconds:
            hold, wait = _duration(step.hold_seconds), _duration(remaining - step.hold_seconds)
            lines += ["", _m("get-into-position", hold=hold, wait=wait)]
        elif remaining is not None and remaining < step.hold_seconds:
            lines += ["", _m("holding-left", duration=_duration(max(remaining, 0)))]
        else:
            lines += ["", _m("holding-for", duration=_duration(step.hold_seconds))]
    if rate:
        lines += ["", _m("rate-on-last-step"), f"<i>{_m('rating-bands')}</i>"]
    return "\n".join(lines)


def rest_message(
    name: str,
    *,
    heading: str,
    note: str,
    set_number: int,
    set_count: int,
    seconds: int,
    remaining: int | None = None,
    over: bool = False,
    closed: bool = False,
) -> str:
    """The screen between two sets: the rest timer, then the next set. `closed`: the rest's
    end brought the next set as a new message, and this one is left without buttons."""
    title = _m("rest-title", name=escape(name), number=set_number - 1, count=set_count)
    lines = [f"{heading}\n{title}" if heading else title]
    if note:
        lines.append(f"<i>{note}</i>")
    if closed:
        lines += ["", _m("rest-done")]
    elif over or seconds <= 0:
        lines += ["", _m("rest-ready", number=set_number, count=set_count)]
    elif remaining is not None and remaining < seconds:
        lines += ["", _m("rest-left", duration=_duration(max(remaining, 0)), number=set_number)]
    else:
        lines += ["", _m("rest-for", duration=_duration(seconds), number=set_number)]
    return "\n".join(lines)


def time_up(seconds: int, *, rest: bool, next_side: str = "", next_set: str = "") -> str:
    """The first line of the screen a timer's end brings, as a new message (it notifies):
    `next_side` and `next_set` say where it moved (one of `SIDE_NAMES`, a `set_line`)."""
    if rest:
        return _m("time-up-rest")
    duration = _duration(seconds)
    if next_set:
        where = ", ".join(part for part in (next_set.lower(), next_side.lower()) if part)
        return _m("time-up-next-set", duration=duration, where=where)
    if next_side:
        side = "left" if next_side == _m("side-left") else "right"
        return _m("time-up-next-side", duration=duration, side=side)
    return _m("time-up", duration=duration)


def _step_detail(step: Step, *, sided: bool = False) -> str:
    parts: list[str] = []
    if step.reps:
        parts.append(_m("step-times", reps=step.reps))
    if step.hold_seconds:
        parts.append(_m("step-hold", duration=_duration(step.hold_seconds)))
    if not parts:
        return ""
    text = ", ".join(parts)
    if step.per_side and not sided:
        text = _m("step-each-side", detail=text)
    return f"<i>{text}</i>"


# --- Discomfort ------------------------------------------------------------------------------


def rating_question(exercise: Exercise) -> str:
    return _m("rating-question", name=escape(exercise.name))


_RATING_REPLIES = {
    Band.FINE: "rating-reply-fine",
    Band.MODERATE: "rating-reply-moderate",
    Band.SEVERE: "rating-reply-severe",
}


def rating_reply(exercise: Exercise, score: int) -> str:
    reply = _m("no-discomfort-reply" if score == 0 else _RATING_REPLIES[band(score)])
    recorded = _m("rating-recorded", name=escape(exercise.name), score=score)
    return f"{recorded}\n\n{reply}"


def stopped(exercise: Exercise, *, hurts: bool = False) -> str:
    if hurts:
        return f"{_m('stopped-hurts', name=escape(exercise.name))}\n\n{_m('hurts-advice')}"
    return _m("stopped", name=escape(exercise.name))


def _duration(seconds: int) -> str:
    if seconds < 60 or seconds % 60:
        return _m("duration-seconds", seconds=seconds)
    return _m("duration-minutes", minutes=seconds // 60)


# --- Onboarding, /settings, /language, /pause, /resume, /stop ---------------------------------


def complaint_choice_labels(vocabulary: Vocabulary) -> dict[str, str]:
    """The buttons of the complaint question: choice id to label, in the vocabulary's order."""
    return {choice.id: choice.label for choice in vocabulary.complaint_choices}


def equipment_button_labels(vocabulary: Vocabulary) -> dict[str, str]:
    """The buttons of the equipment question: what is not at hand in every home."""
    return {item.id: item.button or item.label for item in vocabulary.asked_equipment}


def safety_question(labels: list[str]) -> str:
    """The question with every line of the check in full: the buttons carry short names."""
    return _m("safety-question") + "\n\n" + "\n".join(f"• {escape(label)}" for label in labels)


def language_name(code: str) -> str:
    """A language's name in that language ("Español"), for the language picker."""
    return i18n.message("language-name", code)


def language_changed() -> str:
    return _m("language-changed")


def answered(question_html: str, label: str | None) -> str:
    return f"{question_html}\n\n➡️ {escape(label)}" if label else question_html


def toggle_label(label: str, selected: bool) -> str:
    return f"✅ {label}" if selected else label


def clock(hour: int, minute: int) -> str:
    return f"{hour:02d}:{minute:02d}"


def long_date(year: int, month: int, day: int, weekday: int) -> str:
    """“Tuesday 3 March”, in the current language (CLDR names through Babel)."""
    return i18n.long_date(date(year, month, day))


def short_date(day: date) -> str:
    """“3 Mar”, for the ticks of the progress chart."""
    return i18n.short_date(day)


def days_summary(weekdays: tuple[int, ...]) -> str:
    if len(weekdays) == 7:
        return _m("days-every-day")
    if weekdays == (0, 1, 2, 3, 4):
        return _m("days-weekdays")
    short = i18n.weekday_names("abbreviated")
    return _m("days-some", days=", ".join(short[day] for day in weekdays))


def offset_label(hours: int) -> str:
    return "UTC" if hours == 0 else f"UTC{hours:+d}"


def zone_not_found(text: str) -> str:
    return _m("zone-not-found", text=escape(text[:60]))


def zone_confirm(zone_described: str, local_time: str, weekday: int) -> str:
    return _m(
        "zone-confirm",
        time=local_time,
        day=weekday,
        weekday=i18n.weekday_names("wide")[weekday],
        zone=escape(zone_described),
    )


def all_set(time_text: str, zone: str, days: str, first: str) -> str:
    # The sentence ends after the days: an abbreviation's own full stop ("dom.") serves as its
    # end, or Portuguese would read "sáb., dom..".
    days = days.removesuffix(".")
    return _m("all-set", time=time_text, zone=escape(zone), days=days, first=first)


def settings_overview(
    *,
    time_text: str,
    zone: str,
    days: str,
    complaints: list[str],
    equipment: list[str],
    minutes: int,
    flags: list[str],
    state: str,
    summary: str = "",
) -> str:
    def listing(labels: list[str], empty: str) -> str:
        return escape(", ".join(labels)) if labels else _m(empty)

    return _m(
        "settings-overview",
        time=time_text,
        zone=escape(zone),
        days=days,
        state=state,
        complaints=listing(complaints, "settings-focus-none"),
        equipment=listing(equipment, "settings-equipment-none"),
        minutes=minutes,
        flags=escape("; ".join(flags)) if flags else _m("settings-flags-none"),
        summary=summary or _m("summary-setting-off"),
    )


def status_paused_until(date_text: str) -> str:
    return _m("status-paused-until", date=date_text)


def status_on_next(date_text: str) -> str:
    return _m("status-on-next", date=date_text)


def minutes_label(minutes: int) -> str:
    return _m("minutes-label", minutes=minutes)


def zone_noted(zone_described: str) -> str:
    return f"🌍 {escape(zone_described)}"


def day_and_time(day: str, clock_text: str) -> str:
    """“Tuesday 3 March, 07:30”."""
    return _m("day-and-time", day=day, time=clock_text)


def paused_until(date_text: str) -> str:
    return _m("paused-until", date=date_text)


def paused_open(injured: bool) -> str:
    return _m("paused-open-injured" if injured else "paused-open")


def resumed(next_text: str) -> str:
    return _m("resumed", next=next_text)


def subscribed_again(next_text: str) -> str:
    return _m("subscribed-again", next=next_text)


# --- Daily reminders --------------------------------------------------------------------------


def snooze_button(choice: str) -> str:
    """The one-tap snooze, with the person's usual length."""
    return _m("snooze-button", choice=choice)


def _part_of_day(hour: int) -> str:
    if 5 <= hour < 12:
        return "morning"
    if 12 <= hour < 18:
        return "afternoon"
    if 18 <= hour < 23:
        return "evening"
    return "night"


def reminder(first_name: str, day_text: str, hour: int, *, again: bool = False) -> str:
    """The daily nudge; `again` for a snoozed reminder coming back."""
    if again:
        return _m("reminder-again", name=escape(first_name), day=day_text)
    return _m("reminder", part=_part_of_day(hour), name=escape(first_name), day=day_text)


def reminder_snoozed(until: str) -> str:
    return _m("reminder-snoozed", until=until)


# --- Daily routine ---------------------------------------------------------------------------


def routine_overview(names: Sequence[str], minutes: float) -> str:
    """The day's list in one line, e.g. "Today: Ball massage, Calf raises · about 6 min"."""
    listed = ", ".join(escape(name) for name in names)
    return _m("routine-overview", names=listed, minutes=math.ceil(minutes))


def level_change(reason: str, *, name: str, level: str, days: int) -> str:
    """Why an exercise's level changed today (reason codes of bot.domain.progression)."""
    return _m(f"level-change-{reason}", name=name, level=level, days=days)


def routine_heading(index: int, total: int) -> str:
    return _m("routine-heading", number=index + 1, total=total)


def level_note(level_name: str) -> str:
    return _m("level-note", level=escape(level_name))


_SHORT_RATING = {Band.FINE: "fine", Band.MODERATE: "moderate", Band.SEVERE: "severe"}


def after_exercise(name: str, score: int | None, skipped: bool, *, hurts: bool = False) -> str:
    """The line about the exercise just finished, above the next one; "It hurts" gets advice."""
    if skipped:
        line = _m("after-skipped", name=escape(name))
        return f"{line}\n{_m('hurts-advice')}" if hurts else line
    short = "none" if score == 0 else _SHORT_RATING[band(score or 0)]
    return _m("after-done", name=escape(name), score=score or 0, short=short)


def routine_summary(done: int, skipped: int, streak: int) -> str:
    return _m("routine-summary", done=done, skipped=skipped, streak=streak_text(streak))


# --- Progress, weekly summary, export, forget ------------------------------------------------


def percent(share: float | None) -> str:
    return _m("no-scheduled-days") if share is None else _m("percent", percent=round(share * 100))


def streak_text(days: int) -> str:
    return _m("streak-days", days=days)


def exercise_trend(name: str, times: int, average: float | None, trend: str) -> str:
    words = {k: _m(f"trend-{k}") for k in TRENDS}
    return _m(
        "exercise-trend",
        name=escape(name),
        times=times,
        rated=average_discomfort(average),
        trend=words.get(trend, trend),
    )


def average_discomfort(average: float | None) -> str:
    """An average already rounded to one decimal (bot.domain.report.readable_average): "2",
    "2.5", and no "0.0/10" for an exercise that never hurt."""
    if average is None:
        return _m("average-none")
    if average == 0:
        return _m("average-zero")
    value: int | float = int(average) if float(average).is_integer() else average
    return _m("average-discomfort", average=value)


def progress(
    streak: int,
    week: float | None,
    month: float | None,
    exercises: list[str],
    known_days: int = 30,
) -> str:
    """A new person sees what exists: "since you started" instead of weeks they were not here."""
    lines = [_m("progress-title"), _m("progress-streak", streak=streak_text(streak))]
    if known_days <= 7:
        lines.append(_m("progress-since-start", share=percent(week)))
    else:
        lines.append(_m("progress-last-7", share=percent(week)))
        since = "progress-last-30" if known_days >= 30 else "progress-since-start"
        lines.append(_m(since, share=percent(month)))
    if exercises:
        heading = "progress-exercises-30" if known_days >= 30 else "progress-exercises-so-far"
        lines += ["", f"<b>{_m(heading)}</b>", *exercises]
    return "\n".join(lines)


def chart_title(days: int) -> str:
    return _m("chart-title", days=min(max(days, 1), 30))


def summary_setting(weekday: int | None) -> str:
    if weekday is None:
        return _m("summary-setting-off")
    return _m("summary-setting", day=weekday, weekday=i18n.weekday_names("wide")[weekday])


_WEEKLY_CLOSING = ((0.8, "steady"), (0.4, "counts"), (0.0, "fresh"))


def weekly_summary(first_name: str, days_done: int, streak: int, week: float | None) -> str:
    share = week or 0.0
    closing = next(code for floor, code in _WEEKLY_CLOSING if share >= floor)
    return _m(
        "weekly-summary",
        name=escape(first_name),
        days=days_done,
        streak=streak_text(streak),
        share=percent(week),
        closing=closing,
    )


def export_caption(zone: str) -> str:
    return _m("export-caption", zone=escape(zone))


def export_filename(year: int, month: int, day: int) -> str:
    return f"footbot-history-{year:04d}-{month:02d}-{day:02d}.csv"


# --- The safety check: triage outcomes, the hold, red-flag words, card notes ------------------


def and_list(items: Sequence[str]) -> str:
    """ "a", "a and b", "a, b and c" (the "and" of the current language)."""
    if len(items) <= 1:
        return "".join(items)
    return _m("and-list-last", head=", ".join(items[:-1]), last=items[-1])


def safety_left_out(names: Sequence[str]) -> str:
    return _m("safety-left-out", names=escape(and_list(list(names))))


def safety_modified(because: Sequence[str], lines: Sequence[str]) -> str:
    lead = _m("safety-modified", because=escape(and_list(list(because))))
    return "\n\n".join([lead, *lines, _m("safety-keep-gentle")])


def safety_hold(because: Sequence[str]) -> str:
    """The one calm sentence of why, then what happens meanwhile."""
    return _m("safety-hold", because=escape(and_list(list(because))))


def hold_later(day: str) -> str:
    return _m("hold-later", day=day)


def card_held(because: Sequence[str]) -> str:
    return _m("card-held", because=escape(and_list(list(because))))


def card_left_out(because: Sequence[str]) -> str:
    return _m("card-left-out", because=escape(and_list(list(because))))


def card_rung_out(level: str, because: Sequence[str]) -> str:
    return _m("card-rung-out", level=escape(level), because=escape(and_list(list(because))))


# --- the operator's commands (/admin): for ADMIN_IDS only, never in COMMANDS or /help --------

ADMIN_BROADCAST_MAX = 3500


def _admin_number(value: float | None) -> i18n.Value:
    if value is None:
        return "-"
    return int(value) if float(value).is_integer() else value


def admin_overview(
    *,
    active: int,
    paused: int,
    stopped: int,
    blocked: int,
    due_today: int,
    sent_today: int,
    late: int,
    failed: int,
    routines: int,
    discomfort_now: float | None,
    discomfort_before: float | None,
    parked: int,
) -> str:
    label = {key: names[0] for key, names in _constant(i18n.current(), "ADMIN_FIGURES").items()}
    lines = [
        _m("admin-overview-title"),
        label["subscribers"]
        + ": "
        + _m(
            "admin-overview-subscribers",
            active=active,
            paused=paused,
            stopped=stopped,
            blocked=blocked,
        ),
        label["today"] + ": " + _m("admin-overview-today", sent=sent_today, due=due_today),
        f"{label['late']}: {late}",
        f"{label['failed']}: {failed}",
        f"{label['routines']}: {routines}",
        label["discomfort"]
        + ": "
        + _m(
            "admin-overview-discomfort",
            now=_admin_number(discomfort_now),
            before=_admin_number(discomfort_before),
        ),
        f"{label['parked']}: {parked}",
    ]
    return "\n".join(lines) + "\n\n" + _m("admin-overview-tap")


def broadcast_message(text: str) -> str:
    """What each subscriber receives: the operator's words, as typed (no markup)."""
    return escape(text)


def broadcast_preview(text: str, recipients: int) -> str:
    return _m("broadcast-preview", recipients=recipients) + "\n\n" + broadcast_message(text)


def broadcast_progress(done: int, recipients: int) -> str:
    return _m("broadcast-progress", done=done, recipients=recipients)


def broadcast_finished(sent: int, blocked: int, failed: int, skipped: int) -> str:
    text = _m("broadcast-finished", sent=sent, blocked=blocked, failed=failed)
    if skipped:
        text += " " + _m("broadcast-skipped", skipped=skipped)
    return text
