"""The safety check's version per subscription, and when a hold asks it again.

Rows written before this revision get NULL for both: their stored flags predate the current
check, so the person is asked it again before their next routine (nothing is lost; the old
answers are carried over where a new flag names them as ``formerly``).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 10:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("subscriptions") as batch:
        batch.add_column(sa.Column("safety_version", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("recheck_at", sa.DateTime(timezone=True), nullable=True))
        batch.create_index(batch.f("ix_subscriptions_recheck_at"), ["recheck_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("subscriptions") as batch:
        batch.drop_index(batch.f("ix_subscriptions_recheck_at"))
        batch.drop_column("recheck_at")
        batch.drop_column("safety_version")
