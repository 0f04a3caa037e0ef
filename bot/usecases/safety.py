"""The safety check outside set-up: asked on its own, a hold's two buttons, and what an
exercise card should say to this person.

The rules are :mod:`bot.domain.triage` (what the answers mean) and the hold in
:mod:`bot.domain.subscription`; these use cases load, apply and store.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.content import Catalogue, Exercise, SafetyFlags
from bot.domain.subscription import (
    AskAgainLater,
    AskSafety,
    Cleared,
    Gate,
    Result,
    SubscriptionState,
    Transition,
    routine_gate,
)
from bot.domain.triage import RungOut, excluded_by, mentions_red_flag, rungs_out, triage
from bot.storage.database import SessionFactory
from bot.storage.subscriptions import (
    get_or_create,
    get_subscription,
    held_for_recheck,
    state_of,
)
from bot.usecases.people import Person, register
from bot.usecases.subscription import change, change_row


async def ask_safety_in(
    session: AsyncSession, check: SafetyFlags, person: Person, now: datetime
) -> Transition:
    """Open the safety check for `person`, who may never have written before."""
    await register(session, person)
    subscription = await get_or_create(session, person.user_id, now)
    result = await change_row(session, subscription, AskSafety(check), now)
    assert isinstance(result, Transition), "the safety check can always be asked"
    return result


async def heard(
    sessions: SessionFactory,
    check: SafetyFlags,
    person: Person,
    text: str,
    now: datetime,
    *,
    also: Sequence[SafetyFlags] = (),
) -> Transition | None:
    """Typed words that sound like a red flag, in `check`'s language or any of `also`, bring the
    safety check back; None otherwise (the text is then an exercise name to look up)."""
    if not mentions_red_flag(text, check, *also):
        return None
    async with sessions.begin() as session:
        return await ask_safety_in(session, check, person, now)


async def clear_hold(
    sessions: SessionFactory, check: SafetyFlags, user_id: int, now: datetime
) -> Result:
    """ "I have been checked, it's fine"."""
    async with sessions.begin() as session:
        return await change(session, user_id, Cleared(check), now)


async def ask_later(sessions: SessionFactory, user_id: int, now: datetime) -> Result:
    """ "Ask me again in a few days"."""
    async with sessions.begin() as session:
        return await change(session, user_id, AskAgainLater(), now)


@dataclass(frozen=True, slots=True)
class CardSafety:
    """What an exercise card says about this person's safety answers.

    `held`: someone should look at their foot first (the caution comes before the card;
    `see_first` says why);
    `excluded_by`: the flags that keep the exercise out of their routine; `rungs_out`: the
    rungs they will not be moved to, with the flags behind each.
    """

    held: bool = False
    see_first: tuple[str, ...] = ()
    excluded_by: tuple[str, ...] = ()
    rungs_out: tuple[RungOut, ...] = ()


NOTHING_TO_SAY = CardSafety()


async def card_safety(
    sessions: SessionFactory, catalogue: Catalogue, user_id: int, exercise: Exercise, now: datetime
) -> CardSafety:
    """The safety notes for `exercise`'s card, from the person's stored answers."""
    async with sessions.begin() as session:
        subscription = await get_subscription(session, user_id)
    if subscription is None:
        return NOTHING_TO_SAY
    state = state_of(subscription)
    decision = triage(state.preferences.safety_flags, catalogue.flags)
    held = routine_gate(state, catalogue.flags, now) is Gate.HELD
    return CardSafety(
        held=held,
        see_first=decision.see_first,
        excluded_by=excluded_by(exercise, decision.flags),
        rungs_out=tuple(out for out in rungs_out(exercise, decision) if out.flags),
    )


@dataclass(frozen=True, slots=True)
class Recheck:
    """A hold whose check is asked again now: who, and the state with the question open."""

    user_id: int
    state: SubscriptionState


async def claim_rechecks(
    sessions: SessionFactory, check: SafetyFlags, now: datetime, batch: int
) -> tuple[Recheck, ...]:
    """Open the safety check again for holds whose time has come, committed before sending.

    At most once: a send that fails leaves the question open, and the next /today (or the
    reminder of someone released) asks it anyway, because the gate stays shut until answered.
    """
    claimed: list[Recheck] = []
    async with sessions.begin() as session:
        for subscription in await held_for_recheck(session, now, batch):
            result = await change_row(session, subscription, AskSafety(check), now)
            if isinstance(result, Transition):
                claimed.append(Recheck(subscription.user_id, result.state))
    return tuple(claimed)
