"""`footbot` command line: run, sandbox, db upgrade, content check.

Every failure a person can cause by configuration ends in one line naming the problem and a
non-zero exit code, never a traceback.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from collections.abc import Callable, Sequence

from bot.config import ConfigError, Settings, load_settings
from bot.content import ContentError, describe, load_catalogue
from bot.logs import configure_logging

EXIT_CONFIG = 2

Command = Callable[[Settings, argparse.Namespace], int]
"""What each sub-command runs: the settings and its arguments in, an exit code out."""


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        settings = load_settings()
        configure_logging(settings.log_level, settings.telegram_bot_token)
        handler: Command = args.handler
        return handler(settings, args)
    except (ConfigError, ContentError) as error:
        print(f"footbot: {error}", file=sys.stderr)
        return EXIT_CONFIG
    except KeyboardInterrupt:
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="footbot", description="FootBot, a foot-care coach.")
    sub = parser.add_subparsers(required=True, metavar="COMMAND")

    run = sub.add_parser("run", help="run the bot with long polling against TELEGRAM_API_URL")
    run.set_defaults(handler=_run)

    sandbox = sub.add_parser("sandbox", help="try the bot locally, without Telegram")
    sandbox.add_argument("--port", type=int, default=0, help="port of the local Bot API server")
    sandbox.set_defaults(handler=_sandbox)

    db = sub.add_parser("db", help="database maintenance").add_subparsers(required=True)
    db.add_parser("upgrade", help="apply migrations").set_defaults(handler=_db_upgrade)

    content = sub.add_parser("content", help="exercise content").add_subparsers(required=True)
    content.add_parser("check", help="validate content/ and summarise it").set_defaults(
        handler=_content_check
    )
    return parser


def _run(settings: Settings, args: argparse.Namespace) -> int:
    from bot.app import run_polling

    if settings.telegram_bot_token is None:
        raise ConfigError(
            "TELEGRAM_BOT_TOKEN: not set; get one from @BotFather, or try `footbot sandbox`"
        )
    run_polling(settings)
    return 0


def _sandbox(settings: Settings, args: argparse.Namespace) -> int:
    if "LOG_LEVEL" not in os.environ:  # keep the terminal chat readable
        configure_logging("WARNING", settings.telegram_bot_token)
    from bot.sandbox.terminal import run_sandbox

    asyncio.run(run_sandbox(settings, port=args.port))
    return 0


def _db_upgrade(settings: Settings, args: argparse.Namespace) -> int:
    from bot.storage.database import create_engine
    from bot.storage.migrate import upgrade

    async def go() -> None:
        engine = create_engine(settings.database_url)
        try:
            await upgrade(engine)
        finally:
            await engine.dispose()

    asyncio.run(go())
    print("database is up to date")
    return 0


def _content_check(settings: Settings, args: argparse.Namespace) -> int:
    print(describe(load_catalogue(settings.content_dir)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
