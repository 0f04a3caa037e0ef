"""When the next reminder is due: local wall time, IANA zones and DST, turned into UTC instants.

The database stores each subscription's local time, zone and next due instant in UTC; this
module is the arithmetic behind that instant. It is pure: every function is handed `now`.

Two rules decide the awkward days (see DESIGN.md, "Reminders"):

- A wall time that does not exist (inside a DST gap) moves FORWARD to the first valid instant,
  which is the transition itself: Berlin 02:30 on a spring-forward day is 03:00 CEST. Python's
  own arithmetic would shift by the gap length instead (03:30), which is not what a person who
  set "02:30" expects, and for a zone whose gap is a whole day it would land a day late.
- A wall time that exists twice (inside a fall-back overlap) means its first occurrence, so
  the reminder is sent once, as early as the person could mean it.

The first valid instant after a gap can fall on the next local date: Greenland's gap runs from
23:00 to 24:00, and a few zones once skipped a whole day (Pacific/Apia on 2011-12-30). Callers
that key deliveries by local date should therefore use `Occurrence.day`, the date the reminder
is *for*, rather than the local date of the instant.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import NamedTuple
from zoneinfo import ZoneInfo

EVERY_DAY = 0b1111111
DEFAULT_ZONE = "UTC"
"""The zone of someone who has not chosen one yet (or never subscribed): the one fallback."""
MIDNIGHT = time(0, 0)
_SEARCH_DAYS = 16  # from yesterday: a week, plus room for a skipped day and midnight gaps
_ONE_SECOND = timedelta(seconds=1)


class Occurrence(NamedTuple):
    """A due reminder: the local date it is for, and the UTC instant it is due."""

    day: date
    due: datetime


def weekday_mask(days: Iterable[int]) -> int:
    """Bitmask from weekday numbers as `date.weekday()` gives them (0 = Monday ... 6 = Sunday)."""
    mask = 0
    for day in days:
        if not 0 <= day <= 6:
            raise ValueError(f"weekday out of range: {day}")
        mask |= 1 << day
    return mask


def mask_days(mask: int) -> tuple[int, ...]:
    """Weekday numbers in a mask, Monday first; the inverse of `weekday_mask`."""
    _check_mask(mask)
    return tuple(day for day in range(7) if mask >> day & 1)


@lru_cache(maxsize=512)
def _load_zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def as_zone(zone: str | ZoneInfo) -> ZoneInfo:
    """The zone for a name, loaded once; raises `zoneinfo.ZoneInfoNotFoundError` if unknown."""
    return zone if isinstance(zone, ZoneInfo) else _load_zone(zone)


def resolve_local(day: date, at: time, zone: str | ZoneInfo) -> datetime:
    """The UTC instant of wall time `at` on `day` in `zone`, with the gap and overlap rules."""
    if at.tzinfo is not None:
        raise ValueError("the reminder time is a wall time: it must not carry a tzinfo")
    tz = as_zone(zone)
    wall = datetime.combine(day, at.replace(fold=0))
    earliest: datetime | None = None
    for fold in (0, 1):
        instant = wall.replace(tzinfo=tz, fold=fold).astimezone(UTC)
        if _wall(instant, tz) == wall and (earliest is None or instant < earliest):
            earliest = instant
    if earliest is not None:
        return earliest
    return _end_of_gap(wall, tz)


def _wall(instant: datetime, tz: ZoneInfo) -> datetime:
    """Naive local wall time of an instant, the way a clock on the wall would show it."""
    return instant.astimezone(tz).replace(tzinfo=None)


def _end_of_gap(wall: datetime, tz: ZoneInfo) -> datetime:
    """The first instant whose wall time is later than `wall`, a wall time inside a gap.

    The two readings of `wall` (with the offset before and after the transition) bracket the
    transition; bisect over whole seconds, since tzdata transitions and offsets are whole seconds.
    """
    readings = [wall.replace(tzinfo=tz, fold=fold).astimezone(UTC) for fold in (0, 1)]
    low = min(readings).replace(microsecond=0)
    high = max(readings).replace(microsecond=0) + _ONE_SECOND
    if _wall(low, tz) > wall or _wall(high, tz) < wall:
        raise AssertionError(f"no DST transition brackets {wall} in {tz.key}")
    while high - low > _ONE_SECOND:
        middle = low + timedelta(seconds=(high - low) // _ONE_SECOND // 2)
        if _wall(middle, tz) > wall:
            high = middle
        else:
            low = middle
    return high


def next_occurrence(
    now: datetime, at: time, zone: str | ZoneInfo, weekdays: int = EVERY_DAY
) -> Occurrence:
    """The first reminder strictly after `now` on a chosen weekday, with the day it is for.

    Searching from the local day before `now` covers instants that a gap pushed past midnight.
    """
    _check_aware(now)
    _check_mask(weekdays)
    tz = as_zone(zone)
    start = local_date(now, tz) - timedelta(days=1)
    for offset in range(_SEARCH_DAYS):
        day = start + timedelta(days=offset)
        if weekdays >> day.weekday() & 1:
            due = resolve_local(day, at, tz)
            if due > now:
                return Occurrence(day, due)
    raise AssertionError(f"no reminder within {_SEARCH_DAYS} days of {now} in {tz.key}")


def next_due(now: datetime, at: time, zone: str | ZoneInfo, weekdays: int = EVERY_DAY) -> datetime:
    """The UTC instant of the first reminder strictly after `now`; see `next_occurrence`."""
    return next_occurrence(now, at, zone, weekdays).due


def local_now(now: datetime, zone: str | ZoneInfo) -> datetime:
    """`now` as an aware datetime in the person's zone, for showing and for date arithmetic."""
    _check_aware(now)
    return now.astimezone(as_zone(zone))


def local_date(instant: datetime, zone: str | ZoneInfo) -> date:
    """The calendar date on the person's wall at `instant`."""
    return local_now(instant, zone).date()


def day_bounds(day: date, zone: str | ZoneInfo) -> tuple[datetime, datetime]:
    """UTC [start, end) of a local day, for "already done today?" and "until the day ends".

    The day is 23 or 25 hours long across DST changes, and empty for a date the zone skipped.
    """
    tz = as_zone(zone)
    return resolve_local(day, MIDNIGHT, tz), resolve_local(day + timedelta(days=1), MIDNIGHT, tz)


def _check_aware(now: datetime) -> None:
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("instants must be aware datetimes")


def _check_mask(mask: int) -> None:
    if not 0 < mask <= EVERY_DAY:
        raise ValueError(f"weekday mask must name at least one day, within 7 bits: {mask}")
