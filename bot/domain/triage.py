"""Red-flag triage: what a person's safety answers do to their programme.

Three outcomes, decided by one table (``content/safety_flags.yaml``, read as
:class:`~bot.content.SafetyFlags`):

* **see someone first**: any see-first flag. No routine and no reminders until the person says
  they have been checked.
* **modified programme**: modified flags only. Exercises and rungs whose ``avoid_with`` names one
  of them are never built into a routine nor reached by progression, and the flags' effects
  (lowest rungs, no progression, extra lines) apply.
* **go ahead**: nothing ticked.

Everything here is pure and total over any set of flag ids, so a test can walk every
combination. Unknown ids (answers to an older check) count as nothing; the person is asked the
current check before their next routine anyway (:func:`bot.domain.subscription.routine_gate`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from bot.content import Effect, Exercise, Outcome, SafetyFlags


class Triage(StrEnum):
    SEE_FIRST = "see_first"
    MODIFIED = "modified"
    GO_AHEAD = "go_ahead"


@dataclass(frozen=True, slots=True)
class Restrictions:
    """What a modified programme changes besides leaving exercises and rungs out."""

    lowest_rungs: bool = False
    no_progression: bool = False
    foot_check_line: bool = False
    prefer_seated: bool = False
    get_checked_line: bool = False


NO_RESTRICTIONS = Restrictions()

_EFFECT_FIELDS: dict[Effect, str] = {effect: effect.value for effect in Effect}
"""Each effect switches on the restriction of the same name."""


@dataclass(frozen=True, slots=True)
class Decision:
    """The outcome, the flags behind it, and the programme rules that follow.

    `flags` are the ticked flags the check knows (the ones ``avoid_with`` is matched against);
    `see_first` the ticked see-first flags, in the check's order, for the one-line "why".
    """

    outcome: Triage
    flags: frozenset[str]
    see_first: tuple[str, ...] = ()
    restrictions: Restrictions = NO_RESTRICTIONS


def triage(ticked: Iterable[str], check: SafetyFlags) -> Decision:
    """Combine the answers: one see-first flag outweighs everything, effects add up."""
    chosen = set(ticked)
    known = [flag for flag in check.flags if flag.id in chosen]
    flags = frozenset(flag.id for flag in known)
    see_first = tuple(flag.id for flag in known if flag.outcome is Outcome.SEE_FIRST)
    if see_first:
        return Decision(Triage.SEE_FIRST, flags, see_first)
    if not known:
        return Decision(Triage.GO_AHEAD, flags)
    effects = {effect for flag in known for effect in flag.effects}
    restrictions = Restrictions(**{_EFFECT_FIELDS[effect]: True for effect in effects})
    return Decision(Triage.MODIFIED, flags, (), restrictions)


def see_first_flags(check: SafetyFlags) -> frozenset[str]:
    return frozenset(flag.id for flag in check.flags if flag.outcome is Outcome.SEE_FIRST)


def upgrade(stored: Iterable[str], check: SafetyFlags) -> tuple[str, ...]:
    """Answers given to an older check, carried over to this one: current ids stay, ids a flag
    lists as ``formerly`` become that flag, anything else is dropped (the person answers again).
    Order follows the check."""
    had = set(stored)
    return tuple(
        flag.id for flag in check.flags if flag.id in had or had.intersection(flag.formerly)
    )


# --- what a flag rules out --------------------------------------------------------------------


def excluded_by(exercise: Exercise, flags: frozenset[str]) -> tuple[str, ...]:
    """The person's flags that rule the whole exercise out (its first rung counts as the whole:
    without it there is no way onto the ladder)."""
    first = exercise.levels[0].avoid_with if exercise.levels else ()
    return tuple(flag for flag in (*exercise.avoid_with, *first) if flag in flags)


def top_rung(exercise: Exercise, flags: frozenset[str], *, lowest: bool = False) -> int | None:
    """The highest rung this person may reach, or None when the exercise is not for them.

    Rungs are climbed in order, so the first ruled-out rung caps the ladder below it; with the
    lowest-rungs restriction (`lowest`) the first rung is the top.
    """
    if excluded_by(exercise, flags):
        return None
    top = 0
    for index, level in enumerate(exercise.levels[1:], start=1):
        if flags.intersection(level.avoid_with):
            break
        top = index
    return 0 if lowest else top


@dataclass(frozen=True, slots=True)
class RungOut:
    """A rung above the person's cap, and the flags (if any) that put it there."""

    level: int
    flags: tuple[str, ...]


def rungs_out(exercise: Exercise, decision: Decision) -> tuple[RungOut, ...]:
    """Every rung above :func:`top_rung`, for the card to name; empty when the exercise is out."""
    top = top_rung(exercise, decision.flags, lowest=decision.restrictions.lowest_rungs)
    if top is None:
        return ()
    return tuple(
        RungOut(index, tuple(f for f in level.avoid_with if f in decision.flags))
        for index, level in enumerate(exercise.levels)
        if index > top
    )


# --- red-flag words ------------------------------------------------------------------------------

_APOSTROPHES = re.compile(r"['’`]")
_NON_WORD = re.compile(r"[\W_]+")


def _words(text: str) -> str:
    """Lower case, accents dropped ("hinchazón" -> "hinchazon", "ё" -> "е"), apostrophes dropped
    ("can't" -> "cant"), everything else a single space, and a space at each end so a phrase
    matches whole words only. Letters of every alphabet count: a red flag typed in Russian must
    be heard as surely as one typed in English."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(char for char in folded if not unicodedata.combining(char))
    return f" {_NON_WORD.sub(' ', _APOSTROPHES.sub('', bare)).strip()} "


def mentions_red_flag(text: str, *checks: SafetyFlags) -> bool:
    """True when `text` uses one of the flags' words, in any of the given languages' checks, as a
    whole word or phrase."""
    said = _words(text)
    return any(
        _words(word) in said
        for check in checks
        for flag in check.flags
        for word in flag.words
        if _words(word).strip()
    )
