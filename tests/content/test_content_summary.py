"""The ``footbot content check`` summary lists every exercise and counts per complaint."""

from __future__ import annotations

from bot.content import default_content_dir, describe, load_catalogue


def test_describe_lists_exercises_and_complaints() -> None:
    catalogue = load_catalogue(default_content_dir())
    text = describe(catalogue)
    lines = text.splitlines()
    assert lines[0] == f"{len(catalogue)} exercises"
    assert any("calf_raises" in line and "Calf raises" in line for line in lines)
    assert "toe_curls" in text and "equipment: towel, chair" in text
    assert "heel_pain: " in text and "bunions: 2" in text
    translations = len(catalogue.languages) - 1
    assert len(lines) == 1 + len(catalogue) + 1 + 7 + translations
    assert lines[-1] == f"translation ru: {len(catalogue)} of {len(catalogue)} exercises translated"
