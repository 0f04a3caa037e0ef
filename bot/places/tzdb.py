"""Reading the tz database's own tables: which zones exist, their old names, their countries.

Read from the `tzdata` package when it is installed (it is a dependency, and it is what
`zoneinfo` falls back to), else from the system copy on `zoneinfo.TZPATH`. A missing table
reads as empty: the bot still understands zone names and the common-names table without it.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from zoneinfo import TZPATH, available_timezones

from bot.domain.zones import TzNames


@cache
def read_tz_names() -> TzNames:
    """The tz database's names, read once per process."""
    zone_tab = _table("zone.tab")
    return TzNames(
        available=frozenset(available_timezones()),
        links=_links(_table("tzdata.zi")),
        located=tuple((row[0], row[2]) for row in zone_tab if len(row) >= 3),
        countries=tuple((row[0], row[1]) for row in _table("iso3166.tab") if len(row) >= 2),
    )


def _table(name: str) -> list[list[str]]:
    """Rows of a tz database text file, from the tzdata package or else the system copy."""
    try:
        text = resources.files("tzdata").joinpath("zoneinfo", name).read_text("utf-8")
    except (ModuleNotFoundError, OSError):
        text = next(
            (
                (Path(root) / name).read_text("utf-8")
                for root in TZPATH
                if (Path(root) / name).is_file()
            ),
            "",
        )
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


def _links(rows: list[list[str]]) -> dict[str, str]:
    """Old and merged names -> their target, from tzdata.zi lines "L target alias"."""
    links: dict[str, str] = {}
    for row in rows:
        parts = row[0].split()
        if len(parts) == 3 and parts[0] == "L":
            links[parts[2]] = parts[1]
    return links
