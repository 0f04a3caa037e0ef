"""Finding a person's time zone from what they type or where they are."""

from __future__ import annotations

import ast
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo, available_timezones

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.zones import (
    Places,
    TzNames,
    canonical_zone,
    describe_zone,
    installed_places,
    is_known_zone,
    normalise,
    offset_zone,
    resolve_zone,
    use_places,
)
from bot.places import load_places, zone_for_location

KYIV = "Europe/Kyiv" if "Europe/Kyiv" in available_timezones() else "Europe/Kiev"


@pytest.fixture(autouse=True, scope="module")
def _places() -> None:
    """The names start-up loads: the tz database plus the packaged table of common names."""
    use_places(load_places())


@pytest.mark.parametrize(
    ("text", "best"),
    [
        # IANA names, any case; old spellings answer with the current name
        ("Europe/Berlin", "Europe/Berlin"),
        ("asia/kolkata", "Asia/Kolkata"),
        ("ASIA/CALCUTTA", "Asia/Kolkata"),
        ("America/New_York", "America/New_York"),
        ("america/new york", "America/New_York"),
        ("US/Eastern", "America/New_York"),
        ("Etc/GMT-2", "Etc/GMT-2"),
        ("Europe/Amsterdam", "Europe/Amsterdam"),
        # cities that are the last part of a zone name
        ("Berlin", "Europe/Berlin"),
        ("  berlin ", "Europe/Berlin"),
        ("new york", "America/New_York"),
        ("New_York", "America/New_York"),
        ("Sao Paulo", "America/Sao_Paulo"),
        ("são paulo", "America/Sao_Paulo"),
        ("los angeles", "America/Los_Angeles"),
        ("Kathmandu", "Asia/Kathmandu"),
        ("Buenos Aires", "America/Argentina/Buenos_Aires"),
        ("Mexico City", "America/Mexico_City"),
        ("St. John's", "America/St_Johns"),
        ("port au prince", "America/Port-au-Prince"),
        ("Zürich", "Europe/Zurich"),
        ("Melbourne", "Australia/Melbourne"),
        ("Moscow", "Europe/Moscow"),
        ("London", "Europe/London"),
        ("Paris", "Europe/Paris"),
        ("Toronto", "America/Toronto"),
        ("Dubai", "Asia/Dubai"),
        ("Singapore", "Asia/Singapore"),
        ("Tokyo", "Asia/Tokyo"),
        ("Seoul", "Asia/Seoul"),
        ("Sydney", "Australia/Sydney"),
        ("Auckland", "Pacific/Auckland"),
        ("Johannesburg", "Africa/Johannesburg"),
        ("Lagos", "Africa/Lagos"),
        ("Cairo", "Africa/Cairo"),
        ("Istanbul", "Europe/Istanbul"),
        ("Chicago", "America/Chicago"),
        ("Denver", "America/Denver"),
        ("Phoenix", "America/Phoenix"),
        ("Honolulu", "Pacific/Honolulu"),
        ("Anchorage", "America/Anchorage"),
        ("Vancouver", "America/Vancouver"),
        ("Lima", "America/Lima"),
        ("Bogota", "America/Bogota"),
        ("Bogotá", "America/Bogota"),
        ("Jakarta", "Asia/Jakarta"),
        ("Manila", "Asia/Manila"),
        ("Bangkok", "Asia/Bangkok"),
        ("Karachi", "Asia/Karachi"),
        ("Dhaka", "Asia/Dhaka"),
        ("Tehran", "Asia/Tehran"),
        ("Riyadh", "Asia/Riyadh"),
        # common names that are not zone names
        ("Delhi", "Asia/Kolkata"),
        ("Mumbai", "Asia/Kolkata"),
        ("Bangalore", "Asia/Kolkata"),
        ("India", "Asia/Kolkata"),
        ("Calcutta", "Asia/Kolkata"),
        ("San Francisco", "America/Los_Angeles"),
        ("Seattle", "America/Los_Angeles"),
        ("LA", "America/Los_Angeles"),
        ("Boston", "America/New_York"),
        ("Miami", "America/New_York"),
        ("Washington", "America/New_York"),
        ("NYC", "America/New_York"),
        ("EST", "America/New_York"),
        ("Munich", "Europe/Berlin"),
        ("Hamburg", "Europe/Berlin"),
        ("Frankfurt", "Europe/Berlin"),
        ("Germany", "Europe/Berlin"),
        ("Beijing", "Asia/Shanghai"),
        ("China", "Asia/Shanghai"),
        ("UK", "Europe/London"),
        ("France", "Europe/Paris"),
        ("Japan", "Asia/Tokyo"),
        ("New Zealand", "Pacific/Auckland"),
        ("Cape Town", "Africa/Johannesburg"),
        ("Kyiv", KYIV),
        ("Kiev", KYIV),
        ("Hawaii", "Pacific/Honolulu"),
        ("Rio", "America/Sao_Paulo"),
        ("Egypt", "Africa/Cairo"),
        ("South Korea", "Asia/Seoul"),
        ("Korea (South)", "Asia/Seoul"),
        ("Samoa", "Pacific/Apia"),
        ("Saigon", "Asia/Ho_Chi_Minh"),
        ("Portugal", "Europe/Lisbon"),
        ("United Arab Emirates", "Asia/Dubai"),
        # UTC
        ("UTC", "UTC"),
        ("utc", "UTC"),
        ("GMT", "UTC"),
        ("Z", "UTC"),
        ("Etc/UTC", "UTC"),
        # typos
        ("Berln", "Europe/Berlin"),
        ("new yrok", "America/New_York"),
        ("Londn", "Europe/London"),
        ("Sydnay", "Australia/Sydney"),
        ("Tokio", "Asia/Tokyo"),
        ("Amsterdm", "Europe/Amsterdam"),
        ("europe/berln", "Europe/Berlin"),
        # offsets: whole hours become Etc/GMT zones, whose sign is inverted
        ("UTC+2", "Etc/GMT-2"),
        ("utc-5", "Etc/GMT+5"),
        ("UTC +3", "Etc/GMT-3"),
        ("GMT+10", "Etc/GMT-10"),
        ("+02:00", "Etc/GMT-2"),
        ("-3", "Etc/GMT+3"),
        ("−3", "Etc/GMT+3"),
        ("+14", "Etc/GMT-14"),
        ("-12", "Etc/GMT+12"),
        ("+0", "UTC"),
        ("UTC+00:00", "UTC"),
        # offsets that are not whole hours become a real zone that keeps that offset
        ("GMT+5:30", "Asia/Kolkata"),
        ("+0530", "Asia/Kolkata"),
        ("+05:45", "Asia/Kathmandu"),
        ("+9:30", "Australia/Darwin"),
        ("UTC+3:30", "Asia/Tehran"),
        ("-03:30", "America/St_Johns"),
        ("+06:30", "Asia/Yangon"),
        ("+04:30", "Asia/Kabul"),
        ("+10:30", "Australia/Lord_Howe"),
        ("+12:45", "Pacific/Chatham"),
        ("-09:30", "Pacific/Marquesas"),
        ("+08:45", "Australia/Eucla"),
    ],
)
def test_resolve_zone_best_answer(text: str, best: str) -> None:
    found = resolve_zone(text)
    assert found[0] == best
    assert 1 <= len(found) <= 3
    assert len(set(found)) == len(found)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "asdf",
        "tomorrow",
        "soon",
        "7:30",
        "7",
        "12345",
        "hello there",
        "?",
        "/",
        "zzzzzz",
        "+15",
        "-13",
        "UTC+24",
        "+05:15",
        "+05:60",
        "utc+",
        "Europe/",
        "x" * 500,
    ],
)
def test_resolve_zone_nonsense(text: str) -> None:
    assert resolve_zone(text) == []


@pytest.mark.parametrize(
    ("text", "zones"),
    [
        ("USA", ["America/New_York", "America/Chicago", "America/Los_Angeles"]),
        ("+09:30", ["Australia/Darwin", "Australia/Adelaide"]),
        ("Berlin", ["Europe/Berlin"]),
    ],
)
def test_resolve_zone_offers_alternatives_only_when_there_are_some(
    text: str, zones: list[str]
) -> None:
    assert resolve_zone(text) == zones


@pytest.mark.parametrize(
    ("hours", "zone"),
    [(-12, "Etc/GMT+12"), (-5, "Etc/GMT+5"), (0, "UTC"), (1, "Etc/GMT-1"), (14, "Etc/GMT-14")],
)
def test_offset_zone(hours: int, zone: str) -> None:
    assert offset_zone(hours) == zone
    offset = datetime(2026, 1, 1, tzinfo=ZoneInfo(zone)).utcoffset()
    assert offset is not None
    assert offset.total_seconds() == hours * 3600


@pytest.mark.parametrize("hours", [-13, 15])
def test_offset_zone_out_of_range(hours: int) -> None:
    with pytest.raises(ValueError):
        offset_zone(hours)


@pytest.mark.parametrize(
    ("latitude", "longitude", "zone"),
    [
        (52.52, 13.405, "Europe/Berlin"),
        (40.71, -74.0, "America/New_York"),
        (27.7, 85.3, "Asia/Kathmandu"),
        (-33.87, 151.21, "Australia/Sydney"),
        (50.45, 30.52, KYIV),
        (0, -150, "Etc/GMT+10"),
        (0, 0, "UTC"),
        (100, 0, None),
        (0, 200, None),
        (float("nan"), 0, None),
        (0, float("inf"), None),
    ],
)
def test_zone_for_location(latitude: float, longitude: float, zone: str | None) -> None:
    assert zone_for_location(latitude, longitude) == zone


@pytest.mark.parametrize(
    ("zone", "now", "text"),
    [
        ("Europe/Berlin", datetime(2026, 1, 10, tzinfo=UTC), "Europe/Berlin (UTC+01:00)"),
        ("Europe/Berlin", datetime(2026, 7, 10, tzinfo=UTC), "Europe/Berlin (UTC+02:00)"),
        ("America/St_Johns", datetime(2026, 1, 10, tzinfo=UTC), "America/St_Johns (UTC-03:30)"),
        ("Asia/Kathmandu", datetime(2026, 1, 10, tzinfo=UTC), "Asia/Kathmandu (UTC+05:45)"),
        ("Pacific/Chatham", datetime(2026, 1, 10, tzinfo=UTC), "Pacific/Chatham (UTC+13:45)"),
        ("UTC", datetime(2026, 1, 10, tzinfo=UTC), "UTC+00:00"),
        # Fixed offsets: the POSIX name has the sign reversed, so only the offset is shown.
        ("Etc/GMT+5", datetime(2026, 1, 10, tzinfo=UTC), "UTC-05:00"),
        ("Etc/GMT-1", datetime(2026, 1, 10, tzinfo=UTC), "UTC+01:00"),
    ],
)
def test_describe_zone(zone: str, now: datetime, text: str) -> None:
    assert describe_zone(zone, now) == text


def test_canonical_zone() -> None:
    assert canonical_zone("Asia/Calcutta") == "Asia/Kolkata"
    assert canonical_zone("Europe/Amsterdam") == "Europe/Amsterdam"
    assert canonical_zone("Etc/UTC") == "UTC"
    assert canonical_zone("Europe/Berlin") == "Europe/Berlin"
    assert is_known_zone("Europe/Berlin")
    assert not is_known_zone("Europe/Atlantis")


def test_normalise() -> None:
    assert normalise("  São_Paulo ") == "sao paulo"
    assert normalise("St. John's") == "st johns"
    assert normalise("PORT-AU-PRINCE") == "port au prince"


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), st.sampled_from(sorted(available_timezones()))))
def test_resolve_zone_never_raises_and_answers_loadable_zones(text: str) -> None:
    found = resolve_zone(text)
    assert len(found) <= 3
    for zone in found:
        ZoneInfo(zone)


@settings(max_examples=100, deadline=None)
@given(st.integers(-12 * 60, 14 * 60), st.booleans())
def test_typed_offsets_land_on_their_offset(minutes: int, with_prefix: bool) -> None:
    sign = "-" if minutes < 0 else "+"
    hours, rest = divmod(abs(minutes), 60)
    found = resolve_zone(f"{'UTC' if with_prefix else ''}{sign}{hours}:{rest:02d}")
    if rest == 0:
        zone = datetime(2026, 1, 1, tzinfo=ZoneInfo(found[0]))
        assert zone.utcoffset() is not None
        assert zone.utcoffset().total_seconds() == minutes * 60  # type: ignore[union-attr]
    for zone in found:  # part-hour zones keep that offset at least part of the year
        offsets = {datetime(2026, m, 1, tzinfo=ZoneInfo(zone)).utcoffset() for m in (1, 7)}
        assert any(o is not None and o.total_seconds() == minutes * 60 for o in offsets)


def test_every_zone_name_resolves_to_itself_or_its_current_name() -> None:
    """Except abbreviations, which mean what people mean: "EST" is New York, not Panama."""
    abbreviations = {"CET": "Europe/Berlin", "EST": "America/New_York", "MST": "America/Denver"}
    for name in sorted(available_timezones()):
        found = resolve_zone(name)
        assert found[0] == abbreviations.get(name, canonical_zone(name)), name


# The rules on a tz database small enough to read: no files, every branch of the index.
TINY = TzNames(
    available=frozenset(
        {
            "UTC",
            "Etc/UTC",
            "Europe/Berlin",
            "Europe/Kiev",
            "Asia/Kolkata",
            "Asia/Calcutta",
            "Europe/Amsterdam",
            "Europe/Brussels",
            "Asia/Seoul",
            "Asia/Tehran",
        }
    ),
    links={
        "Asia/Calcutta": "Asia/Kolkata",
        "Europe/Amsterdam": "Europe/Brussels",
        "UTC": "Etc/UTC",
        "US/Pacific": "America/Los_Angeles",
    },
    located=(
        ("DE", "Europe/Berlin"),
        ("UA", "Europe/Kiev"),
        ("IN", "Asia/Kolkata"),
        ("NL", "Europe/Amsterdam"),
        ("BE", "Europe/Brussels"),
        ("KR", "Asia/Seoul"),
        ("IR", "Asia/Tehran"),
        ("MA", "Mars/Olympus"),
    ),
    countries=(
        ("DE", "Germany"),
        ("UA", "Ukraine"),
        ("IN", "India"),
        ("NL", "Netherlands"),
        ("KR", "Korea (South)"),
        ("FR", "France"),
        ("MA", "Mars"),
    ),
)
TINY_PLACES = Places(
    TINY,
    {
        "delhi": ("Asia/Kolkata",),
        "kyiv": ("Europe/Kyiv",),
        "india": ("Asia/Calcutta",),
        "benelux": ("Europe/Amsterdam", "Europe/Brussels", "Europe/Luxembourg"),
        "atlantis": ("Atlantis/Nowhere",),
    },
)


@pytest.mark.parametrize(
    ("text", "zones"),
    [
        ("Europe/Berlin", ["Europe/Berlin"]),  # a zone name
        ("berlin", ["Europe/Berlin"]),  # a located city
        ("asia/calcutta", ["Asia/Kolkata"]),  # an old name follows its link
        ("calcutta", ["Asia/Kolkata"]),  # and so does its city
        ("amsterdam", ["Europe/Amsterdam"]),  # a located zone keeps its own name
        ("delhi", ["Asia/Kolkata"]),  # the common table
        ("india", ["Asia/Kolkata"]),  # the common table wins over the country, in current names
        ("benelux", ["Europe/Amsterdam", "Europe/Brussels"]),  # unknown zones are left out
        ("kyiv", ["Europe/Kiev"]),  # a tz database older than 2022b
        ("kiev", ["Europe/Kiev"]),
        ("ukraine", ["Europe/Kiev"]),  # a country
        ("korea", ["Asia/Seoul"]),  # a country's parenthesised forms
        ("south korea", ["Asia/Seoul"]),
        ("korea south", ["Asia/Seoul"]),
        ("germny", ["Europe/Berlin"]),  # a typo
        ("utc", ["UTC"]),
        ("Etc/UTC", ["UTC"]),
        ("+03:30", ["Asia/Tehran"]),  # a part-hour offset, among the zones this database has
        ("+05:30", ["Asia/Kolkata"]),
        ("+2", ["Etc/GMT-2"]),
        ("france", []),  # a country without zones here
        ("mars", []),  # a country whose only zone cannot be loaded
        ("olympus", []),
        ("atlantis", []),  # a common name whose zones are all unknown
        ("paris", []),
        ("pacific", []),  # US/Pacific's target is not here, and US/ is not a city
    ],
)
def test_resolve_zone_on_given_places(text: str, zones: list[str]) -> None:
    assert resolve_zone(text, TINY_PLACES) == zones


@pytest.mark.parametrize(
    ("name", "canonical", "known"),
    [
        ("Asia/Calcutta", "Asia/Kolkata", True),
        ("Europe/Amsterdam", "Europe/Amsterdam", True),
        ("Europe/Brussels", "Europe/Brussels", True),
        ("UTC", "UTC", True),
        ("Etc/UTC", "UTC", True),
        ("US/Pacific", "America/Los_Angeles", False),
        ("Europe/Atlantis", "Europe/Atlantis", False),
    ],
)
def test_canonical_and_known_on_given_places(name: str, canonical: str, known: bool) -> None:
    assert canonical_zone(name, TINY_PLACES) == canonical
    assert is_known_zone(name, TINY_PLACES) is known


@pytest.mark.parametrize(
    ("zone", "current"),
    [
        ("Europe/Berlin", "Europe/Berlin"),
        ("Asia/Calcutta", "Asia/Kolkata"),
        ("Europe/Kyiv", "Europe/Kiev"),
        ("Europe/Paris", None),
        ("", None),
    ],
)
def test_current_name(zone: str, current: str | None) -> None:
    assert TINY_PLACES.current(zone) == current


def test_links_that_loop_end() -> None:
    loop = TzNames(frozenset({"A/B", "B/C"}), {"A/B": "B/C", "B/C": "A/B"}, (), ())
    assert canonical_zone("A/B", Places(loop, {})) == "B/C"  # stops before going round again


def test_without_places_the_rules_say_what_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("bot.domain.zones._installed", None)
    with pytest.raises(RuntimeError, match="no place names loaded"):
        resolve_zone("berlin")
    use_places(TINY_PLACES)
    assert installed_places() is TINY_PLACES
    assert resolve_zone("germany") == ["Europe/Berlin"]


FILE_READERS = {"importlib", "io", "os", "pathlib", "shutil", "timezonefinder", "tzdata"}
LOWER_LAYERS_ONLY = {"bot.places", "bot.storage", "bot.telegram", "bot.usecases"}


def test_the_domain_reads_no_files() -> None:
    """The rules get their data handed in; reading files is `bot.places`'s job."""
    domain = Path(__file__).parents[2] / "bot" / "domain"
    for path in sorted(domain.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            for name in names:
                assert name.split(".")[0] not in FILE_READERS, (path.name, name)
                assert not any(name.startswith(layer) for layer in LOWER_LAYERS_ONLY), (
                    path.name,
                    name,
                )
