"""Finding a person's time zone from what they type or where they are."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo, available_timezones

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.zones import (
    canonical_zone,
    describe_zone,
    is_known_zone,
    normalise,
    offset_zone,
    resolve_zone,
    zone_for_location,
)

KYIV = "Europe/Kyiv" if "Europe/Kyiv" in available_timezones() else "Europe/Kiev"


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
        ("UTC", datetime(2026, 1, 10, tzinfo=UTC), "UTC (UTC+00:00)"),
        ("Etc/GMT+5", datetime(2026, 1, 10, tzinfo=UTC), "Etc/GMT+5 (UTC-05:00)"),
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
