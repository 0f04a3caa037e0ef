"""The table of common place names: shipped with the package, checked at start-up."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.app import create_application
from bot.content import ContentError
from bot.domain.zones import installed_places, normalise, resolve_zone
from bot.places import PLACES_FILE, PlacesError, load_places, read_tz_names
from tests.conftest import TOKEN, make_settings

HEADER = "name,zones\n"


def test_the_packaged_table_loads_and_is_tidy() -> None:
    places = load_places()
    assert places is load_places(PLACES_FILE)  # read once per process
    assert resolve_zone("delhi", places) == ["Asia/Kolkata"]
    assert resolve_zone("usa", places) == [
        "America/New_York",
        "America/Chicago",
        "America/Los_Angeles",
    ]
    assert PLACES_FILE.parent.name == "places" and PLACES_FILE.suffix == ".csv"


def test_the_tz_database_has_its_tables() -> None:
    tz = read_tz_names()
    assert "Europe/Berlin" in tz.available
    assert tz.links["Asia/Calcutta"] == "Asia/Kolkata"
    assert ("DE", "Europe/Berlin") in tz.located
    assert ("DE", "Germany") in tz.countries


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "line 1: the first row must be the header"),
        ("# only a comment\n", "line 1: the first row must be the header"),
        ("place,zones\nberlin,Europe/Berlin\n", "line 1: the first row must be the header"),
        (HEADER + "berlin\n", "line 2: expected two fields, name and zones, found 1"),
        (HEADER + "berlin,Europe/Berlin,x\n", "line 2: expected two fields"),
        (HEADER + ",Europe/Berlin\n", "line 2: a row without a name"),
        (HEADER + "Berlin,Europe/Berlin\n", "line 2: write the name 'Berlin' as lower-case"),
        (HEADER + "são paulo,America/Sao_Paulo\n", "line 2: write the name 'são paulo'"),
        (HEADER + "nowhere,\n", "line 2: 'nowhere' needs one to 3 zones, found 0"),
        (
            HEADER + "us,America/New_York America/Chicago America/Denver America/Phoenix\n",
            "line 2: 'us' needs one to 3 zones, found 4",
        ),
        (HEADER + "cet,Europe/Berlin Europe/Berlin\n", "line 2: 'cet' lists a zone twice"),
        (HEADER + "atlantis,Europe/Atlantis\n", "line 2: unknown time zone 'Europe/Atlantis'"),
        (
            HEADER + "# comments and blank lines keep their line numbers\n\nx,Mars/Olympus\n",
            "line 4: unknown time zone 'Mars/Olympus'",
        ),
        (HEADER + "cet,Europe/Berlin\ncet,Europe/Paris\n", "line 3: 'cet' is already on line 2"),
    ],
)
def test_a_bad_table_is_refused_with_its_file_and_line(
    tmp_path: Path, text: str, problem: str
) -> None:
    path = tmp_path / "places.csv"
    path.write_text(text, "utf-8")
    with pytest.raises(PlacesError) as raised:
        load_places(path)
    message = str(raised.value)
    assert message.startswith(f"{path}: ")
    assert problem in message
    assert "\n" not in message


def test_a_missing_table_is_refused(tmp_path: Path) -> None:
    with pytest.raises(PlacesError, match="cannot read the table of place names"):
        load_places(tmp_path / "absent.csv")


def test_a_good_table_of_ones_own(tmp_path: Path) -> None:
    path = tmp_path / "places.csv"
    path.write_text(HEADER + "# a comment\nhome,Europe/Berlin\nold kyiv,Europe/Kyiv\n", "utf-8")
    places = load_places(path)
    assert resolve_zone("home", places) == ["Europe/Berlin"]
    assert resolve_zone("delhi", places) == []  # only this table's names
    assert normalise(" Old_Kyiv ") == "old kyiv"
    assert resolve_zone("Old Kyiv", places) == [places.current("Europe/Kyiv")]


def test_start_up_refuses_a_bad_table(tmp_path: Path) -> None:
    """create_application stops on the first bad row, before a database or bot exists."""
    path = tmp_path / "places.csv"
    path.write_text(HEADER + "berlin,Europe/Berlin\natlantis,Europe/Atlantis\n", "utf-8")
    settings = make_settings("http://127.0.0.1:9", f"sqlite+aiosqlite:///{tmp_path / 'db'}")
    before = installed_places() if _installed() else None
    with pytest.raises(PlacesError, match=r"places\.csv: line 3: unknown time zone"):
        create_application(settings, TOKEN, places_file=path)
    assert (installed_places() if _installed() else None) is before
    assert issubclass(PlacesError, ContentError)  # so `footbot run` prints it as one line


def test_start_up_installs_the_packaged_table(tmp_path: Path) -> None:
    settings = make_settings("http://127.0.0.1:9", f"sqlite+aiosqlite:///{tmp_path / 'db'}")
    create_application(settings, TOKEN)
    assert installed_places() is load_places()


def _installed() -> bool:
    try:
        installed_places()
    except RuntimeError:
        return False
    return True
