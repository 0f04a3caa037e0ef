"""deploy/healthcheck.py, the image's HEALTHCHECK: which port, and its exit codes."""

from __future__ import annotations

import importlib.util
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "deploy" / "healthcheck.py"


def load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("footbot_healthcheck", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_polling_mode_asks_health_port_and_webhook_mode_asks_port() -> None:
    health_port = load().health_port
    assert health_port({"HEALTH_PORT": "8081", "PORT": "8080"}) == "8081"
    assert health_port({"WEBHOOK_URL": "https://x/t", "HEALTH_PORT": "8081", "PORT": "9"}) == "9"
    assert health_port({}) == "8080"


class Answer(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200 if self.path == "/healthz" else 503)
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[int]:
    httpd = HTTPServer(("127.0.0.1", 0), Answer)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd.server_address[1]
    httpd.shutdown()
    httpd.server_close()


def run(route: str, port: int) -> subprocess.CompletedProcess[str]:
    env = {"HEALTH_PORT": str(port), "PATH": ""}
    return subprocess.run(
        [sys.executable, str(SCRIPT), route], env=env, capture_output=True, text=True, check=False
    )


def test_exit_0_on_200_and_1_on_503(server: int) -> None:
    assert run("/healthz", server).returncode == 0
    refused = run("/readyz", server)
    assert refused.returncode == 1
    assert "HTTP 503" in refused.stderr


def test_exit_1_when_nothing_listens() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert run("/healthz", port).returncode == 1
