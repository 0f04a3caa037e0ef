"""Every sentence the bot says, in one place.

This is the English catalogue. Messages use HTML parse mode, so anything that comes from a
person (their name, what they typed) goes through `escape` before it is placed in a message.
A second language would be a sibling module with the same names.
"""

from __future__ import annotations

from html import escape

from bot.content import Exercise, Step
from bot.domain.discomfort import Band, band

BOT_DESCRIPTION = "Short daily foot exercises, step by step."

COMMANDS: tuple[tuple[str, str], ...] = (
    ("start", "Welcome and how this works"),
    ("exercises", "All exercises"),
    ("exercise", "Find an exercise by name, e.g. /exercise calf raises"),
    ("help", "What I can do"),
)

EQUIPMENT = {
    "none": "nothing",
    "chair": "a chair",
    "towel": "a small towel",
    "small_ball": "a small ball (tennis or massage ball)",
    "resistance_band": "a resistance band",
    "toe_spacers": "toe spacers",
}

TARGETS = {
    "heel_pain": "heel pain / plantar fasciitis",
    "bunions": "bunions",
    "hammertoes": "hammertoes",
    "arch_pain": "arch pain",
    "strength": "foot strength",
    "balance": "balance",
    "mobility": "mobility",
}

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


def timer_button(seconds: int) -> str:
    return f"⏱ Timer {_duration(seconds)}"


def not_found(query: str) -> str:
    return (
        f"I don't know an exercise called “{escape(query[:80])}”. "
        "Tap /exercises to see them all, or try another name."
    )


def exercise_card(exercise: Exercise) -> str:
    equipment = ", ".join(EQUIPMENT[item] for item in exercise.equipment)
    targets = ", ".join(TARGETS[item] for item in exercise.targets)
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
    return f"{text} per side" if d.per_side else text


def step_message(
    exercise: Exercise, index: int, *, timer_running: bool = False, timer_done: bool = False
) -> str:
    step = exercise.steps[index]
    lines = [
        f"<b>{escape(exercise.name)}</b> · step {index + 1} of {len(exercise.steps)}",
        "",
        escape(step.text),
    ]
    detail = _step_detail(step)
    if detail:
        lines += ["", detail]
    if timer_done:
        lines += ["", "✅ Hold finished. Rest a moment, then tap Next."]
    elif timer_running and step.hold_seconds:
        lines += ["", f"⏱ Holding for {_duration(step.hold_seconds)}… I'll tell you when."]
    return "\n".join(lines)


def _step_detail(step: Step) -> str:
    parts: list[str] = []
    if step.reps:
        parts.append(f"{step.reps} times")
    if step.hold_seconds:
        parts.append(f"hold {_duration(step.hold_seconds)}")
    if not parts:
        return ""
    text = ", ".join(parts)
    return f"<i>{text} on each side</i>" if step.per_side else f"<i>{text}</i>"


def rating_question(exercise: Exercise) -> str:
    return (
        f"<b>{escape(exercise.name)}</b>: well done!\n\n"
        "How much discomfort did you feel, from 0 (none) to 10 (worst)?\n"
        "0 none · 1-3 mild · 4-6 moderate · 7-10 severe"
    )


_RATING_REPLIES = {
    Band.NONE: "No discomfort. Nice and steady: keep this pace.",
    Band.MILD: "Mild discomfort is common while feet get used to new work. Keep it gentle.",
    Band.MODERATE: (
        "Moderate discomfort: next time do fewer repetitions or try the easier version, "
        "and rest if it lingers."
    ),
    Band.SEVERE: (
        "⚠️ That is a lot of discomfort. Please stop this exercise for now and don't push "
        "through pain. If pain is sharp, lasts more than a day or two, comes with swelling, "
        "redness, warmth, numbness or tingling, or wakes you at night, please see a doctor "
        "or physiotherapist before you continue."
    ),
}


def rating_reply(exercise: Exercise, score: int) -> str:
    return (
        f"<b>{escape(exercise.name)}</b>: recorded discomfort {score}/10.\n\n"
        f"{_RATING_REPLIES[band(score)]}"
    )


def stopped(exercise: Exercise) -> str:
    return (
        f"<b>{escape(exercise.name)}</b>: stopped. That's fine: listen to your feet. "
        "You can start again whenever you like."
    )


def _duration(seconds: int) -> str:
    if seconds < 60 or seconds % 60:
        return f"{seconds} s"
    return f"{seconds // 60} min"
