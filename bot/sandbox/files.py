"""Uploaded files, kept so a test can check the bot really sent the bytes it meant to.

File ids look like Telegram's (opaque strings) and can be sent again by id. The store keeps the
newest files only, so a benchmark that uploads thousands of images stays within memory.
"""

from __future__ import annotations

import itertools
import secrets
import struct
from collections import OrderedDict
from dataclasses import dataclass


@dataclass
class StoredFile:
    """One uploaded file and the metadata Telegram would report."""

    file_id: str
    file_unique_id: str
    file_name: str | None
    mime_type: str | None
    data: bytes

    @property
    def size(self) -> int:
        """Size in bytes."""
        return len(self.data)


def image_size(data: bytes) -> tuple[int, int]:
    """Width and height of a PNG (from its IHDR chunk); (0, 0) when unknown."""
    if data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return int(width), int(height)
    return 0, 0


class FileStore:
    """Newest ``max_files`` uploads, addressable by file_id."""

    def __init__(self, max_files: int = 1_000) -> None:
        self._files: OrderedDict[str, StoredFile] = OrderedDict()
        self._max_files = max_files
        self._ids = itertools.count(1)

    def add(self, data: bytes, file_name: str | None, mime_type: str | None) -> StoredFile:
        """Store bytes under a fresh Telegram-looking id."""
        number = next(self._ids)
        stored = StoredFile(
            file_id=f"SBX{number:06d}{secrets.token_urlsafe(12)}",
            file_unique_id=f"U{number:06d}",
            file_name=file_name,
            mime_type=mime_type,
            data=data,
        )
        self._files[stored.file_id] = stored
        while len(self._files) > self._max_files:
            self._files.popitem(last=False)
        return stored

    def get(self, file_id: str) -> StoredFile | None:
        """The file with this id, if still stored."""
        return self._files.get(file_id)

    def clear(self) -> None:
        """Forget every file."""
        self._files.clear()
