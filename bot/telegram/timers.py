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

from telegram import Bot, InlineKeyboardMarkup
from telegram.error import TelegramError
from telegram.ext import Application, ContextTypes

from bot import i18n
from bot.domain.walkthrough import WalkthroughView, next_side
from bot.telegram import texts
from bot.telegram.edits import edit_message_screen
from bot.telegram.runs import Run, run_of, screen
from bot.telegram.sender import Monotonic, Sleep
from bot.telegram.services import services
from bot.usecases import walkthrough as usecase
from bot.usecases.language import languages_for

log = logging.getLogger(__name__)

KEY = "countdowns"
EDIT_EVERY = 5.0
"""Seconds between two edits of one countdown, at most."""
COUNTDOWN_FROM = 10
"""Holds and rests shorter than this get no countdown: the start and the end say enough."""


class Slot:
    """One edit's place in the limiter: it counts from the moment it is taken until a second
    after the edit is done, so whatever the network's delays, Telegram never sees more than
    the rate in any one second."""

    __slots__ = ("until",)

    def __init__(self) -> None:
        self.until = math.inf

    def close(self, now: float) -> None:
        self.until = now + EditLimiter.WINDOW


class EditLimiter:
    """At most `rate` edits in any one second, for the whole bot; 0 allows no optional edit.

    A window rather than evenly spaced slots, so that one tick can edit a batch of countdowns
    at once. `try_take` is for edits that may be dropped (a countdown's): it takes a place only
    if there is one now. `take` is for edits that must happen (a timer's end): it waits for one.
    Both share the window; `release` is called when the edit is done.
    """

    WINDOW = 1.0
    POLL = 0.05

    def __init__(
        self, rate: float, *, monotonic: Monotonic = time.monotonic, sleep: Sleep = asyncio.sleep
    ) -> None:
        self.rate = rate
        self._monotonic = monotonic
        self._sleep = sleep
        self._slots: list[Slot] = []

    def _wait(self) -> float:
        """Seconds until there is a place (0: now), forgetting slots that no longer count."""
        now = self._monotonic()
        self._slots = [slot for slot in self._slots if slot.until > now]
        if len(self._slots) < max(int(self.rate), 1):
            return 0.0
        soonest = min(slot.until for slot in self._slots)
        return self.POLL if math.isinf(soonest) else soonest - now

    def try_take(self) -> Slot | None:
        if self.rate <= 0 or self._wait() > 0:
            return None
        slot = Slot()
        self._slots.append(slot)
        return slot

    async def take(self) -> Slot:
        slot = Slot()
        if self.rate <= 0:
            return slot
        while (wait := self._wait()) > 0:
            await self._sleep(wait)
        self._slots.append(slot)
        return slot

    def release(self, slot: Slot) -> None:
        slot.close(self._monotonic())


@dataclass(frozen=True, slots=True)
class _Countdown:
    walkthrough: WalkthroughView
    run: Run
    ends_at: datetime
    next_edit: float
    shown: str = ""
    language: str = i18n.DEFAULT
    """The language of the update that started it: the countdown goes on speaking it."""


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
        self._running[walkthrough.id] = _Countdown(
            walkthrough, run, ends_at, first, language=i18n.current()
        )

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
            with i18n.use_language(countdown.language):
                text, markup = screen(
                    countdown.walkthrough, countdown.run, timer_running=True, remaining=remaining
                )
            slot = None if text == countdown.shown else self.limiter.try_take()
            if slot is None:
                # nothing new, or no room this round: the end still comes
                self._running[walkthrough_id] = replace(countdown, next_edit=moment + EDIT_EVERY)
                continue
            self._running[walkthrough_id] = replace(
                countdown, next_edit=moment + EDIT_EVERY, shown=text
            )
            edits.append(self._edit(bot, countdown.walkthrough, text, markup, slot))
        if edits:
            await asyncio.gather(*edits)

    async def end(
        self,
        bot: Bot,
        walkthrough: WalkthroughView,
        text: str,
        markup: InlineKeyboardMarkup | None,
    ) -> int | None:
        """The screen at a timer's end: an edit that must happen, so it waits for its place.

        If Telegram will not edit the screen's message any more, the screen comes as a new
        message; returns the id of the message that shows it now (None: it could not be shown).
        """
        self.stop(walkthrough.id)
        if walkthrough.message_id is None:
            return None
        slot = await self.limiter.take()
        try:
            return await edit_message_screen(
                bot, walkthrough.chat_id, walkthrough.message_id, text, markup
            )
        except TelegramError as error:  # the end itself was sent; the screen stays as it was
            log.warning("timer end screen of walkthrough %s not shown: %s", walkthrough.id, error)
            return None
        finally:
            self.limiter.release(slot)

    async def _edit(
        self, bot: Bot, walkthrough: WalkthroughView, text: str, markup: object, slot: Slot
    ) -> None:
        try:
            await _edit(bot, walkthrough, text, markup)
        finally:
            self.limiter.release(slot)


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
    languages = await languages_for(deps.sessions, {one.run.user_id for one in ended})
    await asyncio.gather(
        *(_announce(context, countdowns, one, languages.get(one.run.user_id)) for one in ended)
    )
    await usecase.timers_sent(deps.sessions, tuple(one.timer_id for one in ended))


async def _announce(
    context: ContextTypes.DEFAULT_TYPE,
    countdowns: Countdowns,
    ended: usecase.TimerEnded,
    language: str | None,
) -> None:
    """Send the end as a new message (it notifies), then show it on the walkthrough's screen;
    if that screen moved to a new message, the walkthrough learns the new one."""
    i18n.set_language(language)  # this task's own context: one recipient
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
    shown_in = await countdowns.end(context.bot, run, text, markup)
    if shown_in is not None and shown_in != run.message_id:
        await usecase.attach_message(deps.sessions, run.id, shown_in)
