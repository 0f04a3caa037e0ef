"""ADMIN_IDS: comma-separated Telegram ids; anything else stops start-up naming the variable."""

from __future__ import annotations

import pytest

from bot.config import ConfigError, load_settings


@pytest.mark.parametrize(
    ("value", "ids"),
    [
        ("", frozenset()),
        ("12345", frozenset({12345})),
        (" 12345 , 67890 ", frozenset({12345, 67890})),
        ("1,1", frozenset({1})),
    ],
)
def test_admin_ids_are_parsed(
    value: str, ids: frozenset[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ADMIN_IDS", value)
    assert load_settings(_env_file=None).admin_ids == ids


def test_unset_means_no_operator(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ADMIN_IDS", raising=False)
    assert load_settings(_env_file=None).admin_ids == frozenset()


@pytest.mark.parametrize("value", ["abc", "12,,34", "-5", "12;34", "1 2", "0"])
def test_a_bad_list_names_the_variable(value: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ADMIN_IDS", value)
    with pytest.raises(ConfigError, match=r"^ADMIN_IDS: "):
        load_settings(_env_file=None)
