"""Broken content files must fail loudly, naming the file and the field to fix."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.content import ContentError, load_catalogue

VALID: dict[str, Any] = {
    "id": "demo",
    "name": "Demo exercise",
    "aliases": ["demo move", "sample"],
    "summary": "A harmless demo.",
    "why": "Tests need a valid file to break.",
    "targets": ["mobility"],
    "equipment": ["none"],
    "position": "sitting",
    "steps": [{"text": "Sit down."}, {"text": "Hold still.", "hold_seconds": 10}],
    "dose": {"reps": 5},
    "cautions": ["Stop on sharp pain."],
    "easier": {"name": "Less", "description": "Do less."},
    "harder": {"name": "More", "description": "Do more."},
    "levels": [
        {"name": "One", "description": "First."},
        {"name": "Two", "description": "Second."},
    ],
}


def write(directory: Path, data: dict[str, Any], stem: str | None = None) -> Path:
    path = directory / f"{stem or data['id']}.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def variant(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(VALID)
    data.update(changes)
    return data


def load_error(directory: Path) -> str:
    """The message without its line numbers (``demo.yaml:12: field`` reads ``demo.yaml: field``);
    tests/content/test_content_check.py pins the lines."""
    with pytest.raises(ContentError) as info:
        load_catalogue(directory)
    return re.sub(r"\.yaml:\d+:", ".yaml:", str(info.value))


def test_valid_file_loads(tmp_path: Path) -> None:
    write(tmp_path, VALID)
    catalogue = load_catalogue(tmp_path)
    assert [exercise.id for exercise in catalogue] == ["demo"]
    assert catalogue.lookup("sample").kind == "exact"


def test_exercises_subfolder_is_used_when_present(tmp_path: Path) -> None:
    (tmp_path / "exercises").mkdir()
    write(tmp_path / "exercises", VALID)
    assert len(load_catalogue(tmp_path)) == 1


def test_content_error_is_a_value_error() -> None:
    assert issubclass(ContentError, ValueError)


def test_empty_directory(tmp_path: Path) -> None:
    assert "no exercise files" in load_error(tmp_path)


def test_missing_directory(tmp_path: Path) -> None:
    assert "does not exist" in load_error(tmp_path / "absent")


def test_missing_field(tmp_path: Path) -> None:
    data = variant()
    del data["summary"]
    write(tmp_path, data)
    message = load_error(tmp_path)
    assert message.startswith(f"{tmp_path / 'demo.yaml'}: summary: ")
    assert "Field required" in message


def test_wrong_type_in_nested_field(tmp_path: Path) -> None:
    steps = [{"text": "Sit down."}, {"text": "Hold.", "hold_seconds": "long"}]
    write(tmp_path, variant(steps=steps))
    message = load_error(tmp_path)
    assert "demo.yaml: steps.1.hold_seconds: " in message


def test_further_problems_are_counted(tmp_path: Path) -> None:
    write(tmp_path, variant(position="lying", equipment=["dumbbell"], dose={"reps": 0}))
    message = load_error(tmp_path)
    assert "demo.yaml: equipment.0: " in message
    assert "more problem(s) in this file)" in message


def test_number_given_as_string_is_rejected(tmp_path: Path) -> None:
    write(tmp_path, variant(dose={"reps": "5"}))
    assert "demo.yaml: dose.reps: " in load_error(tmp_path)


def test_hold_out_of_range(tmp_path: Path) -> None:
    write(tmp_path, variant(steps=[{"text": "Hold.", "hold_seconds": 0}]))
    message = load_error(tmp_path)
    assert "demo.yaml: steps.0.hold_seconds: Input should be greater than or equal to 1" in message


def test_bad_equipment_value(tmp_path: Path) -> None:
    write(tmp_path, variant(equipment=["dumbbell"]))
    message = load_error(tmp_path)
    assert "demo.yaml: equipment.0: " in message
    assert "'resistance_band'" in message


def test_none_equipment_stands_alone(tmp_path: Path) -> None:
    write(tmp_path, variant(equipment=["none", "towel"]))
    message = load_error(tmp_path)
    assert "demo.yaml: " in message
    assert "equipment: 'none' cannot be combined" in message


def test_unknown_key_is_rejected(tmp_path: Path) -> None:
    write(tmp_path, variant(hold_second=10))
    assert "demo.yaml: hold_second: Extra inputs are not permitted" in load_error(tmp_path)


def test_bad_id(tmp_path: Path) -> None:
    write(tmp_path, variant(id="Demo-1"), stem="Demo-1")
    assert "Demo-1.yaml: id: String should match pattern" in load_error(tmp_path)


def test_stem_must_equal_id(tmp_path: Path) -> None:
    write(tmp_path, VALID, stem="other")
    message = load_error(tmp_path)
    assert "other.yaml: id: " in message
    assert "'demo'" in message


def test_step_text_too_long(tmp_path: Path) -> None:
    write(tmp_path, variant(steps=[{"text": "x" * 401}]))
    assert "demo.yaml: steps.0.text: String should have at most 400" in load_error(tmp_path)


def test_duplicate_alias_within_one_file(tmp_path: Path) -> None:
    write(tmp_path, variant(aliases=["sample", "Sample"]))
    assert "demo.yaml: aliases: 'sample' appears more than once" in load_error(tmp_path)


def test_duplicate_alias_across_files_names_both(tmp_path: Path) -> None:
    write(tmp_path, VALID)
    write(tmp_path, variant(id="second", name="Second", aliases=["other", "Samples!"]))
    message = load_error(tmp_path)
    assert "second.yaml: aliases.1: 'Samples!' is already used by" in message
    assert "demo.yaml (demo)" in message


def test_duplicate_name_across_files_names_both(tmp_path: Path) -> None:
    write(tmp_path, VALID)
    write(tmp_path, variant(id="second", aliases=["other"]))
    message = load_error(tmp_path)
    assert "second.yaml: name: 'Demo exercise' is already used by" in message
    assert "demo.yaml" in message


def test_alias_of_only_filler_words(tmp_path: Path) -> None:
    write(tmp_path, variant(aliases=["the one"]))
    assert "demo.yaml: aliases.0: 'the one' has no searchable words" in load_error(tmp_path)


def test_invalid_yaml_syntax(tmp_path: Path) -> None:
    (tmp_path / "demo.yaml").write_text("id: demo\nsteps: [unclosed\n", encoding="utf-8")
    message = load_error(tmp_path)
    assert "demo.yaml: invalid YAML" in message
    assert "line" in message
    assert "\n" not in message


def test_top_level_must_be_a_mapping(tmp_path: Path) -> None:
    (tmp_path / "demo.yaml").write_text("- just\n- a list\n", encoding="utf-8")
    assert "demo.yaml: expected a mapping" in load_error(tmp_path)


def test_first_bad_file_in_name_order_is_reported(tmp_path: Path) -> None:
    write(tmp_path, variant(id="b_second", name="B", aliases=["bee"], position="lying"))
    write(tmp_path, variant(id="a_first", name="A", aliases=["ay"], position="upside_down"))
    assert "a_first.yaml: position: " in load_error(tmp_path)


def test_unknown_safety_flag_is_rejected(tmp_path: Path) -> None:
    write(tmp_path, variant(avoid_with=["pregnancy"]))
    message = load_error(tmp_path)
    assert "demo.yaml: avoid_with.0: " in message
    assert "'night_pain'" in message


def test_repeated_safety_flag_is_rejected(tmp_path: Path) -> None:
    write(tmp_path, variant(avoid_with=["recent_injury", "recent_injury"]))
    assert "avoid_with: 'recent_injury' appears more than once" in load_error(tmp_path)


def test_equipment_needs_an_equipment_free_variant(tmp_path: Path) -> None:
    write(tmp_path, variant(equipment=["towel", "chair"]))
    assert "without_equipment: required when the exercise needs equipment" in load_error(tmp_path)


def test_equipment_free_variant_with_equipment_loads(tmp_path: Path) -> None:
    free = {"name": "Bare floor", "description": "Do it on the floor."}
    write(tmp_path, variant(equipment=["towel", "chair"], without_equipment=free))
    catalogue = load_catalogue(tmp_path)
    (exercise,) = catalogue
    assert catalogue.vocabulary.needs_equipment(exercise)
    assert exercise.without_equipment is not None
    assert exercise.without_equipment.name == "Bare floor"


def test_chair_alone_needs_no_equipment_free_variant(tmp_path: Path) -> None:
    write(tmp_path, variant(equipment=["chair"]))
    catalogue = load_catalogue(tmp_path)
    (exercise,) = catalogue
    assert not catalogue.vocabulary.needs_equipment(exercise)
    assert exercise.avoid_with == ()


def test_equipment_free_variant_without_equipment_is_a_slip(tmp_path: Path) -> None:
    free = {"name": "Bare floor", "description": "Do it on the floor."}
    write(tmp_path, variant(without_equipment=free))
    assert "without_equipment: only for exercises that need equipment" in load_error(tmp_path)
