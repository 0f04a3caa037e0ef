"""Hold and rest timers on screen: a countdown while they run, a new message when they end.

The end of a timer is stored (:mod:`bot.usecases.walkthrough` claims it from the database), so
it arrives after a restart too. The end moves the walkthrough on by itself (the other foot's
hold, the next set, the next step) and its new screen comes as a new message, headed "Time's
up", because Telegram notifies on new messages, never on edits; the message that showed the
timer is closed without buttons. The countdown in between is only decoration, kept in this
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

from bot import i18n
from bot.domain.walkthrough import WalkthroughView
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
    notice: str = ""
    passed: tuple[int, ...] = ()
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
        self,
        walkthrough: WalkthroughView,
        run: Run,
        ends_at: datetime,
        seconds: int,
        *,
        notice: str = "",
        passed: tuple[int, ...] = (),
    ) -> None:
        """Count down on `walkthrough`'s message; `notice` and `passed` are kept in its text
        (the screen a timer's end brought says them above the step)."""
        if seconds < COUNTDOWN_FROM or walkthrough.message_id is None:
            return
        first = self._monotonic() + EDIT_EVERY
        shown, _ = screen(walkthrough, run, timer_running=True, notice=notice, passed=passed)
        self._running[walkthrough.id] = _Countdown(
            walkthrough, run, ends_at, first, shown, notice, passed, language=i18n.current()
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
                    countdown.walkthrough,
                    countdown.run,
                    timer_running=True,
                    remaining=remaining,
                    notice=countdown.notice,
                    passed=countdown.passed,
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

    async def end(self, bot: Bot, chat_id: int, message_id: int, text: str | None) -> None:
        """Close the screen that showed a timer once its end brought the next one: an edit
        that must happen (no dead buttons left behind), so it waits for its place. With no
        `text` (the old screen is not known any more), only the buttons go."""
        slot = await self.limiter.take()
        try:
            if text is None:
                await bot.edit_message_reply_markup(chat_id=chat_id, message_id=message_id)
            else:
                await bot.edit_message_text(text, chat_id=chat_id, message_id=message_id)
        except TelegramError as error:  # gone, too old, or already so: the new screen is sent
            log.debug("closing the timer screen %s refused: %s", message_id, error)
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
    """The timer's end is the next screen, sent as a new message (it notifies, an edit does
    not), with its buttons; the walkthrough learns that message, and the screen that showed
    the timer is closed without buttons, so none are left that mean nothing any more."""
    i18n.set_language(language)  # this task's own context: one recipient
    deps = services(context)  # the content in this recipient's language
    exercise = deps.catalogue.get(ended.exercise.id) or ended.exercise  # same ids, steps, doses
    run = ended.run
    countdowns.stop(run.id)
    shown = run_of(exercise, run)
    notice = texts.time_up(
        ended.seconds, rest=ended.rest, next_side=_turn(ended), next_set=_next_set(ended)
    )
    started = ended.started
    remaining = math.ceil((started.due_at - deps.clock()).total_seconds()) if started else None
    text, markup = screen(
        run,
        shown,
        timer_running=ended.holding,
        timer_done=ended.stayed,
        notice=notice,
        passed=ended.passed,
        remaining=remaining if ended.holding else None,
    )
    sent = await deps.sender.send(context.bot, run.chat_id, text, markup)
    old = ended.before.message_id if ended.before is not None else run.message_id
    if sent.message_id is None:
        if old is not None:  # the end could not be sent: the old screen shows where things are
            await edit_message_screen(context.bot, run.chat_id, old, *screen(run, shown))
        return
    await usecase.attach_message(deps.sessions, run.id, sent.message_id)
    if old is not None and old != sent.message_id:
        closed = None
        if ended.before is not None:
            before = ended.before
            closed, _ = screen(before, run_of(exercise, before), closed=True)
        await countdowns.end(context.bot, run.chat_id, old, closed)
    if ended.started is not None:
        moved = replace(run, message_id=sent.message_id)
        countdowns.start(
            moved,
            shown,
            ended.started.due_at,
            ended.started.seconds,
            notice=notice,
            passed=ended.passed,
        )


def _next_set(ended: usecase.TimerEnded) -> str:
    """ "Set 2 of 3" when a hold's end went on to the next set."""
    before, now = ended.before, ended.run.position
    if before is None or ended.rest or now.set_index == before.position.set_index:
        return ""
    return texts.set_line(now.set_index + 1, now.set_count)


def _turn(ended: usecase.TimerEnded) -> str:
    """ "Left foot" when the timer's end changed feet."""
    before, now = ended.before, ended.run.position
    if before is None or ended.rest or not now.sided or now.side == before.position.side:
        return ""
    return texts.SIDE_NAMES[now.side]
