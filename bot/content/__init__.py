"""The exercise catalogue: loaded once from ``content/``, immutable, searchable by name."""

from bot.content.catalogue import Catalogue
from bot.content.errors import ContentError
from bot.content.loader import default_content_dir, load_catalogue
from bot.content.lookup import Lookup
from bot.content.models import (
    ALWAYS_AT_HAND,
    SAFETY_FLAGS,
    Complaint,
    Dose,
    Equipment,
    Exercise,
    Level,
    Position,
    SafetyFlag,
    Step,
    Variant,
)
from bot.content.summary import describe

__all__ = [
    "ALWAYS_AT_HAND",
    "SAFETY_FLAGS",
    "Catalogue",
    "Complaint",
    "ContentError",
    "Dose",
    "Equipment",
    "Exercise",
    "Level",
    "Lookup",
    "Position",
    "SafetyFlag",
    "Step",
    "Variant",
    "default_content_dir",
    "describe",
    "load_catalogue",
]
