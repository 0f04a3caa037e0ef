"""Every sentence the bot says, in one place.

This is the English catalogue. Messages use HTML parse mode, so anything that comes from a
person (their name, what they typed) goes through `escape` before it is placed in a message.
A second language would be a sibling module with the same names.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

from bot.content import Exercise, Step, Vocabulary
from bot.domain.discomfort import Band, band
from bot.domain.routine import rest_of

BOT_DESCRIPTION = "Short daily foot exercises, step by step."

COMMANDS: tuple[tuple[str, str], ...] = (
    ("start", "Set up or turn on your daily reminder"),
    ("exercises", "All exercises"),
    ("exercise", "Find an exercise by name, e.g. /exercise calf raises"),
    ("today", "Start or continue today's routine"),
    ("settings", "Change your reminder time, days and preferences"),
    ("pause", "Take a break from reminders"),
    ("resume", "Turn reminders back on after a pause"),
    ("stop", "Stop daily reminders"),
    ("progress", "Your streak, regularity and how your feet feel"),
    ("export", "Your history as a CSV file, e.g. for your clinician"),
    ("forget", "Delete everything I know about you"),
    ("help", "What I can do"),
)

SAFETY_LINE = (
    "Mild effort is fine; sharp or growing pain is a signal to stop. "
    "This is general guidance, not a diagnosis."
)


def welcome(first_name: str) -> str:
    return (
        f"Hello, {escape(first_name)}! I coach short foot exercises that can ease common foot "
        "complaints such as heel pain, bunions, hammertoes and tired arches.\n\n"
        "Type the name of an exercise (for example <i>calf raises</i> or <i>ball massage</i>), "
        "or tap /exercises to see them all. I will walk you through each one step by step.\n\n"
        f"{SAFETY_LINE}"
    )


def help_text() -> str:
    lines = [f"/{name} - {description}" for name, description in COMMANDS]
    return (
        "<b>What I can do</b>\n"
        + "\n".join(lines)
        + "\n\nYou can also just type an exercise name, like <i>toe curls</i>. "
        "In any chat, type my username and a name to share an exercise card."
    )


EXERCISE_USAGE = (
    "Tell me which exercise, for example: <code>/exercise calf raises</code>. "
    "Or tap /exercises to pick from the list."
)
ALL_EXERCISES = "<b>Exercises</b>\nTap one to see what it involves."
CHOICES = "I found a few that could match. Which one did you mean?"
UNKNOWN_COMMAND = "I don't know that command. Tap /help to see what I can do."
GROUP_POINTER = "I work best in a private chat: open a chat with me to start your foot routine."
SORRY = "Sorry, something went wrong on my side. Please try again in a moment."
NON_TEXT = "I can only read text for now. Type an exercise name, or tap /exercises."

# Answers to button presses (shown as a short notification).
BUTTON_UNKNOWN = "This button no longer works. Tap /exercises to start again."
BUTTON_STALE = "That screen has moved on; use the buttons on the latest message."
BUTTON_NOT_YOURS = "This exercise belongs to someone else. Tap /exercises to start your own."
BUTTON_ENDED = "This exercise has already ended. Tap /exercises to start another."
BUTTON_FIRST_STEP = "You are already at the first step."
EXERCISE_GONE = "I can't find that exercise any more. Tap /exercises to see the current list."
TIMER_STARTED = "Timer started."
RECORDED = "Saved."

# Button labels.
START_BUTTON = "▶️ Start"
NEXT_BUTTON = "Next ➡️"
DONE_BUTTON = "✅ Done"
BACK_BUTTON = "⬅️ Back"
SKIP_BUTTON = "Skip step"
STOP_BUTTON = "⏹ Stop"
AGAIN_BUTTON = "🔁 Do it again"
HOLD_NOW_BUTTON = "▶️ Start now"
RATE_ON_LAST_STEP = "Finished? Tap how much discomfort you felt (1-10), or ✅ if none."


def timer_button(seconds: int) -> str:
    return f"⏱ Timer {_duration(seconds)}"


def not_found(query: str) -> str:
    return (
        f"I don't know an exercise called “{escape(query[:80])}”. "
        "Tap /exercises to see them all, or try another name."
    )


def exercise_card(exercise: Exercise, vocabulary: Vocabulary) -> str:
    """The card; complaints and equipment in the words of the content's vocabulary."""
    equipment = ", ".join(escape(vocabulary.equipment_label(item)) for item in exercise.equipment)
    targets = ", ".join(escape(vocabulary.complaint_label(item)) for item in exercise.targets)
    cautions = "\n".join(f"• {escape(line)}" for line in exercise.cautions)
    return (
        f"<b>{escape(exercise.name)}</b>\n{escape(exercise.summary)}\n\n"
        f"<b>Helps with:</b> {targets}\n"
        f"<b>You need:</b> {equipment}\n"
        f"<b>Steps:</b> {len(exercise.steps)} · <b>Dose:</b> {dose(exercise)}\n\n"
        f"<b>Take care</b>\n{cautions}"
    )


def inline_description(exercise: Exercise) -> str:
    return exercise.summary


def dose(exercise: Exercise) -> str:
    d = exercise.dose
    parts: list[str] = []
    if d.sets and d.reps:
        parts.append(f"{d.sets} × {d.reps}")
    elif d.reps:
        parts.append(f"{d.reps} reps")
    elif d.sets:
        parts.append(f"{d.sets} sets")
    if d.hold_seconds:
        parts.append(f"hold {_duration(d.hold_seconds)}")
    if d.minutes:
        parts.append(f"{d.minutes} min")
    text = ", ".join(parts) or "at your own pace"
    text = f"{text} per side" if d.per_side else text
    rest = rest_of(d)
    return f"{text}, {_duration(rest)} rest between sets" if rest else text


SIDE_NAMES = ("Right foot", "Left foot")
"""The sides of a per-side step, in the order the walkthrough runs them (bot.domain.walkthrough)."""
SKIP_REST_BUTTON = "⏭ Skip rest"


def start_set_button(number: int) -> str:
    return f"▶️ Start set {number}"


def set_line(set_number: int, set_count: int) -> str:
    return f"Set {set_number} of {set_count}"


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
    title = f"<b>{escape(name)}</b> · step {numbers} of {len(steps)}"
    lines = [f"{heading}\n{title}" if heading else title]
    if note:
        lines.append(f"<i>{note}</i>")
    if where:
        lines.append(f"<b>{where}</b>")
    if first:
        lines += ["", *(f"• {escape(text)}" for text in first)]
    sided = bool(where) and any(n in where for n in SIDE_NAMES)
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
        lines += ["", f"🎚 At your level: {escape(level)}"]
    if timer_done:
        lines += ["", "✅ Hold finished."]
    elif timer_running and step.hold_seconds:
        if remaining is not None and remaining > step.hold_seconds:
            lines += [
                "",
                f"⏱ Get into position: the {_duration(step.hold_seconds)} hold starts in "
                f"{_duration(remaining - step.hold_seconds)}. I'll message you when it's done.",
            ]
        elif remaining is not None and remaining < step.hold_seconds:
            lines += ["", f"⏱ Holding… {_duration(max(remaining, 0))} left."]
        else:
            lines += [
                "",
                f"⏱ Holding for {_duration(step.hold_seconds)}… I'll message you when it's done.",
            ]
    if rate:
        lines += ["", RATE_ON_LAST_STEP, f"<i>{RATING_BANDS}</i>"]
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
    title = f"<b>{escape(name)}</b> · {set_line(set_number - 1, set_count).lower()} done"
    lines = [f"{heading}\n{title}" if heading else title]
    if note:
        lines.append(f"<i>{note}</i>")
    if closed:
        lines += ["", REST_DONE]
    elif over or seconds <= 0:
        lines += ["", f"Ready for {set_line(set_number, set_count).lower()}? Tap Start."]
    elif remaining is not None and remaining < seconds:
        lines += ["", f"⏸ Rest… {_duration(max(remaining, 0))} left before set {set_number}."]
    else:
        lines += [
            "",
            f"⏸ Rest for {_duration(seconds)}: shake out your feet and breathe. "
            f"I'll message you when it's time for set {set_number}.",
        ]
    return "\n".join(lines)


def time_up(seconds: int, *, rest: bool, next_side: str = "", next_set: str = "") -> str:
    """The first line of the screen a timer's end brings, as a new message (it notifies):
    `next_side` and `next_set` say where it moved ("Left foot", "Set 2 of 3")."""
    if rest:
        return "⏱ <b>Rest over.</b> On to the next set."
    where = ", ".join(part for part in (next_set.lower(), next_side.lower()) if part)
    then = f" Now {'the ' if not next_set else ''}{where}." if where else ""
    return f"⏱ <b>Time's up:</b> {_duration(seconds)} done.{then}"


REST_DONE = "⏸ Rest over."


def _step_detail(step: Step, *, sided: bool = False) -> str:
    parts: list[str] = []
    if step.reps:
        parts.append(f"{step.reps} times")
    if step.hold_seconds:
        parts.append(f"hold {_duration(step.hold_seconds)}")
    if not parts:
        return ""
    text = ", ".join(parts)
    return f"<i>{text} on each side</i>" if step.per_side and not sided else f"<i>{text}</i>"


def rating_question(exercise: Exercise) -> str:
    return (
        f"<b>{escape(exercise.name)}</b>: well done!\n\n"
        "How much discomfort did you feel, from 0 (none) to 10 (worst)?\n"
        f"{RATING_BANDS}"
    )


RATING_BANDS = (
    "0-3 fine: counts toward the next level · 4-6 moderate: I'll ease it off · "
    "7-10 severe: we stop for today"
)
"""The bands of the discomfort scale (bot.domain.discomfort), as the rating question shows them."""

NO_DISCOMFORT_REPLY = "No discomfort. Nice and steady: this counts as an easy session."
_RATING_REPLIES = {
    Band.FINE: (
        "Mild discomfort is common while feet get used to new work. Keep it gentle: this "
        "counts as an easy session."
    ),
    Band.MODERATE: (
        "Moderate discomfort: next time this exercise comes one step easier (or stays where "
        "it is if it is already the easiest), and I'll say why. Rest if it lingers."
    ),
    Band.SEVERE: (
        "⚠️ That is a lot of discomfort. Please stop for today and don't push through pain. "
        "I'll leave this exercise out for at least two days. If the pain is sharp, lasts more "
        "than a day or two, comes with swelling, redness, warmth, numbness or tingling, or "
        "wakes you at night, please see a doctor or physiotherapist before you continue.\n\n"
        "You can pause your reminders while your feet recover."
    ),
}

HURTS_ADVICE = (
    "🩹 Pain is a signal to ease off, not to push through: rest it today. Next time it comes "
    "one step easier, or rests for a couple of days. If the pain is sharp, lasts more than a "
    "day or two, or comes with swelling, please see a doctor or physiotherapist."
)
"""The line of advice for "It hurts" given as the reason to skip or stop an exercise."""


def rating_reply(exercise: Exercise, score: int) -> str:
    reply = NO_DISCOMFORT_REPLY if score == 0 else _RATING_REPLIES[band(score)]
    return f"<b>{escape(exercise.name)}</b>: recorded discomfort {score}/10.\n\n{reply}"


def stopped(exercise: Exercise, *, hurts: bool = False) -> str:
    if hurts:
        return f"<b>{escape(exercise.name)}</b>: stopped.\n\n{HURTS_ADVICE}"
    return (
        f"<b>{escape(exercise.name)}</b>: stopped. That's fine: listen to your feet. "
        "You can start again whenever you like."
    )


def _duration(seconds: int) -> str:
    if seconds < 60 or seconds % 60:
        return f"{seconds} s"
    return f"{seconds // 60} min"


# --- Onboarding, /settings, /pause, /resume, /stop -------------------------------------------


def complaint_choice_labels(vocabulary: Vocabulary) -> dict[str, str]:
    """The buttons of the complaint question: choice id to label, in the vocabulary's order."""
    return {choice.id: choice.label for choice in vocabulary.complaint_choices}


def equipment_button_labels(vocabulary: Vocabulary) -> dict[str, str]:
    """The buttons of the equipment question: what is not at hand in every home."""
    return {item.id: item.button or item.label for item in vocabulary.asked_equipment}


WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEKDAY_SHORT = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

ONBOARDING_INTRO = (
    "Let's set up your daily reminder. It takes a minute, and you can change everything "
    "later with /settings."
)
ONBOARDING_RESUME = "Welcome back! Let's finish setting up where we left off."
SAFETY_QUESTION = (
    "<b>First, a quick safety check.</b>\nDo any of these apply to you? Tap all that do, "
    "then Continue."
)
SAFETY_NONE = "None of these"


def safety_question(labels: list[str]) -> str:
    """The question with every line of the check in full: the buttons carry short names."""
    return SAFETY_QUESTION + "\n\n" + "\n".join(f"• {escape(label)}" for label in labels)


CONTINUE = "Continue ➡️"
COMPLAINTS_QUESTION = (
    "<b>What bothers your feet?</b>\nTap all that apply, then Continue. "
    "Not sure? Just tap Continue."
)
EQUIPMENT_QUESTION = (
    "<b>What do you have at home?</b>\nTap what you have, then Continue. "
    "Many exercises need nothing but the floor and a chair."
)
EQUIPMENT_NONE = "None of these"
LENGTH_QUESTION = "<b>How long should a daily session be?</b>"
TIME_QUESTION = (
    "<b>When would you like your reminder?</b>\nTap a time, or type one, "
    "like <code>7:30</code>, <code>19:45</code> or <code>7pm</code>."
)
TIME_NOT_UNDERSTOOD = (
    "I couldn't read that as a time. Please type it like <code>7:30</code>, "
    "<code>19:45</code> or <code>7pm</code>, or tap one of the times above."
)
ZONE_QUESTION = (
    "<b>Where are you?</b> I need your time zone to remind you at the right hour.\n"
    "• tap <b>📍 Share location</b> below (used only to find your time zone), or\n"
    "• type a city or zone, like <code>Berlin</code>, <code>New York</code> or "
    "<code>Asia/Kolkata</code>, or\n"
    "• pick a UTC offset."
)
SHARE_LOCATION = "📍 Share location"
PICK_OFFSET = "Pick a UTC offset"
OFFSET_QUESTION = "<b>Pick your UTC offset</b> (your local time minus UTC, in hours):"
ZONE_NOT_FOUND = (
    "I couldn't find a time zone for “{text}”. Try a bigger city nearby, a zone name like "
    "<code>Europe/Berlin</code>, or an offset like <code>UTC+2</code>."
)
ZONE_CHOICES = "Which one do you mean?"
ZONE_FROM_LOCATION_FAILED = (
    "I couldn't find a time zone for that place. Please type a city name instead."
)
ZONE_CONFIRM_YES = "✅ Yes, that's right"
ZONE_CONFIRM_NO = "No, change it"
DAYS_QUESTION = "<b>Which days?</b>"
EVERY_DAY = "Every day"
CHOOSE_DAYS = "Choose days"
DAYS_PICK = "<b>Tap the days you want reminders on</b>, then Continue."
DAYS_NEED_ONE = "Pick at least one day."
LOCATION_OUTSIDE_SETUP = (
    "Thanks! I only use a location to set your time zone: open /settings to change it."
)

SETTINGS_NEED_SETUP = "You haven't set up reminders yet. Let's do that now."
SETTINGS_BUTTONS = {
    "time": "⏰ Time",
    "zone": "🌍 Time zone",
    "days": "📅 Days",
    "complaints": "🦶 Complaints",
    "equipment": "🧰 Equipment",
    "length": "⏱ Session length",
    "safety": "🩺 Safety check",
    "summary": "📬 Weekly summary",
}
SAVED = "Saved."

PAUSE_QUESTION = (
    "<b>Pause reminders?</b> Choose for how long. Paused days never break your streak. "
    "Use “Injured or away” if your feet need a rest or you are travelling: reminders stay off "
    "until you /resume."
)
PAUSE_OPTIONS = {
    "1": "1 day",
    "3": "3 days",
    "7": "1 week",
    "14": "2 weeks",
    "open": "Until I resume",
    "frozen": "🩹 Injured or away",
}
PAUSE_NEED_SUBSCRIPTION = "There are no reminders to pause. /start sets them up."
RESUME_NOT_PAUSED = "Your reminders are already on. Next one: {next}."
STOP_QUESTION = "Stop your daily reminders? Your history stays, and /start turns them back on."
STOP_YES = "Yes, stop reminders"
STOP_NO = "No, keep them"
STOP_KEPT = "Good: your reminders stay on."
STOPPED = "Reminders stopped. Whenever you want them back, send /start."
ALREADY_STOPPED = "Your reminders are already off. /start turns them back on."
NOT_SUBSCRIBED = "You have no reminders yet. /start sets them up."


def answered(question_html: str, label: str | None) -> str:
    return f"{question_html}\n\n➡️ {escape(label)}" if label else question_html


def toggle_label(label: str, selected: bool) -> str:
    return f"✅ {label}" if selected else label


def clock(hour: int, minute: int) -> str:
    return f"{hour:02d}:{minute:02d}"


def long_date(year: int, month: int, day: int, weekday: int) -> str:
    return f"{WEEKDAY_NAMES[weekday]} {day} {MONTHS[month - 1]}"


def days_summary(weekdays: tuple[int, ...]) -> str:
    if len(weekdays) == 7:
        return "every day"
    if weekdays == (0, 1, 2, 3, 4):
        return "on weekdays"
    return "on " + ", ".join(WEEKDAY_SHORT[day] for day in weekdays)


def offset_label(hours: int) -> str:
    return "UTC" if hours == 0 else f"UTC{hours:+d}"


def zone_not_found(text: str) -> str:
    return ZONE_NOT_FOUND.format(text=escape(text[:60]))


def zone_confirm(zone_described: str, local_time: str, weekday: int) -> str:
    return (
        f"Your local time is <b>{local_time}</b> on {WEEKDAY_NAMES[weekday]} in "
        f"{escape(zone_described)}. Is that right?"
    )


START_NOW_BUTTON = "▶️ Start today's routine now"


def all_set(time_text: str, zone: str, days: str, first: str) -> str:
    return (
        f"<b>All set!</b> I'll remind you at <b>{time_text}</b> ({escape(zone)}), {days}.\n"
        f"First reminder: {first}.\n\n"
        "Change anything with /settings, take a break with /pause, or stop with /stop. "
        "Meanwhile, type any exercise name to try it."
    )


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
    summary: str = "off",
) -> str:
    def listing(labels: list[str], empty: str) -> str:
        return escape(", ".join(labels)) if labels else empty

    return (
        "<b>Your settings</b>\n"
        f"Reminder: {time_text} ({escape(zone)}), {days}\n"
        f"Status: {state}\n"
        f"Focus: {listing(complaints, 'general foot health')}\n"
        f"Equipment: {listing(equipment, 'none needed')}\n"
        f"Session length: {minutes} minutes\n"
        f"Safety notes: {escape('; '.join(flags)) if flags else 'none'}\n"
        f"Weekly summary: {summary}\n\n"
        "Tap what you want to change."
    )


PAUSE_KEEPS_STREAK = "Your streak is kept safe meanwhile."
TIME_NOT_SET = "not set"
NO_NEXT_REMINDER = "-"
STATUS_STOPPED = "stopped"
STATUS_HELD = "on hold until your foot has been checked"
STATUS_PAUSED_OPEN = "paused until you /resume"
STATUS_ON = "on"


def status_paused_until(date_text: str) -> str:
    return f"paused until {date_text}"


def status_on_next(date_text: str) -> str:
    return f"on, next {date_text}"


def minutes_label(minutes: int) -> str:
    return f"{minutes} min"


def zone_noted(zone_described: str) -> str:
    return f"🌍 {escape(zone_described)}"


def day_and_time(day: str, clock_text: str) -> str:
    """“Tuesday 3 March, 07:30”."""
    return f"{day}, {clock_text}"


def paused_until(date_text: str) -> str:
    return f"Paused until {date_text}. {PAUSE_KEEPS_STREAK} Send /resume to start earlier."


def paused_open(injured: bool) -> str:
    rest = " Rest your feet and take care of yourself." if injured else ""
    return f"Reminders paused until you send /resume. {PAUSE_KEEPS_STREAK}{rest}"


def resumed(next_text: str) -> str:
    return f"Welcome back! Reminders are on again. Next one: {next_text}."


def subscribed_again(next_text: str) -> str:
    return f"Welcome back! Your reminders are on again. Next one: {next_text}."


# --- Daily reminders --------------------------------------------------------------------------

REMINDER_START_BUTTON = "▶️ Start today's routine"
REMINDER_SNOOZE_BUTTON = "⏰ Snooze 1 h"
SNOOZE_LABELS = {  # by bot.domain.reminder_answer.Snooze value
    "q": "15 min",
    "h": "1 h",
    "t": "3 h",
    "e": "This evening",
}
REMINDER_EVENING_PASSED = "The evening is nearly here: pick a shorter snooze, or start now."


def snooze_button(choice: str) -> str:
    """The one-tap snooze, with the person's usual length."""
    return f"⏰ Snooze {SNOOZE_LABELS[choice][0].lower()}{SNOOZE_LABELS[choice][1:]}"


REMINDER_SKIP_BUTTON = "Skip today"
REMINDER_SKIPPED = "Skipped for today. See you tomorrow."
REMINDER_NOT_YOURS = "This reminder belongs to someone else."
REMINDER_OLD_DAY = "This reminder is from an earlier day. Your next one comes at the usual time."
REMINDER_ANSWERED = "You have already answered this reminder. /today opens today's routine."
REMINDER_TOO_LATE = "It's too late to snooze today: the day ends before then. See you tomorrow!"


def _greeting(hour: int) -> str:
    if 5 <= hour < 12:
        return "Good morning"
    if 12 <= hour < 18:
        return "Good afternoon"
    if 18 <= hour < 23:
        return "Good evening"
    return "Hello"


def reminder(first_name: str, day_text: str, hour: int, *, again: bool = False) -> str:
    """The daily nudge; `again` for a snoozed reminder coming back."""
    if again:
        return (
            f"⏰ Here I am again, {escape(first_name)}! "
            f"Your foot routine for {day_text} is still waiting."
        )
    return f"{_greeting(hour)}, {escape(first_name)}! Your foot routine for {day_text} is ready."


def reminder_snoozed(until: str) -> str:
    return f"⏰ Snoozed until {until}. I'll remind you again then."


REMINDER_STARTED = "▶️ Today's routine is below. Let's go!"


# --- Daily routine ---------------------------------------------------------------------------

SKIP_EXERCISE_BUTTON = "Skip exercise"
SKIP_ONE_BUTTON = "⏭ Skip"
SKIP_THIS_STEP_BUTTON = "This step"
SKIP_WHOLE_BUTTON = "The whole exercise"
SKIP_CHOICE_QUESTION = "<b>{name}</b>: skip this step, or the whole exercise?"
DONE_FINE_BUTTON = "✅ Done, no discomfort"
SKIP_REASON_LABELS = {
    "hurts": "It hurts",
    "no_time": "No time",
    "no_equipment": "No equipment",
    "too_hard": "Too hard",
}
SKIP_QUESTION = "<b>{name}</b>: why skip it? This helps me adjust your routine."
STOP_QUESTION = "<b>{name}</b>: why stop? This helps me adjust what comes next."
ROUTINE_ENDED = "That routine has ended. Tap /today for today's."
ROUTINE_NOTHING_SUITABLE = (
    "I couldn't find an exercise that suits your answers today. Check /settings, "
    "or ask a doctor or physiotherapist which exercises are right for you."
)


def routine_overview(names: Sequence[str], minutes: float) -> str:
    """The day's list in one line, e.g. "Today: Ball massage, Calf raises · about 6 min"."""
    listed = ", ".join(escape(name) for name in names)
    return f"📋 <b>Today:</b> {listed} · about {math.ceil(minutes)} min"


ROUTINE_ALREADY_DONE = "Today's routine is done ✅. Well done! See you tomorrow."
ROUTINE_CONTINUE = "Let's continue where you left off."
ROUTINE_STOPPED_TODAY = (
    "You stopped today's routine. Rest today, and see how your feet feel tomorrow."
)
SEVERE_STOP = (
    "⚠️ {score}/10 is too much. Please stop for today and don't push through pain. If it is "
    "sharp, lasts more than a day or two, or comes with swelling, redness, warmth, numbness or "
    "tingling, please see a doctor or physiotherapist before you continue. I'll leave this "
    "exercise out for at least two days.\n\n"
    "You can pause your reminders while your feet recover."
)
PAUSE_OFFER_BUTTON = "🩹 Pause reminders"
VARIANT_NOTE = "Equipment-free version"
LEVEL_CHANGE = {  # by the reason codes of bot.domain.progression
    "three_easy": "{name} moves up to {level}: three easy sessions on three different days.",
    "discomfort_high": "{name} moves back to {level}: it was uncomfortable last time.",
    "discomfort_moderate_at_lowest": (
        "{name} stays at {level}: it was uncomfortable last time, so it waits before moving up."
    ),
    "discomfort_severe": (
        "{name} rests for {days} days: last time it hurt a lot. It comes back at {level}."
    ),
    "skipped_hurts": "{name} moves back to {level}: you skipped it last time because it hurt.",
    "skipped_hurts_at_lowest": (
        "{name} rests for {days} days: you skipped it last time because it hurt."
    ),
    "skipped_too_hard": "{name} moves back to {level}: you found it too hard last time.",
}


def routine_heading(index: int, total: int) -> str:
    return f"Exercise {index + 1} of {total}"


def level_note(level_name: str) -> str:
    return f"Level: {escape(level_name)}"


def after_exercise(name: str, score: int | None, skipped: bool, *, hurts: bool = False) -> str:
    """The line about the exercise just finished, above the next one; "It hurts" gets advice."""
    if skipped:
        return f"{escape(name)}: skipped.\n{HURTS_ADVICE}" if hurts else f"{escape(name)}: skipped."
    short = "Nice and easy." if score == 0 else _SHORT_RATING[band(score or 0)]
    return f"{escape(name)}: done, discomfort {score}/10. {short}"


_SHORT_RATING = {
    Band.FINE: "A little effort is fine.",
    Band.MODERATE: "Next time it comes one step easier.",
    Band.SEVERE: "Go easy: stop if it gets sharp.",
}


def routine_summary(done: int, skipped: int, streak: int) -> str:
    days = "day" if streak == 1 else "days"
    return (
        f"<b>Today's routine is complete.</b>\n"
        f"Done: {done} · Skipped: {skipped}\n"
        f"Streak: {streak} {days} 🔥\n\n"
        "Small, steady steps are what help feet most. See you tomorrow!"
    )


# --- Progress, weekly summary, export, forget ------------------------------------------------

PROGRESS_EMPTY = (
    "Nothing recorded yet. Once you finish your first exercise, /progress shows your streak, "
    "how regularly you practise and how your feet feel over time. Tap /exercises to begin."
)
NO_SCHEDULED_DAYS = "no scheduled days yet"
TREND_WORDS = {
    "better": "easing",
    "steady": "steady",
    "worse": "more discomfort lately",
    "unknown": "too early to tell",
}
CHART_TITLE = "Last 30 days"
CHART_COMPLETED = "Exercises done"
CHART_DISCOMFORT = "Average discomfort (0-10)"
CHART_CAPTION = "Bars: exercises done each day. Line: average discomfort."


def percent(share: float | None) -> str:
    return NO_SCHEDULED_DAYS if share is None else f"{round(share * 100)}%"


def streak_text(days: int) -> str:
    return f"{days} day" if days == 1 else f"{days} days"


def exercise_trend(name: str, times: int, average: float | None, trend: str) -> str:
    count = "once" if times == 1 else f"{times} times"
    rated = average_discomfort(average)
    return f"• <b>{escape(name)}</b>: {count}, {rated}, {TREND_WORDS.get(trend, trend)}"


def average_discomfort(average: float | None) -> str:
    """An average already rounded to one decimal (bot.domain.report.readable_average): "2",
    "2.5", and no "0.0/10" for an exercise that never hurt."""
    if average is None:
        return "no ratings"
    if average == 0:
        return "no discomfort"
    return f"discomfort {average:g}/10 on average"


def progress(
    streak: int,
    week: float | None,
    month: float | None,
    exercises: list[str],
    known_days: int = 30,
) -> str:
    """A new person sees what exists: "since you started" instead of weeks they were not here."""
    lines = [
        "<b>Your progress</b>",
        f"🔥 Streak: {streak_text(streak)} (paused days don't break it)",
    ]
    if known_days <= 7:
        lines.append(f"Since you started: {percent(week)} of your scheduled days")
    else:
        lines.append(f"Last 7 days: {percent(week)} of your scheduled days")
        since = "Last 30 days" if known_days >= 30 else "Since you started"
        lines.append(f"{since}: {percent(month)} of your scheduled days")
    if exercises:
        heading = "Exercises in the last 30 days" if known_days >= 30 else "Exercises so far"
        lines += ["", f"<b>{heading}</b>", *exercises]
    return "\n".join(lines)


def chart_title(days: int) -> str:
    return CHART_TITLE if days >= 30 else f"Last {days} days" if days > 1 else "Today"


SUMMARY_QUESTION = (
    "<b>Weekly summary</b>\nOn which evening would you like a short look back at your week? "
    "It comes at 19:00 your time."
)
SUMMARY_OFF = "Off"


def summary_setting(weekday: int | None) -> str:
    return "off" if weekday is None else f"{WEEKDAY_NAMES[weekday]}s"


_WEEKLY_CLOSING = (
    (0.8, "That is a steady rhythm. Keep it gentle and keep it going."),
    (0.4, "Every session counts. A few minutes on most days is what adds up."),
    (0.0, "A new week is a fresh start: even one short session helps your feet."),
)


def weekly_summary(first_name: str, days_done: int, streak: int, week: float | None) -> str:
    share = week or 0.0
    closing = next(line for floor, line in _WEEKLY_CLOSING if share >= floor)
    days = "1 day" if days_done == 1 else f"{days_done} days"
    return (
        f"📬 <b>Your week, {escape(first_name)}</b>\n"
        f"You practised on {days} of the last 7.\n"
        f"🔥 Streak: {streak_text(streak)}\n"
        f"Scheduled days done: {percent(week)}\n\n"
        f"{closing}\n/progress shows the details."
    )


EXPORT_EMPTY = (
    "There is no history to export yet. Once you have done an exercise, /export sends it "
    "as a spreadsheet file."
)
EXPORT_CAPTION = (
    "Your exercise history as a CSV file (opens in any spreadsheet). "
    "Times are in {zone}; discomfort is 0 (none) to 10 (worst)."
)
EXPORT_HEADER = (
    "Date",
    "Start time",
    "Exercise",
    "Level",
    "Variant",
    "Status",
    "Discomfort (0-10)",
    "Skip reason",
)
EXPORT_STATUS = {
    "completed": "done",
    "stopped": "stopped",
    "skipped": "skipped",
    "skipping": "skipped",
    "active": "not finished",
    "rating": "not rated",
}
EXPORT_VARIANTS = {"standard": "standard", "without_equipment": "without equipment"}


def export_caption(zone: str) -> str:
    return EXPORT_CAPTION.format(zone=escape(zone))


def export_filename(year: int, month: int, day: int) -> str:
    return f"footbot-history-{year:04d}-{month:02d}-{day:02d}.csv"


FORGET_QUESTION = (
    "<b>Delete everything I know about you?</b>\nYour settings, reminders, routines and "
    "exercise history will be gone for good. If you want a copy, tap /export first."
)
FORGET_YES = "Yes, delete everything"
FORGET_NO = "No, keep it"
FORGET_KEPT = "Nothing was deleted."
FORGOTTEN = (
    "Done: I have deleted everything I knew about you. If you send /start, we begin again "
    "as strangers."
)


# --- The safety check: triage outcomes, the hold, red-flag words, card notes ------------------


def and_list(items: Sequence[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


SAFETY_MODIFIED = (
    "Thank you for telling me. Because of {because}, I have shaped your routine around it: "
    "exercises and harder versions that don't suit you are left out."
)
SAFETY_GO_AHEAD = "Thank you. Nothing on the list: you can use the full programme."
SAFETY_CHECK_DONE = "Your safety answers are saved. /today opens today's routine."
SAFETY_SEATED = "Seated exercises come first where there is a choice."
SAFETY_LOWEST = "Every exercise stays on its easiest level, and none moves up until this settles."
SAFETY_FOOT_CHECK = (
    "🦶 Look over both feet every day for cuts, blisters, red patches or swelling, and use a "
    "mirror for the soles if that helps."
)
SAFETY_GET_CHECKED = (
    "🩺 Pain at night or at rest is worth showing to a doctor or physiotherapist; tell them if "
    "it changes."
)
SAFETY_KEEP_GENTLE = "Keep every exercise gentle and stop at any sharp pain."
SAFETY_FIRST_CHECK = "Before your routine, a quick safety check: it decides what I suggest."
SAFETY_RECHECK = (
    "It has been a few days since your safety check. Has your foot been looked at? Tap what "
    "still applies, or “None of these” if it is fine now."
)
SAFETY_WORDS_HEARD = (
    "That sounds like something to look at before exercising. Let's go through the safety "
    "check again: tap what applies now."
)


def safety_left_out(names: Sequence[str]) -> str:
    return f"Left out of your routine: {escape(and_list(list(names)))}."


def safety_modified(because: Sequence[str], lines: Sequence[str]) -> str:
    lead = SAFETY_MODIFIED.format(because=escape(and_list(list(because))))
    return "\n\n".join([lead, *lines, SAFETY_KEEP_GENTLE])


def safety_hold(because: Sequence[str]) -> str:
    """The one calm sentence of why, then what happens meanwhile."""
    return (
        f"Because of {escape(and_list(list(because)))}, please have a doctor, nurse or "
        "physiotherapist look at your foot before you start these exercises.\n\n"
        "Until then I won't send reminders or routines, and you can still look up any "
        "exercise. Once someone has checked your foot and said it's fine, tap the button below."
    )


HOLD_CLEARED_BUTTON = "✅ I've been checked, it's fine"
HOLD_LATER_BUTTON = "🔁 Ask me again in a few days"
HOLD_CLEARED = "Good to hear it has been looked at. Your routine is back on."
HOLD_CLEARED_SETUP = "Good to hear it has been looked at. Let's finish setting up."
HOLD_NOT_HELD = "Nothing is on hold."


def hold_later(day: str) -> str:
    return f"All right. I'll ask you again on {day}. Meanwhile, look up any exercise by name."


def card_held(because: Sequence[str]) -> str:
    return (
        f"⚠️ <b>First:</b> because of {escape(and_list(list(because)))}, please have your foot "
        "checked before trying this."
    )


def card_left_out(because: Sequence[str]) -> str:
    return f"🚫 Not in your routine, because of {escape(and_list(list(because)))}."


def card_rung_out(level: str, because: Sequence[str]) -> str:
    return (
        f"🚫 The “{escape(level)}” version is not in your routine, because of "
        f"{escape(and_list(list(because)))}."
    )


# --- the operator's commands (/admin): for ADMIN_IDS only, never in COMMANDS or /help --------

ADMIN_FIGURES: dict[str, tuple[str, str]] = {
    "subscribers": (
        "Subscribers",
        "Active: subscription on, not in a timed pause, bot not blocked (they get broadcasts). "
        "Paused: /pause. Stopped: /stop. Blocked: Telegram said 403; /start undoes it.",
    ),
    "today": (
        "Reminders today",
        "Daily reminders due on today's UTC date: already claimed plus still to come today. "
        "Sent: those of them Telegram accepted. Snoozes are not counted.",
    ),
    "late": (
        "Late, 24 h",
        "Reminders (daily and snoozed) sent in the last 24 hours more than 5 minutes after "
        "they were due: the bot was down or busy.",
    ),
    "failed": (
        "Failed, 24 h",
        "Reminders due in the last 24 hours that Telegram refused or that timed out, "
        "people who blocked the bot included. They are not retried.",
    ),
    "routines": (
        "Routines finished, 7 days",
        "Daily routines completed to the last exercise in the last 7 days. Routines stopped "
        "early (e.g. for pain) are not counted.",
    ),
    "discomfort": (
        "Discomfort trend",
        "Median 0-10 rating of exercises finished in the last 7 days, then of the 7 days "
        "before. Lower is easier. A dash: no ratings in that week.",
    ),
    "parked": (
        "Parked updates",
        "Messages and presses the bot gave up on after repeated errors or could not read. "
        "See README, 'How updates are kept'.",
    ),
}
"""Figure key -> (label, definition); a definition is shown in a button's pop-up (<= 200)."""

ADMIN_USAGE = (
    "Operator commands:\n/admin - the figures\n/admin broadcast - write a message to every "
    "active subscriber\n/admin broadcast <i>text</i> - the same, with the text given"
)
ADMIN_BROADCAST_ASK = (
    "Send me the message for every active subscriber as your next text message. "
    "You will see a preview before anything goes out."
)
ADMIN_BROADCAST_SEND = "Send to everyone"
ADMIN_CANCEL = "Cancel"
ADMIN_BROADCAST_CANCELLED = "Broadcast cancelled. Nothing was sent."
ADMIN_BROADCAST_MAX = 3500
ADMIN_BROADCAST_TOO_LONG = (
    "That message is too long for one Telegram message. Shorten it and start again with "
    "/admin broadcast."
)


def _number(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:g}"


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
    label = {key: names[0] for key, names in ADMIN_FIGURES.items()}
    return (
        "<b>FootBot, as of now</b>\n"
        f"{label['subscribers']}: {active} active, {paused} paused, {stopped} stopped, "
        f"{blocked} blocked\n"
        f"{label['today']}: {sent_today} sent of {due_today} due\n"
        f"{label['late']}: {late}\n"
        f"{label['failed']}: {failed}\n"
        f"{label['routines']}: {routines}\n"
        f"{label['discomfort']}: {_number(discomfort_now)} "
        f"(the week before: {_number(discomfort_before)})\n"
        f"{label['parked']}: {parked}\n\n"
        "Tap a figure for its definition."
    )


def broadcast_message(text: str) -> str:
    """What each subscriber receives: the operator's words, as typed (no markup)."""
    return escape(text)


def broadcast_preview(text: str, recipients: int) -> str:
    people = "1 active subscriber" if recipients == 1 else f"{recipients} active subscribers"
    return (
        f"<b>Preview.</b> This goes to {people} (counted again when you send):\n\n"
        f"{broadcast_message(text)}"
    )


def broadcast_progress(done: int, recipients: int) -> str:
    return f"Sending the broadcast: {done} of {recipients} done."


def broadcast_finished(sent: int, blocked: int, failed: int, skipped: int) -> str:
    text = f"Broadcast finished: {sent} sent, {blocked} blocked the bot, {failed} failed."
    if skipped:
        text += f" {skipped} left before their turn (stopped or blocked meanwhile)."
    return text
