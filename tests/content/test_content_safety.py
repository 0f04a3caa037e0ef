"""The safety check and the exclusions in the real content.

Who may do what is a clinical judgement written down in the YAML (``content/safety_flags.yaml``
and each exercise's ``avoid_with``); these tests pin it, so that a change to it is always a
deliberate edit in two places.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from bot.content import Catalogue, ContentError, Outcome, load_catalogue
from bot.content.normalise import normalise
from bot.domain.triage import mentions_red_flag

SEE_FIRST = {
    "open_wound",
    "hot_swollen_foot",
    "calf_pain",
    "acute_injury",
    "recent_surgery",
    "new_numbness",
    "cold_foot",
}
MODIFIED = {"diabetes_neuropathy", "balance_falls", "achilles_pain", "night_pain"}

EXCLUDED_EXERCISES: dict[str, set[str]] = {
    "diabetes_neuropathy": {"barefoot_walking", "frozen_bottle_roll", "toe_spacers"},
    "balance_falls": set(),
    "achilles_pain": set(),
    "night_pain": set(),
}
"""Exercises a modified flag leaves out entirely (see-first flags leave out the programme)."""

EXCLUDED_RUNGS: dict[str, set[tuple[str, str]]] = {
    "diabetes_neuropathy": {
        ("ball_massage", "Tennis ball, seated"),
        ("ball_massage", "Firm ball, seated"),
        ("single_leg_balance", "Hands free"),
        ("single_leg_balance", "Eyes closed"),
    },
    "balance_falls": {
        ("calf_raises", "One leg"),
        ("calf_raises", "Slow lowering off a step"),
        ("heel_to_toe_walk", "Hands free"),
        ("heel_to_toe_walk", "Backwards"),
        ("short_foot", "One leg"),
        ("barefoot_walking", "Mixed surfaces"),
        ("single_leg_balance", "Hands free"),
        ("single_leg_balance", "Eyes closed"),
    },
    "achilles_pain": {("calf_raises", "Slow lowering off a step")},
    "night_pain": set(),
}


def test_the_check_asks_every_flag_of_the_issue(catalogue: Catalogue) -> None:
    outcomes = {flag.id: flag.outcome for flag in catalogue.flags.flags}
    assert {f for f, o in outcomes.items() if o is Outcome.SEE_FIRST} == SEE_FIRST
    assert {f for f, o in outcomes.items() if o is Outcome.MODIFIED} == MODIFIED


@pytest.mark.parametrize("flag", sorted(MODIFIED))
def test_each_modified_flag_rules_out_the_expected_exercises_and_rungs(
    catalogue: Catalogue, flag: str
) -> None:
    out = {exercise.id for exercise in catalogue if flag in exercise.avoid_with}
    rungs = {
        (exercise.id, level.name)
        for exercise in catalogue
        for level in exercise.levels
        if flag in level.avoid_with
    }
    assert out == EXCLUDED_EXERCISES[flag]
    assert rungs == EXCLUDED_RUNGS[flag]


def test_see_first_flags_are_never_needed_in_avoid_with(catalogue: Catalogue) -> None:
    """A see-first answer stops the whole programme; naming it on an exercise would suggest the
    rest is fine for that person."""
    named = {
        f for e in catalogue for f in (*e.avoid_with, *(x for v in e.levels for x in v.avoid_with))
    }
    assert not named & SEE_FIRST


def test_every_modified_combination_leaves_exercises_to_do(catalogue: Catalogue) -> None:
    left = [e.id for e in catalogue if not MODIFIED.intersection(e.avoid_with)]
    assert len(left) >= 3


def test_the_stored_flags_of_the_old_check_map_sensibly(catalogue: Catalogue) -> None:
    """Kept: the same question. Carried over: numbness or tingling is reduced feeling. Dropped
    (asked afresh): a recent injury and swelling, which the new check splits into sharper
    see-first questions."""
    from bot.domain.triage import upgrade

    old = ("diabetes_neuropathy", "recent_injury", "swelling_redness", "numbness_tingling")
    assert upgrade((*old, "night_pain"), catalogue.flags) == ("diabetes_neuropathy", "night_pain")
    assert upgrade(("numbness_tingling",), catalogue.flags) == ("diabetes_neuropathy",)
    assert upgrade(("recent_injury", "swelling_redness"), catalogue.flags) == ()


@pytest.mark.parametrize(
    ("text", "red"),
    [
        ("my foot is swollen", True),
        ("Numb toes", True),
        ("it's bleeding", True),
        ("I can't walk", True),
        ("I cant walk on it", True),
        ("I fell yesterday", True),
        ("there's an ulcer", True),
        ("calf raises", False),
        ("ball massage", False),
        ("heel pain", False),
        ("toe spacers", False),
        ("hello", False),
    ],
)
def test_red_flag_words(catalogue: Catalogue, text: str, red: bool) -> None:
    assert mentions_red_flag(text, catalogue.flags) is red


def test_no_exercise_name_or_alias_sounds_like_a_red_flag(catalogue: Catalogue) -> None:
    """Otherwise typing that name would bring the safety check instead of the card."""
    names = [(e.id, text) for e in catalogue for text in (e.name, *e.aliases)]
    assert [pair for pair in names if mentions_red_flag(pair[1], catalogue.flags)] == []
    assert all(normalise(name) for _, name in names)


def _content(tmp_path: Path, catalogue: Catalogue, avoid: dict[str, object]) -> Path:
    """A copy of one real exercise with `avoid` applied, beside the real safety check."""
    source = Path(__file__).resolve().parents[2] / "content" / "exercises" / "calf_raises.yaml"
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    data.update(avoid)
    (tmp_path / "calf_raises.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    return tmp_path


def test_an_unknown_flag_on_a_rung_names_the_file_and_field(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    source = Path(__file__).resolve().parents[2] / "content" / "exercises" / "calf_raises.yaml"
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    data["levels"][1]["avoid_with"] = ["wobbly"]
    (tmp_path / "calf_raises.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_catalogue(tmp_path)
    message = str(info.value)
    assert "calf_raises.yaml:" in message
    assert ": levels.1.avoid_with.0: unknown safety flag 'wobbly'" in message
    assert "balance_falls" in message


def test_a_content_folder_may_bring_its_own_check(tmp_path: Path, catalogue: Catalogue) -> None:
    source = Path(__file__).resolve().parents[2] / "content" / "exercises" / "calf_raises.yaml"
    levels = yaml.safe_load(source.read_text(encoding="utf-8"))["levels"]
    bare = [{k: v for k, v in level.items() if k != "avoid_with"} for level in levels]
    folder = _content(tmp_path, catalogue, {"avoid_with": ["pregnancy"], "levels": bare})
    check = {
        "version": 1,
        "flags": [
            {"id": "pregnancy", "label": "Pregnant", "outcome": "modified", "because": "pregnancy"}
        ],
    }
    (folder / "safety_flags.yaml").write_text(yaml.safe_dump(check), encoding="utf-8")
    loaded = load_catalogue(folder)
    assert loaded.flags.ids == ("pregnancy",)


def test_a_broken_check_names_the_file_and_field(tmp_path: Path, catalogue: Catalogue) -> None:
    folder = _content(tmp_path, catalogue, {})
    bad = {"version": 1, "flags": [{"id": "x1", "label": "X", "outcome": "maybe", "because": "x"}]}
    (folder / "safety_flags.yaml").write_text(yaml.safe_dump(bad), encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_catalogue(folder)
    assert re.search(r"safety_flags.yaml:\d+: flags.0.outcome: ", str(info.value))


def test_exercises_needing_equipment_have_an_equipment_free_variant(catalogue: Catalogue) -> None:
    needing = {e.id for e in catalogue if catalogue.vocabulary.needs_equipment(e)}
    assert needing == {
        "toe_curls", "ball_massage", "resistance_band", "toe_spacers", "towel_stretch",
        "frozen_bottle_roll",
    }  # fmt: skip
    for exercise_id in needing:
        exercise = catalogue.get(exercise_id)
        assert exercise is not None and exercise.without_equipment is not None


def test_equipment_free_variants_need_nothing(catalogue: Catalogue) -> None:
    gear = ("towel", "ball", "band", "spacer", "bottle")
    for exercise in catalogue:
        if exercise.without_equipment is not None:
            text = exercise.without_equipment.description.lower()
            assert not any(word in text for word in gear), exercise.id
