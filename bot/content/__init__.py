"""The exercise catalogue: loaded once from ``content/``, immutable, searchable by name."""

from bot.content.catalogue import Catalogue
from bot.content.errors import ContentError
from bot.content.flags import Effect, Outcome, SafetyFlag, SafetyFlags, shipped_flags
from bot.content.loader import (
    catalogue_for,
    check_content,
    default_content_dir,
    load_catalogue,
    lookup_exercise,
    shipped_catalogue,
)
from bot.content.lookup import Lookup
from bot.content.models import NOTHING, Dose, Exercise, Level, Step, Variant
from bot.content.summary import describe
from bot.content.vocabulary import (
    Complaint,
    ComplaintChoice,
    Equipment,
    Position,
    Vocabulary,
    shipped_vocabulary,
)

__all__ = [
    "NOTHING",
    "Catalogue",
    "Complaint",
    "ComplaintChoice",
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
    "Vocabulary",
    "catalogue_for",
    "check_content",
    "default_content_dir",
    "describe",
    "load_catalogue",
    "lookup_exercise",
    "shipped_catalogue",
    "shipped_flags",
    "shipped_vocabulary",
]
