"""/forget: delete every row about one person, in every table.

Deleting the `users` row would cascade through the foreign keys, but only where the database
enforces them (SQLite needs a pragma for that) and only for tables someone remembered to
declare with ON DELETE CASCADE. So the rows are deleted explicitly, children first, from every
table in the metadata that refers to the person: directly by a `user_id` column, or through a
foreign key to such a table (walkthrough events belong to walkthroughs). A new table that is
about a person is covered without touching this file; one that is not reachable that way is
caught by `uncovered_tables`, which a test keeps empty.

A table may name rows that must outlive the deletion in its `info` under `KEEPS`, as a
(column, value) pair: the inbox keeps the person's updates that are still pending (a /start
sent right after /forget must still be answered); once handled, those rows keep nothing about
the person anyway.
"""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import ColumnElement, CursorResult, Table, delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.models import Base, User

USER_COLUMN = "user_id"
KEEPS = "forget_keeps"
ABOUT_NOBODY = "about_nobody"
"""`Table.info` key of a table whose rows name no person (a shared rate limit, say)."""
_users = User.__table__


async def forget_user(session: AsyncSession, user_id: int) -> int:
    """Delete the person and everything about them; returns rows deleted (0: nothing left)."""
    deleted = 0
    for table in reversed(Base.metadata.sorted_tables):
        if table is _users:
            continue
        for condition in _conditions(table, user_id):
            deleted += await _delete(session, table, condition)
    return deleted + await _delete(session, _users, _users.c.id == user_id)


async def _delete(session: AsyncSession, table: Table, condition: ColumnElement[bool]) -> int:
    """Delete the rows of `table` matching `condition`; how many went."""
    statement = delete(table).where(condition).execution_options(synchronize_session=False)
    result = cast(CursorResult[Any], await session.execute(statement))
    return max(result.rowcount or 0, 0)


def uncovered_tables() -> list[str]:
    """Tables `forget_user` would leave alone: must stay empty unless a table is about nobody."""
    return [
        table.name
        for table in Base.metadata.sorted_tables
        if table is not _users and not table.info.get(ABOUT_NOBODY) and not _conditions(table, 0)
    ]


def _conditions(table: Table, user_id: int) -> list[ColumnElement[bool]]:
    """WHERE clauses selecting the person's rows in `table`."""
    if USER_COLUMN in table.c:
        condition = table.c[USER_COLUMN] == user_id
        kept = table.info.get(KEEPS)
        if kept is not None:
            column, value = kept
            condition = condition & (table.c[column] != value)
        return [condition]
    conditions: list[ColumnElement[bool]] = []
    for key in table.foreign_keys:
        parent = key.column.table
        if isinstance(parent, Table) and USER_COLUMN in parent.c:
            owned = select(key.column).where(parent.c[USER_COLUMN] == user_id)
            conditions.append(key.parent.in_(owned))
    return conditions
