"""`footbot content check`'s engine: every problem, with its line, field and what to write."""

from __future__ import annotations

import copy
import json
import shutil
import struct
import zlib
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.content import ContentError, check_content, default_content_dir, load_catalogue
from bot.content.illustration import PHOTO_LIMIT_BYTES
from bot.content.schema import exercise_schema
from bot.content.template import MARK, exercise_id, template
from tests.content.seed import SEED_IDS
from tests.content.test_content_errors import VALID

SHIPPED = load_catalogue(default_content_dir())


def png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    body = chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\x00")) + chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + body


def write(folder: Path, data: dict[str, Any]) -> Path:
    path = folder / f"{data['id']}.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def problems_of(folder: Path) -> list[str]:
    catalogue, problems = check_content(folder)
    assert catalogue is None
    return [str(problem) for problem in problems]


# --- the vocabulary ----------------------------------------------------------------------------


def test_the_shipped_vocabulary_holds_the_seeds_words() -> None:
    vocabulary = SHIPPED.vocabulary
    for exercise_id_ in SEED_IDS:
        exercise = SHIPPED.get(exercise_id_)
        assert exercise is not None
        assert set(exercise.targets) <= set(vocabulary.complaint_ids)
        assert set(exercise.equipment) <= set(vocabulary.equipment_ids)
        assert exercise.position in vocabulary.position_ids
    assert {"heel_pain", "bunions", "hammertoes", "arch_pain"} <= set(vocabulary.complaint_ids)
    assert {"none", "chair"} <= vocabulary.at_hand
    assert {"towel", "small_ball", "resistance_band", "toe_spacers"} <= {
        item.id for item in vocabulary.asked_equipment
    }
    assert vocabulary.default_complaints == {"strength", "balance", "mobility"}
    assert [vocabulary.rank(p) for p in ("floor", "sitting", "standing", "walking")] == [0, 1, 2, 3]
    assert vocabulary.seated("sitting") and not vocabulary.seated("standing")


@pytest.mark.parametrize(
    ("field", "value", "kind"),
    [
        ("targets", ["heel_pain", "gout"], "complaint"),
        ("equipment", ["dumbbell"], "equipment"),
        ("position", "lying", "position"),
    ],
)
def test_an_unknown_word_names_file_line_field_and_the_words_to_use(
    tmp_path: Path, field: str, value: object, kind: str
) -> None:
    data = copy.deepcopy(VALID)
    data[field] = value
    text = write(tmp_path, data).read_text(encoding="utf-8").splitlines()
    (problem,) = problems_of(tmp_path)
    bad = "gout" if field == "targets" else "dumbbell" if field == "equipment" else "lying"
    line = next(n for n, written in enumerate(text, 1) if bad in written)
    index = ".1" if field == "targets" else ".0" if field == "equipment" else ""
    assert f"demo.yaml:{line}: {field}{index}: unknown {kind}" in problem
    assert "vocabulary.yaml" in problem and "write one of:" in problem


def test_a_content_folder_may_bring_its_own_vocabulary(tmp_path: Path) -> None:
    vocabulary = yaml.safe_load((default_content_dir() / "vocabulary.yaml").read_text())
    vocabulary["complaints"].append({"id": "gout", "label": "gout"})
    vocabulary["positions"].insert(1, {"id": "kneeling", "label": "kneeling", "seated": True})
    (tmp_path / "vocabulary.yaml").write_text(yaml.safe_dump(vocabulary), encoding="utf-8")
    write(tmp_path, {**VALID, "targets": ["gout"], "position": "kneeling"})
    catalogue = load_catalogue(tmp_path)
    assert catalogue.vocabulary.complaint_label("gout") == "gout"
    assert catalogue.vocabulary.rank("kneeling") == 1


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda v: v["equipment"].pop(0), "equipment: needs 'none'"),
        (lambda v: v["equipment"][2].pop("button"), "button: required"),
        (lambda v: v["complaint_choices"][0].update(complaints=["gout"]), "unknown complaint"),
        (lambda v: v["complaints"].append(v["complaints"][0]), "appears more than once"),
    ],
)
def test_a_broken_vocabulary_names_its_file(tmp_path: Path, change: Any, expected: str) -> None:
    vocabulary = yaml.safe_load((default_content_dir() / "vocabulary.yaml").read_text())
    change(vocabulary)
    (tmp_path / "vocabulary.yaml").write_text(yaml.safe_dump(vocabulary), encoding="utf-8")
    write(tmp_path, VALID)
    (problem,) = problems_of(tmp_path)
    assert "vocabulary.yaml" in problem and expected in problem


# --- every problem, with lines and hints -----------------------------------------------------


def test_every_problem_of_every_file_is_listed_in_line_order(tmp_path: Path) -> None:
    write(tmp_path, {**VALID, "position": "lying", "dose": {"reps": "5"}, "hold_second": 3})
    write(tmp_path, {**VALID, "id": "second", "name": "Second", "aliases": ["other"], "why": ""})
    problems = problems_of(tmp_path)
    assert len(problems) == 4
    first = [p for p in problems if "demo.yaml" in p]
    lines = [int(p.split("demo.yaml:")[1].split(":")[0]) for p in first]
    assert lines == sorted(lines)
    assert any("hold_second: Extra inputs" in p and "fix its spelling" in p for p in first)
    assert any("dose.reps" in p and "whole number without quotes" in p for p in first)
    assert any("second.yaml:6: why: " in p and "write some text" in p for p in problems)


def test_a_missing_field_says_what_to_add(tmp_path: Path) -> None:
    data = copy.deepcopy(VALID)
    del data["summary"]
    write(tmp_path, data)
    (problem,) = problems_of(tmp_path)
    assert "demo.yaml:1: summary: Field required -> add a line `summary: ...`" in problem


def test_load_catalogue_tells_the_first_and_counts_the_rest(tmp_path: Path) -> None:
    write(tmp_path, {**VALID, "position": "lying", "why": ""})
    with pytest.raises(ContentError) as info:
        load_catalogue(tmp_path)
    assert len(info.value.problems) == 2
    assert "(and 1 more problem(s) in this file)" in str(info.value)


def test_broken_yaml_has_its_line(tmp_path: Path) -> None:
    (tmp_path / "demo.yaml").write_text("id: demo\nname: x\nsteps: [unclosed\n", encoding="utf-8")
    (problem,) = problems_of(tmp_path)
    assert "demo.yaml:" in problem and "invalid YAML" in problem and "bracket" in problem


# --- illustrations -----------------------------------------------------------------------------


def test_an_illustration_inside_the_content_folder_loads(tmp_path: Path) -> None:
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "demo.png").write_bytes(png())
    (tmp_path / "exercises").mkdir()
    write(tmp_path / "exercises", {**VALID, "illustration": "images/demo.png"})
    catalogue = load_catalogue(tmp_path)
    (exercise,) = catalogue
    assert catalogue.illustration(exercise) == tmp_path / "images" / "demo.png"
    assert all(SHIPPED.illustration(e) is None for e in SHIPPED)  # none shipped


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("images/absent.png", None, "no file 'images/absent.png'"),
        ("images/demo.gif", b"GIF89a" + b"\x00" * 20, "is not a PNG or JPEG"),
        ("images/huge.png", b"huge", "over Telegram's 10 MB photo limit"),
        ("images/../../outside.png", b"", "outside the content folder"),
    ],
)
def test_a_bad_illustration_is_a_content_error(
    tmp_path: Path, name: str, content: bytes | None, expected: str
) -> None:
    root = tmp_path / "content"
    (root / "images").mkdir(parents=True)
    (root / "exercises").mkdir()
    if name == "images/huge.png":
        with (root / name).open("wb") as handle:
            handle.write(png())
            handle.truncate(PHOTO_LIMIT_BYTES + 1)
    elif content is not None and ".." not in name:
        (root / name).write_bytes(content)
    write(root / "exercises", {**VALID, "illustration": name})
    (problem,) = problems_of(root)
    assert ": illustration: " in problem and expected in problem


# --- footbot content new / schema --------------------------------------------------------------


def test_the_template_fails_until_filled_then_passes(tmp_path: Path) -> None:
    folder = tmp_path / "exercises"
    folder.mkdir()
    text = template("Toe fan sweep!", SHIPPED.vocabulary, SHIPPED.flags)
    path = folder / f"{exercise_id('Toe fan sweep!')}.yaml"
    assert path.name == "toe_fan_sweep.yaml"
    path.write_text(text, encoding="utf-8")
    problems = problems_of(folder)
    marked = [n for n, line in enumerate(text.splitlines(), 1) if f"  {MARK}" in line]
    assert sorted(int(p.split(".yaml:")[1].split(":")[0]) for p in problems) == marked

    filled: list[str] = []
    words = {"targets": "[mobility]", "equipment": "[none]", "position": "sitting"}
    for n, line in enumerate(text.splitlines()):
        key = line.split(":")[0]
        if key in words:
            line = f"{key}: {words[key]}"
        line = line.replace('"FILL IN', f'"Filled {n}').replace("FILL IN", f"Filled {n}")
        filled.append(line)
    path.write_text("\n".join(filled) + "\n", encoding="utf-8")
    catalogue = load_catalogue(folder)
    (exercise,) = catalogue
    assert exercise.id == "toe_fan_sweep" and exercise.name == "Toe fan sweep!"


@pytest.mark.parametrize("name", ["", "!!", "9 lives"])
def test_a_name_needs_a_letter_first(name: str) -> None:
    with pytest.raises(ValueError):
        exercise_id(name)


def test_the_schema_offers_the_vocabulary_and_flags() -> None:
    schema = exercise_schema(SHIPPED.vocabulary, SHIPPED.flags)
    json.dumps(schema)
    assert schema["$schema"].startswith("https://json-schema.org/")
    properties = schema["properties"]
    assert set(properties["targets"]["items"]["enum"]) == set(SHIPPED.vocabulary.complaint_ids)
    assert properties["position"]["enum"] == list(SHIPPED.vocabulary.position_ids)
    assert set(properties["avoid_with"]["items"]["enum"]) == set(SHIPPED.flags.ids)
    assert {"id", "name", "steps", "dose", "levels"} <= set(schema["required"])
    assert "illustration" in properties


def test_every_shipped_file_has_only_schema_fields() -> None:
    schema = exercise_schema(SHIPPED.vocabulary, SHIPPED.flags)
    for path in sorted((default_content_dir() / "exercises").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert set(data) <= set(schema["properties"]), path.name


def test_a_copy_of_the_shipped_content_checks_clean(tmp_path: Path) -> None:
    shutil.copytree(default_content_dir(), tmp_path / "content")
    catalogue, problems = check_content(tmp_path / "content")
    assert problems == [] and catalogue is not None
    assert {exercise.id for exercise in catalogue} >= SEED_IDS


def test_the_readme_example_is_a_valid_exercise(tmp_path: Path) -> None:
    """content/README.md's complete example loads as written (given its illustration)."""
    readme = (default_content_dir() / "README.md").read_text(encoding="utf-8")
    example = readme.split("## An exercise file", 1)[1].split("```yaml\n", 1)[1].split("```")[0]
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "toe_fan_sweep.png").write_bytes(png())
    (tmp_path / "exercises").mkdir()
    (tmp_path / "exercises" / "toe_fan_sweep.yaml").write_text(example, encoding="utf-8")
    (exercise,) = load_catalogue(tmp_path)
    assert exercise.illustration == "images/toe_fan_sweep.png"
    assert exercise.levels[2].avoid_with == ("diabetes_neuropathy",)
