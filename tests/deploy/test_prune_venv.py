"""deploy/prune_venv.py, which shrinks the image's venv: it must never remove what the bot loads.

The real check runs the bot's work (every module, a chart, a zone lookup, the migrations) in
this checkout's venv, collects the Python files and shared libraries it loaded, and asserts
that the prune rules, applied to this same venv without deleting anything, spare every one.
The image build runs the same trace again after pruning (deploy/Dockerfile).
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path
from types import ModuleType

import pytest
from dockerfile_model import DOCKERFILE, ROOT, stages

SCRIPT = ROOT / "deploy" / "prune_venv.py"
SITE = Path(sysconfig.get_paths()["purelib"])
# Present in a development venv only: the image uninstalls setuptools before pruning.
DEV_ONLY = ("_distutils_hack",)


def replaced(path: Path) -> bool:
    """Loaded here, replaced in the image by what the package falls back to: the tzdata wheel by
    the system's tz database, rapidfuzz's AVX2 builds by its generic ones (tests below)."""
    return path.name == "tzdata" or "_avx2." in path.name


LOADED = """
import json, sys
sys.path.insert(0, sys.argv[1])
import prune_venv
python = prune_venv.trace()
maps = open("/proc/self/maps", encoding="utf-8").read().split("\\n")
libraries = sorted({line.split()[-1] for line in maps if ".so" in line and "/" in line})
print(json.dumps({"python": python, "libraries": libraries}))
"""


def load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("prune_venv", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


prune_venv = load_script()


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """What the bot loads when it does its work, in a fresh interpreter."""
    config = tmp_path_factory.mktemp("mpl")
    result = subprocess.run(
        [sys.executable, "-B", "-c", LOADED, str(SCRIPT.parent)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        env={"MPLCONFIGDIR": str(config), "PATH": "/usr/bin:/bin"},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    data: dict[str, list[str]] = json.loads(result.stdout.splitlines()[-1])
    return data


@pytest.fixture(scope="module")
def doomed() -> list[Path]:
    return [
        path
        for path in prune_venv.doomed(SITE)
        if path.name != "__pycache__" and not path.name.startswith(DEV_ONLY) and not replaced(path)
    ]


def spared(files: list[str], doomed: list[Path]) -> list[str]:
    """The files among `files` that a prune rule would remove."""
    removed = [str(path) for path in doomed]
    return [f for f in files if any(f == r or f.startswith(r + "/") for r in removed)]


def test_the_trace_does_the_bots_work(loaded: dict[str, list[str]]) -> None:
    python = loaded["python"]
    assert any(f.endswith("bot/app.py") for f in python)
    assert any(f.endswith("matplotlib/backends/backend_agg.py") for f in python)
    assert any(f.endswith("timezonefinder/timezonefinder.py") for f in python)
    assert any(f.endswith("alembic/command.py") for f in python)
    assert any("ft2font" in f and f.startswith(str(SITE)) for f in loaded["libraries"])


def test_nothing_the_bot_loads_is_pruned(loaded: dict[str, list[str]], doomed: list[Path]) -> None:
    assert spared(loaded["python"], doomed) == []
    assert spared(loaded["libraries"], doomed) == []


def test_the_rules_do_remove_the_big_unused_parts(doomed: list[Path]) -> None:
    relative = {path.relative_to(SITE).as_posix() for path in doomed}
    assert "fontTools/subset/__init__.py" in relative or not (SITE / "fontTools").is_dir()
    assert "matplotlib/mpl-data/sample_data" in relative
    assert "sqlalchemy/dialects/mysql" in relative
    assert not any(p.startswith("matplotlib/mpl-data/fonts/ttf/DejaVuSans.ttf") for p in relative)


def needed(library: Path) -> list[str]:
    dynamic = subprocess.run(
        ["readelf", "-d", str(library)], capture_output=True, text=True, check=True
    ).stdout
    lines = [line for line in dynamic.splitlines() if "(NEEDED)" in line]
    return [line.split("[", 1)[1].rstrip("]") for line in lines]


def test_every_kept_extension_finds_its_bundled_libraries(doomed: list[Path]) -> None:
    """Pillow's plugins go with their libraries; what stays must still find what it links."""
    if shutil.which("readelf") is None:
        pytest.skip("readelf (binutils) not installed")
    removed = set(doomed)
    bundled = {lib.name: lib for libs in SITE.glob("*.libs") for lib in libs.iterdir()}
    kept = [
        lib
        for lib in SITE.rglob("*.so*")
        if lib.is_file() and not any(lib == d or lib.is_relative_to(d) for d in removed)
    ]
    missing = [
        f"{lib.relative_to(SITE)} -> {name}"
        for lib in kept
        if lib.parent.name.endswith(".libs") or lib.parent.name in {"PIL", "numpy", "_core"}
        for name in needed(lib)
        if name in bundled and bundled[name] in removed
    ]
    assert missing == []


def test_strip_leaves_patched_libraries_alone() -> None:
    if shutil.which("readelf") is None:
        pytest.skip("readelf (binutils) not installed")
    openblas = next(SITE.glob("numpy.libs/*.so*"))
    umath = next(SITE.glob("numpy/_core/_multiarray_umath.*.so"))
    plain = next(SITE.glob("yaml/_yaml.*.so"))
    assert prune_venv.patched(openblas) and prune_venv.patched(umath)
    assert not prune_venv.patched(plain)


def test_babel_keeps_the_shipped_locales_only(tmp_path: Path) -> None:
    data = tmp_path / "babel" / "locale-data"
    data.mkdir(parents=True)
    for name in ("root", "en", "es", "ru", "pt", "pt_BR", "de", "en_GB", "pt_PT"):
        (data / f"{name}.dat").write_bytes(b"x")
    (tmp_path / "babel" / "global.dat").write_bytes(b"x")
    gone = {path.name for path in prune_venv.doomed(tmp_path)}
    assert gone == {"de.dat", "en_GB.dat", "pt_PT.dat"}


def test_the_tzdata_wheel_goes_only_when_the_system_has_the_tables(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site, system = tmp_path / "site", tmp_path / "zoneinfo"
    (site / "tzdata" / "zoneinfo").mkdir(parents=True)
    (system / "Europe").mkdir(parents=True)
    monkeypatch.setattr(prune_venv, "SYSTEM_ZONEINFO", system)
    assert prune_venv.doomed(site) == []
    for name in prune_venv.TZ_TABLES:
        (system / name).write_text("x")
    assert prune_venv.doomed(site) == [site / "tzdata"]


SYSTEM_TZ = """
import sys
sys.modules["tzdata"] = None  # as in the image, where the wheel is pruned
from bot.places.tzdb import read_tz_names
names = read_tz_names()
assert "Europe/Amsterdam" in names.available and "Asia/Kolkata" in names.available
assert names.links.get("Asia/Calcutta") == "Asia/Kolkata", "old names from tzdata.zi"
assert len(names.located) > 300 and len(names.countries) > 200
"""


def test_the_system_tz_database_serves_the_bot_without_the_wheel() -> None:
    if not all((prune_venv.SYSTEM_ZONEINFO / name).is_file() for name in prune_venv.TZ_TABLES):
        pytest.skip("no complete system tz database here (the wheel is kept then)")
    run = subprocess.run(
        [sys.executable, "-B", "-c", SYSTEM_TZ], capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stderr[-2000:]


GENERIC_FUZZ = """
import sys
for name in ("rapidfuzz.fuzz_cpp_avx2", "rapidfuzz.distance.metrics_cpp_avx2"):
    sys.modules[name] = None  # as in the image, where the AVX2 builds are pruned
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein
assert fuzz.ratio.__module__ == "rapidfuzz.fuzz_cpp", fuzz.ratio.__module__
assert round(fuzz.WRatio("kitten", "sitting"), 2) == 61.54
assert Levenshtein.distance("kitten", "sitting") == 3
assert process.extractOne("hel", ["heel", "toe"])[0] == "heel"
"""


def test_rapidfuzz_falls_back_to_its_generic_build() -> None:
    run = subprocess.run(
        [sys.executable, "-B", "-c", GENERIC_FUZZ], capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stderr[-2000:]


def test_loaded_modules_run_from_bytecode_without_their_source(tmp_path: Path) -> None:
    package = tmp_path / "site" / "demo"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "mod.py").write_text("def fail():\n    raise ValueError('here')\n")
    (package / "unused.py").write_text("X = 1\n")
    prune_venv.compile_loaded(tmp_path / "site", [str(package / "mod.py")])
    assert not (package / "mod.py").exists() and (package / "mod.pyc").is_file()
    assert (package / "unused.py").is_file(), "modules the bot never loads keep their source"
    run = subprocess.run(
        [sys.executable, "-B", "-c", "import demo.mod; demo.mod.fail()"],
        capture_output=True,
        text=True,
        check=False,
        env={"PYTHONPATH": str(tmp_path / "site")},
    )
    assert "ValueError: here" in run.stderr
    assert 'mod.py", line 2, in fail' in run.stderr, "tracebacks keep file and line"


def test_the_build_stage_prunes_traces_and_compiles() -> None:
    _, all_stages = stages(DOCKERFILE.read_text(encoding="utf-8"))
    build = next(stage for stage in all_stages if stage.name == "build")
    runs = " ".join(instruction.arguments for instruction in build.all("RUN"))
    for step in ("prune_venv.py /opt/footbot/lib/python3.11/site-packages", "--strip"):
        assert step in runs
    assert runs.count("--trace") == 2, "once to list what is loaded, once to check the result"
    assert "--compile" in runs and "compileall" in runs
    rootfs = next(stage for stage in all_stages if stage.name == "rootfs")
    removed = " ".join(instruction.arguments for instruction in rootfs.all("RUN"))
    assert "zoneinfo" not in removed, "the system tz database replaces the tzdata wheel"


BABEL_LOCALES = """
from datetime import date
from babel import Locale
from babel.dates import format_date, get_day_names
for language in ("en", "es", "ru", "pt-BR"):
    locale = Locale.parse(language.replace("-", "_"))
    assert get_day_names("wide", context="stand-alone", locale=locale)[0]
    assert format_date(date(2026, 3, 20), "EEEE d MMMM", locale=locale)
print(format_date(date(2026, 3, 20), "d MMM", locale=Locale.parse("pt_BR")))
"""


def test_pruned_babel_still_formats_every_shipped_language(tmp_path: Path) -> None:
    """Once Babel is a dependency: its pruned copy serves the four languages FootBot ships."""
    spec = importlib.util.find_spec("babel")
    if spec is None or spec.origin is None:
        pytest.skip("Babel is not installed in this venv")
    site = tmp_path / "site"
    shutil.copytree(Path(spec.origin).parent, site / "babel")
    prune_venv.prune(site, dry_run=False)
    left = {path.stem for path in (site / "babel" / "locale-data").glob("*.dat")}
    assert left == prune_venv.KEEP_LOCALES
    run = subprocess.run(
        [sys.executable, "-B", "-c", BABEL_LOCALES],
        capture_output=True,
        text=True,
        check=False,
        env={"PYTHONPATH": str(site)},
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.strip() == "20 mar."
