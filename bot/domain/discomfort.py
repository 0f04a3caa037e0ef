"""Discomfort scores and what they mean for the person.

The bands follow the common 0-10 pain scale used in physiotherapy: a little discomfort during
foot exercises is expected, severe discomfort is a reason to stop and get advice.
"""

from __future__ import annotations

from enum import StrEnum


class Band(StrEnum):
    NONE = "none"
    MILD = "mild"
    MODERATE = "moderate"
    SEVERE = "severe"


def band(score: int) -> Band:
    """Map a 0-10 score to its band; out-of-range scores are a programming error."""
    if not 0 <= score <= 10:
        raise ValueError(f"discomfort score out of range: {score}")
    if score == 0:
        return Band.NONE
    if score <= 3:
        return Band.MILD
    if score <= 6:
        return Band.MODERATE
    return Band.SEVERE
