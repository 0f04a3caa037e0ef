"""Every user-facing text is in our own words, not copied from the source article.

Covers the content (every string of every exercise, in every language the content speaks) and
the bot's own texts (every message of the catalogues in ``bot/locales``, and every string
literal and the fixed parts of every f-string of :mod:`bot.telegram.texts`). Words are split on
letters of any alphabet, so the check reads the Spanish, Portuguese and Russian texts as well as
the English.
Six words in a row shared with the article count as a copied phrase.

The article is found at ``FOOTBOT_SEEDS_DIR`` when set (``.ci/run`` sets it), else at
``../shared/seeds`` beside the checkout. A folder named by ``FOOTBOT_SEEDS_DIR`` must exist: a
typo there would otherwise turn the check off silently. Without either, the test skips and
says why.
"""

from __future__ import annotations

import ast
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import BaseModel

from bot import i18n
from bot.content import Catalogue
from bot.telegram import texts

CHECKOUT = Path(__file__).resolve().parents[2]
SHARED_WORDS = 6


def seeds_dir() -> Path | None:
    named = os.environ.get("FOOTBOT_SEEDS_DIR")
    if named:
        return Path(named)
    beside = CHECKOUT.parent / "shared" / "seeds"
    return beside if beside.is_dir() else None


def strings_of(value: object) -> Iterator[str]:
    """Every string inside a model, however deeply nested."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, BaseModel):
        for field in type(value).model_fields:
            yield from strings_of(getattr(value, field))
    elif isinstance(value, tuple):
        for item in value:
            yield from strings_of(item)


def bot_texts() -> list[str]:
    """String literals of texts.py; an f-string's placeholders become a break between words."""
    tree = ast.parse(Path(texts.__file__).read_text(encoding="utf-8"))
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            parts = [
                part.value if isinstance(part, ast.Constant) else " | " for part in node.values
            ]
            found.append("".join(str(part) for part in parts))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            found.append(node.value)
    return found + catalogue_texts()


def catalogue_texts() -> list[str]:
    """Each line of each catalogue's messages; a placeholder is a break between words."""
    found: list[str] = []
    for path in sorted(i18n.LOCALES_DIR.glob(f"*/{i18n.CATALOGUE}")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                found.append(re.sub(r"\{[^}]*\}|^[a-z0-9_-]+ =|\[[a-z0-9_]+\]", " | ", line))
    return found


def word_runs(text: str) -> set[tuple[str, ...]]:
    """Runs of six words; a placeholder or a line of its own never joins two runs."""
    runs: set[tuple[str, ...]] = set()
    for piece in re.split(r"\|", text.lower().replace("’", "'").replace("'", "")):
        words = re.findall(r"[^\W_]+", piece)
        runs |= {tuple(words[i : i + SHARED_WORDS]) for i in range(len(words) - SHARED_WORDS + 1)}
    return runs


@pytest.fixture(scope="module")
def article() -> set[tuple[str, ...]]:
    folder = seeds_dir()
    if folder is None:
        pytest.skip("source article not found: no ../shared/seeds and FOOTBOT_SEEDS_DIR unset")
    assert folder.is_dir(), f"FOOTBOT_SEEDS_DIR={folder} does not exist"
    files = sorted(folder.glob("*.txt"))
    assert files, f"no article (*.txt) in {folder}"
    runs: set[tuple[str, ...]] = set()
    for seed in files:
        runs |= word_runs(seed.read_text(encoding="utf-8"))
    return runs


def test_content_is_in_our_own_words(catalogue: Catalogue, article: set[tuple[str, ...]]) -> None:
    copied = {
        f"{exercise.id}: {' '.join(run)}"
        for exercise in catalogue
        for text in strings_of(exercise)
        for run in word_runs(text) & article
    }
    assert copied == set()


def test_vocabulary_and_safety_check_are_in_our_own_words(
    catalogue: Catalogue, article: set[tuple[str, ...]]
) -> None:
    strings = [*strings_of(catalogue.vocabulary), *strings_of(catalogue.flags)]
    assert strings
    copied = {" ".join(run) for text in strings for run in word_runs(text) & article}
    assert copied == set()


def test_translations_are_in_our_own_words(
    catalogue: Catalogue, article: set[tuple[str, ...]]
) -> None:
    """Every translated text too: a translation keeps English loan words at most, never an
    article's sentence."""
    assert len(catalogue.languages) > 1
    copied = set()
    for language in catalogue.languages[1:]:
        translated = catalogue.in_language(language)
        strings = [
            *(text for exercise in translated for text in strings_of(exercise)),
            *strings_of(translated.vocabulary),
            *strings_of(translated.flags),
        ]
        copied |= {
            f"{language}: {' '.join(run)}" for t in strings for run in word_runs(t) & article
        }
    assert copied == set()


def test_bot_texts_are_in_our_own_words(article: set[tuple[str, ...]]) -> None:
    strings = bot_texts()
    assert len(strings) > 100  # the whole module was read
    copied = {" ".join(run) for text in strings for run in word_runs(text) & article}
    assert copied == set()


def test_the_check_sees_a_copied_phrase(article: set[tuple[str, ...]]) -> None:
    """A sentence from the article itself is caught: the check is not vacuous."""
    some_run = next(iter(article))
    assert word_runs(" ".join(some_run)) & article


def test_word_runs_read_every_alphabet() -> None:
    assert word_runs("подъёмы на носки медленно и плавно вверх") != set()
    assert ("elevación", "de", "talones", "despacio", "y", "con") in word_runs(
        "Elevación de talones despacio y con control"
    )


def test_word_runs_do_not_cross_placeholders() -> None:
    assert word_runs("one two three | four five six") == set()
    assert len(word_runs("one two three four five six seven")) == 2
