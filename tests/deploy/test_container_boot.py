"""Boot the bot exactly as the container does: the Dockerfile's CMD with its ENV.

There is no Docker daemon here, so the image's file system is mapped onto this checkout:
every path the final stage copies in (the virtual environment, /app with the code and the
content, the health probe) or works in (/data, /tmp) is replaced by where the same thing is
on this machine, and nothing else changes. The command is the CMD resolved through the
image's PATH (so the `footbot` console script of this virtual environment), the environment
is the image's ENV plus what an operator adds (token, API URL; for webhook mode what
compose.yaml gives the bot service), and the process talks to the sandbox server. Then
/readyz must answer 200, the HEALTHCHECK command must exit 0, /start must be answered, and
SIGTERM must end the process with exit code 0 within the grace period of the manifests.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import signal
import socket
import sys
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import aiohttp
import pytest
import yaml
from dockerfile_model import ROOT, Stage, final_stage, stages

from bot.sandbox.client import SandboxClient
from bot.sandbox.server import SandboxServer
from tests.conftest import TOKEN
from tests.telegram.chat import Chat

BOOT_SECONDS = 90.0
"""Start-up on a busy two-core machine: imports, migrations, content, first Bot API call."""
STOP_SECONDS = 30.0
"""terminationGracePeriodSeconds of deploy/k8s/deployment.yaml and compose's grace period."""
SQLITE = "sqlite+aiosqlite:///"
COMPOSE = ROOT / "deploy" / "compose.yaml"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def venv_of(build: Stage) -> str:
    """The folder the build stage creates its virtual environment in."""
    for instruction in build.all("RUN"):
        words = instruction.arguments.split()
        if "venv" in words:
            return words[words.index("venv") + 1]
    raise AssertionError("the build stage creates no virtual environment")


@dataclass
class Image:
    """The final stage's file system, mapped onto this machine."""

    stage: Stage
    paths: dict[str, Path]

    @classmethod
    def mapped(cls, scratch: Path) -> Image:
        _, all_stages = stages((ROOT / "deploy" / "Dockerfile").read_text(encoding="utf-8"))
        final = all_stages[-1]
        named = {stage.name: stage for stage in all_stages if stage.name}
        paths: dict[str, Path] = {}
        for source_stage, sources, destination in final.copies():
            (source,) = sources
            if source_stage is None:
                paths[destination] = ROOT / source
                continue
            if source == destination == "/":
                continue  # the slimmed base system (rootfs stage): here, this machine's own
            build = named[source_stage]
            assert source == destination, "built files keep their place"
            if source == venv_of(build):
                paths[destination] = Path(sys.prefix)  # the venv running these tests
            else:
                assert source == _workdir(build), "the build stage's copy of the checkout"
                paths[destination] = ROOT
        workdir = _workdir(final)
        paths[workdir] = scratch / workdir.strip("/")
        paths["/tmp"] = scratch / "tmp"
        paths[workdir].mkdir(parents=True)
        paths["/tmp"].mkdir()
        for local in paths.values():
            assert local.exists(), local
        return cls(final, paths)

    def local(self, value: str) -> str:
        """`value` with every image path in it replaced by its local place."""
        if value.startswith(SQLITE):
            return SQLITE + self.local(value.removeprefix(SQLITE))
        return ":".join(self._path(part) for part in value.split(":"))

    def _path(self, part: str) -> str:
        for image_path in sorted(self.paths, key=len, reverse=True):
            if part == image_path or part.startswith(image_path.rstrip("/") + "/"):
                return str(self.paths[image_path]) + part[len(image_path) :]
        return part

    def environment(self, **operator: str) -> dict[str, str]:
        """The container's environment: the image's ENV on the base image's PATH, then
        what the operator passes (`docker run -e`, compose, a Kubernetes Secret)."""
        image_env = self.stage.env({"PATH": os.environ["PATH"], "LANG": "C.UTF-8"})
        environment = {name: self.local(value) for name, value in image_env.items()}
        environment["HOME"] = self.local("/data")
        environment.update(operator)
        return environment

    def command(self, words: list[str], environment: dict[str, str]) -> list[str]:
        """`words` as Docker runs them: the executable looked up on the container's PATH."""
        found = shutil.which(words[0], path=environment["PATH"])
        assert found is not None, f"{words[0]} is not on the image's PATH"
        return [found, *(self.local(word) for word in words[1:])]

    @property
    def workdir(self) -> Path:
        return Path(self.local(_workdir(self.stage)))


def _workdir(stage: Stage) -> str:
    instruction = stage.last("WORKDIR")
    assert instruction is not None
    return instruction.arguments


@dataclass
class Container:
    process: asyncio.subprocess.Process
    log: Path

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


@contextlib.asynccontextmanager
async def started(image: Image, environment: dict[str, str]) -> AsyncIterator[Container]:
    log = image.workdir.parent / "container.log"
    with log.open("wb") as sink:
        process = await asyncio.create_subprocess_exec(
            *image.command(image.stage.cmd(), environment),
            env=environment,
            cwd=image.workdir,
            stdout=sink,
            stderr=asyncio.subprocess.STDOUT,
        )
    container = Container(process, log)
    try:
        yield container
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()


async def wait_ready(container: Container, url: str) -> None:
    deadline = time.monotonic() + BOOT_SECONDS
    last = "no answer"
    async with aiohttp.ClientSession() as http:
        while time.monotonic() < deadline:
            if container.process.returncode is not None:
                code = container.process.returncode
                pytest.fail(f"the bot exited ({code}):\n{container.output()}")
            try:
                async with http.get(url, timeout=aiohttp.ClientTimeout(total=5)) as response:
                    if response.status == 200:
                        return
                    last = f"HTTP {response.status}: {await response.text()}"
            except (aiohttp.ClientError, TimeoutError) as error:
                last = type(error).__name__
            await asyncio.sleep(0.5)
    pytest.fail(f"{url} not ready within {BOOT_SECONDS:g} s ({last}):\n{container.output()}")


async def healthcheck(image: Image, environment: dict[str, str], route: str) -> int:
    _, probe = image.stage.healthcheck()
    words = [*probe[:-1], route]
    process = await asyncio.create_subprocess_exec(
        *image.command(words, environment), env=environment, cwd=image.workdir
    )
    return await asyncio.wait_for(process.wait(), 30)


async def answers_start(client: SandboxClient, user_id: int) -> None:
    chat = await Chat(client, user_id).setup()
    await client.send_text(user_id, "/start")
    await chat.wait_for(
        lambda transcript: any(m["from_bot"] for m in transcript), "an answer", BOOT_SECONDS
    )


async def stops_cleanly(container: Container) -> None:
    container.process.send_signal(signal.SIGTERM)
    try:
        code = await asyncio.wait_for(container.process.wait(), STOP_SECONDS)
    except TimeoutError:
        pytest.fail(f"still running {STOP_SECONDS:g} s after SIGTERM:\n{container.output()}")
    assert code == 0, container.output()
    assert TOKEN not in container.output(), "the token never reaches the logs"


def test_image_paths_map_onto_this_checkout(tmp_path: Path) -> None:
    image = Image.mapped(tmp_path)
    environment = image.environment()
    assert Path(environment["CONTENT_DIR"]) == ROOT / "content"
    assert environment["DATABASE_URL"] == f"{SQLITE}{tmp_path}/data/footbot.db"
    command = image.command(final_stage().cmd(), environment)
    assert Path(command[0]) == Path(sys.prefix) / "bin" / "footbot"


async def test_polling_as_the_image_runs_it_is_ready_healthy_answers_and_stops(
    tmp_path: Path, sandbox: SandboxServer, client: SandboxClient
) -> None:
    image = Image.mapped(tmp_path)
    health_port = free_port()  # the image says 8081; tests run side by side
    environment = image.environment(
        TELEGRAM_BOT_TOKEN=TOKEN,
        TELEGRAM_API_URL=sandbox.url,
        HEALTH_PORT=str(health_port),
    )
    async with started(image, environment) as container:
        await wait_ready(container, f"http://127.0.0.1:{health_port}/readyz")
        assert await healthcheck(image, environment, "/healthz") == 0
        assert await healthcheck(image, environment, "/readyz") == 0
        await answers_start(client, 7301)
        await stops_cleanly(container)
    assert (tmp_path / "data" / "footbot.db").exists(), "the SQLite file is in the volume"


async def test_webhook_as_compose_runs_it_migrates_then_serves(
    tmp_path: Path, sandbox: SandboxServer, client: SandboxClient
) -> None:
    """compose.yaml's migrate command first, then the bot with the compose environment
    (SQLite stands in for PostgreSQL; the URL is the only difference)."""
    compose = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))
    bot_environment = compose["services"]["bot"]["environment"]
    image = Image.mapped(tmp_path)
    port = free_port()
    operator = {
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_URL": sandbox.url,
        "WEBHOOK_SECRET": "deploy-test-secret",
        "WEBHOOK_URL": f"http://127.0.0.1:{port}/telegram",
        "PORT": str(port),
        "WEBHOOK_LISTEN": "127.0.0.1",
    }
    assert set(operator) - {"TELEGRAM_BOT_TOKEN", "TELEGRAM_API_URL", "WEBHOOK_SECRET"} <= set(
        bot_environment
    ), "the test sets what compose sets"
    environment = image.environment(**operator)

    migrate = compose["services"]["migrate"]["command"]
    process = await asyncio.create_subprocess_exec(
        *image.command(migrate, environment),
        env=environment,
        cwd=image.workdir,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await asyncio.wait_for(process.communicate(), BOOT_SECONDS)
    assert process.returncode == 0, output.decode()

    async with started(image, environment) as container:
        await wait_ready(container, f"http://127.0.0.1:{port}/readyz")
        assert sandbox.world.webhook is not None, "the bot called setWebhook"
        assert await healthcheck(image, environment, "/healthz") == 0
        async with (
            aiohttp.ClientSession() as http,
            http.get(f"http://127.0.0.1:{port}/metrics") as response,
        ):
            assert response.status == 200
            assert "# TYPE" in await response.text()
        await answers_start(client, 7302)
        await stops_cleanly(container)
