"""The discomfort policy walked exhaustively: every score 0-10 and "it hurts"."""

from __future__ import annotations

import pytest

from bot.domain.discomfort import (
    BANDS,
    POLICY,
    REST_DAYS,
    Band,
    DiscomfortAction,
    Ladder,
    action,
    band,
    counts_as_easy,
    reported,
)
from bot.domain.walkthrough import HURTS, MAX_DISCOMFORT, SKIP_REASONS

FINE = DiscomfortAction(Band.FINE, Ladder.COUNT)
MODERATE = DiscomfortAction(Band.MODERATE, Ladder.EASE, advise=True)
SEVERE = DiscomfortAction(
    Band.SEVERE,
    Ladder.REST,
    stop_today=True,
    see_clinician=True,
    offer_pause=True,
    advise=True,
    rest_days=2,
)
HURT = DiscomfortAction(
    Band.MODERATE, Ladder.BACK_OFF, see_clinician=True, advise=True, rest_days=2
)

TABLE: dict[int | str, DiscomfortAction] = {
    0: FINE,
    1: FINE,
    2: FINE,
    3: FINE,
    4: MODERATE,
    5: MODERATE,
    6: MODERATE,
    7: SEVERE,
    8: SEVERE,
    9: SEVERE,
    10: SEVERE,
    HURTS: HURT,
}
"""The policy as the issue states it, written out by hand."""


@pytest.mark.parametrize("rating", list(TABLE))
def test_every_rating_maps_to_its_action(rating: int | str) -> None:
    assert action(rating) == TABLE[rating]


def test_the_table_is_exactly_the_scale_and_it_hurts() -> None:
    assert set(POLICY) == {*range(MAX_DISCOMFORT + 1), HURTS}
    assert POLICY == TABLE


def test_the_bands_cover_the_scale_once_in_order() -> None:
    scores = [score for scores, _ in BANDS for score in scores]
    assert scores == list(range(MAX_DISCOMFORT + 1))
    assert [b for _, b in BANDS] == [Band.FINE, Band.MODERATE, Band.SEVERE]


@pytest.mark.parametrize("score", range(MAX_DISCOMFORT + 1))
def test_band_and_easy(score: int) -> None:
    assert band(score) is TABLE[score].band
    assert counts_as_easy(score) is (score <= 3)


def test_severe_starts_at_seven_and_rests_two_days() -> None:
    first_severe = min(score for score in range(11) if action(score).stop_today)
    assert first_severe == 7
    assert REST_DAYS == 2


@pytest.mark.parametrize("score", [-1, 11, 100])
def test_out_of_range_is_an_error(score: int) -> None:
    with pytest.raises(ValueError, match="out of range"):
        action(score)
    with pytest.raises(ValueError):
        band(score)


def test_unrated_is_not_easy() -> None:
    assert not counts_as_easy(None)


@pytest.mark.parametrize("reason", [*SKIP_REASONS, None])
@pytest.mark.parametrize("score", [None, *range(MAX_DISCOMFORT + 1)])
def test_reported(score: int | None, reason: str | None) -> None:
    """A rating speaks first; otherwise only "it hurts" is a report of discomfort."""
    expected = TABLE[score] if score is not None else (HURT if reason == HURTS else None)
    assert reported(score, reason) == expected
