"""``footbot content new NAME``: a complete exercise file to fill in.

Every line to fill holds a placeholder (``FILL IN ...`` in text, ``FILL_IN`` where a word of
the vocabulary goes) and ends with ``# <- fill in``. The loader refuses a placeholder left in a
file, naming its line, so a half-written exercise can never reach anyone; once they are all
replaced the file passes ``footbot content check``. Optional fields are written out as
comments, to uncomment when needed. ``content/README.md`` explains each field.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from bot.content.flags import SafetyFlags
from bot.content.vocabulary import Vocabulary

PLACEHOLDER_TEXT = "FILL IN"
PLACEHOLDER_WORD = "FILL_IN"
MARK = "# <- fill in"


def exercise_id(name: str) -> str:
    """The file name and id for a typed name: "Towel scrunch" -> "towel_scrunch"."""
    words = re.findall(r"[a-z0-9]+", name.casefold())
    slug = "_".join(words)[:32].strip("_")
    if not slug or not slug[0].isalpha() or len(slug) < 2:
        raise ValueError(f"{name!r}: a name starting with a letter, e.g. 'Towel scrunch'")
    return slug


def template(name: str, vocabulary: Vocabulary, flags: SafetyFlags) -> str:
    """The text of a new exercise file called `name`."""
    identifier = exercise_id(name)
    shown = name.strip()[:40].replace('"', "'")
    complaints = ", ".join(vocabulary.complaint_ids)
    equipment = ", ".join(vocabulary.equipment_ids)
    positions = ", ".join(vocabulary.position_ids)
    flag_ids = ", ".join(flags.ids)
    at_hand = ", ".join(sorted(vocabulary.at_hand))
    return f"""\
# A new exercise. Replace every FILL IN / FILL_IN (the lines marked "{MARK}"), then run
# `footbot content check`. content/README.md explains each field.
id: {identifier}  # the file name without .yaml; never change it once people have used it
name: "{shown}"
aliases:  # other names people type for it: at least one
  - "FILL IN another name for it"  {MARK}
summary: "FILL IN one sentence saying what the person does"  {MARK}
why: "FILL IN two or three sentences on why it helps, in plain words"  {MARK}
targets: [FILL_IN]  {MARK} one or more of: {complaints}
# leads: []  # complaints whose routines should start with this exercise (from its targets)
equipment: [FILL_IN]  {MARK} one or more of: {equipment} (none stands alone)
position: FILL_IN  {MARK} one of: {positions}
steps:  # one screen each, in order; hold_seconds adds a timer, reps a count
  - text: "FILL IN the first step"  {MARK}
  - text: "FILL IN the second step"  {MARK}
    # hold_seconds: 30
    # reps: 10
    # per_side: true
dose:  # a beginner's amount: at least one of reps, hold_seconds, minutes
  sets: 1
  reps: 10
  # hold_seconds: 30
  # minutes: 2
  # per_side: true
cautions:  # when to ease off or stop, and who should ask a clinician first
  - "FILL IN a caution, such as stopping on sharp pain"  {MARK}
easier:
  name: "FILL IN easier version name"  {MARK}
  description: "FILL IN how to make it easier"  {MARK}
harder:
  name: "FILL IN harder version name"  {MARK}
  description: "FILL IN how to make it harder"  {MARK}
levels:  # the progression ladder, easiest first: at least two rungs
  - name: "FILL IN first rung name"  {MARK}
    description: "FILL IN the first rung"  {MARK}
  - name: "FILL IN second rung name"  {MARK}
    description: "FILL IN the second rung"  {MARK}
    # reps: 12  # a rung's own dose replaces the exercise's
    # avoid_with: []  # safety flags that rule out this rung and the ones above
avoid_with: []  # safety flags that rule the whole exercise out: {flag_ids}
# without_equipment:  # required when equipment lists more than {at_hand}
#   name: "Without the towel"
#   description: "How to do it with nothing at hand"
# illustration: images/{identifier}.png  # optional PNG or JPEG inside content/, under 10 MB
"""


def placeholders(data: Any, loc: tuple[int | str, ...] = ()) -> Iterator[tuple[int | str, ...]]:
    """Where a template's placeholders are still in the data."""
    if isinstance(data, str):
        if data.startswith(PLACEHOLDER_TEXT) or data == PLACEHOLDER_WORD:
            yield loc
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from placeholders(value, (*loc, str(key)))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from placeholders(value, (*loc, index))
