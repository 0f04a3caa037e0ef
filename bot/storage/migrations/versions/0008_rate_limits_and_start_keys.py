"""A rate limit shared by every bot process (one row per limit, moved on atomically), and
the callback query that started a walkthrough from an exercise card (a redelivered press
finds it instead of starting a second one).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 18:10:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "rate_limits",
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("next_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_rate_limits")),
    )
    op.add_column("walkthroughs", sa.Column("start_key", sa.String(length=64), nullable=True))
    op.create_index(
        "ix_walkthroughs_user_id_start_key",
        "walkthroughs",
        ["user_id", "start_key"],
        unique=True,
    )


def downgrade() -> None:
    op.drop_index("ix_walkthroughs_user_id_start_key", table_name="walkthroughs")
    with op.batch_alter_table("walkthroughs") as batch:
        batch.drop_column("start_key")
    op.drop_table("rate_limits")
