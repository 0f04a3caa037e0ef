"""The names of places, read from files: the tz database and a table of common names.

`bot.domain.zones` holds the rules for turning what a person typed into a zone; this package
gives it the data. `load_places` reads and checks everything once, at start-up, so a bad row
stops the bot before anyone types a city; `zone_for_location` answers a shared location from
timezonefinder's map of zone borders.
"""

from bot.places.location import zone_for_location
from bot.places.table import PLACES_FILE, PlacesError, load_places
from bot.places.tzdb import read_tz_names

__all__ = ["PLACES_FILE", "PlacesError", "load_places", "read_tz_names", "zone_for_location"]
