"""The safety check's screens: the question, what the answers mean, the hold, card notes.

Labels and reasons come from the content (``content/safety_flags.yaml``); the sentences around
them are ours (:mod:`bot.telegram.texts`).
"""

from __future__ import annotations

from telegram import InlineKeyboardMarkup

from bot.content import Catalogue, Exercise, SafetyFlags
from bot.domain.onboarding import GO, NONE, Step
from bot.domain.subscription import SubscriptionState
from bot.domain.triage import Decision, Triage, excluded_by, triage
from bot.telegram import texts
from bot.telegram.screens import Screen, choice_button, describe_instant, zone_of
from bot.usecases.safety import CardSafety

HOLD = "hold"
"""The screen name of the hold's buttons in callback data."""
CLEARED, LATER = "cleared", "later"


def safety_question(state: SubscriptionState, check: SafetyFlags, lead: str = "") -> Screen:
    """Every flag of the check as a toggle, then "None of these" and Continue."""
    ticked = state.preferences.safety_flags
    rows = [
        [choice_button(texts.toggle_label(flag.short, flag.id in ticked), Step.SAFETY, flag.id)]
        for flag in check.flags
    ]
    last = [
        choice_button(texts.SAFETY_NONE, Step.SAFETY, NONE),
        choice_button(texts.CONTINUE, Step.SAFETY, GO),
    ]
    question = texts.safety_question([flag.label for flag in check.flags])
    text = f"{lead}\n\n{question}" if lead else question
    return Screen(text, InlineKeyboardMarkup([*rows, last]))


def because(flags: tuple[str, ...] | frozenset[str], check: SafetyFlags) -> list[str]:
    """The reasons of `flags`, in the check's order."""
    return [flag.because for flag in check.flags if flag.id in flags]


def restriction_lines(decision: Decision) -> list[str]:
    """The lines a modified programme adds, to the advice and to each day's routine."""
    rules = decision.restrictions
    lines = []
    if rules.prefer_seated:
        lines.append(texts.SAFETY_SEATED)
    if rules.lowest_rungs:
        lines.append(texts.SAFETY_LOWEST)
    if rules.foot_check_line:
        lines.append(texts.SAFETY_FOOT_CHECK)
    if rules.get_checked_line:
        lines.append(texts.SAFETY_GET_CHECKED)
    return lines


def routine_lines(decision: Decision | None) -> list[str]:
    """The daily reminders a modified programme puts above the routine."""
    if decision is None:
        return []
    rules = decision.restrictions
    return [
        line
        for on, line in (
            (rules.foot_check_line, texts.SAFETY_FOOT_CHECK),
            (rules.get_checked_line, texts.SAFETY_GET_CHECKED),
        )
        if on
    ]


def advice(decision: Decision, catalogue: Catalogue) -> str:
    """What a finished check means, for a modified programme or a go-ahead."""
    if decision.outcome is not Triage.MODIFIED:
        return texts.SAFETY_GO_AHEAD
    left_out = [e.name for e in catalogue if excluded_by(e, decision.flags)]
    lines = [texts.safety_left_out(left_out)] if left_out else []
    lines += restriction_lines(decision)
    return texts.safety_modified(because(decision.flags, catalogue.flags), lines)


def hold_screen(state: SubscriptionState, check: SafetyFlags) -> Screen:
    """Why there is no routine, and the two ways on."""
    decision = triage(state.preferences.safety_flags, check)
    markup = InlineKeyboardMarkup(
        [
            [choice_button(texts.HOLD_CLEARED_BUTTON, HOLD, CLEARED)],
            [choice_button(texts.HOLD_LATER_BUTTON, HOLD, LATER)],
        ]
    )
    return Screen(texts.safety_hold(because(decision.see_first, check)), markup)


def later_text(state: SubscriptionState) -> str:
    if state.recheck_at is None:
        return texts.hold_later("")
    instant = describe_instant(state.recheck_at, zone_of(state.preferences))
    return texts.hold_later(instant)


def card_notes(exercise: Exercise, safety: CardSafety, check: SafetyFlags) -> tuple[str, str]:
    """(above the card, below it): the see-first caution leads; what is left out follows."""
    lead = texts.card_held(because(safety.see_first, check)) if safety.held else ""
    tail: list[str] = []
    if safety.excluded_by:
        tail.append(texts.card_left_out(because(safety.excluded_by, check)))
    else:
        tail.extend(
            texts.card_rung_out(exercise.levels[out.level].name, because(out.flags, check))
            for out in safety.rungs_out
        )
    return lead, "\n".join(tail)
