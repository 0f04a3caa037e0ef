"""The sandbox's method table against the official Bot API specification (api.json).

A method the sandbox serves must exist in Telegram's API with the same required parameters,
and every parameter it reads must carry Telegram's own type names; otherwise the sandbox
would accept calls Telegram refuses (or the reverse) and tests would pass for the wrong reason.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from bot.sandbox.methods import METHODS


def _spec_path() -> Path:
    override = os.environ.get("FOOTBOT_API_SPEC")
    if override:
        return Path(override)
    # tests/sandbox/<this file> -> repo -> its parent, where shared/ sits beside the repo.
    return Path(__file__).resolve().parents[3] / "shared/telegram-bot-api/api.json"


@pytest.fixture(scope="module")
def spec_methods() -> dict[str, Any]:
    path = _spec_path()
    if not path.is_file():
        pytest.skip(f"Bot API specification not found at {path} (set FOOTBOT_API_SPEC)")
    return json.loads(path.read_text(encoding="utf-8"))["methods"]


@pytest.mark.parametrize("name", sorted(METHODS))
def test_required_parameters_match_the_specification(
    name: str, spec_methods: dict[str, Any]
) -> None:
    assert name in spec_methods, f"{name} is not a Bot API method"
    fields = spec_methods[name].get("fields", [])
    required = {f["name"] for f in fields if f["required"]}
    assert set(METHODS[name].required) == required


@pytest.mark.parametrize("name", sorted(METHODS))
def test_parameter_types_use_the_specification_names(
    name: str, spec_methods: dict[str, Any]
) -> None:
    types = {f["name"]: tuple(f["types"]) for f in spec_methods[name].get("fields", [])}
    spec = METHODS[name]
    for param, declared in {**spec.required, **spec.optional}.items():
        assert param in types, f"{name}.{param} is not in the specification"
        assert declared == types[param], f"{name}.{param}"
