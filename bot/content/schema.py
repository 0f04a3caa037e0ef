"""The JSON Schema of an exercise file, generated from :class:`Exercise`, for editors.

An editor that knows the schema (VS Code's YAML extension, for one) completes field names and
underlines mistakes while the file is being written. The words of the vocabulary and the ids of
the safety check are content, so they are added to the generated schema as the lists a field
may take: the editor then offers exactly what ``footbot content check`` accepts.
"""

from __future__ import annotations

from typing import Any

from bot.content.flags import SafetyFlags
from bot.content.models import Exercise
from bot.content.vocabulary import Vocabulary

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def exercise_schema(vocabulary: Vocabulary, flags: SafetyFlags) -> dict[str, Any]:
    """The schema of one ``content/exercises/<id>.yaml`` file."""
    schema = Exercise.model_json_schema()
    schema["$schema"] = SCHEMA_DIALECT
    schema["title"] = "FootBot exercise"
    properties = schema["properties"]
    complaints = list(vocabulary.complaint_ids)
    for field, words in (
        ("targets", complaints),
        ("leads", complaints),
        ("equipment", list(vocabulary.equipment_ids)),
        ("avoid_with", list(flags.ids)),
    ):
        properties[field]["items"] = {"type": "string", "enum": words}
    properties["position"] = {"type": "string", "enum": list(vocabulary.position_ids)}
    level = schema["$defs"]["Level"]["properties"]
    level["avoid_with"]["items"] = {"type": "string", "enum": list(flags.ids)}
    return schema
