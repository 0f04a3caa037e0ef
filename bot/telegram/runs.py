"""What one walkthrough shows: an exercise's steps, at a level, possibly inside a routine.

A routine runs each exercise through the same walkthrough as a standalone exercise; only the
heading ("Exercise 2 of 5"), the level line and the equipment-free version differ, so they are
decided here, once, for both. Sets, sides and timers come from the same dose as the card
(:func:`bot.domain.routine.shape_of`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from telegram import InlineKeyboardMarkup

from bot.content import Exercise, Step
from bot.domain.discomfort import DiscomfortAction
from bot.domain.routine import WITHOUT_EQUIPMENT, rung_of, shape_of, steps_of
from bot.domain.walkthrough import (
    FLAT,
    Position,
    Shape,
    Status,
    WalkthroughView,
    offers_done_fine,
)
from bot.telegram import keyboards, texts

__all__ = ["WITHOUT_EQUIPMENT", "Run", "run_of", "screen", "steps_of"]


@dataclass(frozen=True, slots=True)
class Run:
    exercise: Exercise
    steps: tuple[Step, ...]
    heading: str = ""
    note: str = ""
    level: str = ""  # what the level asks for: shown once, on the first step
    shape: Shape = FLAT

    @property
    def in_routine(self) -> bool:
        return bool(self.heading)

    def step_text(
        self,
        index: int,
        *,
        timer_running: bool = False,
        timer_done: bool = False,
        position: Position | None = None,
        remaining: int | None = None,
        passed: tuple[int, ...] = (),
    ) -> str:
        return texts.step_message(
            self.exercise.name,
            self.steps,
            index,
            heading=self.heading,
            note=self.note,
            level=self.level if index == 0 and _first_pass(position) else "",
            timer_running=timer_running,
            timer_done=timer_done,
            where=where(position) if position is not None else "",
            remaining=remaining,
            first=[self.steps[step].text for step in passed if 0 <= step < len(self.steps)],
            through=position.through if position is not None else None,
            rate=position is not None and offers_done_fine(position),
        )


def _first_pass(position: Position | None) -> bool:
    return position is None or (position.set_index == 0 and position.side == 0)


def where(position: Position) -> str:
    """ "Set 2 of 2 · Left foot": the set when there are several, the side on a per-side step."""
    parts: list[str] = []
    if position.set_count > 1:
        parts.append(texts.set_line(position.set_index + 1, position.set_count))
    if position.sided:
        parts.append(texts.SIDE_NAMES[position.side])
    return " · ".join(parts)


def run_of(exercise: Exercise, walkthrough: WalkthroughView) -> Run:
    variant, level_index = walkthrough.variant, walkthrough.level
    steps = steps_of(exercise, variant, level_index)
    shape = shape_of(exercise, variant, level_index)
    place, length = walkthrough.routine_position, walkthrough.routine_length
    if place is None or length is None:
        if 0 < level_index < len(exercise.levels):  # opened by name, above the first rung
            named = exercise.levels[level_index]
            return Run(
                exercise,
                steps,
                note=texts.level_note(named.name),
                level=named.description,
                shape=shape,
            )
        return Run(exercise, steps, shape=shape)
    notes: list[str] = []
    level = ""
    rung = rung_of(exercise, variant, level_index)
    if variant == WITHOUT_EQUIPMENT:
        notes.append(texts.VARIANT_NOTE)
        free = exercise.without_equipment
        if free is not None and free.levels and rung is not None:
            notes.append(texts.level_note(rung.name))
            level = rung.description
    elif rung is not None:
        notes.append(texts.level_note(rung.name))
        level = rung.description
    heading = texts.routine_heading(place, length)
    return Run(exercise, steps, heading=heading, note=" · ".join(notes), level=level, shape=shape)


def screen(
    walkthrough: WalkthroughView,
    run: Run,
    *,
    timer_running: bool = False,
    timer_done: bool = False,
    discomfort: DiscomfortAction | None = None,
    remaining: int | None = None,
    notice: str = "",
    passed: tuple[int, ...] = (),
    closed: bool = False,
) -> tuple[str, InlineKeyboardMarkup | None]:
    """The message for where `walkthrough` stands; buttons carry its (current) version.

    `discomfort` is the policy's action when the press that got here reported discomfort: its
    advice goes with the answer, and a severe rating offers the pause instead of "again".
    `remaining` is the seconds a running hold or rest has left (the countdown's edits). A
    timer's end brings the next screen as a new message: `notice` heads it ("Time's up") and
    `passed` are the steps the walkthrough went over by itself; the screen that showed the
    timer is `closed`: it says the timer is over and keeps no buttons.
    """
    text, markup = _screen(
        walkthrough,
        run,
        timer_running=timer_running,
        timer_done=timer_done or (closed and walkthrough.position.status is Status.ACTIVE),
        discomfort=discomfort,
        remaining=remaining,
        passed=passed,
        closed=closed,
    )
    if closed:
        return text, None
    return (f"{notice}\n\n{text}" if notice else text), markup


def _screen(
    walkthrough: WalkthroughView,
    run: Run,
    *,
    timer_running: bool,
    timer_done: bool,
    discomfort: DiscomfortAction | None,
    remaining: int | None,
    passed: tuple[int, ...],
    closed: bool,
) -> tuple[str, InlineKeyboardMarkup | None]:
    exercise, version = run.exercise, walkthrough.version
    position = replace(walkthrough.position, shape=run.shape)
    offer_pause = discomfort is not None and discomfort.offer_pause
    if position.status is Status.RATING:
        return texts.rating_question(exercise), keyboards.rating_keyboard(walkthrough.id, version)
    if position.status is Status.SKIP_CHOICE:
        asked = texts.SKIP_CHOICE_QUESTION.format(name=exercise.name)
        return asked, keyboards.skip_choice_keyboard(walkthrough.id, version)
    if position.status is Status.SKIPPING:
        asked = texts.SKIP_QUESTION if run.in_routine else texts.STOP_QUESTION
        return asked.format(name=exercise.name), keyboards.skip_reasons_keyboard(
            walkthrough.id, version
        )
    if position.status is Status.COMPLETED and position.discomfort is not None:
        reply = texts.rating_reply(exercise, position.discomfort)
        return reply, keyboards.again_keyboard(exercise, offer_pause=offer_pause)
    if position.status in (Status.STOPPED, Status.SKIPPED):
        text = texts.stopped(exercise, hurts=discomfort is not None)
        return text, keyboards.again_keyboard(exercise, offer_pause=offer_pause)
    if position.status is Status.RESTING:
        number = position.set_index + 1
        text = texts.rest_message(
            exercise.name,
            heading=run.heading,
            note=run.note,
            set_number=number,
            set_count=position.set_count,
            seconds=run.shape.rest_seconds,
            remaining=remaining,
            closed=closed,
        )
        label = (
            texts.start_set_button(number)
            if run.shape.rest_seconds <= 0
            else texts.SKIP_REST_BUTTON
        )
        return text, keyboards.rest_keyboard(
            walkthrough.id, version, label, in_routine=run.in_routine
        )
    text = run.step_text(
        position.step,
        timer_running=timer_running,
        timer_done=timer_done,
        position=position,
        remaining=remaining,
        passed=passed,
    )
    # a hold starts by itself when its step arrives: the timer button is only for a step
    # come back to (Back), where the timer is the person's choice; during the "get ready"
    # lead, "Start now" skips the wait
    hold = run.steps[position.step].hold_seconds
    getting_ready = timer_running and remaining is not None and remaining > (hold or remaining)
    optional = None if timer_running or timer_done else hold
    markup = keyboards.step_keyboard(
        walkthrough.id,
        version,
        position,
        optional,
        in_routine=run.in_routine,
        start_now=getting_ready,
    )
    return text, markup
