"""deploy/compose.yaml against the Compose specification's JSON schema (the copy that
check-jsonschema vendors, so offline), before and after variable interpolation, and what it
promises: credentials only from the env file, a one-off migration first, two webhook
replicas behind Caddy, Prometheus scraping each of them. The Caddyfile and prometheus.yml
are checked by their own tools where those are installed (Debian's caddy and prometheus
packages), and skipped with the reason otherwise."""

from __future__ import annotations

import copy
import importlib.resources
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jsonschema
import pytest
import yaml
from dockerfile_model import ROOT, final_stage

from bot.app import SERVER_STOP_SECONDS
from bot.cli import main
from bot.config import Settings
from bot.inbox.worker import STOP_GRACE_SECONDS

DEPLOY = ROOT / "deploy"
COMPOSE = DEPLOY / "compose.yaml"
ENV_EXAMPLE = DEPLOY / ".env.example"
VARIABLE = re.compile(r"\$\{(\w+)(?::?[-?][^}]*)?\}")
SETTINGS_NAMES = {field.alias for field in Settings.model_fields.values() if field.alias}
COMPOSE_ONLY = {"POSTGRES_USER", "POSTGRES_PASSWORD", "POSTGRES_DB", "FOOTBOT_DOMAIN"}


def compose_schema() -> dict[str, Any]:
    vendor = importlib.resources.files("check_jsonschema.builtin_schemas.vendor")
    schema: dict[str, Any] = json.loads((vendor / "compose-spec.json").read_text("utf-8"))
    return schema


def compose_document() -> dict[str, Any]:
    document = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))
    assert isinstance(document, dict)
    return document


def example_env() -> dict[str, str]:
    """deploy/.env.example with a made-up value wherever the operator must fill one in."""
    values: dict[str, str] = {}
    for line in ENV_EXAMPLE.read_text(encoding="utf-8").splitlines():
        name, sep, value = line.partition("=")
        if sep and not line.startswith("#"):
            values[name.strip()] = value.strip() or f"example{len(values)}"
    return values


def interpolate(node: Any, env: dict[str, str]) -> Any:
    """Compose's `${NAME}`, `${NAME:-default}`, `${NAME:?error}` and `$$`."""
    if isinstance(node, dict):
        return {key: interpolate(value, env) for key, value in node.items()}
    if isinstance(node, list):
        return [interpolate(item, env) for item in node]
    if isinstance(node, str):

        def value(match: re.Match[str]) -> str:
            name = match.group(1)
            text = match.group(0)
            if name in env:
                return env[name]
            if ":-" in text:
                return text[text.index(":-") + 2 : -1]
            raise AssertionError(f"{name} is required and .env.example does not set it")

        return VARIABLE.sub(value, node).replace("$$", "$")
    return node


def resolved() -> dict[str, Any]:
    return interpolate(compose_document(), example_env())  # type: ignore[no-any-return]


def test_compose_file_matches_the_compose_schema() -> None:
    jsonschema.validate(compose_document(), compose_schema())
    jsonschema.validate(resolved(), compose_schema())


def test_the_schema_check_refuses_a_misspelt_key() -> None:
    broken = copy.deepcopy(compose_document())
    broken["services"]["bot"]["replica"] = 2
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, compose_schema())


def test_no_credential_is_written_in_the_file() -> None:
    text = COMPOSE.read_text(encoding="utf-8")
    for name in ("POSTGRES_PASSWORD", "POSTGRES_USER", "TELEGRAM_BOT_TOKEN", "WEBHOOK_SECRET"):
        for match in re.finditer(rf"^\s*{name}:\s*(\S+)", text, re.MULTILINE):
            assert match.group(1).startswith("${"), f"{name} is hard-coded"
    database = compose_document()["services"]["db"]["environment"]
    assert all(str(value).startswith("${") for value in database.values())
    assert ":?" in database["POSTGRES_PASSWORD"], "compose stops when the password is unset"
    assert ".env" in (ROOT / ".gitignore").read_text(encoding="utf-8").split()


def test_env_example_names_are_settings_or_used_by_compose() -> None:
    text = COMPOSE.read_text(encoding="utf-8") + (DEPLOY / "Caddyfile").read_text("utf-8")
    for name in example_env():
        assert name in SETTINGS_NAMES or (name in COMPOSE_ONLY and name in text), name


def test_migration_runs_once_before_the_bots() -> None:
    services = resolved()["services"]
    migrate = services["migrate"]
    assert migrate["command"] == ["footbot", "db", "upgrade"]
    assert migrate["restart"] == "no"
    assert migrate["depends_on"]["db"]["condition"] == "service_healthy"
    assert services["bot"]["depends_on"]["migrate"]["condition"] == (
        "service_completed_successfully"
    )
    with pytest.raises(SystemExit) as exited:  # the command exists in the CLI
        main([*migrate["command"][1:], "--help"])
    assert exited.value.code == 0


def test_two_webhook_replicas_on_postgres_with_the_image_cmd() -> None:
    bot = resolved()["services"]["bot"]
    assert bot["deploy"]["replicas"] == 2
    assert "command" not in bot, "the bots run the image's CMD"
    env = bot["environment"]
    assert env["DATABASE_URL"].startswith("postgresql+asyncpg://")
    assert "@db:5432/" in env["DATABASE_URL"]
    assert urlsplit(env["WEBHOOK_URL"]).scheme == "https"
    assert env["PORT"] == "8080"
    assert bot["env_file"] == ".env"
    grace = float(bot["stop_grace_period"].removesuffix("s"))
    assert grace > SERVER_STOP_SECONDS + STOP_GRACE_SECONDS
    assert final_stage().cmd() == ["footbot", "run"]


def test_caddy_serves_tls_for_the_webhook_and_forwards_only_its_path() -> None:
    services = resolved()["services"]
    caddy = services["caddy"]
    assert {"80:80", "443:443"} <= set(caddy["ports"])
    assert any(v.startswith("./Caddyfile:") for v in caddy["volumes"])
    caddyfile = (DEPLOY / "Caddyfile").read_text(encoding="utf-8")
    webhook_path = urlsplit(services["bot"]["environment"]["WEBHOOK_URL"]).path
    assert f"handle {webhook_path} {{" in caddyfile
    assert "port 8080" in caddyfile and "name bot" in caddyfile
    assert "ports" not in services["bot"], "the bots are reached through Caddy only"


def test_prometheus_scrapes_every_replica_on_the_webhook_port() -> None:
    config = yaml.safe_load((DEPLOY / "prometheus.yml").read_text(encoding="utf-8"))
    (job,) = config["scrape_configs"]
    assert job["metrics_path"] == "/metrics"
    (discovery,) = job["dns_sd_configs"]
    assert discovery["names"] == ["bot"]
    assert discovery["type"] == "A"
    assert str(discovery["port"]) == resolved()["services"]["bot"]["environment"]["PORT"]
    prometheus = resolved()["services"]["prometheus"]
    assert prometheus["ports"] == ["127.0.0.1:9090:9090"], "not published to the world"


def tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.skip(f"{name} not installed (Debian package: apt-get install {name})")
    return found


def test_caddyfile_is_accepted_by_caddy(tmp_path: Path) -> None:
    caddy = tool("caddy")
    result = subprocess.run(
        [caddy, "validate", "--adapter", "caddyfile", "--config", str(DEPLOY / "Caddyfile")],
        capture_output=True,
        text=True,
        check=False,
        env={"FOOTBOT_DOMAIN": "bot.example.org", "HOME": str(tmp_path), "PATH": ""},
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_prometheus_config_is_accepted_by_promtool() -> None:
    promtool = tool("promtool")
    result = subprocess.run(
        [promtool, "check", "config", str(DEPLOY / "prometheus.yml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
