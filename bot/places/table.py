"""The table of common names (places.csv): read and checked once, at start-up.

People type "Delhi", "USA" or "CET", none of which is the last part of a zone name. The table
maps such names to zones, best first. It is a data file so that adding a city is an edit to a
CSV row, not to code; being data, it is checked like content: a malformed row or a zone this
tz database does not know stops start-up with one line naming the file and the line.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

from bot.content import ContentError
from bot.domain.zones import MAX_RESULTS, Places, TzNames, normalise
from bot.places.tzdb import read_tz_names

PLACES_FILE = Path(__file__).with_name("places.csv")
HEADER = ["name", "zones"]


class PlacesError(ContentError):
    """The table of common names is unreadable or has a bad row (reported like content)."""


def load_places(path: Path = PLACES_FILE) -> Places:
    """The tz database's names plus the checked table at `path`, once per process and file.

    Start-up runs once per Application, and tests start many: the same file gives the same
    `Places`, whose index of names is then built only once.
    """
    return _load(path.resolve())


@cache
def _load(path: Path) -> Places:
    tz = read_tz_names()
    return Places(tz, _read(path, tz))


def _read(path: Path, tz: TzNames) -> dict[str, tuple[str, ...]]:
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise PlacesError.at(path, f"cannot read the table of place names ({error})") from None
    rows = [
        (number, line)
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip() and not line.lstrip().startswith("#")
    ]
    if not rows or next(csv.reader([rows[0][1]])) != HEADER:
        first = rows[0][0] if rows else 1
        raise PlacesError.at(
            path, f'the first row must be the header "{",".join(HEADER)}"', _at(first)
        )
    checker = Places(tz, {})
    table: dict[str, tuple[str, ...]] = {}
    lines: dict[str, int] = {}
    for number, text_row in rows[1:]:
        name, zones = _row(path, number, next(csv.reader([text_row])), checker)
        if name in table:
            raise PlacesError.at(path, f"{name!r} is already on line {lines[name]}", _at(number))
        table[name], lines[name] = zones, number
    return table


def _row(
    path: Path, number: int, fields: list[str], checker: Places
) -> tuple[str, tuple[str, ...]]:
    """One checked row: a normalised name and one to three zones this tz database has."""
    if len(fields) != len(HEADER):
        problem = f"expected two fields, name and zones, found {len(fields)}"
        raise PlacesError.at(path, problem, _at(number))
    name, zones = fields[0].strip(), tuple(fields[1].split())
    if not name:
        raise PlacesError.at(path, "a row without a name", _at(number))
    if name != normalise(name):
        problem = f"write the name {name!r} as lower-case ASCII words: {normalise(name)!r}"
        raise PlacesError.at(path, problem, _at(number))
    if not 1 <= len(zones) <= MAX_RESULTS:
        problem = f"{name!r} needs one to {MAX_RESULTS} zones, found {len(zones)}"
        raise PlacesError.at(path, problem, _at(number))
    if len(set(zones)) != len(zones):
        raise PlacesError.at(path, f"{name!r} lists a zone twice", _at(number))
    for zone in zones:
        if checker.current(zone) is None:
            raise PlacesError.at(path, f"unknown time zone {zone!r}", _at(number))
    return name, zones


def _at(number: int) -> str:
    return f"line {number}"
