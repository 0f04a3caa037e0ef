"""Shared fixtures: the local Bot API server, the real bot polling it, databases, a clock.

Every end-to-end test talks HTTP: the bot polls the sandbox server exactly as it would poll
Telegram, and the tests act as users through the server's control API.
"""

from __future__ import annotations

import logging
import os
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import AsyncExitStack
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine
from telegram.ext import Application

from bot.app import running_bot
from bot.config import Settings, load_settings
from bot.content import Catalogue, default_content_dir, load_catalogue
from bot.domain.zones import use_places
from bot.places import load_places
from bot.sandbox.client import SandboxClient
from bot.sandbox.server import SandboxServer
from bot.storage.database import SessionFactory, create_engine, create_session_factory
from bot.storage.migrate import upgrade

TOKEN = "123456:TEST-footbot-token-0123456789"
DEFAULT_POSTGRES_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
POSTGRES_URL = os.environ.get("FOOTBOT_TEST_POSTGRES_URL", DEFAULT_POSTGRES_URL)
POSTGRES_REQUIRED = os.environ.get("FOOTBOT_REQUIRE_POSTGRES") == "1"


class FakeClock:
    """A settable clock: tests move time, they never wait for it."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, delta: timedelta) -> None:
        self.now += delta


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 3, 2, 7, 30, tzinfo=UTC))


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    """The project's own exercises, loaded once: the catalogue is read-only."""
    return load_catalogue(default_content_dir())


@pytest.fixture(scope="session", autouse=True)
def place_names() -> None:
    """The start-up step every bot process takes: the place names that zone answers resolve
    against. Unit tests of the rules get them without building an application first."""
    use_places(load_places())


@pytest.fixture(autouse=True)
def root_logging() -> Iterator[None]:
    """The CLI configures the root logger with a handler on the stream it finds, which under
    pytest is a capture closed after the test: put the root logger back as it was."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


# --- databases ------------------------------------------------------------------------------


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite+aiosqlite:///{tmp_path / 'footbot.db'}"


async def _create_postgres_database() -> tuple[str, str]:
    """A fresh database per test, so tests never see each other's rows."""
    import asyncpg

    base = POSTGRES_URL.replace("postgresql+asyncpg://", "postgresql://")
    name = f"footbot_{uuid.uuid4().hex[:12]}"
    try:
        connection = await asyncpg.connect(base, timeout=5)
    except (OSError, asyncpg.PostgresError) as error:
        message = f"PostgreSQL not reachable at {POSTGRES_URL}: {error}"
        if POSTGRES_REQUIRED:
            pytest.fail(message)
        pytest.skip(message)
    try:
        await connection.execute(f'CREATE DATABASE "{name}"')
    finally:
        await connection.close()
    return base, name


async def _drop_postgres_database(base: str, name: str) -> None:
    import asyncpg

    connection = await asyncpg.connect(base, timeout=5)
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await connection.close()


@pytest.fixture
async def postgres_url() -> AsyncIterator[str]:
    base, name = await _create_postgres_database()
    yield POSTGRES_URL.rsplit("/", 1)[0] + f"/{name}"
    await _drop_postgres_database(base, name)


@pytest.fixture(params=["sqlite", "postgres"])
async def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    """Storage tests run on both databases the bot supports."""
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'footbot.db'}"
        return
    base, name = await _create_postgres_database()
    yield POSTGRES_URL.rsplit("/", 1)[0] + f"/{name}"
    await _drop_postgres_database(base, name)


@pytest.fixture
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(database_url)
    await upgrade(engine)
    yield engine
    await engine.dispose()


@pytest.fixture
def sessions(engine: AsyncEngine) -> SessionFactory:
    return create_session_factory(engine)


# --- the sandbox server and the bot -----------------------------------------------------------


@pytest.fixture
async def sandbox() -> AsyncIterator[SandboxServer]:
    server = SandboxServer(host="127.0.0.1", port=0)
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
async def client(sandbox: SandboxServer) -> AsyncIterator[SandboxClient]:
    async with SandboxClient(sandbox.url) as client:
        yield client


def make_settings(api_url: str, database_url: str) -> Settings:
    return load_settings(
        _env_file=None,
        TELEGRAM_API_URL=api_url,
        DATABASE_URL=database_url,
        TELEGRAM_BOT_TOKEN=TOKEN,
    )


class BotProcess:
    """The real bot polling the sandbox; `restart` drops everything held in memory."""

    def __init__(self, settings: Settings, clock: FakeClock) -> None:
        self.settings = settings
        self.clock = clock
        self._stack: AsyncExitStack | None = None
        self.app: Application | None = None

    async def start(self) -> None:
        self._stack = AsyncExitStack()
        self.app = await self._stack.enter_async_context(
            running_bot(self.settings, TOKEN, clock=self.clock, poll_timeout=1)
        )

    async def stop(self) -> None:
        if self._stack is not None:
            await self._stack.aclose()
        self._stack = None
        self.app = None

    async def restart(self) -> None:
        await self.stop()
        await self.start()

    @property
    def sessions(self) -> SessionFactory:
        assert self.app is not None
        return self.app.bot_data["services"].sessions


@pytest.fixture
async def bot(
    sandbox: SandboxServer, sqlite_url: str, clock: FakeClock
) -> AsyncIterator[BotProcess]:
    process = BotProcess(make_settings(sandbox.url, sqlite_url), clock)
    await process.start()
    yield process
    await process.stop()


@pytest.fixture
def repo_root() -> Iterator[Path]:
    yield Path(__file__).resolve().parents[1]
