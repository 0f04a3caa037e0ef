"""The four catalogues agree: same ids, same placeholders, CLDR plurals, nothing unused."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from babel import Locale
from fluent.syntax import ast as fluent
from fluent.syntax import parse
from fluent.syntax.visitor import Visitor

from bot import i18n
from bot.telegram import texts

BOT = Path(i18n.__file__).parent
OTHERS = [code for code in i18n.LANGUAGES if code != i18n.DEFAULT]


class _Parts(Visitor):
    """Variables, message references and the plural keys of selectors over a number."""

    def __init__(self) -> None:
        super().__init__()
        self.variables: set[str] = set()
        self.references: set[str] = set()
        self.selectors: list[tuple[str, set[str]]] = []

    def visit_VariableReference(self, node: fluent.VariableReference) -> None:
        self.variables.add(node.id.name)

    def visit_MessageReference(self, node: fluent.MessageReference) -> None:
        self.references.add(node.id.name)

    def visit_SelectExpression(self, node: fluent.SelectExpression) -> None:
        if isinstance(node.selector, fluent.VariableReference):
            keys = {
                v.key.name if isinstance(v.key, fluent.Identifier) else v.key.value
                for v in node.variants
            }
            self.selectors.append((node.selector.id.name, keys))
        self.generic_visit(node)


def _messages(language: str) -> dict[str, _Parts]:
    resource = parse((i18n.LOCALES_DIR / language / i18n.CATALOGUE).read_text(encoding="utf-8"))
    junk = [entry.content for entry in resource.body if isinstance(entry, fluent.Junk)]
    assert junk == [], f"{language}: unparsable entries"
    found: dict[str, _Parts] = {}
    for entry in resource.body:
        if isinstance(entry, fluent.Message):
            parts = _Parts()
            parts.visit(entry)
            found[entry.id.name] = parts
    return found


CATALOGUES = {code: _messages(code) for code in i18n.LANGUAGES}


def test_the_languages_are_the_folders() -> None:
    folders = {path.name for path in i18n.LOCALES_DIR.iterdir() if path.is_dir()}
    assert folders == set(i18n.LANGUAGES)


@pytest.mark.parametrize("language", OTHERS)
def test_every_message_exists_in_every_language(language: str) -> None:
    english, other = set(CATALOGUES["en"]), set(CATALOGUES[language])
    assert (sorted(english - other), sorted(other - english)) == ([], [])


@pytest.mark.parametrize("language", OTHERS)
def test_every_message_has_the_same_placeholders(language: str) -> None:
    """A translation may select on a variable English only prints (a weekday index for a
    Russian case), never invent or lose one the code passes."""
    wrong = {}
    for message_id, english in CATALOGUES["en"].items():
        other = CATALOGUES[language][message_id]
        if other.variables - english.variables - _EXTRA_SELECTORS.get(
            message_id, set()
        ) or english.variables - other.variables - _SELECTED_ONLY.get(message_id, set()):
            wrong[message_id] = (sorted(english.variables), sorted(other.variables))
    assert wrong == {}


_EXTRA_SELECTORS = {"summary-setting": {"day"}, "zone-confirm": {"day"}}
"""Variables a translation may select on that English does not use (the code passes both)."""
_SELECTED_ONLY = {"summary-setting": {"weekday"}}
"""Variables a translation may leave out: ru and pt-BR choose the whole phrase by the day's
index ("по вторникам", "às terças") instead of printing the weekday's name."""


def test_the_code_passes_what_every_language_needs() -> None:
    """Selector-only variables are passed by the code even where English ignores them."""
    assert "day" in CATALOGUES["ru"]["summary-setting"].variables
    assert texts.summary_setting(2)  # passes both day and weekday


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_plural_selectors_cover_the_languages_cldr_categories(language: str) -> None:
    """ "1 день", "2 дня", "5 дней": a selector over a count names every category the
    language has for whole numbers (ru: one, few, many), or leaves them to a default."""
    locale = Locale.parse(language.replace("-", "_"))
    categories = {locale.plural_form(n) for n in range(0, 200)}
    plural_keys = {"zero", "one", "two", "few", "many", "other"}
    wrong = []
    for message_id, parts in CATALOGUES[language].items():
        for variable, keys in parts.selectors:
            named = keys & plural_keys
            if not named:
                continue  # a selector over a code ("morning", "q"), not a count
            missing = categories - named
            if len(missing) > 1:  # the default variant covers one category
                wrong.append((message_id, variable, sorted(missing)))
    assert wrong == []


@pytest.mark.parametrize(("count", "word"), [(1, "день"), (2, "дня"), (5, "дней"), (21, "день")])
def test_russian_days_follow_cldr(count: int, word: str) -> None:
    assert i18n.message("streak-days", "ru", days=count) == f"{count} {word}"


def test_message_references_exist() -> None:
    for language, messages in CATALOGUES.items():
        for message_id, parts in messages.items():
            assert parts.references <= set(messages), (language, message_id)


# --- Every catalogue entry is used by the code, and the code uses only entries that exist ---


def _code_strings() -> tuple[set[str], set[str]]:
    """String literals of the bot's code, and the constant heads of its f-strings."""
    literals: set[str] = set()
    prefixes: set[str] = set()
    for path in BOT.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                literals.add(node.value)
            elif isinstance(node, ast.JoinedStr) and node.values:
                head = node.values[0]
                if isinstance(head, ast.Constant) and isinstance(head.value, str):
                    prefixes.add(head.value)
    return literals, prefixes


def _declared_names() -> set[str]:
    """The UPPER_CASE names texts.py declares (read through its module __getattr__)."""
    tree = ast.parse(Path(texts.__file__).read_text(encoding="utf-8"))
    return {
        node.target.id
        for node in tree.body
        if isinstance(node, ast.AnnAssign)
        and isinstance(node.target, ast.Name)
        and node.value is None
    }


def test_no_catalogue_entry_is_unused() -> None:
    literals, prefixes = _code_strings()
    prefixes = {p for p in prefixes if re.fullmatch(r"[a-z][a-z-]*-", p)}
    by_name = {name.lower().replace("_", "-") for name in _declared_names()}
    referenced = set().union(*(parts.references for parts in CATALOGUES["en"].values()))
    unused = [
        message_id
        for message_id in CATALOGUES["en"]
        if message_id not in literals
        and message_id not in by_name
        and message_id not in referenced
        and not any(message_id.startswith(prefix) for prefix in prefixes)
    ]
    assert unused == []


def test_every_id_the_code_names_exists() -> None:
    """`_m("...")` and `i18n.message("...")` calls with a literal id."""
    missing = []
    for path in BOT.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name | ast.Attribute)
                and getattr(node.func, "id", getattr(node.func, "attr", "")) in {"_m", "message"}
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
                and node.args[0].value not in CATALOGUES["en"]
            ):
                missing.append(f"{path.name}:{node.lineno} {node.args[0].value}")
    assert missing == []


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_every_declared_name_reads_in_every_language(language: str) -> None:
    with i18n.use_language(language):
        for name in sorted(_declared_names()):
            assert getattr(texts, name), name


def test_an_undeclared_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError):
        texts.NO_SUCH_TEXT  # type: ignore[attr-defined]  # noqa: B018
