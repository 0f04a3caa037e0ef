"""Builds the Application and wires every handler: the one place that knows them all.

Nothing registers itself by side effect; reading this file tells you everything the bot
reacts to, in the order PTB will try it, and how a running bot is assembled from settings
(content, place names, database, the sender) for production, the sandbox and the tests.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import AsyncIterator, Iterator
from contextlib import (
    AbstractAsyncContextManager,
    AsyncExitStack,
    asynccontextmanager,
    contextmanager,
)
from pathlib import Path
from typing import Any, TypeAlias
from urllib.parse import urlsplit

import uvicorn
from sqlalchemy.ext.asyncio import AsyncEngine
from telegram import BotCommand, Update
from telegram.constants import ParseMode
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    Defaults,
    ExtBot,
    InlineQueryHandler,
    JobQueue,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot import i18n
from bot.clock import Clock, system_clock
from bot.config import Settings
from bot.content import load_catalogue
from bot.domain.zones import use_places
from bot.inbox.polling import Poller
from bot.inbox.webhook import webhook_app
from bot.inbox.worker import Worker
from bot.ops.health import Vitals, ops_routes
from bot.ops.metrics import Metrics
from bot.ops.server import ops_listener
from bot.places import PLACES_FILE, load_places
from bot.storage.database import create_engine, create_session_factory
from bot.storage.migrate import upgrade
from bot.storage.ratelimit import shared_bucket
from bot.telegram import (
    admin,
    buttons,
    commands,
    errors,
    export,
    forget,
    inline,
    language,
    lookup,
    onboarding,
    pausing,
    progress,
    reminders,
    routine,
    safety,
    settings,
    texts,
    timers,
    weekly,
)
from bot.telegram.http import AiohttpRequest
from bot.telegram.sender import Sender
from bot.telegram.services import KEY, Services

log = logging.getLogger(__name__)

App: TypeAlias = Application[
    ExtBot[None],
    ContextTypes.DEFAULT_TYPE,
    dict[Any, Any],
    dict[Any, Any],
    dict[Any, Any],
    JobQueue[ContextTypes.DEFAULT_TYPE],
]
"""What `ApplicationBuilder().build()` returns with PTB's default context types."""

DEFAULT_POLL_TIMEOUT = 10
SERVER_STOP_SECONDS = 10.0
"""How long open webhook requests get to finish once SIGTERM has closed the listening socket
(at most half of `SHUTDOWN_SECONDS`)."""
STOP_RESERVE_SECONDS = 3.0
"""Of `SHUTDOWN_SECONDS`, what is kept for the jobs and the database after the handlers."""
INBOX = "inbox"
"""`bot_data` key of the inbox `Worker` (tests reach it to simulate a crash)."""
OPS = "ops"
"""`bot_data` key of the `Vitals` behind /healthz, /readyz and /metrics."""
OPS_PORT = "ops_port"
"""`bot_data` key of the port the polling mode's health listener got (HEALTH_PORT=0: any)."""
REMINDER_JOB = "reminders"
SUMMARY_JOB = "weekly-summaries"
RECHECK_JOB = "safety-rechecks"
TIMER_JOB = "timers"
COUNTDOWN_JOB = "countdowns"
COUNTDOWN_TICK_SECONDS = 1.0
BROADCAST_JOB = "broadcasts"
ADMIN_TYPED = -2
"""The handler group before the typed answers: an operator's broadcast text, when one waits."""
TYPED_ANSWERS = -1
"""The handler group tried before the default one (0): typed answers to an open question."""


def create_application(
    settings: Settings,
    token: str,
    clock: Clock = system_clock,
    *,
    places_file: Path = PLACES_FILE,
    inbox: bool = True,
) -> App:
    """Load content and place names (each fails fast on a bad file), then build the bot.

    Place names are handed to the zone rules before anything can ask them for a zone.
    """
    catalogue = load_catalogue(settings.content_dir)
    use_places(load_places(places_file))
    engine = create_engine(settings.database_url)
    metrics = Metrics()
    services = Services(
        catalogue=catalogue,
        sessions=create_session_factory(engine, metrics.observe),
        clock=clock,
        settings=settings,
        # On PostgreSQL the reminders' rate limit holds for all processes together.
        sender=Sender(settings.reminder_rate, bucket=shared_bucket(engine, settings.reminder_rate)),
        metrics=metrics,
    )
    return build_application(settings, token, services, engine, inbox=inbox)


def build_application(
    settings: Settings, token: str, services: Services, engine: AsyncEngine, *, inbox: bool = True
) -> App:
    """The bot, with the durable inbox (`inbox=False`: PTB's own Updater, for the benchmark
    that measures what the inbox costs)."""

    async def post_init(application: App) -> None:
        await upgrade(engine)
        await set_command_menus(application)

    async def post_shutdown(application: App) -> None:
        await engine.dispose()

    builder = (
        ApplicationBuilder()
        .token(token)
        .defaults(Defaults(parse_mode=ParseMode.HTML))
        .base_url(settings.bot_base_url)
        .base_file_url(settings.bot_base_file_url)
        .request(AiohttpRequest(metrics=services.metrics))
        .concurrent_updates(True)
        .post_init(post_init)
        .post_shutdown(post_shutdown)
    )
    if inbox:
        builder = builder.updater(None)
    else:
        builder = builder.get_updates_request(AiohttpRequest(pool_size=1))
    application = builder.build()
    application.bot_data[KEY] = services
    if inbox:
        worker = Worker(application, services.sessions, settings, metrics=services.metrics)
        application.bot_data[INBOX] = worker
        # First of the error handlers: the inbox learns that a handler failed even if the
        # error handler that tells the person fails too.
        application.add_error_handler(worker.record_error)
    application.bot_data[OPS] = Vitals(
        sessions=services.sessions,
        metrics=services.metrics,
        content_size=len(services.catalogue),
        probe_api=application.bot.get_me,
    )
    register_handlers(application)
    schedule_jobs(application, settings)
    return application


async def set_command_menus(application: App) -> None:
    """The command menu in each language (Telegram takes two-letter codes: "pt" for pt-BR),
    and the English one without a code for every other language."""
    for code in (None, *i18n.LANGUAGES):
        with i18n.use_language(code):
            commands = [BotCommand(*pair) for pair in texts.COMMANDS]
        language_code = code.split("-")[0] if code else None
        await application.bot.set_my_commands(commands, language_code=language_code)


def schedule_jobs(application: App, settings: Settings) -> None:
    """The clock's jobs: only triggers, the database decides who is due.

    One job per kind of delivery, so a long morning of reminders never holds up a summary (or
    the reverse); each never overlaps itself, and a run missed while busy is run once, not twice.
    """
    assert application.job_queue is not None
    jobs = (
        (reminders.tick, REMINDER_JOB),
        (weekly.tick, SUMMARY_JOB),
        (safety.recheck_tick, RECHECK_JOB),
        (admin.broadcast_tick, BROADCAST_JOB),
    )
    for tick, name in jobs:
        application.job_queue.run_repeating(
            tick,
            interval=settings.reminder_tick_seconds,
            first=settings.reminder_tick_seconds,
            name=name,
            job_kwargs={"max_instances": 1, "coalesce": True},
        )
    # Hold and rest timers: stored, so this tick fires them after a restart too (late rather
    # than never); the countdown edits beside them share one bot-wide edit limiter.
    timers.install(application, settings.timer_edit_rate)
    clock_jobs = (
        (timers.timer_tick, TIMER_JOB, settings.timer_tick_seconds),
        (timers.countdown_tick, COUNTDOWN_JOB, COUNTDOWN_TICK_SECONDS),
    )
    for tick, name, interval in clock_jobs:
        application.job_queue.run_repeating(
            tick,
            interval=interval,
            first=interval,
            name=name,
            job_kwargs={"max_instances": 1, "coalesce": True},
        )


def register_handlers(application: App) -> None:
    private = filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE
    # First for every update: the language everything below renders in.
    application.add_handler(TypeHandler(Update, language.remember_language), group=language.GROUP)
    groups = filters.ChatType.GROUPS & filters.UpdateType.MESSAGE
    # Typed answers to the open onboarding question (a time, a place) come first, in their own
    # group: whether a question is open is a fact in the database, which a PTB filter cannot
    # read. The handler raises ApplicationHandlerStop when the text answered the question; any
    # other text goes on to the handlers below, where it is an exercise name.
    application.add_handler(
        MessageHandler(private & filters.TEXT & ~filters.COMMAND, admin.typed_broadcast),
        group=ADMIN_TYPED,
    )
    application.add_handler(
        MessageHandler(private & filters.TEXT & ~filters.COMMAND, onboarding.typed_answer),
        group=TYPED_ANSWERS,
    )
    application.add_handlers(
        [
            CommandHandler("start", commands.start, filters=private),
            CommandHandler("help", commands.help_command, filters=private),
            CommandHandler("exercise", lookup.exercise_command, filters=private),
            CommandHandler("exercises", lookup.exercises_command, filters=private),
            CommandHandler("today", routine.today_command, filters=private),
            CommandHandler("settings", settings.settings_command, filters=private),
            CommandHandler("pause", pausing.pause_command, filters=private),
            CommandHandler("resume", pausing.resume_command, filters=private),
            CommandHandler("stop", pausing.stop_command, filters=private),
            CommandHandler("progress", progress.progress_command, filters=private),
            CommandHandler("export", export.export_command, filters=private),
            CommandHandler("forget", forget.forget_command, filters=private),
            CommandHandler("admin", admin.admin_command, filters=private),
            CommandHandler("language", language.language_command, filters=private),
            MessageHandler(private & filters.COMMAND, commands.unknown_command),
            MessageHandler(private & filters.TEXT, lookup.text_message),
            MessageHandler(private & filters.LOCATION, onboarding.take_location),
            MessageHandler(private, commands.non_text),
            CommandHandler(list(texts.COMMAND_NAMES), commands.group_pointer, filters=groups),
            CallbackQueryHandler(buttons.on_button),
            InlineQueryHandler(inline.inline_query),
        ]
    )
    application.add_error_handler(errors.on_error)


@asynccontextmanager
async def polling(
    application: App, *, poll_timeout: int = DEFAULT_POLL_TIMEOUT
) -> AsyncIterator[App]:
    """Run the bot with long polling through the inbox, inside an event loop the caller owns.

    PTB's Updater acknowledges updates before they are handled, so it is replaced: the
    `Poller` stores each batch and only then moves the offset past it, and the inbox `Worker`
    runs the handlers on stored rows. PTB still runs the job queue (`application.start`).
    """
    if INBOX not in application.bot_data:
        async with _updater_polling(application, poll_timeout):
            yield application
        return
    services, worker = _inbox_parts(application)
    poller = Poller(
        f"{services.settings.bot_base_url}{application.bot.token}",
        services.sessions,
        worker,
        timeout=poll_timeout,
        allowed_updates=Update.ALL_TYPES,
        metrics=services.metrics,
    )
    settings = services.settings
    async with _initialised(application), AsyncExitStack() as stack:
        if settings.health_port is not None:
            routes = ops_routes(application.bot_data[OPS])
            port = await stack.enter_async_context(
                ops_listener(routes, settings.webhook_listen, settings.health_port)
            )
            application.bot_data[OPS_PORT] = port
        await application.start()
        worker.start()
        poller.start()
        try:
            yield application
        finally:
            started = asyncio.get_running_loop().time()
            services.sender.close()
            await poller.stop()
            await _drain(application, services, worker, started)


@asynccontextmanager
async def _updater_polling(application: App, poll_timeout: int) -> AsyncIterator[None]:
    """PTB's own Updater, which acknowledges updates before handling them: only for an
    application built without the inbox (the benchmark's baseline, the echo bot)."""
    async with _initialised(application):
        assert application.updater is not None
        await application.updater.start_polling(
            poll_interval=0, timeout=poll_timeout, allowed_updates=Update.ALL_TYPES
        )
        await application.start()
        try:
            yield
        finally:
            await application.updater.stop()
            await application.stop()


@asynccontextmanager
async def _initialised(application: App) -> AsyncIterator[None]:
    """What `run_polling` does around the loop, for a loop the caller owns: initialise, run
    `post_init` (migrations, the command menu), and always `post_shutdown` at the end."""
    try:
        async with application:
            if application.post_init is not None:
                await application.post_init(application)
            yield
    finally:
        if application.post_shutdown is not None:
            await application.post_shutdown(application)


def _inbox_parts(application: App) -> tuple[Services, Worker]:
    services = application.bot_data[KEY]
    assert isinstance(services, Services)
    worker = application.bot_data[INBOX]
    assert isinstance(worker, Worker)
    return services, worker


class _Server(uvicorn.Server):
    """uvicorn without its own signal handling: the bot's runner owns SIGTERM and stops the
    server itself, after which it still has handlers to drain."""

    @contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


@asynccontextmanager
async def webhook(application: App) -> AsyncIterator[App]:
    """Serve the webhook (Starlette on uvicorn) through the inbox, in the caller's event loop.

    Order matters both ways. At start the server listens before setWebhook, so Telegram's first
    POST finds it. At stop the server closes first (no new update is taken; requests already
    in flight finish storing), then the worker lets running handlers finish and settles them.
    """
    services, worker = _inbox_parts(application)
    settings = services.settings
    if settings.webhook_url is None or settings.webhook_secret is None:
        raise ValueError("webhook mode needs WEBHOOK_URL and WEBHOOK_SECRET")
    path = urlsplit(settings.webhook_url).path or "/"
    server = _Server(
        uvicorn.Config(
            webhook_app(
                path,
                settings.webhook_secret,
                services.sessions,
                worker,
                routes=ops_routes(application.bot_data[OPS]),
            ),
            host=settings.webhook_listen,
            port=settings.port,
            lifespan="off",
            log_config=None,
            access_log=False,
            timeout_graceful_shutdown=max(int(_server_stop_seconds(settings)), 1),
        )
    )
    async with _initialised(application):
        await application.start()
        worker.start()
        serving = asyncio.create_task(server.serve(), name="webhook-server")
        try:
            while not server.started:
                if serving.done():
                    await serving  # raises why it could not listen
                    raise OSError(f"the webhook server stopped before listening: {path}")
                await asyncio.sleep(0.01)
            await application.bot.set_webhook(
                url=settings.webhook_url,
                secret_token=settings.webhook_secret,
                allowed_updates=Update.ALL_TYPES,
                drop_pending_updates=False,
            )
            yield application
        finally:
            started = asyncio.get_running_loop().time()
            services.sender.close()
            server.should_exit = True
            await asyncio.wait({serving}, timeout=_server_stop_seconds(settings) + 1)
            await _drain(application, services, worker, started)


def _server_stop_seconds(settings: Settings) -> float:
    return min(SERVER_STOP_SECONDS, settings.shutdown_seconds / 2)


async def _drain(application: App, services: Services, worker: Worker, started: float) -> None:
    """Once no update comes in any more (SIGTERM): let running handlers finish, hand back
    the rows of those that do not in time, let the jobs record their sends (the Sender is
    closed: waiting reminders come back unsent and their claims are released), all within
    `SHUTDOWN_SECONDS` from `started`."""
    loop = asyncio.get_running_loop()
    budget = services.settings.shutdown_seconds
    deadline = started + budget
    reserve = min(STOP_RESERVE_SECONDS, budget / 4)
    await worker.stop(grace=max(deadline - reserve - loop.time(), 0.1))
    try:
        await asyncio.wait_for(application.stop(), timeout=max(deadline - loop.time(), 0.1))
    except TimeoutError:
        log.warning(
            "jobs still running after %.0f s were stopped; their claims wait for their lease",
            budget,
        )
    log.info("stopped in %.1f s", loop.time() - started)


def run_polling(settings: Settings) -> None:
    """Production entry point: poll until SIGINT or SIGTERM, then stop cleanly."""
    assert settings.telegram_bot_token is not None
    application = create_application(settings, settings.telegram_bot_token)
    asyncio.run(_serve(application, polling(application)))


def run_webhook(settings: Settings) -> None:
    """Production entry point of webhook mode: serve until SIGINT or SIGTERM, then drain."""
    assert settings.telegram_bot_token is not None
    application = create_application(settings, settings.telegram_bot_token)
    asyncio.run(_serve(application, webhook(application)))


async def _serve(application: App, mode: AbstractAsyncContextManager[App]) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    async with mode:
        await stop.wait()


@asynccontextmanager
async def running_bot(
    settings: Settings,
    token: str,
    *,
    clock: Clock = system_clock,
    poll_timeout: int = DEFAULT_POLL_TIMEOUT,
    inbox: bool = True,
) -> AsyncIterator[App]:
    """The bot polling (or, with WEBHOOK_URL set, serving its webhook) in the caller's event
    loop (sandbox, tests, benchmarks)."""
    application = create_application(settings, token, clock, inbox=inbox)
    if settings.webhook_url is not None:
        async with webhook(application):
            yield application
        return
    async with polling(application, poll_timeout=poll_timeout):
        yield application
