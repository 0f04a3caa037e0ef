"""A walkthrough's set and side, and the stored timers of holds and rests.

Rows written before this revision are on their first set and first side of a one-set walk
(the server defaults), which is what they were: they keep working as before.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-09 10:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("walkthroughs") as batch:
        batch.add_column(sa.Column("set_index", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("set_count", sa.Integer(), nullable=False, server_default="1"))
        batch.add_column(sa.Column("side", sa.Integer(), nullable=False, server_default="0"))
    op.create_table(
        "timers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("walkthrough_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("seconds", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["walkthrough_id"],
            ["walkthroughs.id"],
            name=op.f("fk_timers_walkthrough_id_walkthroughs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_timers")),
        sa.UniqueConstraint("walkthrough_id", "version", name=op.f("uq_timers_walkthrough_id")),
    )
    op.create_index("ix_timers_state_due_at", "timers", ["state", "due_at"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_timers_state_due_at", table_name="timers")
    op.drop_table("timers")
    with op.batch_alter_table("walkthroughs") as batch:
        batch.drop_column("side")
        batch.drop_column("set_count")
        batch.drop_column("set_index")
