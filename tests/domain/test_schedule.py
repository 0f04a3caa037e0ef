"""Reminder arithmetic across zones, DST gaps and overlaps, and skipped days."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from itertools import pairwise
from zoneinfo import ZoneInfo, available_timezones

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.schedule import (
    EVERY_DAY,
    Occurrence,
    as_zone,
    day_bounds,
    local_date,
    local_now,
    mask_days,
    next_due,
    next_occurrence,
    resolve_local,
    weekday_mask,
)

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)
SECOND = timedelta(seconds=1)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def wall(instant: datetime, zone: str | ZoneInfo) -> datetime:
    return instant.astimezone(as_zone(zone)).replace(tzinfo=None)


def walk(now: datetime, at: time, zone: str, weekdays: int, count: int) -> list[Occurrence]:
    """Feed each reminder back in as `now`, the way the tick advances a subscription."""
    found = []
    for _ in range(count):
        found.append(next_occurrence(now, at, zone, weekdays))
        now = found[-1].due
    return found


# --- single days: ordinary, gap, just outside the gap, overlap, just outside the overlap ------

CASES = [
    # zone, local day, wall time, expected UTC instant
    ("Europe/Berlin", date(2026, 6, 10), time(7, 30), utc(2026, 6, 10, 5, 30)),
    ("Europe/Berlin", date(2026, 1, 10), time(7, 30), utc(2026, 1, 10, 6, 30)),
    ("Europe/Berlin", date(2026, 3, 29), time(2, 30), utc(2026, 3, 29, 1, 0)),
    ("Europe/Berlin", date(2026, 3, 29), time(2, 0), utc(2026, 3, 29, 1, 0)),
    ("Europe/Berlin", date(2026, 3, 29), time(1, 59), utc(2026, 3, 29, 0, 59)),
    ("Europe/Berlin", date(2026, 3, 29), time(3, 0), utc(2026, 3, 29, 1, 0)),
    ("Europe/Berlin", date(2026, 3, 29), time(3, 1), utc(2026, 3, 29, 1, 1)),
    ("Europe/Berlin", date(2026, 10, 25), time(2, 30), utc(2026, 10, 25, 0, 30)),
    ("Europe/Berlin", date(2026, 10, 25), time(2, 0), utc(2026, 10, 25, 0, 0)),
    ("Europe/Berlin", date(2026, 10, 25), time(1, 59), utc(2026, 10, 24, 23, 59)),
    ("Europe/Berlin", date(2026, 10, 25), time(3, 0), utc(2026, 10, 25, 2, 0)),
    ("America/New_York", date(2026, 6, 10), time(7, 30), utc(2026, 6, 10, 11, 30)),
    ("America/New_York", date(2026, 3, 8), time(2, 30), utc(2026, 3, 8, 7, 0)),
    ("America/New_York", date(2026, 3, 8), time(1, 59), utc(2026, 3, 8, 6, 59)),
    ("America/New_York", date(2026, 3, 8), time(3, 0), utc(2026, 3, 8, 7, 0)),
    ("America/New_York", date(2026, 11, 1), time(1, 30), utc(2026, 11, 1, 5, 30)),
    ("America/New_York", date(2026, 11, 1), time(0, 59), utc(2026, 11, 1, 4, 59)),
    ("America/New_York", date(2026, 11, 1), time(2, 0), utc(2026, 11, 1, 7, 0)),
    ("Australia/Lord_Howe", date(2026, 6, 10), time(7, 30), utc(2026, 6, 9, 21, 0)),
    ("Australia/Lord_Howe", date(2026, 10, 4), time(2, 15), utc(2026, 10, 3, 15, 30)),
    ("Australia/Lord_Howe", date(2026, 10, 4), time(1, 59), utc(2026, 10, 3, 15, 29)),
    ("Australia/Lord_Howe", date(2026, 10, 4), time(2, 30), utc(2026, 10, 3, 15, 30)),
    ("Australia/Lord_Howe", date(2026, 4, 5), time(1, 45), utc(2026, 4, 4, 14, 45)),
    ("Australia/Lord_Howe", date(2026, 4, 5), time(1, 29), utc(2026, 4, 4, 14, 29)),
    ("Australia/Lord_Howe", date(2026, 4, 5), time(2, 0), utc(2026, 4, 4, 15, 30)),
    ("Asia/Kathmandu", date(2026, 6, 10), time(7, 30), utc(2026, 6, 10, 1, 45)),
    ("Asia/Kathmandu", date(1986, 1, 1), time(0, 10), utc(1985, 12, 31, 18, 30)),
    ("Asia/Kathmandu", date(1986, 1, 1), time(0, 15), utc(1985, 12, 31, 18, 30)),
    ("Pacific/Chatham", date(2026, 6, 10), time(7, 30), utc(2026, 6, 9, 18, 45)),
    ("Pacific/Chatham", date(2026, 9, 27), time(3, 0), utc(2026, 9, 26, 14, 0)),
    ("Pacific/Chatham", date(2026, 9, 27), time(2, 44), utc(2026, 9, 26, 13, 59)),
    ("Pacific/Chatham", date(2026, 9, 27), time(3, 45), utc(2026, 9, 26, 14, 0)),
    ("Pacific/Chatham", date(2026, 4, 5), time(3, 0), utc(2026, 4, 4, 13, 15)),
    ("Pacific/Chatham", date(2026, 4, 5), time(3, 45), utc(2026, 4, 4, 15, 0)),
    ("UTC", date(2026, 3, 29), time(2, 30), utc(2026, 3, 29, 2, 30)),
    ("UTC", date(2026, 10, 25), time(0, 0), utc(2026, 10, 25, 0, 0)),
    # zones whose gap starts at midnight: 00:00 itself does not exist, the day starts at 01:00
    ("America/Santiago", date(2026, 9, 6), time(0, 0), utc(2026, 9, 6, 4, 0)),
    ("America/Santiago", date(2026, 9, 6), time(0, 30), utc(2026, 9, 6, 4, 0)),
    ("America/Santiago", date(2026, 4, 4), time(23, 30), utc(2026, 4, 5, 2, 30)),
    ("Asia/Beirut", date(2026, 3, 29), time(0, 0), utc(2026, 3, 28, 22, 0)),
    ("America/Havana", date(2026, 3, 8), time(0, 30), utc(2026, 3, 8, 5, 0)),
    ("Africa/Cairo", date(2026, 4, 24), time(0, 0), utc(2026, 4, 23, 22, 0)),
    ("Atlantic/Azores", date(2026, 3, 29), time(0, 15), utc(2026, 3, 29, 1, 0)),
    # Greenland's gap is 23:00-24:00 on Saturday: the first valid instant is Sunday 00:00
    ("America/Nuuk", date(2026, 3, 28), time(23, 30), utc(2026, 3, 29, 1, 0)),
    # Samoa skipped 2011-12-30 entirely: its reminders move to the first instant of the 31st
    ("Pacific/Apia", date(2011, 12, 30), time(9, 0), utc(2011, 12, 30, 10, 0)),
]


def case_id(case: tuple[str, date, time, datetime]) -> str:
    zone, day, at, _ = case
    return f"{zone}-{day}-{at:%H%M}"


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_resolve_local(case: tuple[str, date, time, datetime]) -> None:
    zone, day, at, expected = case
    assert resolve_local(day, at, zone) == expected
    assert resolve_local(day, at, ZoneInfo(zone)).tzinfo is UTC


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_next_due_lands_once_on_that_day(case: tuple[str, date, time, datetime]) -> None:
    zone, day, at, expected = case
    assert next_due(expected - timedelta(hours=12), at, zone) == expected
    assert next_occurrence(expected - SECOND, at, zone) == Occurrence(day, expected)
    following = next_occurrence(expected, at, zone)
    assert following.day == day + timedelta(days=1)
    if local_date(expected, zone) == day:  # not pushed past midnight by a gap
        assert following.due > expected + timedelta(hours=20)


def test_gap_moves_forward_not_by_the_gap_length() -> None:
    """Python alone would say 03:30 CEST for Berlin's nonexistent 02:30; we want 03:00."""
    naive_answer = datetime(2026, 3, 29, 2, 30, tzinfo=ZoneInfo("Europe/Berlin"))
    assert naive_answer.astimezone(UTC) == utc(2026, 3, 29, 1, 30)
    assert wall(
        resolve_local(date(2026, 3, 29), time(2, 30), "Europe/Berlin"), "Europe/Berlin"
    ) == (datetime(2026, 3, 29, 3, 0))


def test_overlap_gives_exactly_one_reminder_even_from_the_second_occurrence() -> None:
    second_0230 = datetime(2026, 10, 25, 2, 30, fold=1, tzinfo=ZoneInfo("Europe/Berlin"))
    following = next_due(second_0230.astimezone(UTC), time(2, 30), "Europe/Berlin")
    assert following == utc(2026, 10, 26, 1, 30)
    assert next_due(utc(2026, 10, 25, 0, 15), time(2, 30), "Europe/Berlin") == utc(
        2026, 10, 25, 0, 30
    )


def test_now_exactly_at_due_gives_the_next_day() -> None:
    due = utc(2026, 6, 10, 5, 30)
    assert next_due(due, time(7, 30), "Europe/Berlin") == utc(2026, 6, 11, 5, 30)
    assert next_due(due - timedelta(microseconds=1), time(7, 30), "Europe/Berlin") == due


def test_now_in_any_zone_is_accepted() -> None:
    now = datetime(2026, 6, 10, 1, 0, tzinfo=ZoneInfo("Asia/Tokyo"))
    assert next_due(now, time(7, 30), "Europe/Berlin") == utc(2026, 6, 10, 5, 30)


# --- a week across each change: one reminder per local day, at the chosen time ---------------

WEEKS = [
    # zone, wall time, first day, gap day or None, the wall time the gap day moves to
    ("Europe/Berlin", time(7, 30), date(2026, 3, 25), None, None),
    ("Europe/Berlin", time(2, 30), date(2026, 3, 25), date(2026, 3, 29), time(3, 0)),
    ("Europe/Berlin", time(2, 30), date(2026, 10, 22), None, None),
    ("America/New_York", time(2, 30), date(2026, 3, 5), date(2026, 3, 8), time(3, 0)),
    ("America/New_York", time(1, 30), date(2026, 10, 29), None, None),
    ("Australia/Lord_Howe", time(2, 15), date(2026, 10, 1), date(2026, 10, 4), time(2, 30)),
    ("Australia/Lord_Howe", time(1, 45), date(2026, 4, 2), None, None),
    ("Asia/Kathmandu", time(0, 10), date(1985, 12, 29), date(1986, 1, 1), time(0, 15)),
    ("Asia/Kathmandu", time(7, 30), date(2026, 3, 25), None, None),
    ("Pacific/Chatham", time(3, 0), date(2026, 9, 24), date(2026, 9, 27), time(3, 45)),
    ("Pacific/Chatham", time(3, 0), date(2026, 4, 2), None, None),
    ("America/Santiago", time(0, 0), date(2026, 9, 3), date(2026, 9, 6), time(1, 0)),
    ("America/Santiago", time(23, 30), date(2026, 4, 1), None, None),
    ("UTC", time(7, 30), date(2026, 3, 25), None, None),
]


@pytest.mark.parametrize("week", WEEKS, ids=lambda w: f"{w[0]}-{w[2]}-{w[1]:%H%M}")
def test_week_across_a_change(week: tuple[str, time, date, date | None, time | None]) -> None:
    zone, at, first, gap_day, gap_time = week
    now = resolve_local(first - timedelta(days=1), at, zone)
    found = walk(now, at, zone, EVERY_DAY, 8)
    for offset, occurrence in enumerate(found):
        day = first + timedelta(days=offset)
        expected = gap_time if day == gap_day else at
        assert occurrence.day == day
        assert wall(occurrence.due, zone) == datetime.combine(day, expected)


# --- weekdays ---------------------------------------------------------------------------------


def test_weekday_mask_round_trip() -> None:
    assert weekday_mask(range(7)) == EVERY_DAY
    assert weekday_mask([MON, WED, FRI]) == 0b10101
    assert mask_days(0b1100000) == (SAT, SUN)
    assert mask_days(weekday_mask([SUN, MON])) == (MON, SUN)
    with pytest.raises(ValueError):
        weekday_mask([7])


@pytest.mark.parametrize("mask", [0, -1, 128])
def test_bad_masks_are_refused(mask: int) -> None:
    with pytest.raises(ValueError):
        next_due(utc(2026, 6, 1), time(7, 30), "UTC", mask)
    with pytest.raises(ValueError):
        mask_days(mask)


def test_naive_now_is_refused() -> None:
    with pytest.raises(ValueError):
        next_due(datetime(2026, 6, 1, 7, 30), time(7, 30), "UTC")
    with pytest.raises(ValueError):
        resolve_local(date(2026, 6, 1), time(7, 30, tzinfo=UTC), "UTC")


def test_monday_wednesday_friday() -> None:
    now = utc(2026, 5, 31, 12, 0)  # a Sunday
    found = walk(now, time(7, 30), "Europe/Berlin", weekday_mask([MON, WED, FRI]), 6)
    assert [o.day for o in found] == [date(2026, 6, d) for d in (1, 3, 5, 8, 10, 12)]
    assert [o.due.hour for o in found] == [5] * 6


def test_weekend_only_across_the_spring_change() -> None:
    now = utc(2026, 3, 23, 12, 0)  # Monday before Berlin's change
    found = walk(now, time(2, 30), "Europe/Berlin", weekday_mask([SAT, SUN]), 4)
    assert [o.day for o in found] == [date(2026, 3, d) for d in (28, 29)] + [
        date(2026, 4, 4),
        date(2026, 4, 5),
    ]
    assert [wall(o.due, "Europe/Berlin").time() for o in found] == [
        time(2, 30),
        time(3, 0),
        time(2, 30),
        time(2, 30),
    ]


# --- skipped days and gaps that cross midnight ----------------------------------------------


def test_a_skipped_day_sends_its_reminder_first_thing_the_next_day() -> None:
    found = walk(utc(2011, 12, 28, 22), time(9, 0), "Pacific/Apia", EVERY_DAY, 3)
    assert [o.day for o in found] == [date(2011, 12, 29), date(2011, 12, 30), date(2011, 12, 31)]
    assert [wall(o.due, "Pacific/Apia") for o in found] == [
        datetime(2011, 12, 29, 9, 0),
        datetime(2011, 12, 31, 0, 0),
        datetime(2011, 12, 31, 9, 0),
    ]


def test_a_skipped_day_at_midnight_collapses_into_one_reminder() -> None:
    found = walk(utc(2011, 12, 28, 22), time(0, 0), "Pacific/Apia", EVERY_DAY, 3)
    assert [o.day for o in found] == [date(2011, 12, 29), date(2011, 12, 30), date(2012, 1, 1)]
    assert resolve_local(date(2011, 12, 31), time(0, 0), "Pacific/Apia") == found[1].due


def test_a_gap_before_midnight_keeps_the_day_it_was_for() -> None:
    found = walk(utc(2026, 3, 27, 12), time(23, 30), "America/Nuuk", EVERY_DAY, 3)
    assert [o.day for o in found] == [date(2026, 3, 27), date(2026, 3, 28), date(2026, 3, 29)]
    assert [local_date(o.due, "America/Nuuk") for o in found] == [
        date(2026, 3, 27),
        date(2026, 3, 29),
        date(2026, 3, 29),
    ]


# --- local days -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("zone", "day", "hours"),
    [
        ("Europe/Berlin", date(2026, 6, 10), 24),
        ("Europe/Berlin", date(2026, 3, 29), 23),
        ("Europe/Berlin", date(2026, 10, 25), 25),
        ("Australia/Lord_Howe", date(2026, 10, 4), 23.5),
        ("Australia/Lord_Howe", date(2026, 4, 5), 24.5),
        ("America/Santiago", date(2026, 9, 6), 23),
        ("America/Santiago", date(2026, 4, 4), 25),
        ("America/Nuuk", date(2026, 3, 28), 23),
        ("Pacific/Apia", date(2011, 12, 30), 0),
        ("UTC", date(2026, 3, 29), 24),
    ],
)
def test_day_bounds(zone: str, day: date, hours: float) -> None:
    start, end = day_bounds(day, zone)
    assert end - start == timedelta(hours=hours)
    if hours:
        assert local_date(start, zone) == day
        assert local_date(end - SECOND, zone) == day
        assert local_date(start - SECOND, zone) < day


def test_santiago_spring_day_starts_at_one() -> None:
    start, _ = day_bounds(date(2026, 9, 6), "America/Santiago")
    assert wall(start, "America/Santiago") == datetime(2026, 9, 6, 1, 0)


def test_local_now_and_local_date() -> None:
    now = utc(2026, 6, 10, 22, 30)
    assert local_now(now, "Europe/Berlin") == now
    assert local_now(now, "Europe/Berlin").utcoffset() == timedelta(hours=2)
    assert local_date(now, "Europe/Berlin") == date(2026, 6, 11)
    assert local_date(now, "America/New_York") == date(2026, 6, 10)
    assert local_date(now, ZoneInfo("Asia/Kathmandu")) == date(2026, 6, 11)


# --- properties over every zone ----------------------------------------------------------------

ALL_ZONES = sorted(available_timezones())
YEARS = range(1971, 2038)
wall_times = st.builds(time, st.integers(0, 23), st.integers(0, 59))
masks = st.integers(1, EVERY_DAY)


def check_walk(now: datetime, at: time, zone: str, weekdays: int) -> None:
    """The properties every walk of reminders must have, whatever the zone does."""
    tz = as_zone(zone)
    first = next_occurrence(now, at, zone, weekdays)
    assert next_due(now, at, zone, weekdays) == first.due
    assert now < first.due <= now + timedelta(days=8)
    found = [first, *walk(first.due, at, zone, weekdays, 10)]
    for previous, current in pairwise(found):
        assert previous.due < current.due
        assert previous.day < current.day
        # every chosen day in between collapsed onto the previous instant (a skipped day)
        between = previous.day + timedelta(days=1)
        while between < current.day:
            if weekdays >> between.weekday() & 1:
                assert resolve_local(between, at, tz) == previous.due
            between += timedelta(days=1)
    for occurrence in found:
        assert occurrence.due.tzinfo is UTC
        assert weekdays >> occurrence.day.weekday() & 1
        wanted = datetime.combine(occurrence.day, at)
        landed = wall(occurrence.due, tz)
        if landed != wanted:
            # the wanted wall time does not exist: we are at the first instant after the gap
            assert wall(occurrence.due - SECOND, tz) < wanted < landed
            assert landed.date() - occurrence.day <= timedelta(days=1)


@settings(max_examples=300, deadline=None)
@given(
    zone=st.sampled_from(ALL_ZONES),
    now=st.datetimes(datetime(1971, 1, 1), datetime(2037, 12, 31), timezones=st.just(UTC)),
    at=wall_times,
    weekdays=masks,
)
def test_properties_in_every_zone(zone: str, now: datetime, at: time, weekdays: int) -> None:
    check_walk(now, at, zone, weekdays)


@cache
def changing_years() -> dict[str, list[int]]:
    """Zones and years whose January and July offsets differ, i.e. that had DST that year."""
    found: dict[str, list[int]] = {}
    for name in ALL_ZONES:
        tz = as_zone(name)
        for year in YEARS:
            winter = datetime(year, 1, 15, tzinfo=tz).utcoffset()
            if winter != datetime(year, 7, 15, tzinfo=tz).utcoffset():
                found.setdefault(name, []).append(year)
    return found


def transitions(zone: str, year: int) -> list[datetime]:
    """The UTC instants at which the zone's offset changes during one year."""
    tz = as_zone(zone)
    found = []
    step = timedelta(hours=6)
    instant = utc(year, 1, 1)
    while instant.year == year:
        after = instant + step
        if instant.astimezone(tz).utcoffset() != after.astimezone(tz).utcoffset():
            low, high = instant, after
            while high - low > SECOND:
                middle = low + (high - low) // 2
                same = middle.astimezone(tz).utcoffset() == low.astimezone(tz).utcoffset()
                low, high = (middle, high) if same else (low, middle)
            found.append(high)
        instant = after
    return found


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_properties_around_dst_changes(data: st.DataObject) -> None:
    """Aim the reminder time at the hours around a real change, where random times rarely land."""
    zone = data.draw(st.sampled_from(sorted(changing_years())))
    year = data.draw(st.sampled_from(changing_years()[zone]))
    change = data.draw(st.sampled_from(transitions(zone, year)))
    tz = as_zone(zone)
    near = (change + timedelta(minutes=data.draw(st.integers(-150, 150)))).astimezone(tz)
    at = time(near.hour, near.minute)
    now = change - timedelta(minutes=data.draw(st.integers(1, 4 * 24 * 60)))
    check_walk(now, at, zone, data.draw(masks))
