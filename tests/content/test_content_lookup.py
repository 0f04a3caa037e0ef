"""Finding an exercise from what a person typed: hits, near misses, ambiguity and chat."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.content import Catalogue, Lookup, default_content_dir, load_catalogue
from bot.content.normalise import normalise, singular

CATALOGUE = load_catalogue(default_content_dir())
"""Module level so the hypothesis test, which cannot take function fixtures, can share it."""

TOE_EXERCISES = {
    "toe_curls", "toe_spacers", "toe_extensor_stretch", "heel_to_toe_walk", "big_toe_mobility"
}  # fmt: skip
STRETCHES = {e.id for e in CATALOGUE if "stretch" in e.name.lower()}
CALF_EXERCISES = {"calf_raises", "wall_calf_stretch", "soleus_stretch"}

EXACT: list[tuple[str, str]] = [
    # names, any case or punctuation
    ("calf raises", "calf_raises"),
    ("Calf Raises!", "calf_raises"),
    ("Toe extensor stretch", "toe_extensor_stretch"),
    ("toe spacers", "toe_spacers"),
    ("Short Foot", "short_foot"),
    ("ankle circles", "ankle_circles"),
    ("heel-to-toe walk", "heel_to_toe_walk"),
    ("resistance band", "resistance_band"),
    ("barefoot walking", "barefoot_walking"),
    ("toe-curls", "toe_curls"),
    # singular, plural, filler words
    ("calf raise", "calf_raises"),
    ("show me the ankle circle please", "ankle_circles"),
    ("how do I do calf raises?", "calf_raises"),
    ("the ball one", "ball_massage"),
    # aliases
    ("heel raises", "calf_raises"),
    ("tiptoes", "calf_raises"),
    ("standing calf raise", "calf_raises"),
    ("heel to toe", "heel_to_toe_walk"),
    ("tandem walk", "heel_to_toe_walk"),
    ("tightrope", "heel_to_toe_walk"),
    ("towel scrunches", "toe_curls"),
    ("towel grab", "toe_curls"),
    ("toe yoga", "toe_spacers"),
    ("toe separators", "toe_spacers"),
    ("tennis ball", "ball_massage"),
    ("golf ball", "ball_massage"),
    ("foot roll", "ball_massage"),
    ("foot doming", "short_foot"),
    ("arch lift", "short_foot"),
    ("theraband", "resistance_band"),
    ("walking without shoes", "barefoot_walking"),
    ("toe stretch", "toe_extensor_stretch"),
    # typos
    ("ankel circles", "ankle_circles"),
    ("ankel circels", "ankle_circles"),
    ("calf raize", "calf_raises"),
    ("calfraises", "calf_raises"),
    ("baerfoot", "barefoot_walking"),
    ("short fot", "short_foot"),
    ("resistence band", "resistance_band"),
    ("tandm walk", "heel_to_toe_walk"),
    ("massge", "ball_massage"),
    ("towl scrunch", "toe_curls"),
    # a condition with an exercise named after it opens that exercise
    ("plantar fasciitis", "plantar_fascia_stretch"),
]

HEEL_PAIN_EXACT: list[tuple[str, str]] = [
    # issue 9: what people with heel pain ask for first, with a typo or two each
    ("calf stretch", "wall_calf_stretch"),
    ("calf stretches", "wall_calf_stretch"),
    ("standing calf stretch", "wall_calf_stretch"),
    ("wall calf stretch", "wall_calf_stretch"),
    ("gastrocnemius stretch", "wall_calf_stretch"),
    ("calf strech", "wall_calf_stretch"),
    ("clf stretch", "wall_calf_stretch"),
    ("soleus", "soleus_stretch"),
    ("soleus stretch", "soleus_stretch"),
    ("bent knee stretch", "soleus_stretch"),
    ("achilles stretch", "soleus_stretch"),
    ("soleous", "soleus_stretch"),
    ("soleus strech", "soleus_stretch"),
    ("plantar stretch", "plantar_fascia_stretch"),
    ("plantar fascia stretch", "plantar_fascia_stretch"),
    ("arch stretch", "plantar_fascia_stretch"),
    ("planter fascia stretch", "plantar_fascia_stretch"),
    ("plantar strech", "plantar_fascia_stretch"),
    ("towel stretch", "towel_stretch"),
    ("morning stretch", "towel_stretch"),
    ("stretch in bed", "towel_stretch"),
    ("towel strech", "towel_stretch"),
    ("frozen bottle", "frozen_bottle_roll"),
    ("ice bottle", "frozen_bottle_roll"),
    ("cold bottle", "frozen_bottle_roll"),
    ("frozen water bottle", "frozen_bottle_roll"),
    ("bottle roll", "frozen_bottle_roll"),
    ("frozen botle", "frozen_bottle_roll"),
    ("frozn bottle", "frozen_bottle_roll"),
    ("marbles", "marble_pickup"),
    ("marble pick-up", "marble_pickup"),
    ("pick up marbles", "marble_pickup"),
    ("marbels", "marble_pickup"),
    ("balance", "single_leg_balance"),
    ("single leg stand", "single_leg_balance"),
    ("single-leg balance", "single_leg_balance"),
    ("stand on one leg", "single_leg_balance"),
    ("balence", "single_leg_balance"),
    ("singel leg stand", "single_leg_balance"),
    ("big toe", "big_toe_mobility"),
    ("big toe stretch", "big_toe_mobility"),
    ("stiff big toe", "big_toe_mobility"),
    ("bigtoe", "big_toe_mobility"),
    ("big toe mobilty", "big_toe_mobility"),
]

AMBIGUOUS: list[tuple[str, set[str]]] = [
    ("stretch", STRETCHES),
    ("stretches", STRETCHES),
    ("calf", CALF_EXERCISES),
    ("toe", TOE_EXERCISES),
    ("toes", TOE_EXERCISES),
    ("walk", {"barefoot_walking", "heel_to_toe_walk"}),
    ("heel", {"calf_raises", "heel_to_toe_walk"}),
    ("ankle", {"ankle_circles", "resistance_band"}),
    ("raise", {"calf_raises", "short_foot"}),
    ("foot", {e.id for e in CATALOGUE}),
]

NOTHING: list[str] = [
    "",
    "   ",
    "!!!",
    "asdfgh",
    "hello",
    "hi",
    "ok",
    "yes",
    "no",
    "thanks",
    "thank you!",
    "what's the weather",
    "I love pizza",
    "good morning",
    "stop",
    "help",
    "done",
    "exercise",
    "the one",
    "heel pain",
    "🦶🦶",
    "привет",
    "calf raises " * 20,
]


@pytest.mark.parametrize(("query", "expected"), EXACT + HEEL_PAIN_EXACT)
def test_exact(query: str, expected: str) -> None:
    result = CATALOGUE.lookup(query)
    assert result.kind == "exact", [e.id for e in result.matches]
    assert [e.id for e in result.matches] == [expected]
    assert result.exercise is not None and result.exercise.id == expected


def test_calf_stretch_is_not_calf_raises() -> None:
    """The stretch and the strengthening exercise share a word; each name opens its own card."""
    assert CATALOGUE.lookup("calf stretch").exercise == CATALOGUE.get("wall_calf_stretch")
    assert CATALOGUE.lookup("calf raises").exercise == CATALOGUE.get("calf_raises")


@pytest.mark.parametrize(("query", "allowed"), AMBIGUOUS)
def test_choices(query: str, allowed: set[str]) -> None:
    result = CATALOGUE.lookup(query)
    ids = [e.id for e in result.matches]
    assert result.kind == "choices", ids
    assert 2 <= len(ids) <= 3
    assert len(set(ids)) == len(ids)
    assert set(ids) <= allowed
    assert result.exercise is None


def test_toe_offers_several_toe_exercises() -> None:
    ids = {e.id for e in CATALOGUE.lookup("toe").matches}
    assert len(ids & {"toe_curls", "toe_spacers", "toe_extensor_stretch"}) >= 2


@pytest.mark.parametrize("query", NOTHING)
def test_nothing(query: str) -> None:
    assert CATALOGUE.lookup(query) == Lookup(matches=(), kind="none")


@pytest.mark.parametrize(
    ("word", "expected"),
    [("raises", "raise"), ("stretches", "stretch"), ("toes", "toe"), ("feet", "foot"),
     ("glass", "glass"), ("yes", "yes"), ("bodies", "body")],
)  # fmt: skip
def test_singular(word: str, expected: str) -> None:
    assert singular(word) == expected


def test_normalise_drops_case_punctuation_and_filler() -> None:
    assert normalise("Show me the Heel-to-Toe walks, please!") == "heel toe walk"
    assert normalise("What’s up?") == "what up"
    assert normalise("the one") == ""


def test_empty_catalogue_matches_nothing() -> None:
    assert Catalogue([]).lookup("calf raises").kind == "none"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_never_raises_and_offers_at_most_three(query: str) -> None:
    result = CATALOGUE.lookup(query)
    assert result.kind in {"exact", "choices", "none"}
    assert len(result.matches) <= 3
    assert (result.kind == "none") == (len(result.matches) == 0)
    assert (result.kind == "exact") == (len(result.matches) == 1)
