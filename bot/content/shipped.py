"""Where the content FootBot ships with lives.

In a source checkout (``make run``, an editable install, the container image) it is the
``content/`` folder beside the ``bot`` package. ``pip install .`` copies the same files to
``<prefix>/share/footbot/content`` (the ``data-files`` of pyproject.toml), because ``content/``
is not a Python package. ``CONTENT_DIR`` can point anywhere else.
"""

from __future__ import annotations

import sys
from pathlib import Path

INSTALLED = Path("share") / "footbot" / "content"
"""Where a wheel puts the content, under the environment's prefix."""


def shipped_content_dir() -> Path:
    """The checkout's ``content/`` when there is one, else the installed copy."""
    checkout = Path(__file__).resolve().parents[2] / "content"
    if checkout.is_dir():
        return checkout
    return Path(sys.prefix) / INSTALLED
