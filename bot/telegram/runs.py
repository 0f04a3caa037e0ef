"""What one walkthrough shows: an exercise's steps, at a level, possibly inside a routine.

A routine runs each exercise through the same walkthrough as a standalone exercise; only the
heading ("Exercise 2 of 5"), the level line and the equipment-free version differ, so they are
decided here, once, for both.
"""

from __future__ import annotations

from dataclasses import dataclass

from telegram import InlineKeyboardMarkup

from bot.content import Exercise, Step
from bot.domain.discomfort import DiscomfortAction
from bot.domain.routine import WITHOUT_EQUIPMENT, steps_of
from bot.domain.walkthrough import Status, WalkthroughView
from bot.telegram import keyboards, texts

__all__ = ["WITHOUT_EQUIPMENT", "Run", "run_of", "screen", "steps_of"]


@dataclass(frozen=True, slots=True)
class Run:
    exercise: Exercise
    steps: tuple[Step, ...]
    heading: str = ""
    note: str = ""
    level: str = ""  # what the level asks for: shown once, on the first step

    @property
    def in_routine(self) -> bool:
        return bool(self.heading)

    def step_text(
        self, index: int, *, timer_running: bool = False, timer_done: bool = False
    ) -> str:
        return texts.step_message(
            self.exercise.name,
            self.steps,
            index,
            heading=self.heading,
            note=self.note,
            level=self.level if index == 0 else "",
            timer_running=timer_running,
            timer_done=timer_done,
        )


def run_of(exercise: Exercise, walkthrough: WalkthroughView) -> Run:
    steps = steps_of(exercise, walkthrough.variant, walkthrough.level)
    place, length = walkthrough.routine_position, walkthrough.routine_length
    if place is None or length is None:
        if 0 < walkthrough.level < len(exercise.levels):  # opened by name, above the first rung
            rung = exercise.levels[walkthrough.level]
            return Run(exercise, steps, note=texts.level_note(rung.name), level=rung.description)
        return Run(exercise, steps)
    notes: list[str] = []
    level = ""
    if walkthrough.variant == WITHOUT_EQUIPMENT:
        notes.append(texts.VARIANT_NOTE)
    elif walkthrough.level < len(exercise.levels):
        notes.append(texts.level_note(exercise.levels[walkthrough.level].name))
        level = exercise.levels[walkthrough.level].description
    heading = texts.routine_heading(place, length)
    return Run(exercise, steps, heading=heading, note=" · ".join(notes), level=level)


def screen(
    walkthrough: WalkthroughView,
    run: Run,
    *,
    timer_running: bool = False,
    timer_done: bool = False,
    discomfort: DiscomfortAction | None = None,
) -> tuple[str, InlineKeyboardMarkup | None]:
    """The message for where `walkthrough` stands; buttons carry its (current) version.

    `discomfort` is the policy's action when the press that got here reported discomfort: its
    advice goes with the answer, and a severe rating offers the pause instead of "again".
    """
    exercise, version, position = run.exercise, walkthrough.version, walkthrough.position
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
    text = run.step_text(position.step, timer_running=timer_running, timer_done=timer_done)
    hold = run.steps[position.step].hold_seconds
    markup = keyboards.step_keyboard(
        walkthrough.id, version, position, hold, in_routine=run.in_routine
    )
    return text, markup
