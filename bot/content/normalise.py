"""Turn what a person typed into the canonical form used to match exercise names.

People write "Show me the calf raises please!" or "heel raise"; the catalogue says "Calf raises".
Both sides go through :func:`normalise`, so the fuzzy matcher compares like with like: lower
case, no punctuation, no polite filler, and each word reduced to a rough singular.
"""

from __future__ import annotations

import re

FILLER_WORDS: frozenset[str] = frozenset(
    {
        "the", "a", "an", "one", "ones", "exercise", "exercises", "please", "pls", "show", "me",
        "how", "to", "do", "does", "i", "my", "can", "you", "give", "what", "is", "for", "with",
        "some", "about", "want", "tell", "that", "this", "again",
    }
)  # fmt: skip
"""Words that carry no hint of which exercise is meant.

"to" is among them, so "heel to toe" and "heel toe" normalise alike; the catalogue's own names
pass through the same filter, which keeps both sides consistent.
"""

_IRREGULAR: dict[str, str] = {"feet": "foot", "calves": "calf", "tiptoes": "tiptoe"}
_APOSTROPHES = re.compile(r"['’`]")
_NON_WORD = re.compile(r"[^a-z0-9]+")


def singular(word: str) -> str:
    """Reduce a plural to a rough singular; only needs to be consistent, not correct English."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) <= 3 or not word.endswith("s") or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "sses")):
        return word[:-2]
    return word[:-1]


def normalise(text: str) -> str:
    """Lowercase, strip punctuation and filler words, singularise; may return ``""``."""
    words = _NON_WORD.sub(" ", _APOSTROPHES.sub("", text.casefold())).split()
    return " ".join(singular(word) for word in words if word not in FILLER_WORDS)
