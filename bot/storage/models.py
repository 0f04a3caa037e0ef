"""Typed SQLAlchemy models: every piece of state that matters is a row.

Handlers keep nothing in memory between updates, so a restart or a second bot process sees
exactly what the first one wrote.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    BigInteger,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    TypeDecorator,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from bot.domain.walkthrough import Status

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes in and out, on SQLite (which drops the zone) as on PostgreSQL."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: pass an aware UTC instant")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None or value.tzinfo is not None:
            return value
        return value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UTCDateTime}


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    first_name: Mapped[str] = mapped_column(String(128))
    language: Mapped[str | None] = mapped_column(String(16))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())

    walkthroughs: Mapped[list[Walkthrough]] = relationship(
        back_populates="user", cascade="all, delete-orphan", passive_deletes=True
    )


class Walkthrough(Base):
    """One person going through one exercise, step by step.

    `version` grows with every change; buttons carry it, so a press made against an older
    rendering is recognised as stale and changes nothing.
    """

    __tablename__ = "walkthroughs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    exercise_id: Mapped[str] = mapped_column(String(32))
    chat_id: Mapped[int] = mapped_column(BigInteger)
    message_id: Mapped[int | None] = mapped_column(BigInteger)
    step: Mapped[int] = mapped_column(Integer, default=0)
    step_count: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default=Status.ACTIVE)
    version: Mapped[int] = mapped_column(Integer, default=0)
    discomfort: Mapped[int | None] = mapped_column(Integer)
    timer_step: Mapped[int | None] = mapped_column(Integer)
    started_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]

    user: Mapped[User] = relationship(back_populates="walkthroughs")
    events: Mapped[list[WalkthroughEvent]] = relationship(
        back_populates="walkthrough",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="WalkthroughEvent.id",
    )


class WalkthroughEvent(Base):
    """What the person did, in order: the record a clinician report is later built from."""

    __tablename__ = "walkthrough_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    walkthrough_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("walkthroughs.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(16))
    step: Mapped[int] = mapped_column(Integer)
    value: Mapped[int | None] = mapped_column(Integer)
    at: Mapped[datetime]

    walkthrough: Mapped[Walkthrough] = relationship(back_populates="events")
