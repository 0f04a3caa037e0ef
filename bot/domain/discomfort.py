"""The discomfort policy: one 0-10 scale, three labelled bands, one table from rating to action.

Every way a person tells us how an exercise felt goes through :func:`action`: a rating after a
routine's exercise, a rating after an exercise opened by name, and skipping or stopping an
exercise because it hurts. The bands follow the usual physiotherapy habit of letting discomfort
steer the load:

- 0-3 fine: a little effort is expected; the session counts toward moving up.
- 4-6 moderate: ease off, one rung down (at the lowest rung, stay); the next day says why.
- 7-10 severe: stop today's routine, advise a clinician if the pain is sharp, lasts more than a
  day or two or comes with swelling, offer the "injured" pause, and rest the exercise for
  ``REST_DAYS`` days at the level it was.
- skipped or stopped because it hurts: a line of advice; one rung down, or rest at the lowest.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType
from typing import Final

from bot.domain.walkthrough import HURTS, MAX_DISCOMFORT

MAX_SCORE: Final = MAX_DISCOMFORT
REST_DAYS: Final = 2
"""How long a severe rating (or a painful skip at the lowest rung) keeps an exercise out."""

Rating = int | str
"""A score on the 0-10 scale, or ``HURTS``: "it hurts" given as the reason to skip or stop."""


class Band(StrEnum):
    """The labelled bands of the scale, as the rating question shows them."""

    FINE = "fine"
    MODERATE = "moderate"
    SEVERE = "severe"


class Ladder(StrEnum):
    """What a rating does to the exercise's place on its progression ladder."""

    COUNT = "count"
    """Counts toward moving up (one of the easy sessions)."""
    EASE = "ease"
    """One rung down; at the lowest rung, stay there."""
    BACK_OFF = "back_off"
    """One rung down; at the lowest rung, rest for ``rest_days``."""
    REST = "rest"
    """Rest for ``rest_days`` at the level it was."""


@dataclass(frozen=True, slots=True)
class DiscomfortAction:
    """What the bot does about one report of discomfort."""

    band: Band
    ladder: Ladder
    stop_today: bool = False
    """End today's routine: nothing more is offered today."""
    see_clinician: bool = False
    """Advise a clinician if it is sharp, lasts more than a day or two, or comes with swelling."""
    offer_pause: bool = False
    """Offer the open-ended "injured" pause of reminders."""
    advise: bool = False
    """Show a line of advice with the answer (always so from moderate up)."""
    rest_days: int = 0


BANDS: tuple[tuple[range, Band], ...] = (
    (range(0, 4), Band.FINE),
    (range(4, 7), Band.MODERATE),
    (range(7, MAX_SCORE + 1), Band.SEVERE),
)
"""The scale: every score from 0 to 10 falls in exactly one band."""

_BY_BAND: Mapping[Band, DiscomfortAction] = MappingProxyType(
    {
        Band.FINE: DiscomfortAction(Band.FINE, Ladder.COUNT),
        Band.MODERATE: DiscomfortAction(Band.MODERATE, Ladder.EASE, advise=True),
        Band.SEVERE: DiscomfortAction(
            Band.SEVERE,
            Ladder.REST,
            stop_today=True,
            see_clinician=True,
            offer_pause=True,
            advise=True,
            rest_days=REST_DAYS,
        ),
    }
)

POLICY: Mapping[Rating, DiscomfortAction] = MappingProxyType(
    {
        **{score: _BY_BAND[band] for scores, band in BANDS for score in scores},
        HURTS: DiscomfortAction(
            Band.MODERATE, Ladder.BACK_OFF, see_clinician=True, advise=True, rest_days=REST_DAYS
        ),
    }
)
"""The whole policy in one table: each rating, and "it hurts", to its action."""


def action(rating: Rating) -> DiscomfortAction:
    """What to do about `rating`; a score outside 0-10 is a programming error."""
    try:
        return POLICY[rating]
    except KeyError:
        raise ValueError(f"discomfort rating out of range: {rating!r}") from None


def band(score: int) -> Band:
    """The band of a 0-10 score."""
    return action(score).band


def counts_as_easy(score: int | None) -> bool:
    """True when `score` is one of the easy sessions that earn the next rung."""
    return score is not None and action(score).ladder is Ladder.COUNT


def reported(discomfort: int | None, skip_reason: str | None) -> DiscomfortAction | None:
    """The action for how a finished exercise went: its rating, or "it hurts" as the reason
    it was skipped or stopped; None when neither says anything about discomfort."""
    if discomfort is not None:
        return action(discomfort)
    if skip_reason == HURTS:
        return action(HURTS)
    return None
