"""The one error the content layer raises, so start-up can report it and stop."""

from __future__ import annotations

from pathlib import Path


class ContentError(ValueError):
    """A content file is missing, unreadable or invalid.

    The message always starts with the file (and, where known, the dotted field path), because
    the person reading it is editing YAML, not Python.
    """

    @classmethod
    def at(cls, path: Path, message: str, field: str = "") -> ContentError:
        """Build ``"<path>: <field>: <message>"``, leaving out the field when there is none."""
        shown = _display(path)
        where = f"{shown}: {field}: " if field else f"{shown}: "
        return cls(where + message)


def _display(path: Path) -> str:
    """Show paths relative to the working directory when possible: shorter, and clickable."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
