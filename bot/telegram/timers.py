"""Hold and rest timers on screen: a countdown while they run, a new message when they end.

The end of a timer is stored (:mod:`bot.usecases.walkthrough` claims it from the database), so
it arrives after a restart too; it comes as a short new message because Telegram notifies on
new messages, never on edits. The countdown in between is only decoration, kept in this
process's memory: losing it in a restart loses a few edits, not the end.

Edits count against Telegram's limits like messages, and three hundred people holding at once
would want sixty edits a second. So every countdown edit of every person goes through one
:class:`EditLimiter` (``TIMER_EDIT_RATE`` edits per second for the whole bot); a countdown that
finds no room skips that edit, so under load the screens degrade to showing the start and the
end only.
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from dataclasses import dataclass, replace
from datetime import datetime

from telegram import Bot
from telegram.error import TelegramError
from telegram.ext import Application, ContextTypes

from bot.domain.walkthrough import WalkthroughView, next_side
from bot.telegram import texts
from bot.telegram.runs import Run, run_of, screen
from bot.telegram.sender import Monotonic, Sleep
from bot.telegram.services import services
from bot.usecases import walkthrough as usecase

log = logging.getLogger(__name__)

KEY = "countdowns"
EDIT_EVERY = 5.0
"""Seconds between two edits of one countdown, at most."""
COUNTDOWN_FROM = 10
"""Holds and rests shorter than this get no countdown: the start and the end say enough."""


class EditLimiter:
    """`rate` edits per second for the whole bot, evenly spaced; 0 allows no optional edit.

    `try_take` is for edits that may be dropped (a countdown's): it takes the next slot only if
    it is free now. `take` is for edits that must happen (a timer's end): it waits its turn.
    Both share one schedule, so together they never exceed the rate.
    """

    def __init__(
        self, rate: float, *, monotonic: Monotonic = time.monotonic, sleep: Sleep = asyncio.sleep
    ) -> None:
        self.rate = rate
        self._monotonic = monotonic
        self._sleep = sleep
        self._next = 0.0

    def try_take(self) -> bool:
        if self.rate <= 0:
            return False
        now = self._monotonic()
        if now < self._next:
            return False
        self._next = now + 1.0 / self.rate
        return True

    async def take(self) -> None:
        if self.rate <= 0:
            return
        now = self._monotonic()
        slot = max(now, self._next)
        self._next = slot + 1.0 / self.rate
        if slot > now:
            await self._sleep(slot - now)


@dataclass(frozen=True, slots=True)
class _Countdown:
    walkthrough: WalkthroughView
    run: Run
    ends_at: datetime
    next_edit: float
    shown: str = ""


class Countdowns:
    """The countdowns running in this process, edited by one periodic tick."""

    def __init__(self, limiter: EditLimiter, *, monotonic: Monotonic = time.monotonic) -> None:
        self.limiter = limiter
        self._monotonic = monotonic
        self._running: dict[int, _Countdown] = {}

    def __len__(self) -> int:
        return len(self._running)

    def start(
        self, walkthrough: WalkthroughView, run: Run, ends_at: datetime, seconds: int
    ) -> None:
        if seconds < COUNTDOWN_FROM or walkthrough.message_id is None:
            return
        first = self._monotonic() + EDIT_EVERY
        self._running[walkthrough.id] = _Countdown(walkthrough, run, ends_at, first)

    def stop(self, walkthrough_id: int) -> None:
        self._running.pop(walkthrough_id, None)

    async def tick(self, bot: Bot, now: datetime) -> None:
        """Edit the countdowns that are due, as far as the limiter allows."""
        moment = self._monotonic()
        edits = []
        for walkthrough_id, countdown in list(self._running.items()):
            remaining = math.ceil((countdown.ends_at - now).total_seconds())
            if remaining <= 0:
                del self._running[walkthrough_id]
                continue
            if countdown.next_edit > moment:
                continue
            text, markup = screen(
                countdown.walkthrough, countdown.run, timer_running=True, remaining=remaining
            )
            if text == countdown.shown or not self.limiter.try_take():
                # nothing new, or no room this round: the end still comes
                self._running[walkthrough_id] = replace(countdown, next_edit=moment + EDIT_EVERY)
                continue
            self._running[walkthrough_id] = replace(
                countdown, next_edit=moment + EDIT_EVERY, shown=text
            )
            edits.append(_edit(bot, countdown.walkthrough, text, markup))
        if edits:
            await asyncio.gather(*edits)


async def _edit(bot: Bot, walkthrough: WalkthroughView, text: str, markup: object) -> None:
    try:
        await bot.edit_message_text(
            text,
            chat_id=walkthrough.chat_id,
            message_id=walkthrough.message_id,
            reply_markup=markup,  # type: ignore[arg-type]
        )
    except TelegramError as error:  # the person moved on or the message is gone: harmless
        log.debug("countdown edit of walkthrough %s refused: %s", walkthrough.id, error)


def install(application: Application, rate: float) -> Countdowns:  # type: ignore[type-arg]
    """The one limiter and countdown registry of this bot process."""
    countdowns = Countdowns(EditLimiter(rate))
    application.bot_data[KEY] = countdowns
    return countdowns


def countdowns_of(context: ContextTypes.DEFAULT_TYPE) -> Countdowns:
    found = context.bot_data.get(KEY)
    if not isinstance(found, Countdowns):
        found = Countdowns(EditLimiter(services(context).settings.timer_edit_rate))
        context.bot_data[KEY] = found
    return found


async def countdown_tick(context: ContextTypes.DEFAULT_TYPE) -> None:
    await countdowns_of(context).tick(context.bot, services(context).clock())


async def timer_tick(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Fire the stored timers that are due: a new message each, and the screen updated."""
    deps = services(context)
    ended = await usecase.claim_timers(deps.sessions, deps.catalogue, now=deps.clock())
    if not ended:
        return
    countdowns = countdowns_of(context)
    await asyncio.gather(*(_announce(context, countdowns, one) for one in ended))
    await usecase.timers_sent(deps.sessions, tuple(one.timer_id for one in ended))


async def _announce(
    context: ContextTypes.DEFAULT_TYPE, countdowns: Countdowns, ended: usecase.TimerEnded
) -> None:
    """Send the end as a new message (it notifies), then show it on the walkthrough's screen."""
    deps = services(context)
    run = ended.run
    countdowns.stop(run.id)
    position = run.position
    if ended.rest:
        message = texts.rest_over(ended.exercise.name, position.set_index + 1, position.set_count)
    else:
        side = next_side(position)
        turn = texts.SIDE_NAMES[side] if side is not None else ""
        message = texts.hold_over(ended.exercise.name, ended.seconds, next_side=turn)
    await deps.sender.send(context.bot, run.chat_id, message)
    text, markup = screen(
        run, run_of(ended.exercise, run), timer_done=not ended.rest, rest_over=ended.rest
    )
    await countdowns.limiter.take()
    await _edit(context.bot, run, text, markup)
