"""The one way every subscription use case changes a subscription, inside an open session.

Load the row as a frozen state, ask :func:`bot.domain.subscription.apply` what the event
does, and let storage write the result. Composed by the use cases of /start, onboarding,
/settings and pausing, each of which owns the transaction.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.subscription import Event, Refusal, Refused, Result, Transition, apply
from bot.storage.models import Subscription
from bot.storage.subscriptions import apply_transition, get_subscription, state_of


async def change(session: AsyncSession, user_id: int, event: Event, now: datetime) -> Result:
    """Apply `event` to the person's subscription; refused when they have none."""
    subscription = await get_subscription(session, user_id)
    if subscription is None:
        return Refused(Refusal.NO_SUBSCRIPTION)
    return await change_row(session, subscription, event, now)


async def change_row(
    session: AsyncSession, subscription: Subscription, event: Event, now: datetime
) -> Result:
    result = apply(state_of(subscription), event, now)
    if isinstance(result, Transition):
        await apply_transition(session, subscription, result, now)
    return result
