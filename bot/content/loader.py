"""Read ``content/exercises/*.yaml`` into a validated :class:`Catalogue`, once, at start-up.

Everything that can be wrong with a content file is reported here, before the bot answers
anyone: a broken file should stop the deploy, not surface as a crash halfway through somebody's
routine. Each message names the file and the field, so the fix is obvious to whoever edits it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from bot.content.catalogue import Catalogue
from bot.content.errors import ContentError
from bot.content.flags import FLAGS_FILE, check_avoid_with, flags_path, load_flags
from bot.content.models import Exercise
from bot.content.normalise import normalise

EXERCISES_SUBDIR = "exercises"


def default_content_dir() -> Path:
    """The ``content/`` folder of a source checkout; settings may point elsewhere."""
    return Path(__file__).resolve().parents[2] / "content"


def load_catalogue(directory: Path) -> Catalogue:
    """Load every exercise file in ``directory`` (or its ``exercises/`` subfolder).

    Files are read in name order, so the catalogue order is stable across machines.
    Raises :class:`ContentError` on the first problem found.
    """
    folder = directory / EXERCISES_SUBDIR if (directory / EXERCISES_SUBDIR).is_dir() else directory
    if not folder.is_dir():
        raise ContentError.at(folder, "content directory does not exist")
    paths = sorted(path for path in folder.glob("*.yaml") if path.name != FLAGS_FILE)
    if not paths:
        raise ContentError.at(folder, "no exercise files (*.yaml) found")
    loaded = [(path, load_exercise(path)) for path in paths]
    _check_unique(loaded)
    flags = load_flags(flags_path(directory))
    check_avoid_with(loaded, flags)
    return Catalogue((exercise for _, exercise in loaded), flags)


def load_exercise(path: Path) -> Exercise:
    """Parse and validate one file; its stem must equal the exercise id."""
    data = _read_yaml(path)
    try:
        exercise = Exercise.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        field = ".".join(str(part) for part in errors[0]["loc"])
        message = _clean(errors[0]["msg"])
        if len(errors) > 1:
            message += f" (and {len(errors) - 1} more problem(s) in this file)"
        raise ContentError.at(path, message, field) from None
    if exercise.id != path.stem:
        message = f"id {exercise.id!r} does not match the file name {path.stem!r}"
        raise ContentError.at(path, message, "id")
    return exercise


def _read_yaml(path: Path) -> dict[str, Any]:
    """Read a YAML mapping, turning parser errors into messages with the file name."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ContentError.at(path, f"cannot read file: {exc}") from None
    except yaml.YAMLError as exc:
        raise ContentError.at(path, f"invalid YAML: {exc}".replace("\n", " ")) from None
    if not isinstance(data, dict):
        raise ContentError.at(path, f"expected a mapping at the top, got {type(data).__name__}")
    return data


def _clean(message: str) -> str:
    """Drop pydantic's "Value error, " prefix; our own messages already read well."""
    return message.removeprefix("Value error, ")


def _check_unique(loaded: list[tuple[Path, Exercise]]) -> None:
    """Names and aliases must point at one exercise only, or lookup could not tell them apart.

    Comparison uses the lookup's own normal form, so "Heel raise" and "heel raises!" clash.
    Ids need no check here: each file's stem is its id, and file names are unique.
    """
    owners: dict[str, tuple[Path, Exercise]] = {}
    for path, exercise in loaded:
        for field, text in (("name", exercise.name), *(("aliases", a) for a in exercise.aliases)):
            key = normalise(text)
            if not key:
                raise ContentError.at(path, f"{text!r} has no searchable words", field)
            owner = owners.setdefault(key, (path, exercise))
            if owner[1].id != exercise.id:
                message = f"{text!r} is already used by {owner[0]} ({owner[1].id})"
                raise ContentError.at(path, message, field)
