"""The exercise content in Spanish, Russian and Brazilian Portuguese: complete, lined up with
the English numbers, searchable in each language, and checked like the English files."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot import cli
from bot.content import (
    Catalogue,
    catalogue_for,
    check_content,
    default_content_dir,
    load_catalogue,
    lookup_exercise,
)
from bot.content.flags import BUTTON_LIMIT
from bot.content.translation import ENGLISH, language_dirs, resolve_language
from bot.domain.triage import mentions_red_flag

CONTENT = default_content_dir()
LANGUAGES = ("es", "pt-BR", "ru")
TEXT_KEYS = frozenset({"name", "aliases", "summary", "why", "text", "cautions", "description"})
"""The fields a translation replaces; everything else comes from the English file."""
LEFT_TO_ENGLISH: dict[str, frozenset[str]] = {language: frozenset() for language in LANGUAGES}
"""Exercises a language deliberately leaves in English (none today). A new exercise can ship
in English first by being listed here; its card is then English in that language."""
OPTIONAL_FIELDS = ("aliases", "why", "cautions", "easier", "harder")
CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)


@pytest.fixture(scope="module")
def shipped() -> Catalogue:
    return load_catalogue(CONTENT)


def raw(language: str, exercise_id: str) -> dict[str, Any]:
    path = CONTENT / language / "exercises" / f"{exercise_id}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def numbers(value: Any, keys: frozenset[str] = TEXT_KEYS) -> Any:
    """The data of an exercise with its texts taken out: what must equal the English."""
    if isinstance(value, dict):
        return {k: numbers(item, keys) for k, item in value.items() if k not in keys}
    if isinstance(value, list | tuple):
        return [numbers(item, keys) for item in value]
    return value


def texts(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            if key in TEXT_KEYS and isinstance(item, str):
                yield item
            elif key in TEXT_KEYS and isinstance(item, list | tuple):
                yield from (text for text in item if isinstance(text, str))
            else:
                yield from texts(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from texts(item)


# --- what is shipped -----------------------------------------------------------------------------


def test_the_shipped_languages_are_the_folders(shipped: Catalogue) -> None:
    assert tuple(language_dirs(CONTENT)) == LANGUAGES
    assert shipped.languages == (ENGLISH, *LANGUAGES)
    assert shipped.language == ENGLISH


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_exercise_is_translated_field_by_field(shipped: Catalogue, language: str) -> None:
    """Every exercise has a file in every language with every text field, or is listed."""
    for exercise in shipped:
        path = CONTENT / language / "exercises" / f"{exercise.id}.yaml"
        if exercise.id in LEFT_TO_ENGLISH[language]:
            assert not path.exists(), f"{path} exists: take {exercise.id} off the list"
            continue
        data = raw(language, exercise.id)
        for field in OPTIONAL_FIELDS:
            assert field in data, f"{language}/{exercise.id}: {field} is left in English"
        free = exercise.without_equipment
        if free is not None:
            assert "without_equipment" in data, f"{language}/{exercise.id}: without_equipment"
            if free.steps:
                assert "steps" in data["without_equipment"], f"{language}/{exercise.id}"
            if free.levels:
                assert "levels" in data["without_equipment"], f"{language}/{exercise.id}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_fallback_list_names_real_exercises(shipped: Catalogue, language: str) -> None:
    assert LEFT_TO_ENGLISH[language] <= {exercise.id for exercise in shipped}


@pytest.mark.parametrize("language", LANGUAGES)
def test_same_ids_numbers_and_structure_as_english(shipped: Catalogue, language: str) -> None:
    translated = shipped.in_language(language)
    assert translated.language == language
    assert [e.id for e in translated] == [e.id for e in shipped]
    for english, other in zip(shipped, translated, strict=True):
        assert numbers(other.model_dump()) == numbers(english.model_dump()), english.id
        assert len(other.steps) == len(english.steps)
        assert len(other.levels) == len(english.levels)
        assert len(other.cautions) == len(english.cautions)


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_english_left_in_a_translated_exercise(shipped: Catalogue, language: str) -> None:
    """Each text differs from the English one (aliases may keep an English loan word)."""
    translated = shipped.in_language(language)
    for english, other in zip(shipped, translated, strict=True):
        if english.id in LEFT_TO_ENGLISH[language]:
            continue
        source = set(texts(english.model_dump(exclude={"aliases"})))
        for text in texts(other.model_dump(exclude={"aliases"})):
            assert text not in source, f"{language}/{english.id}: {text!r} is the English text"
            if language == "ru":
                assert CYRILLIC.search(text), f"ru/{english.id}: {text!r}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_safety_check_and_vocabulary_are_translated(shipped: Catalogue, language: str) -> None:
    translated = shipped.in_language(language)
    assert translated.flags.version == shipped.flags.version
    assert translated.flags.ids == shipped.flags.ids
    for english, other in zip(shipped.flags.flags, translated.flags.flags, strict=True):
        assert (other.outcome, other.effects, other.formerly) == (
            english.outcome,
            english.effects,
            english.formerly,
        )
        assert other.label != english.label and other.because != english.because
        assert len(other.short) <= BUTTON_LIMIT and other.short != english.short
        assert set(english.words) <= set(other.words)  # English words still bring the check
    vocabulary, source = translated.vocabulary, shipped.vocabulary
    labels = frozenset({"label", "button"})
    assert numbers(vocabulary.model_dump(), labels) == numbers(source.model_dump(), labels)
    for section in ("complaints", "complaint_choices", "equipment", "positions"):
        for english_item, item in zip(
            getattr(source, section), getattr(vocabulary, section), strict=True
        ):
            assert item.label != english_item.label, f"{language} {section} {item.id}"
    for english_piece, piece in zip(
        source.asked_equipment, vocabulary.asked_equipment, strict=True
    ):
        assert piece.button is not None and piece.button != english_piece.button


# --- choosing the language -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("es", "es"),
        ("es-MX", "es"),
        ("es_AR", "es"),
        ("ru", "ru"),
        ("ru-RU", "ru"),
        ("pt-br", "pt-BR"),
        ("pt-BR", "pt-BR"),
        ("pt", "pt-BR"),
        ("pt-PT", "pt-BR"),
        ("en", "en"),
        ("en-GB", "en"),
        ("de", "en"),
        ("zz-ZZ", "en"),
        ("", "en"),
        (None, "en"),
    ],
)
def test_language_codes_resolve(code: str | None, expected: str) -> None:
    assert resolve_language(code, LANGUAGES) == expected
    assert catalogue_for(code).language == expected


def test_catalogue_for_is_loaded_once() -> None:
    assert catalogue_for("es") is catalogue_for("es-MX")
    assert catalogue_for("ru").in_language("en") is catalogue_for(None)
    assert catalogue_for("ru").in_language("pt") is catalogue_for("pt-BR")


def test_a_catalogue_built_in_code_speaks_english_only(shipped: Catalogue) -> None:
    built = Catalogue(shipped.exercises)
    assert built.languages == (ENGLISH,)
    assert built.in_language("ru") is built


# --- look-up in every language -------------------------------------------------------------------

LOOKUPS = [
    # language, typed, exercise
    ("ru", "подъёмы на носки", "calf_raises"),
    ("ru", "подъемы на носки", "calf_raises"),
    ("ru", "Подъёмы на носках", "calf_raises"),
    ("ru", "подьемы на носки", "calf_raises"),
    ("ru", "подъмы на носки", "calf_raises"),
    ("ru", "растяжка икры", "wall_calf_stretch"),
    ("ru", "растяжка икыр", "wall_calf_stretch"),
    ("ru", "массаж мячиком", "ball_massage"),
    ("ru", "босиком", "barefoot_walking"),
    ("ru", "круги стопой", "ankle_circles"),
    ("ru", "замороженная бутылка", "frozen_bottle_roll"),
    ("ru", "равновесие на одной ноге", "single_leg_balance"),
    ("es", "elevación de talones", "calf_raises"),
    ("es", "elevacion de talones", "calf_raises"),
    ("es", "ELEVACIÓN DE TALÓN", "calf_raises"),
    ("es", "elevasion de talones", "calf_raises"),
    ("es", "puntillas", "calf_raises"),
    ("es", "estiramiento de pantorrilla", "wall_calf_stretch"),
    ("es", "masaje con pelota", "ball_massage"),
    ("es", "caminar descalzo", "barefoot_walking"),
    ("es", "canicas", "marble_pickup"),
    ("es", "estiramiento del soleo", "soleus_stretch"),
    ("es", "estiramento de la fascia plantar", "plantar_fascia_stretch"),
    ("pt-BR", "elevação de calcanhar", "calf_raises"),
    ("pt-BR", "elevacao de calcanhar", "calf_raises"),
    ("pt-BR", "elevaçao dos calcanhares", "calf_raises"),
    ("pt-BR", "elevasao de calcanhar", "calf_raises"),
    ("pt-BR", "alongamento da panturrilha", "wall_calf_stretch"),
    ("pt-BR", "massagem com bolinha", "ball_massage"),
    ("pt-BR", "caminhar descalço", "barefoot_walking"),
    ("pt-BR", "bolinhas de gude", "marble_pickup"),
    ("pt-BR", "mobilidade do dedao", "big_toe_mobility"),
    ("pt-BR", "alongamento com tolha", "towel_stretch"),
]


@pytest.mark.parametrize(("language", "typed", "expected"), LOOKUPS)
def test_lookup_in_the_persons_language(language: str, typed: str, expected: str) -> None:
    found = lookup_exercise(typed, language)
    assert found.exercise is not None, f"{typed!r}: {found.kind} {[e.id for e in found.matches]}"
    assert found.exercise.id == expected
    assert found.exercise.name == catalogue_for(language).get(expected).name  # type: ignore[union-attr]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("calf raises", "calf_raises"),
        ("calf rasies", "calf_raises"),
        ("ankel circles", "ankle_circles"),
    ],
)
def test_english_names_still_work_in_every_language(
    language: str, typed: str, expected: str
) -> None:
    found = lookup_exercise(typed, language)
    assert found.exercise is not None and found.exercise.id == expected
    assert found.exercise.name != catalogue_for(ENGLISH).get(expected).name  # type: ignore[union-attr]


def test_the_english_signature_still_works(shipped: Catalogue) -> None:
    found = shipped.lookup("calf raises")
    assert found.exercise is not None and found.exercise.name == "Calf raises"
    assert lookup_exercise("calf raises").exercise == found.exercise
    assert shipped.lookup("подъёмы на носки").kind == "none"  # English searches English only


@pytest.mark.parametrize(
    ("language", "typed"),
    [
        ("es", "hola"),
        ("es", "gracias"),
        ("es", "sí"),
        ("es", "no"),
        ("pt-BR", "oi"),
        ("pt-BR", "obrigado"),
        ("pt-BR", "obrigada"),
        ("pt-BR", "bom dia"),
        ("ru", "привет"),
        ("ru", "спасибо"),
        ("ru", "да"),
        ("ru", "здравствуйте"),
    ],
)
def test_chat_in_any_language_finds_nothing(language: str, typed: str) -> None:
    assert lookup_exercise(typed, language).kind == "none"


# --- `footbot content check` on a broken translation ---------------------------------------------


def copy_content(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(CONTENT, folder)
    return folder


def edit(path: Path, change: Any) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def problems_of(folder: Path) -> list[str]:
    catalogue, problems = check_content(folder)
    assert catalogue is None
    return [str(problem) for problem in problems]


def test_a_copy_of_every_language_checks_clean(tmp_path: Path) -> None:
    catalogue, problems = check_content(copy_content(tmp_path))
    assert problems == [] and catalogue is not None
    assert catalogue.languages == (ENGLISH, *LANGUAGES)


def test_a_step_too_few_is_a_structure_mismatch(tmp_path: Path) -> None:
    folder = copy_content(tmp_path)
    edit(folder / "es/exercises/calf_raises.yaml", lambda d: d["steps"].pop())
    (problem,) = problems_of(folder)
    assert re.search(
        r"es/exercises/calf_raises\.yaml:\d+: steps: 2 steps here, 3 in the Eng", problem
    )


def test_a_level_too_many_is_a_structure_mismatch(tmp_path: Path) -> None:
    folder = copy_content(tmp_path)
    extra = {"name": "Otra", "description": "Una más."}
    edit(folder / "pt-BR/exercises/calf_raises.yaml", lambda d: d["levels"].append(extra))
    (problem,) = problems_of(folder)
    assert "pt-BR/exercises/calf_raises.yaml:" in problem
    assert "levels: 4 levels here, 3 in the English file" in problem


def test_an_unknown_exercise_id_names_file_and_line(tmp_path: Path) -> None:
    folder = copy_content(tmp_path)
    source = folder / "ru/exercises/calf_raises.yaml"
    target = folder / "ru/exercises/calf_raisez.yaml"
    target.write_text(source.read_text(encoding="utf-8").replace("calf_raises", "calf_raisez"))
    (problem,) = problems_of(folder)
    assert "ru/exercises/calf_raisez.yaml:1: id: no English exercise 'calf_raisez'" in problem


def test_a_missing_required_field_names_file_and_field(tmp_path: Path) -> None:
    folder = copy_content(tmp_path)
    edit(folder / "es/exercises/toe_curls.yaml", lambda d: d.pop("summary"))
    (problem,) = problems_of(folder)
    assert re.search(r"es/exercises/toe_curls\.yaml:1: summary: Field required -> add", problem)


def test_an_equipment_free_version_english_lacks_is_refused(tmp_path: Path) -> None:
    folder = copy_content(tmp_path)
    free = {"without_equipment": {"name": "Nada", "description": "Sin nada."}}
    edit(folder / "es/exercises/calf_raises.yaml", lambda d: d.update(free))
    (problem,) = problems_of(folder)
    assert "without_equipment: the English exercise has no equipment-free version" in problem


def test_a_name_of_another_exercise_is_refused(tmp_path: Path) -> None:
    folder = copy_content(tmp_path)
    edit(folder / "es/exercises/toe_curls.yaml", lambda d: d["aliases"].append("canicas"))
    (problem,) = problems_of(folder)
    assert "es/exercises/toe_curls.yaml:" in problem
    assert "'canicas' is already a name of marble_pickup" in problem


def test_broken_yaml_in_a_translation_has_its_line(tmp_path: Path) -> None:
    folder = copy_content(tmp_path)
    path = folder / "ru/exercises/toe_curls.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "levels: [\n", encoding="utf-8")
    (problem,) = problems_of(folder)
    assert "ru/exercises/toe_curls.yaml:" in problem and "invalid YAML" in problem


def test_a_long_button_is_refused(tmp_path: Path) -> None:
    folder = copy_content(tmp_path)
    long = "Un botón demasiado largo para un teléfono"
    edit(folder / "es/safety_flags.yaml", lambda d: d["flags"]["calf_pain"].update(button=long))
    (problem,) = problems_of(folder)
    assert re.search(r"es/safety_flags\.yaml:\d+: flags\.calf_pain\.button: .*at most 32", problem)


def test_an_unknown_flag_is_refused(tmp_path: Path) -> None:
    folder = copy_content(tmp_path)
    edit(folder / "es/safety_flags.yaml", lambda d: d["flags"].update(no_such={"label": "Algo"}))
    (problem,) = problems_of(folder)
    assert "es/safety_flags.yaml:" in problem and "unknown flag 'no_such'" in problem


def test_a_long_label_needs_its_own_button(tmp_path: Path) -> None:
    folder = copy_content(tmp_path)
    edit(folder / "ru/safety_flags.yaml", lambda d: d["flags"]["calf_pain"].pop("button"))
    (problem,) = problems_of(folder)
    assert "ru/safety_flags.yaml:" in problem and "button: needed" in problem


def test_an_unknown_vocabulary_id_is_refused(tmp_path: Path) -> None:
    folder = copy_content(tmp_path)
    edit(
        folder / "pt-BR/vocabulary.yaml",
        lambda d: d["positions"].update({"lying": {"label": "deitado"}}),
    )
    (problem,) = problems_of(folder)
    assert "pt-BR/vocabulary.yaml:" in problem and "unknown id 'lying'" in problem


def test_the_cli_fails_on_a_broken_translation(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = copy_content(tmp_path)
    edit(folder / "es/exercises/calf_raises.yaml", lambda d: d["steps"].pop())
    monkeypatch.setenv("CONTENT_DIR", str(folder))
    assert cli.main(["content", "check"]) == cli.EXIT_CONFIG
    err = capsys.readouterr().err
    assert "es/exercises/calf_raises.yaml:" in err and "1 problem(s)" in err


def test_the_cli_summary_counts_translations(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["content", "check"]) == 0
    out = capsys.readouterr().out
    for language in LANGUAGES:
        assert f"translation {language}: 18 of 18 exercises translated" in out


# --- fallback, field by field --------------------------------------------------------------------


def test_left_out_fields_fall_back_to_english_field_by_field(tmp_path: Path) -> None:
    folder = copy_content(tmp_path)
    keep = {"id", "name", "summary", "steps", "levels"}
    path = folder / "es/exercises/ball_massage.yaml"
    edit(path, lambda d: [d.pop(key) for key in list(d) if key not in keep])
    (folder / "es/exercises/calf_raises.yaml").unlink()
    english = load_catalogue(folder)
    spanish = english.in_language("es")
    ball, source = spanish.get("ball_massage"), english.get("ball_massage")
    assert ball is not None and source is not None
    assert ball.name == "Masaje con pelota" and ball.steps[0].text.startswith("Siéntate")
    assert ball.why == source.why and ball.cautions == source.cautions
    assert ball.without_equipment == source.without_equipment
    assert ball.aliases == source.aliases
    assert spanish.get("calf_raises") is english.get("calf_raises")  # no file: all English
    assert spanish.lookup("calf raises").exercise is english.get("calf_raises")
    assert spanish.lookup("masaje con pelota").exercise is ball


def test_an_equipment_free_version_falls_back_part_by_part(tmp_path: Path) -> None:
    folder = copy_content(tmp_path)
    edit(folder / "ru/exercises/toe_curls.yaml", lambda d: d["without_equipment"].pop("levels"))
    russian = load_catalogue(folder).in_language("ru")
    free = russian.get("toe_curls").without_equipment  # type: ignore[union-attr]
    english = catalogue_for(ENGLISH).get("toe_curls").without_equipment  # type: ignore[union-attr]
    assert free is not None and english is not None
    assert free.name == "Хватаем пол" and CYRILLIC.search(free.steps[1].text)
    assert free.levels == english.levels


# --- one Spanish voice ---------------------------------------------------------------------------

USTED = re.compile(
    r"\b(usted|siéntese|póngase|quédese|apóyese|agárrese|colóquese|sujétese|levántese|"
    r"manténgase|muévase|haga|pueda|mantenga|consulte|pare|vuelva)\b",
    re.IGNORECASE,
)


def test_spanish_content_speaks_tu_like_the_interface(shipped: Catalogue) -> None:
    """The interface says "tú"; a card must not switch to "usted" halfway through."""
    spanish = shipped.in_language("es")
    found = [
        (exercise.id, text)
        for exercise in spanish
        for text in texts(exercise.model_dump(exclude={"aliases"}))
        if USTED.search(text)
    ]
    flags = [f.label for f in spanish.flags.flags] + [f.because for f in spanish.flags.flags]
    assert found == [] and [text for text in flags if USTED.search(text)] == []


@pytest.mark.parametrize(
    "text",
    [
        "no puedes apoyar el pie",
        "te caíste ayer",
        "se te durmió el pie",
        "¿te duele la pantorrilla?",
        "te mareas",
        "no puedo apoyar el pie",  # the first-person words stay
    ],
)
def test_spanish_red_flags_hear_tu_and_yo(shipped: Catalogue, text: str) -> None:
    assert mentions_red_flag(text, shipped.in_language("es").flags)
