"""Reading one content file: YAML with its line numbers, validated, every problem reported.

Whoever edits content works in a text editor, so a problem is told the way a compiler tells
it: the file, the line, the field, what is wrong and what to write instead. The YAML is read
twice, once as data and once as a node tree whose marks give the line of each field.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from bot.content.errors import ContentError, Problem
from bot.content.models import ID_PATTERN

M = TypeVar("M", bound=BaseModel)

Loc = Sequence[int | str]

LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's loader when PyYAML was built with it (it is, in the wheels): every language's
files are read at start-up, twice each, and the pure-Python parser made that take seconds."""


class Document:
    """One parsed file: its data and the node tree that knows where each field is written."""

    __slots__ = ("data", "node", "path")

    def __init__(self, path: Path, data: Any, node: yaml.Node | None) -> None:
        self.path = path
        self.data = data
        self.node = node

    def line(self, loc: Loc) -> int | None:
        """The 1-based line of the field at `loc`, or of its nearest written parent (a missing
        field is reported where its mapping starts)."""
        node = self.node
        if node is None:
            return None
        found = node
        for part in loc:
            child = _child(found, part)
            if child is None:
                break
            found = child
        return found.start_mark.line + 1

    def problem(self, loc: Loc, message: str, hint: str = "") -> Problem:
        field = ".".join(str(part) for part in loc)
        return Problem(self.path, message, field, self.line(loc), hint)


def _child(node: yaml.Node, part: int | str) -> yaml.Node | None:
    """The node under `node` at one step of a path; a mapping answers with the key's node
    where a value cannot be placed better (the key is the line people look for)."""
    if isinstance(node, yaml.MappingNode) and isinstance(part, str):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == part:
                return value if isinstance(value, yaml.CollectionNode) else key
        return None
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int):
        return node.value[part] if 0 <= part < len(node.value) else None
    return None


def read_document(path: Path) -> Document:
    """Parse a YAML file; unreadable or broken YAML is a :class:`ContentError` with its line."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ContentError.at(path, f"cannot read file: {exc}") from None
    try:
        node = yaml.compose(text, Loader=LOADER)
        data = yaml.load(text, Loader=LOADER)  # a safe loader: plain data only
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        message = f"invalid YAML: {exc}".replace("\n", " ")
        hint = "check the indentation and close every bracket and quote"
        raise ContentError(Problem(path, message, "", line, hint)) from None
    return Document(path, data, node)


def validate(document: Document, model: type[M]) -> tuple[M | None, list[Problem]]:
    """The model, or every problem pydantic found, each with its line and a hint."""
    try:
        return model.model_validate(document.data), []
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        return None, [
            document.problem(error["loc"], _message(error), hint(error))
            for error in errors
            if not _caused_by_another(error, errors)
        ]


def _caused_by_another(error: ErrorDetails, errors: Sequence[ErrorDetails]) -> bool:
    """A list that comes out too short because one of its items was invalid is no news: the
    item's own error says what to fix."""
    loc = tuple(error["loc"])
    return any(
        len(other["loc"]) > len(loc) and tuple(other["loc"][: len(loc)]) == loc for other in errors
    )


def read_model(path: Path, model: type[M]) -> M:
    """Read and validate a whole file, raising on its first problem."""
    document = read_document(path)
    loaded, problems = validate(document, model)
    if loaded is None:
        raise ContentError(*problems)
    return loaded


def _message(error: ErrorDetails) -> str:
    """Pydantic's message without its "Value error, " prefix: ours already read well."""
    return str(error["msg"]).removeprefix("Value error, ")


def hint(error: ErrorDetails) -> str:
    """What to write instead, for the mistakes people make in YAML by hand."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    last = str(error["loc"][-1]) if error["loc"] else "this field"
    hints = {
        "missing": f"add a line `{last}: ...` here (content/README.md explains it)",
        "extra_forbidden": f"remove `{last}` or fix its spelling (content/README.md lists "
        "every field)",
        "int_type": "write a whole number without quotes, e.g. 10",
        "int_parsing": "write a whole number without quotes, e.g. 10",
        "int_from_float": "write a whole number, e.g. 10",
        "bool_type": "write true or false, without quotes",
        "bool_parsing": "write true or false, without quotes",
        "string_type": "write text here (put it in quotes if it starts with a symbol)",
        "string_too_short": "write some text here",
        "string_too_long": f"shorten it to at most {ctx.get('max_length')} characters",
        "string_pattern_mismatch": "use lower-case letters, digits and underscores, starting "
        "with a letter, e.g. calf_stretch"
        if ctx.get("pattern") == ID_PATTERN
        else "use letters, digits, _ . / - only, e.g. images/calf_raises.png",
        "greater_than_equal": f"write a number of at least {ctx.get('ge')}",
        "less_than_equal": f"write a number of at most {ctx.get('le')}",
        "too_short": f"list at least {ctx.get('min_length')} item(s)",
        "too_long": f"list at most {ctx.get('max_length')} item(s)",
        "tuple_type": "write a list: one `- item` per line, or [a, b]",
        "list_type": "write a list: one `- item` per line, or [a, b]",
        "model_type": "write the fields of this part below it, indented",
        "model_attributes_type": "write the fields of this part below it, indented",
        "dict_type": "write the fields of this part below it, indented",
        "enum": f"write one of: {ctx.get('expected')}",
        "literal_error": f"write one of: {ctx.get('expected')}",
    }
    return hints.get(kind, "see content/README.md for what this field takes")
