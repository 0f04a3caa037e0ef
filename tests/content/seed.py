"""What the source article brought: its ten exercises stay, whatever the library grows to."""

from __future__ import annotations

SEED_IDS: frozenset[str] = frozenset(
    {
        "barefoot_walking",
        "toe_extensor_stretch",
        "toe_spacers",
        "ball_massage",
        "short_foot",
        "ankle_circles",
        "toe_curls",
        "calf_raises",
        "heel_to_toe_walk",
        "resistance_band",
    }
)
"""The ten exercises of the source article."""
