"""Builds the Application and wires every handler: the one place that knows them all.

Nothing registers itself by side effect; reading this file tells you everything the bot
reacts to, in the order PTB will try it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy.ext.asyncio import AsyncEngine
from telegram import BotCommand, Update
from telegram.constants import ParseMode
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    Defaults,
    InlineQueryHandler,
    MessageHandler,
    filters,
)

from bot.config import Settings
from bot.storage.migrate import upgrade
from bot.telegram import (
    buttons,
    commands,
    errors,
    export,
    forget,
    inline,
    lookup,
    onboarding,
    pausing,
    progress,
    reminders,
    routine,
    settings,
    texts,
    weekly,
)
from bot.telegram.http import AiohttpRequest
from bot.telegram.services import KEY, Services

DEFAULT_POLL_TIMEOUT = 10
REMINDER_JOB = "reminders"
SUMMARY_JOB = "weekly-summaries"
TYPED_ANSWERS = -1
"""The handler group tried before the default one (0): typed answers to an open question."""


def build_application(
    settings: Settings, token: str, services: Services, engine: AsyncEngine
) -> Application:
    async def post_init(application: Application) -> None:
        await upgrade(engine)
        await application.bot.set_my_commands([BotCommand(*pair) for pair in texts.COMMANDS])

    async def post_shutdown(application: Application) -> None:
        await engine.dispose()

    application = (
        ApplicationBuilder()
        .token(token)
        .defaults(Defaults(parse_mode=ParseMode.HTML))
        .base_url(settings.bot_base_url)
        .base_file_url(settings.bot_base_file_url)
        .request(AiohttpRequest())
        .get_updates_request(AiohttpRequest(pool_size=1))
        .concurrent_updates(True)
        .post_init(post_init)
        .post_shutdown(post_shutdown)
        .build()
    )
    application.bot_data[KEY] = services
    register_handlers(application)
    schedule_jobs(application, settings)
    return application


def schedule_jobs(application: Application, settings: Settings) -> None:
    """The clock's jobs: only triggers, the database decides who is due.

    One job per kind of delivery, so a long morning of reminders never holds up a summary (or
    the reverse); each never overlaps itself, and a run missed while busy is run once, not twice.
    """
    assert application.job_queue is not None
    for tick, name in ((reminders.tick, REMINDER_JOB), (weekly.tick, SUMMARY_JOB)):
        application.job_queue.run_repeating(
            tick,
            interval=settings.reminder_tick_seconds,
            first=settings.reminder_tick_seconds,
            name=name,
            job_kwargs={"max_instances": 1, "coalesce": True},
        )


def register_handlers(application: Application) -> None:
    private = filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE
    groups = filters.ChatType.GROUPS & filters.UpdateType.MESSAGE
    # Typed answers to the open onboarding question (a time, a place) come first, in their own
    # group: whether a question is open is a fact in the database, which a PTB filter cannot
    # read. The handler raises ApplicationHandlerStop when the text answered the question; any
    # other text goes on to the handlers below, where it is an exercise name.
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
            MessageHandler(private & filters.COMMAND, commands.unknown_command),
            MessageHandler(private & filters.TEXT, lookup.text_message),
            MessageHandler(private & filters.LOCATION, onboarding.take_location),
            MessageHandler(private, commands.non_text),
            CommandHandler(
                [name for name, _ in texts.COMMANDS], commands.group_pointer, filters=groups
            ),
            CallbackQueryHandler(buttons.on_button),
            InlineQueryHandler(inline.inline_query),
        ]
    )
    application.add_error_handler(errors.on_error)


@asynccontextmanager
async def polling(
    application: Application, *, poll_timeout: int = DEFAULT_POLL_TIMEOUT
) -> AsyncIterator[Application]:
    """Run the bot with long polling inside an event loop the caller owns.

    `run_polling` wants the whole process; tests and the sandbox need the bot beside other
    coroutines, so this does the same steps by hand, including `post_init`.
    """
    try:
        async with application:
            if application.post_init is not None:
                await application.post_init(application)
            assert application.updater is not None
            await application.updater.start_polling(
                poll_interval=0, timeout=poll_timeout, allowed_updates=Update.ALL_TYPES
            )
            await application.start()
            try:
                yield application
            finally:
                await application.updater.stop()
                await application.stop()
    finally:
        if application.post_shutdown is not None:
            await application.post_shutdown(application)
