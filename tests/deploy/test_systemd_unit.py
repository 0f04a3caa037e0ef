"""deploy/footbot.service: `systemd-analyze verify` (where systemd is installed) on the unit with
its checkout path pointed at this one, its sandboxing score, and what it promises."""

from __future__ import annotations

import configparser
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from dockerfile_model import ROOT

from bot.app import SERVER_STOP_SECONDS
from bot.config import Settings
from bot.inbox.worker import STOP_GRACE_SECONDS

UNIT = ROOT / "deploy" / "footbot.service"
CHECKOUT = "/opt/footbot"
MAX_EXPOSURE = 2.5
"""`systemd-analyze security` scale: 0 is locked down, 10 is fully exposed; ~1.5 today."""


def unit() -> dict[str, list[str]]:
    """Every key of [Service] with all its values (systemd keys may repeat)."""
    values: dict[str, list[str]] = {}
    section = ""
    for raw in UNIT.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            section = line.strip("[]")
        elif section == "Service":
            key, _, value = line.partition("=")
            values.setdefault(key, []).append(value)
    return values


def here(tmp_path: Path) -> Path:
    """The unit with /opt/footbot/.venv replaced by the virtual environment running the tests,
    so that verify finds the executables it names."""
    text = UNIT.read_text(encoding="utf-8").replace(f"{CHECKOUT}/.venv", sys.prefix)
    local = tmp_path / UNIT.name
    local.write_text(text, encoding="utf-8")
    return local


def systemd_analyze() -> str:
    found = shutil.which("systemd-analyze")
    if found is None:
        pytest.skip("systemd-analyze not found (no systemd on this machine)")
    return found


def test_systemd_analyze_verify_is_clean(tmp_path: Path) -> None:
    result = subprocess.run(
        [systemd_analyze(), "verify", str(here(tmp_path))],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    problems = [line for line in result.stderr.splitlines() if UNIT.name in line]
    assert problems == [], "\n".join(problems)


def test_verify_does_report_a_broken_unit(tmp_path: Path) -> None:
    broken = here(tmp_path)
    text = broken.read_text(encoding="utf-8").replace("ProtectHome=", "ProtectHomes=")
    broken.write_text(text, encoding="utf-8")
    result = subprocess.run(
        [systemd_analyze(), "verify", str(broken)], capture_output=True, text=True, check=False
    )
    assert "Unknown key" in result.stderr


def test_sandboxing_exposure_is_low(tmp_path: Path) -> None:
    result = subprocess.run(
        [systemd_analyze(), "security", "--offline=yes", "--no-pager", str(here(tmp_path))],
        capture_output=True,
        text=True,
        check=False,
    )
    match = re.search(r"Overall exposure level for \S+: (\d+\.\d+)", result.stdout)
    if match is None:
        pytest.skip(f"this systemd-analyze cannot score a unit offline: {result.stderr[:200]}")
    assert float(match.group(1)) <= MAX_EXPOSURE, result.stdout


def test_its_own_user_state_folder_and_stop_timeout() -> None:
    service = unit()
    assert service["DynamicUser"] == ["yes"], "systemd creates the user"
    assert "User" not in service
    assert service["StateDirectory"] == ["footbot"]
    assert service["WorkingDirectory"] == ["/var/lib/footbot"]
    database = next(v for v in service["Environment"] if v.startswith("DATABASE_URL="))
    assert database.endswith("sqlite+aiosqlite:////var/lib/footbot/footbot.db")
    assert any(v.startswith("MPLCONFIGDIR=/var/cache/footbot") for v in service["Environment"])
    assert service["CacheDirectory"] == ["footbot"]
    assert service["ProtectSystem"] == ["strict"]
    stop = float(service["TimeoutStopSec"][0])
    assert stop > SERVER_STOP_SECONDS + STOP_GRACE_SECONDS


def test_it_runs_migrations_then_the_bot_with_the_console_script() -> None:
    service = unit()
    assert service["ExecStartPre"] == [f"{CHECKOUT}/.venv/bin/footbot db upgrade"]
    assert service["ExecStart"] == [f"{CHECKOUT}/.venv/bin/footbot run"]


def test_environment_names_are_settings() -> None:
    names = {value.partition("=")[0] for value in unit()["Environment"]}
    settings = {field.alias for field in Settings.model_fields.values() if field.alias}
    python_and_matplotlib = {"PYTHONDONTWRITEBYTECODE", "PYTHONUNBUFFERED", "MPLCONFIGDIR"}
    assert names <= settings | python_and_matplotlib


def test_configparser_reads_the_unit() -> None:
    """No stray syntax: the file is plain INI apart from repeated keys."""
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string(UNIT.read_text(encoding="utf-8"))
    assert {"Unit", "Service", "Install"} <= set(parser.sections())
