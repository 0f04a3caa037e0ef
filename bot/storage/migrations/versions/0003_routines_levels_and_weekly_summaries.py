"""Routines, progression levels and weekly summaries.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 12:36:53.108619
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "exercise_levels",
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("exercise_id", sa.String(length=32), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("rest_until", sa.Date(), nullable=True),
        sa.Column("changed_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_exercise_levels_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", "exercise_id", name=op.f("pk_exercise_levels")),
    )
    op.create_table(
        "routines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("local_date", sa.Date(), nullable=False),
        sa.Column("items", sa.JSON(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("notes", sa.JSON(), nullable=False),
        sa.Column("message_id", sa.BigInteger(), nullable=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_routines_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_routines")),
        sa.UniqueConstraint("user_id", "local_date", name=op.f("uq_routines_user_id")),
    )
    with op.batch_alter_table("routines", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_routines_user_id"), ["user_id"], unique=False)

    with op.batch_alter_table("subscriptions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("summary_weekday", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("next_summary_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_subscriptions_next_summary_at"), ["next_summary_at"], unique=False
        )

    with op.batch_alter_table("walkthroughs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("routine_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("position", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("level", sa.Integer(), server_default="0", nullable=False))
        batch_op.add_column(
            sa.Column("variant", sa.String(length=24), server_default="standard", nullable=False)
        )
        batch_op.add_column(sa.Column("skip_reason", sa.String(length=16), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_walkthroughs_routine_id"), ["routine_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_walkthroughs_routine_id_routines"),
            "routines",
            ["routine_id"],
            ["id"],
            ondelete="CASCADE",
        )


def downgrade() -> None:
    with op.batch_alter_table("walkthroughs", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_walkthroughs_routine_id_routines"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_walkthroughs_routine_id"))
        batch_op.drop_column("skip_reason")
        batch_op.drop_column("variant")
        batch_op.drop_column("level")
        batch_op.drop_column("position")
        batch_op.drop_column("routine_id")

    with op.batch_alter_table("subscriptions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_subscriptions_next_summary_at"))
        batch_op.drop_column("next_summary_at")
        batch_op.drop_column("summary_weekday")

    with op.batch_alter_table("routines", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_routines_user_id"))

    op.drop_table("routines")
    op.drop_table("exercise_levels")
