"""The exercise content in other languages: ``content/<language>/``, text only.

A translation folder mirrors the English one and holds ONLY the words::

    content/es/exercises/calf_raises.yaml   name, aliases, summary, why, steps' texts, ...
    content/es/safety_flags.yaml            labels, buttons, because-texts, words, by flag id
    content/es/vocabulary.yaml              labels (and buttons), by id

Numbers, doses, timers, targets, equipment and safety rules stay in the English file, the
single source of them: a translated exercise is the English one with its texts replaced. A
field left out of a translation falls back to the English text, field by field, so a half
translated exercise still shows every number right. What cannot be right is refused, with
file and line, by ``footbot content check``: an exercise id that does not exist, a missing
required field (name, summary, steps, levels), or a structure that differs from the English
(a different number of steps, rungs or cautions, an equipment-free version the English lacks).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from bot.content.errors import ContentError, Problem
from bot.content.flags import FLAGS_FILE, ButtonLabel, Label, SafetyFlags
from bot.content.models import (
    ID_PATTERN,
    Alias,
    EquipmentFree,
    Exercise,
    FlagId,
    LongText,
    Name,
    ShortText,
    StepText,
)
from bot.content.names import searchable_names
from bot.content.normalise import normalise
from bot.content.template import placeholders
from bot.content.vocabulary import VOCABULARY_FILE, VocabId, Vocabulary
from bot.content.vocabulary import Label as VocabLabel
from bot.content.yamlfile import Document, read_document, validate

ENGLISH = "en"
LANGUAGE_PATTERN = re.compile(r"^[a-z]{2,3}(-[A-Z]{2})?$")
"""A translation folder's name: a language code, with a region where it matters ("pt-BR")."""
EXERCISES_SUBDIR = "exercises"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


# --- the shape of a translation file -------------------------------------------------------------


class StepText_(_Frozen):
    text: StepText


class VariantText(_Frozen):
    name: Name
    description: StepText


class EquipmentFreeText(_Frozen):
    name: Name
    description: StepText
    steps: tuple[StepText_, ...] | None = None
    levels: tuple[VariantText, ...] | None = None


class ExerciseText(_Frozen):
    """What ``content/<language>/exercises/<id>.yaml`` may hold: the texts of one exercise.

    `name`, `summary`, `steps` and `levels` are required (a card without them would be mostly
    English); the rest fall back to the English text when left out.
    """

    id: str = Field(pattern=ID_PATTERN)
    name: Name
    aliases: tuple[Alias, ...] = ()
    summary: ShortText
    why: LongText | None = None
    steps: tuple[StepText_, ...] = Field(min_length=1, max_length=12)
    cautions: tuple[StepText, ...] | None = None
    easier: VariantText | None = None
    harder: VariantText | None = None
    levels: tuple[VariantText, ...] = Field(min_length=1)
    without_equipment: EquipmentFreeText | None = None


class FlagText(_Frozen):
    label: Label
    button: ButtonLabel | None = None
    because: ShortText | None = None
    words: tuple[Alias, ...] = ()


class FlagsText(_Frozen):
    """``content/<language>/safety_flags.yaml``: each flag's words, by its id."""

    flags: dict[FlagId, FlagText] = Field(min_length=1)


class LabelText(_Frozen):
    label: VocabLabel


class EquipmentText(_Frozen):
    label: VocabLabel
    button: VocabLabel | None = None


class VocabularyText(_Frozen):
    """``content/<language>/vocabulary.yaml``: labels (and equipment buttons), by id."""

    complaints: dict[VocabId, LabelText] = {}
    complaint_choices: dict[VocabId, LabelText] = {}
    equipment: dict[VocabId, EquipmentText] = {}
    positions: dict[VocabId, LabelText] = {}


# --- languages -----------------------------------------------------------------------------------


def language_dirs(directory: Path) -> dict[str, Path]:
    """The translation folders of a content folder, by language code, in name order."""
    if not directory.is_dir():
        return {}
    return {
        path.name: path
        for path in sorted(directory.iterdir())
        if path.is_dir() and LANGUAGE_PATTERN.match(path.name) and path.name != ENGLISH
    }


def resolve_language(code: str | None, available: tuple[str, ...]) -> str:
    """The language to speak for Telegram's ``language_code``, among `available`.

    An exact tag wins ("pt-br" -> "pt-BR", case and "_" forgiven); else the first available
    language with the same primary tag ("es-MX" -> "es", "pt" -> "pt-BR"); else English.
    """
    if not code:
        return ENGLISH
    wanted = code.strip().replace("_", "-").casefold()
    by_tag = {language.casefold(): language for language in available}
    if wanted in by_tag:
        return by_tag[wanted]
    primary = wanted.split("-", 1)[0]
    for language in available:
        if language.casefold().split("-", 1)[0] == primary:
            return language
    return ENGLISH


# --- applying a translation ----------------------------------------------------------------------


@dataclass(slots=True)
class Translation:
    """One language's texts, checked against the English content; `problems` if any."""

    language: str
    exercises: dict[str, Exercise] = field(default_factory=dict)
    names: dict[str, tuple[tuple[bool, str], ...]] = field(default_factory=dict)
    """Per exercise id, what look-up searches, as (is a name, text): this language's names and
    aliases, then the English ones."""
    flags: SafetyFlags | None = None
    vocabulary: Vocabulary | None = None
    problems: list[Problem] = field(default_factory=list)


def check_translation(
    folder: Path,
    english: Mapping[str, Exercise],
    flags: SafetyFlags,
    vocabulary: Vocabulary,
) -> Translation:
    """Read one translation folder against the English content; never raises."""
    result = Translation(folder.name)
    exercises_dir = folder / EXERCISES_SUBDIR
    paths = sorted(exercises_dir.glob("*.yaml")) if exercises_dir.is_dir() else []
    documents: list[tuple[Document, Exercise]] = []
    for path in paths:
        try:
            document = read_document(path)
        except ContentError as error:
            result.problems.extend(error.problems)
            continue
        translated, found = _exercise(document, english)
        result.problems.extend(sorted(found, key=lambda p: p.line or 0))
        if translated is not None and not found:
            documents.append((document, translated))
            result.exercises[translated.id] = translated
    result.problems.extend(_unique_names(documents, english))
    for exercise_id, exercise in english.items():
        translated = result.exercises.get(exercise_id)
        own = _searched(translated) if translated is not None else ()
        result.names[exercise_id] = (*own, *_searched(exercise))
    result.flags = _flags(folder / FLAGS_FILE, flags, result.problems)
    result.vocabulary = _vocabulary(folder / VOCABULARY_FILE, vocabulary, result.problems)
    return result


def _searched(exercise: Exercise) -> tuple[tuple[bool, str], ...]:
    return ((True, exercise.name), *((False, alias) for alias in exercise.aliases))


def _exercise(
    document: Document, english: Mapping[str, Exercise]
) -> tuple[Exercise | None, list[Problem]]:
    data = document.data
    if not isinstance(data, dict):
        hint = "start the file with `id: ...` and the texts of the English file's fields"
        found = type(data).__name__
        return None, [
            Problem(document.path, f"expected a mapping at the top, got {found}", "", 1, hint)
        ]
    hint = "replace it with your own words"
    problems = [document.problem(loc, "a placeholder is left", hint) for loc in placeholders(data)]
    text, invalid = validate(document, ExerciseText)
    named = {p.field for p in problems}
    problems += [p for p in invalid if p.field not in named]
    if text is None:
        return None, problems
    stem = document.path.stem
    if text.id != stem:
        message = f"id {text.id!r} does not match the file name {stem!r}"
        problems.append(document.problem(("id",), message, f"write `id: {stem}`"))
        return None, problems
    source = english.get(text.id)
    if source is None:
        message = f"no English exercise {text.id!r} to translate"
        known = ", ".join(sorted(english))
        hint = f"name the file after an exercise in exercises/: {known}"
        problems.append(document.problem(("id",), message, hint))
        return None, problems
    problems += [document.problem(*item) for item in _structure(text, source)]
    if problems:
        return None, problems
    merged = _merge(text, source)
    try:
        return Exercise.model_validate(merged), []
    except ValidationError as exc:
        return None, [
            document.problem(error["loc"], str(error["msg"]).removeprefix("Value error, "))
            for error in exc.errors(include_url=False)
        ]


Found = tuple[tuple[int | str, ...], str, str]


def _count(loc: tuple[int | str, ...], what: str, got: int, want: int) -> Found | None:
    if got == want:
        return None
    return (
        loc,
        f"{got} {what} here, {want} in the English file",
        f"translate each of the English file's {want} {what}, in the same order",
    )


def _structure(text: ExerciseText, source: Exercise) -> list[Found]:
    """The translation must line up with the English: the numbers are attached by position."""
    found: list[Found | None] = [
        _count(("steps",), "steps", len(text.steps), len(source.steps)),
        _count(("levels",), "levels", len(text.levels), len(source.levels)),
    ]
    if text.cautions is not None:
        found.append(_count(("cautions",), "cautions", len(text.cautions), len(source.cautions)))
    free, english_free = text.without_equipment, source.without_equipment
    if free is not None and english_free is None:
        message = "the English exercise has no equipment-free version"
        found.append((("without_equipment",), message, "remove `without_equipment` here"))
    elif free is not None and english_free is not None:
        if free.steps is not None:
            loc = ("without_equipment", "steps")
            found.append(_count(loc, "steps", len(free.steps), len(english_free.steps)))
        if free.levels is not None:
            loc = ("without_equipment", "levels")
            found.append(_count(loc, "levels", len(free.levels), len(english_free.levels)))
    return [item for item in found if item is not None]


def _merge(text: ExerciseText, source: Exercise) -> dict[str, Any]:
    """The English exercise's data with this language's texts put in place, field by field."""
    data = source.model_dump()
    data["name"] = text.name
    data["aliases"] = text.aliases or ()
    if not text.aliases:  # keep the model's "at least one alias" rule: search the English ones
        data["aliases"] = source.aliases
    data["summary"] = text.summary
    if text.why is not None:
        data["why"] = text.why
    for step, words in zip(data["steps"], text.steps, strict=True):
        step["text"] = words.text
    if text.cautions is not None:
        data["cautions"] = text.cautions
    for variant in ("easier", "harder"):
        words = getattr(text, variant)
        if words is not None:
            data[variant] = {"name": words.name, "description": words.description}
    for level, rung in zip(data["levels"], text.levels, strict=True):
        level["name"], level["description"] = rung.name, rung.description
    if text.without_equipment is not None and data["without_equipment"] is not None:
        data["without_equipment"] = _merge_free(text.without_equipment, source.without_equipment)
    return data


def _merge_free(text: EquipmentFreeText, source: EquipmentFree | None) -> dict[str, Any]:
    data = source.model_dump() if source is not None else {}
    data["name"], data["description"] = text.name, text.description
    if text.steps is not None:
        for step, words in zip(data["steps"], text.steps, strict=True):
            step["text"] = words.text
    if text.levels is not None:
        for level, rung in zip(data["levels"], text.levels, strict=True):
            level["name"], level["description"] = rung.name, rung.description
    return data


def _unique_names(
    documents: list[tuple[Document, Exercise]], english: Mapping[str, Exercise]
) -> list[Problem]:
    """In one language, a name or alias must point at one exercise only, also counting the
    English names (a person may type either): otherwise look-up could not tell them apart."""
    owners: dict[str, str] = {}
    for exercise in english.values():
        for text in (exercise.name, *exercise.aliases):
            owners.setdefault(normalise(text), exercise.id)
    problems: list[Problem] = []
    for document, exercise in documents:
        for loc, text, key in searchable_names(document, exercise, problems):
            owner = owners.setdefault(key, exercise.id)
            if owner != exercise.id:
                message = f"{text!r} is already a name of {owner}"
                problems.append(document.problem(loc, message, "choose a different word"))
    return problems


def _flags(path: Path, english: SafetyFlags, problems: list[Problem]) -> SafetyFlags:
    """The safety check with this language's words; English for what is not translated.

    A person may describe a red flag in either language, so `words` are this language's added
    to the English ones.
    """
    if not path.is_file():
        return english
    text = _read(path, FlagsText, problems)
    if text is None:
        return english
    document = read_document(path)
    data = english.model_dump()
    known = set(english.ids)
    for flag_id in text.flags:
        if flag_id not in known:
            hint = "write one of: " + ", ".join(english.ids)
            problems.append(document.problem(("flags", flag_id), f"unknown flag {flag_id!r}", hint))
    for flag in data["flags"]:
        words = text.flags.get(flag["id"])
        if words is None:
            continue
        flag["label"], flag["button"] = words.label, words.button
        if words.because is not None:
            flag["because"] = words.because
        flag["words"] = (*words.words, *flag["words"])
    try:
        return SafetyFlags.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            loc = error["loc"]
            index = loc[1] if len(loc) > 1 and isinstance(loc[1], int) else None
            where: tuple[int | str, ...] = ("flags",)
            if index is not None:
                where = ("flags", english.flags[index].id)
            message = str(error["msg"]).removeprefix("Value error, ")
            problems.append(document.problem(where, message))
        return english


def _vocabulary(path: Path, english: Vocabulary, problems: list[Problem]) -> Vocabulary:
    """The vocabulary with this language's labels; English for what is not translated."""
    if not path.is_file():
        return english
    text = _read(path, VocabularyText, problems)
    if text is None:
        return english
    document = read_document(path)
    data = english.model_dump()
    for section in ("complaints", "complaint_choices", "equipment", "positions"):
        translated: dict[str, LabelText | EquipmentText] = getattr(text, section)
        known = [item["id"] for item in data[section]]
        for item_id in translated:
            if item_id not in known:
                hint = "write one of: " + ", ".join(known)
                problems.append(
                    document.problem((section, item_id), f"unknown id {item_id!r}", hint)
                )
        for item in data[section]:
            words = translated.get(item["id"])
            if words is None:
                continue
            item["label"] = words.label
            if isinstance(words, EquipmentText) and item.get("button") is not None:
                if words.button is None:
                    message = "button: needed, the English entry has one"
                    hint = "add `button: ...`, how onboarding asks for this piece"
                    problems.append(document.problem((section, item["id"]), message, hint))
                else:
                    item["button"] = words.button
            elif isinstance(words, EquipmentText) and words.button is not None:
                message = "button: equipment at hand in every home is never asked about"
                problems.append(document.problem((section, item["id"], "button"), message))
    try:
        return Vocabulary.model_validate(data)
    except ValidationError as exc:  # the labels' limits are checked above; this is a backstop
        for error in exc.errors(include_url=False):
            message = str(error["msg"]).removeprefix("Value error, ")
            problems.append(document.problem(error["loc"][:1], message))
        return english


M = TypeVar("M", bound=BaseModel)


def _read(path: Path, model: type[M], problems: list[Problem]) -> M | None:
    try:
        document = read_document(path)
    except ContentError as error:
        problems.extend(error.problems)
        return None
    loaded, found = validate(document, model)
    problems.extend(found)
    return loaded
