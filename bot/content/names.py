"""The names a person may type for an exercise, as look-up sees them.

The English files and every translation check the same thing (each name or alias belongs to
one exercise only), so both walk the names through this one function.
"""

from __future__ import annotations

from collections.abc import Iterator

from bot.content.errors import Problem
from bot.content.models import Exercise
from bot.content.normalise import normalise
from bot.content.yamlfile import Document, Loc


def searchable_names(
    document: Document, exercise: Exercise, problems: list[Problem]
) -> Iterator[tuple[Loc, str, str]]:
    """Each name and alias with where it is and its look-up key. One that normalises to
    nothing (only filler words) could never be found: it becomes a problem, not a key."""
    fields = (
        (("name",), exercise.name),
        *((("aliases", i), alias) for i, alias in enumerate(exercise.aliases)),
    )
    for loc, text in fields:
        key = normalise(text)
        if not key:
            hint = "use a word people would type for this exercise"
            problems.append(document.problem(loc, f"{text!r} has no searchable words", hint))
            continue
        yield loc, text, key
