"""A plain-text overview of the catalogue, for ``footbot content check``.

It is what someone editing the YAML wants to see after a change: that every file loaded, what
each exercise needs, and whether every complaint still has exercises behind it.
"""

from __future__ import annotations

from collections import Counter

from bot.content.catalogue import Catalogue


def describe(catalogue: Catalogue) -> str:
    """Return a short multi-line summary: one line per exercise, then counts per complaint."""
    lines = [f"{len(catalogue)} exercises"]
    width = max((len(exercise.id) for exercise in catalogue), default=0)
    for exercise in catalogue:
        equipment = ", ".join(exercise.equipment)
        lines.append(
            f"  {exercise.id:<{width}}  {exercise.name} "
            f"({len(exercise.steps)} steps; equipment: {equipment})"
        )
    counts = Counter(target for exercise in catalogue for target in exercise.targets)
    lines.append("by complaint:")
    lines.extend(
        f"  {complaint}: {counts[complaint]}" for complaint in catalogue.vocabulary.complaint_ids
    )
    for language in catalogue.languages[1:]:
        translated = catalogue.in_language(language)
        done = sum(1 for exercise in translated if catalogue.get(exercise.id) is not exercise)
        lines.append(f"translation {language}: {done} of {len(catalogue)} exercises translated")
    return "\n".join(lines)
