"""The loaded exercises: immutable, indexed by id, and searchable by what people type."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path

from bot.content.flags import SafetyFlags, shipped_flags
from bot.content.illustration import illustration_file
from bot.content.lookup import Lookup, NameIndex
from bot.content.models import Exercise
from bot.content.translation import ENGLISH, resolve_language
from bot.content.vocabulary import Vocabulary, shipped_vocabulary


class Catalogue:
    """All exercises, built once at start-up and shared read-only by every handler.

    Order follows the file names, so listings and tests are stable.
    """

    __slots__ = (
        "_by_id",
        "_index",
        "_translations",
        "exercises",
        "flags",
        "language",
        "root",
        "vocabulary",
    )

    exercises: tuple[Exercise, ...]
    flags: SafetyFlags
    """The safety check the exercises' ``avoid_with`` refer to (the shipped one by default)."""
    vocabulary: Vocabulary
    """The complaints, equipment and positions the exercises are described with."""
    root: Path | None
    """The content folder the files came from: illustrations are found relative to it."""
    language: str
    """The language of the texts: "en", or a translation folder's name such as "pt-BR"."""

    def __init__(
        self,
        exercises: Iterable[Exercise],
        flags: SafetyFlags | None = None,
        vocabulary: Vocabulary | None = None,
        root: Path | None = None,
        *,
        language: str = ENGLISH,
        names: Mapping[str, Sequence[tuple[bool, str]]] | None = None,
        translations: Mapping[str, Catalogue] | None = None,
    ) -> None:
        """`names` (per exercise id: (is a name, text)) replaces what look-up searches, so a
        translated catalogue finds its own names and the English ones; `translations` are the
        catalogues of every language (this one's included), reached with :meth:`in_language`;
        the loader shares one mapping between them all, so each can switch to any other."""
        self.exercises = tuple(exercises)
        self.language = language
        self._translations: Mapping[str, Catalogue] = (
            translations if translations is not None else {}
        )
        self.flags = flags if flags is not None else shipped_flags()
        self.vocabulary = vocabulary if vocabulary is not None else shipped_vocabulary()
        self.root = root
        self._by_id = {exercise.id: exercise for exercise in self.exercises}
        if len(self._by_id) != len(self.exercises):
            raise ValueError("exercise ids must be unique")
        self._index = NameIndex(self.exercises, names)

    def get(self, exercise_id: str) -> Exercise | None:
        """The exercise with this id, or ``None`` (ids come from callback data, so may be stale)."""
        return self._by_id.get(exercise_id)

    def illustration(self, exercise: Exercise) -> Path | None:
        """The image file sent with the exercise's card, if it has one (checked at load)."""
        if exercise.illustration is None or self.root is None:
            return None
        return illustration_file(self.root, exercise.illustration)

    def lookup(self, query: str) -> Lookup:
        """Find exercises by name, alias or a near miss of either; see :class:`NameIndex`."""
        return self._index.lookup(query)

    @property
    def languages(self) -> tuple[str, ...]:
        """Every language this content speaks, English first."""
        return (ENGLISH, *(code for code in self._translations if code != ENGLISH))

    def in_language(self, language_code: str | None) -> Catalogue:
        """The same exercises, with the same ids and numbers, in the person's language.

        Telegram's ``language_code`` goes in as it is: "pt-br" and "pt" give Brazilian
        Portuguese, "es-MX" Spanish, anything unknown (or ``None``) English.
        """
        language = resolve_language(language_code, self.languages[1:])
        if language == self.language:
            return self
        return self._translations.get(language, self)

    def __len__(self) -> int:
        return len(self.exercises)

    def __iter__(self) -> Iterator[Exercise]:
        return iter(self.exercises)

    def __contains__(self, item: object) -> bool:
        """Accepts an id or an :class:`Exercise`."""
        if isinstance(item, Exercise):
            return self._by_id.get(item.id) == item
        return isinstance(item, str) and item in self._by_id

    def __repr__(self) -> str:
        suffix = "" if self.language == ENGLISH else f", {self.language}"
        return f"Catalogue({len(self)} exercises{suffix})"
