import json
import logging
import shutil
from pathlib import Path

import pytest

from bot import cli
from bot.config import ConfigError, load_settings
from bot.content import default_content_dir, load_catalogue
from bot.logs import RedactingFormatter

TOKEN = "123456:ABCdefGHIjklMNOpqrSTUvwx"


def _settings(**values: str):
    return load_settings(_env_file=None, **values)


def test_defaults_when_nothing_is_set(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("TELEGRAM_BOT_TOKEN", "TELEGRAM_API_URL", "DATABASE_URL", "LOG_LEVEL"):
        monkeypatch.delenv(name, raising=False)
    settings = _settings()
    assert settings.telegram_bot_token is None
    assert settings.telegram_api_url == "https://api.telegram.org"
    assert settings.database_url == "sqlite+aiosqlite:///footbot.db"
    assert settings.log_level == "INFO"


def test_values_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    monkeypatch.setenv("TELEGRAM_API_URL", "http://127.0.0.1:8081/")
    monkeypatch.setenv("LOG_LEVEL", "debug")
    settings = _settings()
    assert settings.telegram_bot_token == TOKEN
    assert settings.bot_base_url == "http://127.0.0.1:8081/bot"
    assert settings.log_level == "DEBUG"


def test_dotenv_is_honoured(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    (tmp_path / ".env").write_text("DATABASE_URL=sqlite+aiosqlite:///from-dotenv.db\n")
    monkeypatch.chdir(tmp_path)
    assert load_settings().database_url == "sqlite+aiosqlite:///from-dotenv.db"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("TELEGRAM_BOT_TOKEN", "not-a-token"),
        ("TELEGRAM_API_URL", "api.telegram.org"),
        ("DATABASE_URL", "mysql://root@localhost/x"),
        ("LOG_LEVEL", "LOUD"),
        ("CONTENT_DIR", "/no/such/folder"),
    ],
)
def test_a_bad_value_names_the_variable(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError) as raised:
        _settings()
    assert str(raised.value).startswith(f"{name}: ")
    assert "\n" not in str(raised.value)


def test_a_bad_token_is_never_echoed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "secret-but-malformed")
    with pytest.raises(ConfigError) as raised:
        _settings()
    assert "secret-but-malformed" not in str(raised.value)


def test_cli_stops_with_one_line_on_bad_config(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", "nonsense")
    assert cli.main(["db", "upgrade"]) == cli.EXIT_CONFIG
    err = capsys.readouterr().err.strip()
    assert err.startswith("footbot: DATABASE_URL: ")
    assert len(err.splitlines()) == 1


def test_cli_run_without_token_points_to_the_sandbox(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    assert cli.main(["run"]) == cli.EXIT_CONFIG
    assert "TELEGRAM_BOT_TOKEN" in capsys.readouterr().err


def test_cli_db_upgrade_creates_the_schema(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}")
    assert cli.main(["db", "upgrade"]) == 0
    assert (tmp_path / "cli.db").exists()
    assert "up to date" in capsys.readouterr().out


def test_cli_content_check_summarises(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["content", "check"]) == 0
    out = capsys.readouterr().out
    count = len(load_catalogue(default_content_dir()))
    assert "calf_raises" in out and f"{count} exercises" in out


def test_cli_content_check_names_the_broken_file(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "broken.yaml").write_text("id: broken\nname: Broken\n")
    monkeypatch.setenv("CONTENT_DIR", str(tmp_path))
    assert cli.main(["content", "check"]) == cli.EXIT_CONFIG
    assert "broken.yaml" in capsys.readouterr().err


def test_cli_content_check_lists_every_problem_with_its_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "a_one.yaml").write_text("id: a_one\nname: One\n")
    (tmp_path / "b_two.yaml").write_text("id: b_two\nposition: lying\n")
    monkeypatch.setenv("CONTENT_DIR", str(tmp_path))
    assert cli.main(["content", "check"]) == cli.EXIT_CONFIG
    err = capsys.readouterr().err
    assert "a_one.yaml:1: aliases: Field required -> add a line `aliases: ...`" in err
    assert "b_two.yaml:2: position: unknown position 'lying' -> write one of:" in err
    assert "problem(s) in the content" in err


def test_cli_content_schema_to_stdout_and_to_a_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert cli.main(["content", "schema"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["title"] == "FootBot exercise" and "steps" in printed["properties"]
    target = tmp_path / "exercise.schema.json"
    assert cli.main(["content", "schema", str(target)]) == 0
    assert json.loads(target.read_text()) == printed


def test_cli_content_new_writes_a_template_once(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    shutil.copytree(default_content_dir(), tmp_path / "content")
    monkeypatch.setenv("CONTENT_DIR", str(tmp_path / "content"))
    assert cli.main(["content", "new", "Toe fan sweep"]) == 0
    written = tmp_path / "content" / "exercises" / "toe_fan_sweep.yaml"
    assert "fill in the lines marked" in capsys.readouterr().out
    assert "FILL IN" in written.read_text()
    assert cli.main(["content", "check"]) == cli.EXIT_CONFIG  # until it is filled in
    assert "toe_fan_sweep.yaml:6: aliases.0: a placeholder is left" in capsys.readouterr().err
    assert cli.main(["content", "new", "Toe fan sweep"]) == cli.EXIT_CONFIG
    assert "exists already" in capsys.readouterr().err


def test_log_lines_never_contain_the_token() -> None:
    formatter = RedactingFormatter(TOKEN)
    try:
        raise RuntimeError(f"POST https://api.telegram.org/bot{TOKEN}/getMe failed")
    except RuntimeError:
        record = logging.LogRecord(
            "httpx", logging.ERROR, __file__, 1, "calling %s", (f"/bot{TOKEN}/getMe",), None
        )
        import sys

        record.exc_info = sys.exc_info()
        text = formatter.format(record)
    assert TOKEN not in text
    assert "<token>" in text
