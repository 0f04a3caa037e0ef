"""`pip install .` carries the content: every file under content/ is listed in pyproject's
data-files, and an installed bot without a checkout beside it finds the installed copy."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

import pytest

from bot.content import shipped
from bot.content.shipped import INSTALLED, shipped_content_dir

ROOT = Path(__file__).resolve().parents[2]


def _data_files() -> dict[str, list[str]]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return project["tool"]["setuptools"]["data-files"]


def test_every_content_file_is_installed_where_the_bot_looks() -> None:
    installed: set[Path] = set()
    for target, patterns in _data_files().items():
        for pattern in patterns:
            for source in ROOT.glob(pattern):
                installed.add(Path(target) / source.name)
    wanted = {
        INSTALLED / path.relative_to(ROOT / "content")
        for path in (ROOT / "content").rglob("*")
        if path.is_file()
    }
    assert wanted - installed == set(), "add these folders to [tool.setuptools.data-files]"
    assert installed - wanted == set()


def test_without_a_checkout_the_installed_copy_is_used(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert shipped_content_dir() == ROOT / "content"
    monkeypatch.setattr(shipped, "__file__", str(tmp_path / "site-packages" / "bot" / "x.py"))
    assert shipped_content_dir() == Path(sys.prefix) / INSTALLED
