"""From a shared location to a zone, through timezonefinder's map of zone borders."""

from __future__ import annotations

import math
import threading
from functools import cache
from typing import TYPE_CHECKING

from bot.domain.zones import canonical_zone, is_known_zone, offset_zone

if TYPE_CHECKING:
    from timezonefinder import TimezoneFinder

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
