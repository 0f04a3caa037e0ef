"""Read ``content/`` into a validated :class:`Catalogue`, once, at start-up.

Everything that can be wrong with a content file is reported here, before the bot answers
anyone: a broken file should stop the deploy, not surface as a crash halfway through somebody's
routine. Each problem names the file, the line and the field, and says what to write instead,
so the fix is obvious to whoever edits it. :func:`check_content` collects every problem (for
``footbot content check``); :func:`load_catalogue` stops on them.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from bot.content.catalogue import Catalogue
from bot.content.errors import ContentError, Problem
from bot.content.flags import FLAGS_FILE, SafetyFlags, avoid_with_problems, flags_path, load_flags
from bot.content.illustration import illustration_problem
from bot.content.lookup import Lookup
from bot.content.models import Exercise
from bot.content.names import searchable_names
from bot.content.shipped import shipped_content_dir
from bot.content.template import placeholders
from bot.content.translation import check_translation, language_dirs
from bot.content.vocabulary import VOCABULARY_FILE, Vocabulary, vocabulary_path
from bot.content.yamlfile import Document, read_document, read_model, validate

EXERCISES_SUBDIR = "exercises"
NOT_EXERCISES = frozenset({FLAGS_FILE, VOCABULARY_FILE})


def default_content_dir() -> Path:
    """The shipped ``content/`` folder (see `bot.content.shipped`); settings may point
    elsewhere."""
    return shipped_content_dir()


def load_catalogue(directory: Path) -> Catalogue:
    """Load every exercise file in ``directory`` (or its ``exercises/`` subfolder).

    Files are read in name order, so the catalogue order is stable across machines.
    Raises :class:`ContentError` telling the first problem found and counting the others.
    """
    catalogue, problems = check_content(directory)
    if catalogue is None:
        raise ContentError(*problems)
    return catalogue


@cache
def shipped_catalogue() -> Catalogue:
    """This checkout's ``content/``, every language, loaded once."""
    return load_catalogue(default_content_dir())


def catalogue_for(language: str | None) -> Catalogue:
    """The shipped catalogue in the person's language (Telegram's ``language_code`` as it
    comes: "pt-br" and "pt" give pt-BR, "es-MX" es, unknown or None English). Same exercise ids
    and numbers in every language; any text a translation leaves out is the English one.

    The bot itself loads ``CONTENT_DIR`` once and calls :meth:`Catalogue.in_language` on it.
    """
    return shipped_catalogue().in_language(language)


def lookup_exercise(query: str, language: str | None = None) -> Lookup:
    """Find an exercise by what a person typed, in their language or in English, with the same
    fuzzy rules in both ("подъёмы на носки", "elevación de talones", "calf raises")."""
    return catalogue_for(language).lookup(query)


def exercise_paths(directory: Path) -> list[Path]:
    """The exercise files of a content folder, in name order."""
    folder = directory / EXERCISES_SUBDIR if (directory / EXERCISES_SUBDIR).is_dir() else directory
    if not folder.is_dir():
        raise ContentError.at(folder, "content directory does not exist")
    paths = sorted(path for path in folder.glob("*.yaml") if path.name not in NOT_EXERCISES)
    if not paths:
        raise ContentError.at(folder, "no exercise files (*.yaml) found")
    return paths


def check_content(directory: Path) -> tuple[Catalogue | None, list[Problem]]:
    """The catalogue when everything is valid; else None and every problem, file by file.

    The English catalogue comes back; the translations in ``<directory>/<language>/`` are
    checked against it and reached with :meth:`Catalogue.in_language`.
    """
    try:
        paths = exercise_paths(directory)
        flags = load_flags(flags_path(directory))
        vocabulary = read_model(vocabulary_path(directory), Vocabulary)
    except ContentError as error:
        return None, list(error.problems)
    problems: list[Problem] = []
    loaded: list[tuple[Document, Exercise]] = []
    for path in paths:
        try:
            document = read_document(path)
        except ContentError as error:
            problems.extend(error.problems)
            continue
        exercise, found = _check_file(document, directory, flags, vocabulary)
        problems.extend(sorted(found, key=lambda p: p.line or 0))
        if exercise is not None and not found:
            loaded.append((document, exercise))
    problems.extend(_unique_names(loaded))
    if problems:
        return None, problems
    exercises = [exercise for _, exercise in loaded]
    catalogues: dict[str, Catalogue] = {}
    english = Catalogue(exercises, flags, vocabulary, directory, translations=catalogues)
    catalogues[english.language] = english
    by_id = {exercise.id: exercise for exercise in exercises}
    for language, folder in language_dirs(directory).items():
        translation = check_translation(folder, by_id, flags, vocabulary)
        problems.extend(translation.problems)
        catalogues[language] = Catalogue(
            (translation.exercises.get(exercise.id, exercise) for exercise in exercises),
            translation.flags,
            translation.vocabulary,
            directory,
            language=language,
            names=translation.names,
            translations=catalogues,
        )
    if problems:
        return None, problems
    return english, []


def load_exercise(path: Path, vocabulary: Vocabulary, flags: SafetyFlags) -> Exercise:
    """Parse and validate one file on its own (its stem must equal the exercise id)."""
    exercise, problems = _check_file(read_document(path), path.parent, flags, vocabulary)
    if exercise is None or problems:
        raise ContentError(*problems)
    return exercise


def _check_file(
    document: Document, root: Path, flags: SafetyFlags, vocabulary: Vocabulary
) -> tuple[Exercise | None, list[Problem]]:
    data = document.data
    if not isinstance(data, dict):
        found = type(data).__name__
        hint = "start the file with `id: ...` (`footbot content new NAME` writes a template)"
        return None, [
            Problem(document.path, f"expected a mapping at the top, got {found}", "", 1, hint)
        ]
    hint = "replace it with your own words (the comment on the line says what goes there)"
    problems = [
        document.problem(loc, "a placeholder is left", hint)
        for loc in placeholders(data)
        if loc[0] not in WORD_FIELDS  # for these, the vocabulary's check lists the words
    ]
    named = {p.field for p in problems}
    words = [document.problem(loc, what, hint) for loc, what, hint in _words(data, vocabulary)]
    problems += [p for p in words if p.field not in named]
    exercise, invalid = validate(document, Exercise)
    named = {p.field for p in problems}
    problems += [p for p in invalid if p.field not in named]  # ours say it better
    if exercise is None:
        return None, problems
    stem = document.path.stem
    if exercise.id != stem:
        message = f"id {exercise.id!r} does not match the file name {stem!r}"
        hint = f"write `id: {stem}`, or rename the file to {exercise.id}.yaml"
        problems.append(document.problem(("id",), message, hint))
    problems += [document.problem(*item) for item in avoid_with_problems(exercise, flags)]
    if not problems:  # with an unknown piece of equipment, whether any is needed is unknown
        problems += [document.problem(*item) for item in _equipment_free(exercise, vocabulary)]
    if exercise.illustration is not None:
        trouble = illustration_problem(root, exercise.illustration)
        if trouble is not None:
            problems.append(document.problem(("illustration",), *trouble))
    return exercise, problems


WORD_FIELDS = frozenset({"targets", "leads", "equipment", "position"})

Found = tuple[tuple[int | str, ...], str, str]
"""(where, what is wrong, what to write instead)."""


def _words(data: dict[str, Any], vocabulary: Vocabulary) -> list[Found]:
    """Complaints, equipment and the position must be words of the vocabulary.

    Checked on the raw data, so a typo here is reported even when the file has other problems.
    """
    complaints = vocabulary.complaint_ids
    lists = (
        ("targets", complaints, "complaint"),
        ("leads", complaints, "complaint"),
        ("equipment", vocabulary.equipment_ids, "equipment"),
    )
    found: list[Found] = []
    for field, known, kind in lists:
        values = data.get(field)
        if isinstance(values, list):
            for i, value in enumerate(values):
                if isinstance(value, str) and value not in known:
                    found.append(_unknown((field, i), value, kind, known))
    position = data.get("position")
    if isinstance(position, str) and position not in vocabulary.position_ids:
        found.append(_unknown(("position",), position, "position", vocabulary.position_ids))
    return found


def _unknown(loc: tuple[int | str, ...], value: str, kind: str, known: tuple[str, ...]) -> Found:
    message = f"unknown {kind} {value!r}"
    hint = f"write one of: {', '.join(repr(k) for k in known)}; or add it to {VOCABULARY_FILE}"
    return loc, message, hint


def _equipment_free(exercise: Exercise, vocabulary: Vocabulary) -> list[Found]:
    """Routines offer the equipment-free version to anyone without the gear; without one they
    would silently lose the exercise."""
    needs = vocabulary.needs_equipment(exercise)
    if needs and exercise.without_equipment is None:
        message = "required when the exercise needs equipment"
        hint = "add `without_equipment:` with a `name` and a `description` of a version without it"
        return [(("without_equipment",), message, hint)]
    if not needs and exercise.without_equipment is not None:
        message = "only for exercises that need equipment"
        hint = "remove `without_equipment`, everything listed is at hand in every home"
        return [(("without_equipment",), message, hint)]
    return []


def _unique_names(loaded: list[tuple[Document, Exercise]]) -> list[Problem]:
    """Names and aliases must point at one exercise only, or lookup could not tell them apart.

    Comparison uses the lookup's own normal form, so "Heel raise" and "heel raises!" clash.
    Ids need no check here: each file's stem is its id, and file names are unique.
    """
    problems: list[Problem] = []
    owners: dict[str, tuple[Path, Exercise]] = {}
    for document, exercise in loaded:
        for loc, text, key in searchable_names(document, exercise, problems):
            owner = owners.setdefault(key, (document.path, exercise))
            if owner[1].id != exercise.id:
                message = f"{text!r} is already used by {owner[0]} ({owner[1].id})"
                hint = "remove it here, or choose a different word"
                problems.append(document.problem(loc, message, hint))
    return problems
