"""Where people are: from what they type, or from a shared location, to an IANA zone name.

People answer "where are you?" with a city, a country, an abbreviation, an offset or a typo, so
`resolve_zone` offers up to three IANA names, best first, for the bot to show as buttons; it
never guesses beyond that. Names come from the tz database itself (the `tzdata` package's
zone.tab, iso3166.tab and tzdata.zi) plus a short table of cities and words that are not zone
names, so a new tzdata release brings new cities without code changes.

Old spellings are links in the tz database (Asia/Calcutta -> Asia/Kolkata, Europe/Kiev ->
Europe/Kyiv); we answer with the current name. Zones listed in zone.tab are kept as they are,
even where tzdata has merged them into another zone (Europe/Amsterdam stays Europe/Amsterdam):
a person should see their own city.
"""

from __future__ import annotations

import math
import re
import threading
import unicodedata
from collections.abc import Iterable
from datetime import datetime
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import TZPATH, available_timezones

from rapidfuzz import fuzz, process

from bot.domain.schedule import as_zone

if TYPE_CHECKING:
    from timezonefinder import TimezoneFinder

MAX_RESULTS = 3
FUZZY_CUTOFF = 80  # rapidfuzz ratio: "berln" scores 91, "new yrok" 88, "tomorrow"/"toronto" 53
FUZZY_MIN_LENGTH = 4  # below this, typos are too ambiguous to correct
UTC_NAMES = frozenset({"Etc/UTC", "Etc/GMT", "UTC"})

# Cities, countries and abbreviations that are not the last part of a zone name, best first.
_NY, _CHI, _DEN, _LA = (
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Los_Angeles",
)
_COMMON: dict[str, tuple[str, ...]] = {
    "utc": ("UTC",),
    "gmt": ("UTC",),
    "z": ("UTC",),
    "zulu": ("UTC",),
    "india": ("Asia/Kolkata",),
    "delhi": ("Asia/Kolkata",),
    "new delhi": ("Asia/Kolkata",),
    "mumbai": ("Asia/Kolkata",),
    "bombay": ("Asia/Kolkata",),
    "bangalore": ("Asia/Kolkata",),
    "bengaluru": ("Asia/Kolkata",),
    "chennai": ("Asia/Kolkata",),
    "hyderabad": ("Asia/Kolkata",),
    "ist": ("Asia/Kolkata",),
    "usa": (_NY, _CHI, _LA),
    "us": (_NY, _CHI, _LA),
    "united states": (_NY, _CHI, _LA),
    "america": (_NY, _CHI, _LA),
    "san francisco": (_LA,),
    "sf": (_LA,),
    "seattle": (_LA,),
    "la": (_LA,),
    "san diego": (_LA,),
    "las vegas": (_LA,),
    "california": (_LA,),
    "pst": (_LA,),
    "pdt": (_LA,),
    "eastern": (_NY, "America/Toronto"),
    "central": (_CHI, "America/Winnipeg"),
    "mountain": (_DEN, "America/Edmonton"),
    "pacific": (_LA, "America/Vancouver"),
    "boston": (_NY,),
    "miami": (_NY,),
    "washington": (_NY,),
    "washington dc": (_NY,),
    "nyc": (_NY,),
    "philadelphia": (_NY,),
    "atlanta": (_NY,),
    "est": (_NY,),
    "edt": (_NY,),
    "houston": (_CHI,),
    "dallas": (_CHI,),
    "austin": (_CHI,),
    "texas": (_CHI,),
    "cst": (_CHI,),
    "cdt": (_CHI,),
    "mst": (_DEN, "America/Phoenix"),
    "mdt": (_DEN,),
    "arizona": ("America/Phoenix",),
    "hawaii": ("Pacific/Honolulu",),
    "alaska": ("America/Anchorage",),
    "canada": ("America/Toronto", "America/Vancouver", "America/Edmonton"),
    "montreal": ("America/Toronto",),
    "ottawa": ("America/Toronto",),
    "calgary": ("America/Edmonton",),
    "mexico": ("America/Mexico_City", "America/Tijuana", "America/Cancun"),
    "germany": ("Europe/Berlin",),
    "munich": ("Europe/Berlin",),
    "hamburg": ("Europe/Berlin",),
    "frankfurt": ("Europe/Berlin",),
    "cologne": ("Europe/Berlin",),
    "cet": ("Europe/Berlin",),
    "cest": ("Europe/Berlin",),
    "china": ("Asia/Shanghai",),
    "beijing": ("Asia/Shanghai",),
    "shenzhen": ("Asia/Shanghai",),
    "guangzhou": ("Asia/Shanghai",),
    "russia": ("Europe/Moscow",),
    "st petersburg": ("Europe/Moscow",),
    "saint petersburg": ("Europe/Moscow",),
    "msk": ("Europe/Moscow",),
    "uk": ("Europe/London",),
    "united kingdom": ("Europe/London",),
    "britain": ("Europe/London",),
    "great britain": ("Europe/London",),
    "england": ("Europe/London",),
    "scotland": ("Europe/London",),
    "wales": ("Europe/London",),
    "manchester": ("Europe/London",),
    "edinburgh": ("Europe/London",),
    "bst": ("Europe/London",),
    "france": ("Europe/Paris",),
    "spain": ("Europe/Madrid",),
    "barcelona": ("Europe/Madrid",),
    "italy": ("Europe/Rome",),
    "milan": ("Europe/Rome",),
    "switzerland": ("Europe/Zurich",),
    "geneva": ("Europe/Zurich",),
    "bern": ("Europe/Zurich",),
    "netherlands": ("Europe/Amsterdam",),
    "eet": ("Europe/Athens",),
    "ukraine": ("Europe/Kyiv",),
    "kyiv": ("Europe/Kyiv",),
    "kiev": ("Europe/Kyiv",),
    "israel": ("Asia/Jerusalem",),
    "tel aviv": ("Asia/Jerusalem",),
    "uae": ("Asia/Dubai",),
    "abu dhabi": ("Asia/Dubai",),
    "japan": ("Asia/Tokyo",),
    "osaka": ("Asia/Tokyo",),
    "tokio": ("Asia/Tokyo",),
    "jst": ("Asia/Tokyo",),
    "korea": ("Asia/Seoul",),
    "south korea": ("Asia/Seoul",),
    "kst": ("Asia/Seoul",),
    "vietnam": ("Asia/Ho_Chi_Minh",),
    "saigon": ("Asia/Ho_Chi_Minh",),
    "hanoi": ("Asia/Bangkok",),
    "sgt": ("Asia/Singapore",),
    "australia": ("Australia/Sydney", "Australia/Adelaide", "Australia/Perth"),
    "canberra": ("Australia/Sydney",),
    "aest": ("Australia/Sydney",),
    "aedt": ("Australia/Sydney",),
    "new zealand": ("Pacific/Auckland",),
    "nz": ("Pacific/Auckland",),
    "wellington": ("Pacific/Auckland",),
    "samoa": ("Pacific/Apia",),
    "american samoa": ("Pacific/Pago_Pago",),
    "south africa": ("Africa/Johannesburg",),
    "cape town": ("Africa/Johannesburg",),
    "pretoria": ("Africa/Johannesburg",),
    "nigeria": ("Africa/Lagos",),
    "abuja": ("Africa/Lagos",),
    "kenya": ("Africa/Nairobi",),
    "turkey": ("Europe/Istanbul",),
    "ankara": ("Europe/Istanbul",),
    "brazil": ("America/Sao_Paulo", "America/Manaus"),
    "rio": ("America/Sao_Paulo",),
    "rio de janeiro": ("America/Sao_Paulo",),
    "brasilia": ("America/Sao_Paulo",),
    "argentina": ("America/Argentina/Buenos_Aires",),
    "indonesia": ("Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"),
    "bali": ("Asia/Makassar",),
    "pakistan": ("Asia/Karachi",),
    "islamabad": ("Asia/Karachi",),
    "lahore": ("Asia/Karachi",),
    "bangladesh": ("Asia/Dhaka",),
    "iran": ("Asia/Tehran",),
    "saudi arabia": ("Asia/Riyadh",),
    "philippines": ("Asia/Manila",),
    "thailand": ("Asia/Bangkok",),
}

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


def normalise(text: str) -> str:
    """Lower-case ASCII words: "São Paulo", "sao_paulo" and "SAO-PAULO" all become "sao paulo"."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    plain = re.sub(r"[.'’`]", "", plain.casefold())
    return " ".join(re.sub(r"[\s_\-,]+", " ", plain).split())


def resolve_zone(text: str) -> list[str]:
    """Up to three IANA zone names for what a person typed, best first; [] if nothing fits.

    Tried in order: a UTC offset ("UTC+2", "-03:30"), an exact key (zone name, city, country,
    abbreviation), then a typo-tolerant match for words of four letters or more.
    """
    compact = "".join(text.split()).casefold().replace("−", "-")
    if _OFFSET.fullmatch(compact):
        return _offset_zones(compact)
    key = normalise(text)
    if not key:
        return []
    index = _index()
    for exact in (text.strip().casefold(), key):
        if exact in index:
            return list(index[exact])
    if len(key) < FUZZY_MIN_LENGTH or not any(char.isalpha() for char in key):
        return []
    found: list[str] = []
    for choice, _, _ in process.extract(
        key, _choices(), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=10
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

    The offset is the one in force at `now`, so the same zone reads differently in summer.
    """
    offset = now.astimezone(as_zone(zone)).utcoffset()
    minutes = round(offset.total_seconds() / 60) if offset is not None else 0
    sign = "-" if minutes < 0 else "+"
    hours, minutes = divmod(abs(minutes), 60)
    return f"{zone} (UTC{sign}{hours:02d}:{minutes:02d})"


def canonical_zone(name: str) -> str:
    """The current name for a zone name, following tzdata's links for old spellings."""
    links, located = _links(), _located_set()
    seen = {name}
    while name not in located and name in links and links[name] not in seen:
        name = links[name]
        seen.add(name)
    return "UTC" if name in UTC_NAMES else name


def is_known_zone(name: str) -> bool:
    """Whether `name` is a zone this machine's tz database can load (for stored values)."""
    return name in _available()


_FINDER_LOCK = threading.Lock()


def zone_for_location(latitude: float, longitude: float) -> str | None:
    """The zone at a shared location, None for coordinates that are not on Earth.

    The timezonefinder data is read from files on each lookup, so callers in async code run
    this in a thread (`await asyncio.to_thread(zone_for_location, lat, lon)`); a lock keeps
    the one shared finder to one lookup at a time. Open sea has nautical zones (Etc/GMT+10 in
    the middle of the Pacific), which is what a ship keeps; if the data has no zone at all, we
    fall back to the nautical zone for the longitude, because a zone near the right offset is
    better than asking a person at sea to type a city.
    """
    if not (math.isfinite(latitude) and math.isfinite(longitude)):
        return None
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return None
    with _FINDER_LOCK:
        name = _finder().timezone_at(lng=longitude, lat=latitude)
    if name is not None:
        name = canonical_zone(name)
        if is_known_zone(name):
            return name
    return offset_zone(max(-12, min(12, round(longitude / 15))))


@cache
def _finder() -> TimezoneFinder:
    """One TimezoneFinder per process, made on first use: construction opens its data files."""
    from timezonefinder import TimezoneFinder

    return TimezoneFinder()


def _offset_zones(compact: str) -> list[str]:
    match = _OFFSET.fullmatch(compact)
    assert match is not None
    sign, hours, minutes = match.group(1), int(match.group(2)), int(match.group(3) or 0)
    total = (hours * 60 + minutes) * (-1 if sign == "-" else 1)
    if minutes > 59 or not -12 * 60 <= total <= 14 * 60:
        return []
    if minutes == 0:
        return [offset_zone(total // 60)]
    return _known(_PART_HOUR_ZONES.get(total, ()))


def _known(zones: Iterable[str]) -> list[str]:
    """Current names of the zones this tz database has, in order, without repeats."""
    found: list[str] = []
    for zone in zones:
        name = zone if is_known_zone(zone) else _OLD_SPELLINGS.get(zone, "")
        if is_known_zone(name):
            current = canonical_zone(name)
            _extend(found, [current if is_known_zone(current) else name])
    return found[:MAX_RESULTS]


def _extend(found: list[str], zones: Iterable[str]) -> None:
    for zone in zones:
        if zone not in found:
            found.append(zone)


@cache
def _index() -> dict[str, list[str]]:
    """Every exact key we understand, mapped to zone names best first.

    The table of common names wins outright; otherwise zone names, cities, countries and old
    spellings contribute in that order.
    """
    sources: dict[str, list[str]] = {}

    def add(key: str, zones: Iterable[str]) -> None:
        if key and key not in _COMMON:
            _extend(sources.setdefault(key, []), _known(zones))

    for name in sorted(_available()):
        add(name.casefold(), [name])
        add(normalise(name), [name])
    located = _located()
    for zone in located:
        add(normalise(zone.rsplit("/", 1)[-1]), [zone])
    for key, zones in _countries(located).items():
        add(key, zones)
    for alias in sorted(_links()):
        area, _, city = alias.rpartition("/")
        if area and area != "Etc" and not city.isupper() and city.casefold() not in _DIRECTIONS:
            add(normalise(city), [alias])
    index = {key: _known(zones) for key, zones in _COMMON.items()}
    index.update((key, zones[:MAX_RESULTS]) for key, zones in sources.items() if zones)
    return {key: zones for key, zones in index.items() if zones}


@cache
def _choices() -> list[str]:
    return [key for key in _index() if len(key) >= FUZZY_MIN_LENGTH]


@cache
def _available() -> frozenset[str]:
    return frozenset(available_timezones())


def _tz_table(name: str) -> list[list[str]]:
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


@cache
def _links() -> dict[str, str]:
    """Old and merged names -> their target, from tzdata.zi lines "L target alias"."""
    links: dict[str, str] = {}
    for row in _tz_table("tzdata.zi"):
        parts = row[0].split()
        if len(parts) == 3 and parts[0] == "L":
            links[parts[2]] = parts[1]
    return links


@cache
def _located() -> tuple[str, ...]:
    """Zones with a place on the map (zone.tab), country by country, main zone first."""
    return tuple(row[2] for row in _tz_table("zone.tab") if len(row) >= 3 and is_known_zone(row[2]))


@cache
def _located_set() -> frozenset[str]:
    return frozenset(_located())


def _countries(located: tuple[str, ...]) -> dict[str, list[str]]:
    """Country names (and their parenthesised forms: "Korea (South)") -> that country's zones."""
    by_code: dict[str, list[str]] = {}
    for row in _tz_table("zone.tab"):
        if len(row) >= 3 and row[2] in located:
            by_code.setdefault(row[0], []).append(row[2])
    countries: dict[str, list[str]] = {}
    for row in _tz_table("iso3166.tab"):
        if len(row) < 2 or row[0] not in by_code:
            continue
        base, _, qualifier = row[1].partition("(")
        base, qualifier = normalise(base.replace("&", "and")), normalise(qualifier.rstrip(")"))
        for key in (base, f"{qualifier} {base}".strip(), f"{base} {qualifier}".strip()):
            countries.setdefault(key, []).extend(by_code[row[0]])
    return countries
