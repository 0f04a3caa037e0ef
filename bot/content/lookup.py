"""Find an exercise from whatever a person typed: a name, a nickname, a typo, or chat.

The answer has three shapes because the bot reacts in three ways: show the exercise ("exact"),
offer a short list to tap ("choices"), or say it did not understand ("none"). Getting "none"
right matters as much as the hits: "thanks" or "hi" must never open an exercise.

How it scores, and why:

* Both sides are normalised (:mod:`bot.content.normalise`), so plurals, case, punctuation and
  filler words never count against a match.
* An exact normalised name or alias wins outright; that is the common case and costs one dict
  lookup.
* Otherwise ``fuzz.token_ratio`` compares whole words: a query whose words all appear in a name
  scores 100 ("tennis" finds "tennis ball"), while fragments inside words do not count, so
  "hi" does not match "shin stretch" the way a substring scorer would let it.
* If that finds nothing confident, each unknown word of five letters or more is replaced by the
  nearest catalogue word (e.g. "circels" -> "circle") and the query is scored again. Shorter
  words are left alone, because "stop" is one letter away from "top".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz, process

from bot.content.models import Exercise
from bot.content.normalise import normalise

LookupKind = Literal["exact", "choices", "none"]

MIN_QUERY_LENGTH = 3
"""Shorter queries ("hi", "ok") are chat, unless they are a catalogue name themselves."""
MAX_QUERY_LENGTH = 100
"""Longer messages are conversation, not a name; scoring them would only cost time."""
MATCH_CUTOFF = 80.0
"""Below this, a candidate is noise: "hello" vs "heel toe" scores 62, "heel pain" vs "heel
raise" 74, while real typos such as "baerfoot" or "ankel circles" score 88 and above."""
EXACT_MARGIN = 8.0
"""The best exercise must lead the runner-up by this much to be taken without asking."""
CHOICE_WINDOW = 15.0
"""Runners-up within this distance of the best are offered as choices."""
MAX_CHOICES = 3
TYPO_MIN_LENGTH = 5
TYPO_CUTOFF = 80.0


@dataclass(frozen=True, slots=True)
class Lookup:
    """The result of a name lookup: one confident match, a few candidates, or nothing."""

    matches: tuple[Exercise, ...]
    kind: LookupKind

    @property
    def exercise(self) -> Exercise | None:
        """The match when ``kind == "exact"``; ``None`` otherwise."""
        return self.matches[0] if self.kind == "exact" else None


NO_MATCH = Lookup(matches=(), kind="none")


@dataclass(frozen=True, slots=True)
class _Hit:
    """Best score of one exercise, with tie-breakers: a name beats an alias, closer length wins."""

    score: float
    from_name: bool
    closeness: float
    position: int

    def sort_key(self) -> tuple[float, bool, float, int]:
        return (-self.score, not self.from_name, -self.closeness, self.position)


class NameIndex:
    """Precomputed, normalised names and aliases of a fixed set of exercises.

    Built once per catalogue; :meth:`lookup` allocates only what the answer needs.
    """

    __slots__ = ("_exact", "_exercises", "_from_name", "_keys", "_owners", "_vocabulary", "_words")

    def __init__(
        self,
        exercises: Sequence[Exercise],
        names: Mapping[str, Sequence[tuple[bool, str]]] | None = None,
    ) -> None:
        """`names` (per exercise id: (is a name, text)) replaces the exercises' own name and
        aliases: a translated catalogue searches its language's names and the English ones."""
        self._exercises = tuple(exercises)
        self._keys: list[str] = []
        self._owners: list[int] = []
        self._from_name: list[bool] = []
        self._exact: dict[str, int] = {}
        for position, exercise in enumerate(self._exercises):
            own = ((True, exercise.name), *((False, a) for a in exercise.aliases))
            searched = names.get(exercise.id, own) if names is not None else own
            for is_name, text in searched:
                key = normalise(text)
                if key and key not in self._exact:
                    self._exact[key] = position
                    self._keys.append(key)
                    self._owners.append(position)
                    self._from_name.append(is_name)
        self._words = frozenset(word for key in self._keys for word in key.split())
        self._vocabulary = sorted(self._words)

    def lookup(self, query: str) -> Lookup:
        """Match ``query`` against every name and alias; never raises on any string."""
        key = normalise(query)
        position = self._exact.get(key)
        if position is not None:
            return Lookup(matches=(self._exercises[position],), kind="exact")
        if not MIN_QUERY_LENGTH <= len(key) <= MAX_QUERY_LENGTH:
            return NO_MATCH
        hits = self._score(key)
        result = self._decide(hits)
        if result.kind != "exact":
            corrected = self._correct_typos(key)
            if corrected != key:
                retry = self._score(corrected)
                if _best(retry) > _best(hits):
                    result = self._decide(retry)
        return result

    def _score(self, key: str) -> list[_Hit]:
        """Best hit per exercise, best first, keeping only those above the cutoff."""
        found = process.extract(
            key,
            self._keys,
            scorer=fuzz.token_ratio,
            processor=None,
            limit=None,
            score_cutoff=MATCH_CUTOFF,
        )
        best: dict[int, _Hit] = {}
        for choice, score, index in found:
            owner = self._owners[index]
            held = best.get(owner)
            if held is not None and held.score > score:
                continue
            hit = _Hit(score, self._from_name[index], fuzz.ratio(key, choice), owner)
            if held is None or hit.sort_key() < held.sort_key():
                best[owner] = hit
        return sorted(best.values(), key=_Hit.sort_key)

    def _decide(self, hits: list[_Hit]) -> Lookup:
        """Turn ranked hits into one of the three answers."""
        if not hits:
            return NO_MATCH
        top = hits[0].score
        if len(hits) == 1 or hits[1].score < top - EXACT_MARGIN:
            return Lookup(matches=(self._exercises[hits[0].position],), kind="exact")
        close = [hit for hit in hits if hit.score >= top - CHOICE_WINDOW][:MAX_CHOICES]
        return Lookup(matches=tuple(self._exercises[hit.position] for hit in close), kind="choices")

    def _correct_typos(self, key: str) -> str:
        """Replace each long unknown word by the nearest catalogue word, if one is close."""
        words = key.split()
        for i, word in enumerate(words):
            if len(word) < TYPO_MIN_LENGTH or word in self._words:
                continue
            nearest = process.extractOne(
                word, self._vocabulary, scorer=fuzz.ratio, processor=None, score_cutoff=TYPO_CUTOFF
            )
            if nearest is not None:
                words[i] = nearest[0]
        return " ".join(words)


def _best(hits: list[_Hit]) -> float:
    return hits[0].score if hits else 0.0
