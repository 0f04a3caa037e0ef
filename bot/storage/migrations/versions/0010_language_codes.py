"""`users.language` holds the language FootBot speaks to the person, as a code ("pt-BR").

Before this revision the column held Telegram's language_code as the app sent it on the last
update ("pt-br", "es-MX", "de"); from now on it is set once on first contact and changed only by
/language. Existing rows are mapped to the language they resolve to (exact code, then base
language, else English), so nobody's language changes under them. The mapping is written out
here on purpose: a migration must not change when the application's table of languages does.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 18:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LANGUAGES = {"en": "en", "es": "es", "ru": "ru", "pt": "pt-BR"}
"""Base language -> the code FootBot speaks, as of this revision."""


def resolve(code: str | None) -> str:
    base = (code or "").strip().replace("_", "-").lower().split("-", 1)[0]
    return LANGUAGES.get(base, "en")


def upgrade() -> None:
    users = sa.table("users", sa.column("id", sa.BigInteger), sa.column("language", sa.String))
    connection = op.get_bind()
    rows = connection.execute(sa.select(users.c.id, users.c.language)).all()
    by_code: dict[str, list[int]] = {}
    for user_id, language in rows:
        wanted = resolve(language)
        if wanted != language:
            by_code.setdefault(wanted, []).append(user_id)
    for code, ids in by_code.items():
        for start in range(0, len(ids), 500):
            connection.execute(
                users.update().where(users.c.id.in_(ids[start : start + 500])).values(language=code)
            )


def downgrade() -> None:
    """Nothing to undo: the codes are valid language codes for the older code too."""
