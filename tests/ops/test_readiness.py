"""/healthz and /readyz: what a load balancer or Kubernetes asks before sending traffic.

The failure cases build the routes on their own (a broken database is easier to make than to
break a running bot's); the healthy cases ask the real bot over HTTP, in both modes.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import httpx
import pytest
from starlette.applications import Starlette

from bot.app import OPS_PORT
from bot.ops.health import Vitals, ops_routes
from bot.ops.metrics import Metrics
from bot.sandbox.server import SandboxServer
from bot.storage.database import SessionFactory, create_engine, create_session_factory
from bot.storage.migrate import upgrade
from tests.conftest import BotProcess, FakeClock, make_settings
from tests.telegram.test_webhook_e2e import SECRET, free_port


def _vitals(sessions: SessionFactory, *, probe: object = None, content: int = 10) -> Vitals:
    metrics = Metrics()

    async def probe_api() -> object:
        if isinstance(probe, Exception):
            raise probe
        metrics.api_call("getme")  # what the transport does when getMe succeeds
        return None

    return Vitals(sessions=sessions, metrics=metrics, content_size=content, probe_api=probe_api)


async def _get(vitals: Vitals, path: str) -> httpx.Response:
    app = Starlette(routes=ops_routes(vitals))
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://ops") as http:
        return await http.get(path)


@pytest.fixture
async def migrated(database_url: str) -> AsyncIterator[SessionFactory]:
    engine = create_engine(database_url)
    await upgrade(engine)
    yield create_session_factory(engine)
    await engine.dispose()


async def test_ready_when_the_database_is_migrated_and_the_api_answers(
    migrated: SessionFactory,
) -> None:
    vitals = _vitals(migrated)
    response = await _get(vitals, "/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ready"}
    assert vitals.metrics.api_silence() is not None, "a quiet API was probed with getMe"


async def test_migrations_behind_head_make_it_unready(database_url: str) -> None:
    engine = create_engine(database_url)
    await upgrade(engine, "0006")
    try:
        response = await _get(_vitals(create_session_factory(engine)), "/readyz")
    finally:
        await engine.dispose()
    assert response.status_code == 503
    body = response.json()
    assert body["failing"] == ["migrations"]
    assert "schema at 0006" in body["reasons"]["migrations"]


async def test_a_database_never_migrated_is_not_ready(sqlite_url: str) -> None:
    engine = create_engine(sqlite_url)
    try:
        response = await _get(_vitals(create_session_factory(engine)), "/readyz")
    finally:
        await engine.dispose()
    assert response.status_code == 503
    assert response.json()["failing"] == ["migrations"]


async def test_a_database_that_is_down_makes_it_unready_and_healthz_stays_up(
    tmp_path: Path,
) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'missing' / 'footbot.db'}")
    vitals = _vitals(create_session_factory(engine))
    try:
        response = await _get(vitals, "/readyz")
        alive = await _get(vitals, "/healthz")
    finally:
        await engine.dispose()
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["failing"] == ["database", "migrations"]
    assert body["reasons"]["database"] == "OperationalError"
    assert alive.status_code == 200 and alive.json() == {"status": "ok"}


async def test_a_postgres_that_is_down_makes_it_unready() -> None:
    engine = create_engine("postgresql+asyncpg://postgres@127.0.0.1:1/nothing")
    try:
        response = await _get(_vitals(create_session_factory(engine)), "/readyz")
    finally:
        await engine.dispose()
    assert response.status_code == 503
    assert response.json()["failing"] == ["database", "migrations"]


async def test_an_unreachable_bot_api_and_missing_content_are_named(
    migrated: SessionFactory,
) -> None:
    vitals = _vitals(migrated, probe=ConnectionError("refused"), content=0)
    response = await _get(vitals, "/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["failing"] == ["bot_api", "content"]
    assert body["reasons"]["bot_api"] == "ConnectionError"


async def test_a_recent_api_call_spares_the_probe(migrated: SessionFactory) -> None:
    vitals = _vitals(migrated, probe=ConnectionError("must not be called"))
    vitals.metrics.api_call("sendmessage")
    assert (await _get(vitals, "/readyz")).status_code == 200


# --- the real bot over HTTP -------------------------------------------------------------------


async def _http_get(port: int, path: str) -> tuple[int, dict[str, object]]:
    async with (
        aiohttp.ClientSession() as http,
        http.get(f"http://127.0.0.1:{port}{path}") as response,
    ):
        return response.status, await response.json()


async def test_polling_mode_serves_health_on_health_port(
    sandbox: SandboxServer, sqlite_url: str, clock: FakeClock
) -> None:
    settings = make_settings(sandbox.url, sqlite_url).model_copy(
        update={"health_port": 0, "webhook_listen": "127.0.0.1"}
    )
    process = BotProcess(settings, clock)
    await process.start()
    try:
        assert process.app is not None
        port = process.app.bot_data[OPS_PORT]
        assert await _http_get(port, "/healthz") == (200, {"status": "ok"})
        assert await _http_get(port, "/readyz") == (200, {"status": "ready"})
    finally:
        await process.stop()


async def test_polling_mode_without_health_port_opens_no_listener(bot: BotProcess) -> None:
    assert bot.app is not None
    assert OPS_PORT not in bot.app.bot_data


async def test_webhook_mode_serves_health_beside_the_webhook(
    sandbox: SandboxServer, sqlite_url: str, clock: FakeClock
) -> None:
    port = free_port()
    settings = make_settings(sandbox.url, sqlite_url).model_copy(
        update={
            "webhook_url": f"http://127.0.0.1:{port}/telegram",
            "webhook_secret": SECRET,
            "webhook_listen": "127.0.0.1",
            "port": port,
        }
    )
    process = BotProcess(settings, clock)
    await process.start()
    try:
        assert await _http_get(port, "/healthz") == (200, {"status": "ok"})
        assert await _http_get(port, "/readyz") == (200, {"status": "ready"})
    finally:
        await process.stop()
