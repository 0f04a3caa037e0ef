"""The last snooze a person chose on a reminder, offered as their next default.

Rows written before this revision get NULL: the default snooze (an hour) applies until the
person picks one.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 16:50:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("subscriptions") as batch:
        batch.add_column(sa.Column("snooze_choice", sa.String(length=8), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("subscriptions") as batch:
        batch.drop_column("snooze_choice")
