"""`footbot` command line: run, sandbox, db upgrade, content check / schema / new.

Every failure a person can cause by configuration ends in one line naming the problem and a
non-zero exit code, never a traceback.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from bot.config import ConfigError, Settings, load_settings
from bot.content import ContentError, check_content, describe, load_catalogue
from bot.content.loader import EXERCISES_SUBDIR
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
    run.add_argument(
        "--webhook",
        action="store_true",
        help="serve a webhook on PORT instead of polling (also when WEBHOOK_URL is set)",
    )
    run.set_defaults(handler=_run)

    sandbox = sub.add_parser("sandbox", help="try the bot locally, without Telegram")
    sandbox.add_argument("--port", type=int, default=0, help="port of the local Bot API server")
    sandbox.add_argument(
        "--lang",
        default=None,
        help='your Telegram language_code, e.g. "es", "ru", "pt-br" (default: none, English)',
    )
    sandbox.set_defaults(handler=_sandbox)

    db = sub.add_parser("db", help="database maintenance").add_subparsers(required=True)
    db.add_parser("upgrade", help="apply migrations").set_defaults(handler=_db_upgrade)

    content = sub.add_parser("content", help="exercise content").add_subparsers(required=True)
    content.add_parser(
        "check", help="validate content/: every problem with file, line and field"
    ).set_defaults(handler=_content_check)
    schema = content.add_parser("schema", help="write the JSON Schema of an exercise file")
    schema.add_argument("path", nargs="?", type=Path, help="file to write (default: stdout)")
    schema.set_defaults(handler=_content_schema)
    new = content.add_parser("new", help="write a template exercise file to fill in")
    new.add_argument("name", help='the exercise\'s name, e.g. "Towel scrunch"')
    new.set_defaults(handler=_content_new)
    return parser


def _run(settings: Settings, args: argparse.Namespace) -> int:
    from bot.app import run_polling, run_webhook

    if settings.telegram_bot_token is None:
        raise ConfigError(
            "TELEGRAM_BOT_TOKEN: not set; get one from @BotFather, or try `footbot sandbox`"
        )
    if args.webhook or settings.webhook_url is not None:
        if settings.webhook_url is None:
            raise ConfigError("WEBHOOK_URL: not set; the public HTTPS address of the webhook")
        if settings.webhook_secret is None:
            raise ConfigError("WEBHOOK_SECRET: not set; 1 to 256 letters, digits, _ or -")
        run_webhook(settings)
        return 0
    run_polling(settings)
    return 0


def _sandbox(settings: Settings, args: argparse.Namespace) -> int:
    if "LOG_LEVEL" not in os.environ:  # keep the terminal chat readable
        configure_logging("WARNING", settings.telegram_bot_token)
    from bot.sandbox.terminal import run_sandbox

    asyncio.run(run_sandbox(settings, port=args.port, language=args.lang))
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
    """Every problem of every file on stderr (exit 2), else a summary of the catalogue."""
    catalogue, problems = check_content(settings.content_dir)
    if catalogue is None:
        for problem in problems:
            print(problem, file=sys.stderr)
        print(f"footbot: {len(problems)} problem(s) in the content", file=sys.stderr)
        return EXIT_CONFIG
    print(describe(catalogue))
    return 0


def _content_schema(settings: Settings, args: argparse.Namespace) -> int:
    """The schema carries the vocabulary and safety flags of the configured content folder."""
    from bot.content.schema import exercise_schema

    catalogue = load_catalogue(settings.content_dir)
    text = json.dumps(exercise_schema(catalogue.vocabulary, catalogue.flags), indent=2) + "\n"
    if args.path is None:
        sys.stdout.write(text)
    else:
        args.path.write_text(text, encoding="utf-8")
        print(f"wrote {args.path}")
    return 0


def _content_new(settings: Settings, args: argparse.Namespace) -> int:
    """Write ``exercises/<id>.yaml`` in the content folder; never over an existing file.

    Only the vocabulary and the safety check are read: another exercise being written must
    not stop a new one from being started."""
    from bot.content.flags import flags_path, load_flags
    from bot.content.template import MARK, exercise_id, template
    from bot.content.vocabulary import Vocabulary, vocabulary_path
    from bot.content.yamlfile import read_model

    directory = settings.content_dir
    vocabulary = read_model(vocabulary_path(directory), Vocabulary)
    flags = load_flags(flags_path(directory))
    try:
        identifier = exercise_id(args.name)
    except ValueError as error:
        raise ConfigError(f"content new: {error}") from None
    folder = directory / EXERCISES_SUBDIR
    path = (folder if folder.is_dir() else directory) / f"{identifier}.yaml"
    if path.exists():
        raise ConfigError(f"content new: {path} exists already; choose another name")
    path.write_text(template(args.name, vocabulary, flags), encoding="utf-8")
    print(f"wrote {path}")
    print(f'fill in the lines marked "{MARK}", then run `footbot content check`')
    return 0


if __name__ == "__main__":
    sys.exit(main())
