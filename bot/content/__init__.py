"""The exercise catalogue: loaded once from ``content/``, immutable, searchable by name."""

from bot.content.catalogue import Catalogue
from bot.content.errors import ContentError
from bot.content.flags import Effect, Outcome, SafetyFlag, SafetyFlags, shipped_flags
from bot.content.loader import default_content_dir, load_catalogue
from bot.content.lookup import Lookup
from bot.content.models import (
    ALWAYS_AT_HAND,
    Complaint,
    Dose,
    Equipment,
    Exercise,
    Level,
    Position,
    Step,
    Variant,
)
from bot.content.summary import describe

__all__ = [
    "ALWAYS_AT_HAND",
    "Catalogue",
    "Complaint",
    "ContentError",
    "Dose",
    "Effect",
    "Equipment",
    "Exercise",
    "Level",
    "Lookup",
    "Outcome",
    "Position",
    "SafetyFlag",
    "SafetyFlags",
    "Step",
    "Variant",
    "default_content_dir",
    "describe",
    "load_catalogue",
    "shipped_flags",
]
