"""The one error the content layer raises, so start-up can report it and stop."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in a content file, told the way a compiler tells it.

    ``str()`` gives ``"<path>:<line>: <field>: <message>"`` (line and field where known), then
    `hint`, what to write instead, after an arrow.
    """

    path: Path
    message: str
    field: str = ""
    line: int | None = None
    hint: str = ""

    def __str__(self) -> str:
        where = _display(self.path) + (f":{self.line}" if self.line is not None else "")
        text = (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )
        return f"{text} -> {self.hint}" if self.hint else text


class ContentError(ValueError):
    """A content file is missing, unreadable or invalid.

    The message always starts with the file (and, where known, the line and the dotted field
    path), because the person reading it is editing YAML, not Python. `problems` holds every
    problem found; the message tells the first and counts the rest.
    """

    problems: tuple[Problem, ...]

    def __init__(self, *problems: Problem | str) -> None:
        found = tuple(p if isinstance(p, Problem) else Problem(Path("."), p) for p in problems)
        self.problems = found
        first = str(problems[0]) if problems else "invalid content"
        if len(found) > 1:
            same_file = sum(1 for p in found[1:] if p.path == found[0].path)
            others = len(found) - 1 - same_file
            if same_file:
                first += f" (and {same_file} more problem(s) in this file)"
            if others:
                first += f" (and {others} more in other files; run `footbot content check`)"
        super().__init__(first)

    @classmethod
    def at(
        cls, path: Path, message: str, field: str = "", line: int | None = None, hint: str = ""
    ) -> ContentError:
        """One problem: ``"<path>[:<line>]: <field>: <message>"``, leaving out what is unknown."""
        return cls(Problem(path, message, field, line, hint))


def _display(path: Path) -> str:
    """Show paths relative to the working directory when possible: shorter, and clickable."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
