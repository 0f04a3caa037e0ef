"""The bot's Prometheus metrics, in a registry each application owns.

Not the client library's global registry: tests build several bots in one process, and each
must count only its own. Each process exposes its own counters (Prometheus sums replicas);
the figures read from the database at scrape time (inbox depth, parked updates, subscribers)
are the same in every replica, so aggregate those with `max`, not `sum`.

Events come in three ways: the transport calls `api_call`/`api_retry`/`api_failure` for
every Bot API attempt, the inbox worker calls `update_handled`, and storage notes what a
transaction applied (`bot.storage.database.count_event`), which reaches `observe` only once the
transaction has committed. No label carries anything about a person: update types, API
methods, delivery kinds and short reason words only.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from datetime import timedelta
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from telegram import Update

from bot.storage.tallies import (
    DELIVERY_DUE,
    DELIVERY_FAILED,
    DELIVERY_SENT,
    DELIVERY_SKIPPED,
    ROUTINE_FINISHED,
    ROUTINE_STARTED,
    UPDATE_RECEIVED,
    Tally,
)
from bot.usecases.vitals import Figures

log = logging.getLogger(__name__)

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
LATE_AFTER = timedelta(minutes=5)
"""A reminder sent more than this after its due instant counts as late (the same rule as the
operator's /admin figures)."""

UPDATE_TYPES = frozenset(Update.ALL_TYPES)
HANDLER_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
LAG_BUCKETS = (1.0, 5.0, 15.0, 30.0, 60.0, 120.0, 300.0, 600.0, 1800.0, 3600.0, 7200.0)
RETRY_AFTER_BUCKETS = (1.0, 2.0, 5.0, 10.0, 30.0, 60.0, 300.0, 3600.0)


def answered(status: int) -> bool:
    """Whether an HTTP status is the Bot API answering, in its own words, a bot it knows:
    not a 5xx (a proxy, or Telegram unwell) and not 401/404 (a revoked or wrong token)."""
    return 0 < status < 500 and status not in (401, 404)


def update_type(kind: str) -> str:
    """An update's type as a label; anything Telegram does not send becomes "other" (the
    type is read from the update itself, so it must not be able to mint new series)."""
    return kind if kind in UPDATE_TYPES else "other"


class Metrics:
    """Every figure of one bot process, and when the Bot API last answered it."""

    def __init__(self, monotonic: Callable[[], float] = time.monotonic) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self._monotonic = monotonic
        self.last_api_success: float | None = None
        """`monotonic()` of the last Bot API call that succeeded; None: none yet."""
        self._last_success_time = 0.0
        self._children: dict[tuple[int, tuple[str, ...]], Any] = {}
        r = self.registry
        self.updates_received = Counter(
            "footbot_updates_received",
            "Updates stored in the inbox, by type (a redelivered update counts again).",
            ["type"],
            registry=r,
        )
        self.updates_handled = Counter(
            "footbot_updates_handled",
            "Updates settled by the inbox worker: done, retry (will run again) or parked.",
            ["type", "result"],
            registry=r,
        )
        self.handler_seconds = Histogram(
            "footbot_handler_seconds",
            "Time the handlers took on one update, by type.",
            ["type"],
            buckets=HANDLER_BUCKETS,
            registry=r,
        )
        self.inbox_pending = Gauge(
            "footbot_inbox_pending", "Updates stored and not yet handled (database).", registry=r
        )
        self.inbox_oldest_age = Gauge(
            "footbot_inbox_oldest_pending_age_seconds",
            "Age of the oldest update still waiting; 0 when none waits (database).",
            registry=r,
        )
        self.inbox_parked = Gauge(
            "footbot_inbox_parked",
            "Updates parked after failing or being unreadable (database).",
            registry=r,
        )
        self.subscribers_active = Gauge(
            "footbot_subscribers_active",
            "Active subscriptions of people who have not blocked the bot (database).",
            registry=r,
        )
        self.scrape_errors = Counter(
            "footbot_scrape_database_errors",
            "Scrapes whose database figures could not be read (the gauges keep old values).",
            registry=r,
        )
        self.answers_sent = Counter(
            "footbot_answers_sent",
            "Bot API calls that succeeded (messages, edits, callback answers ...), by method.",
            ["method"],
            registry=r,
        )
        self.answers_retried = Counter(
            "footbot_answers_retried",
            "Bot API attempts that failed and were tried again, by method and reason.",
            ["method", "reason"],
            registry=r,
        )
        self.answers_failed = Counter(
            "footbot_answers_failed",
            "Bot API calls given up (Telegram's final word, or patience ran out).",
            ["method", "reason"],
            registry=r,
        )
        self.flood_waits = Counter(
            "footbot_telegram_429",
            "429 Too Many Requests answers from the Bot API.",
            registry=r,
        )
        self.retry_after = Histogram(
            "footbot_telegram_retry_after_seconds",
            "The retry_after Telegram asked for in its 429 answers.",
            buckets=RETRY_AFTER_BUCKETS,
            registry=r,
        )
        self.api_last_success = Gauge(
            "footbot_bot_api_last_success_timestamp_seconds",
            "Unix time of the last Bot API call that succeeded (0: none yet).",
            registry=r,
        )
        self.api_last_success.set_function(lambda: self._last_success_time)
        self.reminders_due = Counter(
            "footbot_reminders_due",
            "Deliveries claimed for sending, by kind (daily, snooze, weekly).",
            ["kind"],
            registry=r,
        )
        self.reminders_sent = Counter(
            "footbot_reminders_sent", "Deliveries sent, by kind.", ["kind"], registry=r
        )
        self.reminders_failed = Counter(
            "footbot_reminders_failed",
            "Deliveries given up, by kind and reason (blocked, timeout, error).",
            ["kind", "reason"],
            registry=r,
        )
        self.reminders_skipped = Counter(
            "footbot_reminders_skipped",
            "Deliveries not sent on purpose, by kind and reason (missed, done, inactive ...).",
            ["kind", "reason"],
            registry=r,
        )
        self.reminders_late = Counter(
            "footbot_reminders_late",
            f"Deliveries sent more than {int(LATE_AFTER.total_seconds())} s after their due time.",
            ["kind"],
            registry=r,
        )
        self.dispatch_lag = Histogram(
            "footbot_reminder_dispatch_lag_seconds",
            "Sent at minus due at, per delivery sent, by kind.",
            ["kind"],
            buckets=LAG_BUCKETS,
            registry=r,
        )
        self.routines_started = Counter(
            "footbot_routines_started", "Daily routines opened for the first time.", registry=r
        )
        self.routines_finished = Counter(
            "footbot_routines_finished",
            "Daily routines finished, by status (completed, ended early).",
            ["status"],
            registry=r,
        )

    # --- the transport ------------------------------------------------------------------------

    def api_call(self, method: str) -> None:
        """A call that succeeded (or needs no answer any more)."""
        self._of(self.answers_sent, method).inc()
        self.api_reachable()

    def api_reachable(self) -> None:
        """The Bot API answered (a success, or a refusal in Telegram's own words)."""
        self.last_api_success = self._monotonic()
        self._last_success_time = time.time()

    def api_retry(self, method: str, reason: str) -> None:
        self._of(self.answers_retried, method, reason).inc()

    def api_failure(self, method: str, reason: str) -> None:
        self._of(self.answers_failed, method, reason).inc()

    def flood_wait(self, retry_after: float) -> None:
        self.flood_waits.inc()
        self.retry_after.observe(retry_after)

    def api_silence(self) -> float | None:
        """Seconds since the Bot API last answered a call of ours; None: never yet."""
        if self.last_api_success is None:
            return None
        return self._monotonic() - self.last_api_success

    # --- the inbox ----------------------------------------------------------------------------

    def update_handled(self, kind: str, result: str) -> None:
        """A row settled: done, retry or park (`bot.domain.inbox.Verdict`)."""
        self._of(self.updates_handled, update_type(kind), result).inc()

    def handler_time(self, kind: str, seconds: float) -> None:
        self._of(self.handler_seconds, update_type(kind)).observe(seconds)

    # --- storage, on commit -------------------------------------------------------------------

    def observe(self, events: Sequence[Tally]) -> None:
        """What a committed transaction applied (never raises: it runs inside the commit)."""
        for event in events:
            try:
                self._count(event)
            except Exception:
                log.warning("could not count %s", event.name, exc_info=True)

    def _count(self, event: Tally) -> None:
        name, labels = event.name, event.labels
        if name == UPDATE_RECEIVED:
            self._of(self.updates_received, update_type(labels[0])).inc(event.value)
        elif name == DELIVERY_DUE:
            self._of(self.reminders_due, *labels).inc(event.value)
        elif name == DELIVERY_SENT:
            self._of(self.reminders_sent, *labels).inc()
            self._of(self.dispatch_lag, *labels).observe(event.value)
            if event.value > LATE_AFTER.total_seconds():
                self._of(self.reminders_late, *labels).inc()
        elif name == DELIVERY_FAILED:
            self._of(self.reminders_failed, *labels).inc(event.value)
        elif name == DELIVERY_SKIPPED:
            self._of(self.reminders_skipped, *labels).inc(event.value)
        elif name == ROUTINE_STARTED:
            self.routines_started.inc(event.value)
        elif name == ROUTINE_FINISHED:
            self._of(self.routines_finished, *labels).inc(event.value)

    def _of(self, metric: Any, *labels: str) -> Any:
        """The labelled child of `metric`, cached: `labels()` costs microseconds per call, which
        a morning of thousands of reminders would pay for every send."""
        key = (id(metric), labels)
        child = self._children.get(key)
        if child is None:
            child = self._children[key] = metric.labels(*labels)
        return child

    # --- the scrape ---------------------------------------------------------------------------

    def set_figures(self, figures: Figures) -> None:
        self.inbox_pending.set(figures.pending)
        self.inbox_oldest_age.set(figures.oldest_pending_seconds)
        self.inbox_parked.set(figures.parked)
        self.subscribers_active.set(figures.active_subscribers)

    def exposition(self) -> bytes:
        return generate_latest(self.registry)
