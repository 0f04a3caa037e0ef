"""Where people are: from what they type to an IANA zone name.

People answer "where are you?" with a city, a country, an abbreviation, an offset or a typo, so
`resolve_zone` offers up to three IANA names, best first, for the bot to show as buttons; it
never guesses beyond that. Names come from the tz database itself (zone names, the cities and
countries of zone.tab and iso3166.tab, old spellings) plus a table of cities and words that are
not zone names, so a new tzdata release brings new cities without code changes.

This module holds the rules only. The names arrive as data: `bot.places` reads the tz database
and the table of common names at start-up, builds a `Places` and hands it over with
`use_places`; tests may pass their own `Places` to each function instead.

Old spellings are links in the tz database (Asia/Calcutta -> Asia/Kolkata, Europe/Kiev ->
Europe/Kyiv); we answer with the current name. Zones listed in zone.tab are kept as they are,
even where tzdata has merged them into another zone (Europe/Amsterdam stays Europe/Amsterdam):
a person should see their own city.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from rapidfuzz import fuzz, process

from bot.domain.schedule import as_zone

MAX_RESULTS = 3
FUZZY_CUTOFF = 80  # rapidfuzz ratio: "berln" scores 91, "new yrok" 88, "tomorrow"/"toronto" 53
FUZZY_MIN_LENGTH = 4  # below this, typos are too ambiguous to correct
UTC_NAMES = frozenset({"Etc/UTC", "Etc/GMT", "UTC"})

# Standard offsets that are not whole hours, each with zones that keep it (best first).
_PART_HOUR_ZONES: dict[int, tuple[str, ...]] = {
    -9 * 60 - 30: ("Pacific/Marquesas",),
    -3 * 60 - 30: ("America/St_Johns",),
    3 * 60 + 30: ("Asia/Tehran",),
    4 * 60 + 30: ("Asia/Kabul",),
    5 * 60 + 30: ("Asia/Kolkata", "Asia/Colombo"),
    5 * 60 + 45: ("Asia/Kathmandu",),
    6 * 60 + 30: ("Asia/Yangon", "Indian/Cocos"),
    8 * 60 + 45: ("Australia/Eucla",),
    9 * 60 + 30: ("Australia/Darwin", "Australia/Adelaide"),
    10 * 60 + 30: ("Australia/Lord_Howe",),
    12 * 60 + 45: ("Pacific/Chatham",),
}
_OFFSET = re.compile(r"(?:utc|gmt)?([+-])([0-9]{1,2})(?::?([0-9]{2}))?")
_DIRECTIONS = frozenset({"north", "south", "east", "west", "general"})
_OLD_SPELLINGS = {"Europe/Kyiv": "Europe/Kiev"}  # for a tz database older than 2022b


@dataclass(frozen=True, slots=True)
class TzNames:
    """What the tz database says about names, as read from its files by `bot.places`."""

    available: frozenset[str]
    """Every zone this machine can load."""
    links: Mapping[str, str]
    """Old and merged names -> their target (tzdata.zi "L target alias" lines)."""
    located: Sequence[tuple[str, str]]
    """(country code, zone) rows of zone.tab: zones with a place on the map, main zone first."""
    countries: Sequence[tuple[str, str]]
    """(country code, country name) rows of iso3166.tab, in the file's order."""


class Places:
    """Every name `resolve_zone` understands: the tz database's names plus common names.

    `common` maps a normalised name ("new delhi", "usa", "cet") to its zones, best first; it
    wins over anything the tz database says about the same name. The index of exact keys is
    built on first use, because most processes (and most tests) never resolve a typed place.
    """

    __slots__ = ("_choices", "_common", "_index", "_located", "_located_set", "tz")

    def __init__(self, tz: TzNames, common: Mapping[str, Sequence[str]]) -> None:
        self.tz = tz
        self._common = {key: tuple(zones) for key, zones in common.items()}
        self._located = tuple(zone for _, zone in tz.located if zone in tz.available)
        self._located_set = frozenset(self._located)
        self._index: dict[str, list[str]] | None = None
        self._choices: list[str] | None = None

    def is_known(self, name: str) -> bool:
        return name in self.tz.available

    def canonical(self, name: str) -> str:
        links, located = self.tz.links, self._located_set
        seen = {name}
        while name not in located and name in links and links[name] not in seen:
            name = links[name]
            seen.add(name)
        return "UTC" if name in UTC_NAMES else name

    def current(self, zone: str) -> str | None:
        """The name to show for `zone` in this tz database; None if it does not have it."""
        name = zone if self.is_known(zone) else _OLD_SPELLINGS.get(zone, "")
        if not self.is_known(name):
            return None
        current = self.canonical(name)
        return current if self.is_known(current) else name

    def known(self, zones: Iterable[str]) -> list[str]:
        """Current names of the zones this tz database has, in order, without repeats."""
        found: list[str] = []
        for zone in zones:
            current = self.current(zone)
            if current is not None:
                _extend(found, [current])
        return found[:MAX_RESULTS]

    def index(self) -> Mapping[str, list[str]]:
        if self._index is None:
            self._index = self._build_index()
        return self._index

    def choices(self) -> list[str]:
        """The keys long enough to be matched despite a typo."""
        if self._choices is None:
            self._choices = [key for key in self.index() if len(key) >= FUZZY_MIN_LENGTH]
        return self._choices

    def _build_index(self) -> dict[str, list[str]]:
        """Every exact key we understand, mapped to zone names best first.

        The table of common names wins outright; otherwise zone names, cities, countries and
        old spellings contribute in that order.
        """
        sources: dict[str, list[str]] = {}

        def add(key: str, zones: Iterable[str]) -> None:
            if key and key not in self._common:
                _extend(sources.setdefault(key, []), self.known(zones))

        for name in sorted(self.tz.available):
            add(name.casefold(), [name])
            add(normalise(name), [name])
        for zone in self._located:
            add(normalise(zone.rsplit("/", 1)[-1]), [zone])
        for key, zones in self._countries().items():
            add(key, zones)
        for alias in sorted(self.tz.links):
            area, _, city = alias.rpartition("/")
            if area and area != "Etc" and not city.isupper() and city.casefold() not in _DIRECTIONS:
                add(normalise(city), [alias])
        index = {key: self.known(zones) for key, zones in self._common.items()}
        index.update((key, zones[:MAX_RESULTS]) for key, zones in sources.items() if zones)
        return {key: zones for key, zones in index.items() if zones}

    def _countries(self) -> dict[str, list[str]]:
        """Country names (and their parenthesised forms: "Korea (South)") -> their zones."""
        located = self._located_set
        by_code: dict[str, list[str]] = {}
        for code, zone in self.tz.located:
            if zone in located:
                by_code.setdefault(code, []).append(zone)
        countries: dict[str, list[str]] = {}
        for code, country in self.tz.countries:
            if code not in by_code:
                continue
            base, _, qualifier = country.partition("(")
            base, qualifier = normalise(base.replace("&", "and")), normalise(qualifier.rstrip(")"))
            for key in (base, f"{qualifier} {base}".strip(), f"{base} {qualifier}".strip()):
                countries.setdefault(key, []).extend(by_code[code])
        return countries


_installed: Places | None = None


def use_places(places: Places) -> None:
    """Make `places` the names every function here uses when not given its own (start-up)."""
    global _installed
    _installed = places


def installed_places() -> Places:
    if _installed is None:
        raise RuntimeError("no place names loaded: call use_places(bot.places.load_places())")
    return _installed


def _given_or_installed(places: Places | None) -> Places:
    return places if places is not None else installed_places()


def normalise(text: str) -> str:
    """Lower-case ASCII words: "São Paulo", "sao_paulo" and "SAO-PAULO" all become "sao paulo"."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    plain = re.sub(r"[.'’`]", "", plain.casefold())
    return " ".join(re.sub(r"[\s_\-,]+", " ", plain).split())


def resolve_zone(text: str, places: Places | None = None) -> list[str]:
    """Up to three IANA zone names for what a person typed, best first; [] if nothing fits.

    Tried in order: a UTC offset ("UTC+2", "-03:30"), an exact key (zone name, city, country,
    abbreviation), then a typo-tolerant match for words of four letters or more.
    """
    places = _given_or_installed(places)
    compact = "".join(text.split()).casefold().replace("−", "-")
    if _OFFSET.fullmatch(compact):
        return _offset_zones(compact, places)
    key = normalise(text)
    if not key:
        return []
    index = places.index()
    for exact in (text.strip().casefold(), key):
        if exact in index:
            return list(index[exact])
    if len(key) < FUZZY_MIN_LENGTH or not any(char.isalpha() for char in key):
        return []
    found: list[str] = []
    for choice, _, _ in process.extract(
        key, places.choices(), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=10
    ):
        _extend(found, index[choice])
    return found[:MAX_RESULTS]


def offset_zone(hours: int) -> str:
    """The fixed-offset zone for a whole-hour UTC offset button; Etc/GMT signs are inverted."""
    if not -12 <= hours <= 14:
        raise ValueError(f"UTC offset out of range: {hours}")
    if hours == 0:
        return "UTC"
    return f"Etc/GMT{-hours:+d}"


def describe_zone(zone: str, now: datetime) -> str:
    """ "Europe/Berlin (UTC+01:00)": the zone with its offset at `now`, for confirmations.

    The offset is the one in force at `now`, so the same zone reads differently in summer. A
    fixed offset reads as the offset alone: its tz database name has the sign the other way
    round ("Etc/GMT-1" is UTC+01:00), which would only confuse.
    """
    offset = now.astimezone(as_zone(zone)).utcoffset()
    minutes = round(offset.total_seconds() / 60) if offset is not None else 0
    sign = "-" if minutes < 0 else "+"
    hours, minutes = divmod(abs(minutes), 60)
    utc = f"UTC{sign}{hours:02d}:{minutes:02d}"
    return utc if zone == "UTC" or zone.startswith("Etc/") else f"{zone} ({utc})"


def canonical_zone(name: str, places: Places | None = None) -> str:
    """The current name for a zone name, following tzdata's links for old spellings."""
    return _given_or_installed(places).canonical(name)


def is_known_zone(name: str, places: Places | None = None) -> bool:
    """Whether `name` is a zone this machine's tz database can load (for stored values)."""
    return _given_or_installed(places).is_known(name)


def _offset_zones(compact: str, places: Places) -> list[str]:
    match = _OFFSET.fullmatch(compact)
    assert match is not None
    sign, hours, minutes = match.group(1), int(match.group(2)), int(match.group(3) or 0)
    total = (hours * 60 + minutes) * (-1 if sign == "-" else 1)
    if minutes > 59 or not -12 * 60 <= total <= 14 * 60:
        return []
    if minutes == 0:
        return [offset_zone(total // 60)]
    return places.known(_PART_HOUR_ZONES.get(total, ()))


def _extend(found: list[str], zones: Iterable[str]) -> None:
    for zone in zones:
        if zone not in found:
            found.append(zone)
