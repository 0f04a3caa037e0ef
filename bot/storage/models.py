"""Typed SQLAlchemy models: every piece of state that matters is a row.

Handlers keep nothing in memory between updates, so a restart or a second bot process sees
exactly what the first one wrote.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
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
    # Every model here maps one Table (DeclarativeBase only promises a FromClause), so
    # `Model.__table__.update()`/`.insert()` and `update(Model.__table__)` type-check.
    __table__: ClassVar[Table]


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
    routine_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("routines.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int | None] = mapped_column(Integer)
    level: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    variant: Mapped[str] = mapped_column(String(24), default="standard", server_default="standard")
    skip_reason: Mapped[str | None] = mapped_column(String(16))
    started_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]
    set_index: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    set_count: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    side: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

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


class Subscription(Base):
    """A person's reminder schedule, preferences and where they are in onboarding.

    `next_due_at` is the schedule: the reminder tick claims rows whose instant has come, so
    the database, not a timer in memory, decides who is reminded when.
    """

    __tablename__ = "subscriptions"

    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    status: Mapped[str] = mapped_column(String(16), default="onboarding")
    onboarding_step: Mapped[str | None] = mapped_column(String(16))
    editing: Mapped[bool] = mapped_column(default=False)
    safety_flags: Mapped[list[str]] = mapped_column(JSON, default=list)
    complaints: Mapped[list[str]] = mapped_column(JSON, default=list)
    equipment: Mapped[list[str]] = mapped_column(JSON, default=list)
    reminder_minute: Mapped[int | None] = mapped_column(Integer)
    time_zone: Mapped[str | None] = mapped_column(String(64))
    weekdays: Mapped[int] = mapped_column(Integer, default=0b1111111)
    session_minutes: Mapped[int] = mapped_column(Integer, default=10)
    summary_weekday: Mapped[int | None] = mapped_column(Integer, default=6)
    next_summary_at: Mapped[datetime | None] = mapped_column(index=True)
    next_due_at: Mapped[datetime | None] = mapped_column(index=True)
    paused_until: Mapped[datetime | None]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    safety_version: Mapped[int | None] = mapped_column(Integer)
    """The version of the safety check last answered; NULL: never, or before checks had one."""
    recheck_at: Mapped[datetime | None] = mapped_column(index=True)
    """While held for a check: when the check is asked again by itself."""
    snooze_choice: Mapped[str | None] = mapped_column(String(8))
    """The last snooze chosen on a reminder (a `bot.domain.reminder_answer.Snooze` value): the
    next reminder offers it as the one-tap default. NULL: never snoozed, the hour applies."""


class Delivery(Base):
    """One reminder for one person on one local day and slot: the unit of at-least-once.

    The unique key (user, local date, slot) makes a second claim of the same reminder a
    no-op; `lease_until` lets another tick retry a claim whose process died before sending.
    """

    __tablename__ = "deliveries"
    __table_args__ = (
        UniqueConstraint("user_id", "local_date", "slot"),
        Index("ix_deliveries_state_due_at", "state", "due_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    local_date: Mapped[date] = mapped_column(Date)
    slot: Mapped[str] = mapped_column(String(16))
    state: Mapped[str] = mapped_column(String(16))
    due_at: Mapped[datetime]
    lease_until: Mapped[datetime | None]
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    sent_at: Mapped[datetime | None]
    message_id: Mapped[int | None] = mapped_column(BigInteger)
    outcome: Mapped[str | None] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(String(32))


class Pause(Base):
    """A stretch of time without reminders; no paused day breaks a streak.

    `frozen` marks the open-ended "injured or away" kind (also offered after severe discomfort);
    it changes the wording, not the streak.
    """

    __tablename__ = "pauses"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    started_at: Mapped[datetime]
    until: Mapped[datetime | None]
    ended_at: Mapped[datetime | None]
    frozen: Mapped[bool] = mapped_column(default=False)


class Routine(Base):
    """One person's routine for one local day: the list is fixed when it is first opened.

    Fixing the list keeps "the same person and date always give the same routine" true even
    when the person changes their equipment halfway through the day.
    """

    __tablename__ = "routines"
    __table_args__ = (UniqueConstraint("user_id", "local_date"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    local_date: Mapped[date] = mapped_column(Date)
    items: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    position: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(16), default="active")
    notes: Mapped[list[str]] = mapped_column(JSON, default=list)
    message_id: Mapped[int | None] = mapped_column(BigInteger)
    started_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]


class ExerciseLevel(Base):
    """Where a person stands on one exercise's progression ladder, and whether it rests."""

    __tablename__ = "exercise_levels"

    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    exercise_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    level: Mapped[int] = mapped_column(Integer, default=0)
    rest_until: Mapped[date | None] = mapped_column(Date)
    changed_on: Mapped[date | None] = mapped_column(Date)


class Timer(Base):
    """A hold or a rest that ends at `due_at`: the database is its schedule, like reminders.

    It belongs to one version of one walkthrough: once the person has moved on, its end has
    nothing to say. A periodic tick claims due rows with a lease (a process that dies after
    claiming leaves them to the next tick once the lease expires), so a restart fires a timer
    late rather than never.
    """

    __tablename__ = "timers"
    __table_args__ = (
        UniqueConstraint("walkthrough_id", "version"),
        Index("ix_timers_state_due_at", "state", "due_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    walkthrough_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("walkthroughs.id", ondelete="CASCADE")
    )
    version: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(8))
    seconds: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(16))
    due_at: Mapped[datetime]
    lease_until: Mapped[datetime | None]
    created_at: Mapped[datetime]


class InboxUpdate(Base):
    """One update from Telegram, stored before it is acknowledged: the unit of exactly-once.

    The primary key is Telegram's update_id, so a second delivery of the same update is a no-op.
    `lane` (the chat, else the person) orders work: only the oldest pending row of a lane is
    ever taken, so two updates of one chat never run at once, in any process. `lease_until`
    lets another worker retry a row whose process died; `status` is a
    `bot.domain.inbox.InboxStatus` value. While pending (or parked) the payload holds what the
    person sent, so the row carries `user_id` and /forget deletes it (parked) or leaves it to be
    handled (pending); a done row is stripped to its id and kind, and holds nothing personal.
    """

    __tablename__ = "inbox_updates"
    __table_args__ = (
        Index("ix_inbox_updates_status_lane_update_id", "status", "lane", "update_id"),
        Index("ix_inbox_updates_status_done_at", "status", "done_at"),
        {"info": {"forget_keeps": ("status", "pending")}},
    )

    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    kind: Mapped[str] = mapped_column(String(32))
    lane: Mapped[int | None] = mapped_column(BigInteger)
    chat_id: Mapped[int | None] = mapped_column(BigInteger)
    user_id: Mapped[int | None] = mapped_column(BigInteger, index=True)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    lease_until: Mapped[datetime | None]
    received_at: Mapped[datetime]
    done_at: Mapped[datetime | None]
    error: Mapped[str | None] = mapped_column(String(500))


class Broadcast(Base):
    """One operator message to every active subscriber, and its audit record.

    `state` goes composing (waiting for the text) -> draft (previewed) -> sending (confirmed:
    one delivery row per recipient, slot `bc<id>`) -> done, or to cancelled from the first two.
    The counts are written once, when the last delivery row is settled. `user_id` is the
    operator who wrote it (so /forget by that operator deletes it too).
    """

    __tablename__ = "broadcasts"
    __table_args__ = (Index("ix_broadcasts_state", "state"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(BigInteger, index=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    text: Mapped[str | None] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime]
    confirmed_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
    progress_message_id: Mapped[int | None] = mapped_column(BigInteger)
    recipients: Mapped[int] = mapped_column(Integer, default=0)
    sent: Mapped[int] = mapped_column(Integer, default=0)
    blocked: Mapped[int] = mapped_column(Integer, default=0)
    failed: Mapped[int] = mapped_column(Integer, default=0)
