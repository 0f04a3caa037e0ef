"""An exercise's optional illustration: an image file inside the content folder.

Telegram takes a photo of up to 10 MB as PNG or JPEG; anything else would fail only when the
card is sent, to a person waiting for it. The loader checks the file once, at start-up.
"""

from __future__ import annotations

from pathlib import Path

PHOTO_LIMIT_BYTES = 10 * 1024 * 1024
"""Telegram's limit for a photo sent by upload."""

SIGNATURES: dict[bytes, str] = {b"\x89PNG\r\n\x1a\n": "PNG", b"\xff\xd8\xff": "JPEG"}


def illustration_file(root: Path, name: str) -> Path:
    """Where an exercise's `illustration` lives: relative to the content folder."""
    return root / name


def illustration_problem(root: Path, name: str) -> tuple[str, str] | None:
    """What is wrong with the illustration `name` under `root`, with what to do; None if fine."""
    path = illustration_file(root, name)
    try:
        inside = path.resolve().is_relative_to(root.resolve())
    except OSError:
        inside = False
    if not inside:
        return f"{name!r} is outside the content folder", "put the image inside content/"
    if not path.is_file():
        return f"no file {name!r} in {root}", "check the spelling, or add the image there"
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        return f"cannot read {name!r}: {exc}", "check the file's permissions"
    if not any(head.startswith(signature) for signature in SIGNATURES):
        return f"{name!r} is not a PNG or JPEG image", "save the image as .png or .jpg"
    if size > PHOTO_LIMIT_BYTES:
        return (
            f"{name!r} is {size / 1024 / 1024:.1f} MB, over Telegram's 10 MB photo limit",
            "make the image smaller (around 1000 pixels wide is plenty)",
        )
    return None
