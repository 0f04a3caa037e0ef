"""Putting subscribers straight into the database, for reminder tests.

Onboarding is tested elsewhere; reminder tests need a person with a schedule in one line.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time

from bot.content import shipped_flags
from bot.domain.schedule import EVERY_DAY
from bot.storage.database import SessionFactory
from bot.storage.models import Subscription
from bot.storage.subscriptions import SubscriptionStatus, get_or_create, reschedule
from bot.storage.users import upsert_user


async def subscribe(
    sessions: SessionFactory,
    user_id: int,
    now: datetime,
    *,
    at: time = time(8, 0),
    zone: str = "Europe/Berlin",
    weekdays: int = EVERY_DAY,
    first_name: str = "Ada",
    complaints: Sequence[str] = (),
    equipment: Sequence[str] = (),
    safety_flags: Sequence[str] = (),
    safety_checked: bool = True,
) -> Subscription:
    """A person with an active subscription whose next reminder is the first after `now`.

    They answered the current safety check (with `safety_flags`) unless `safety_checked` is
    False: a subscriber from before the check, who is asked it before their next routine.
    """
    async with sessions.begin() as session:
        await upsert_user(session, user_id, first_name, "en")
        subscription = await get_or_create(session, user_id, now)
        subscription.status = SubscriptionStatus.ACTIVE
        subscription.onboarding_step = None
        subscription.reminder_minute = at.hour * 60 + at.minute
        subscription.time_zone = zone
        subscription.weekdays = weekdays
        subscription.complaints = list(complaints)
        subscription.equipment = list(equipment)
        subscription.safety_flags = list(safety_flags)
        subscription.safety_version = shipped_flags().version if safety_checked else None
        reschedule(subscription, now)
    return subscription
