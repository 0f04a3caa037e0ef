"""Shrink the image's virtual environment: remove what the running bot never loads.

Run by deploy/Dockerfile's build stage with the venv's own python:
    prune_venv.py SITE_PACKAGES [--strip]  remove (and strip), print what went and how much
    prune_venv.py SITE_PACKAGES --dry-run  only print
    prune_venv.py --trace                  exercise the bot, print the module files it loaded
    prune_venv.py --compile SITE_PACKAGES LOADED   bytecode instead of source for those files

Every rule below names something the bot does not use: matplotlib draws one PNG with the Agg
canvas and the DejaVu Sans font (no GUI backends, no PDF/PS, so only fontTools' glyph-name
table), Pillow only
writes that PNG (no AVIF, WebP, colour management or its own font rendering), SQLAlchemy only
talks to SQLite and PostgreSQL, Babel needs only the locales the bot ships. tests/deploy checks
that no file the bot loads (`--trace`, plus the shared libraries in /proc/self/maps) matches a
rule. Only standard library here: it runs before anything else in the build stage.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

# Paths (globs) under site-packages that go, whole.
REMOVE: tuple[str, ...] = (
    # matplotlib: Agg only (fontTools, below, serves its PDF/PS output, which the bot never writes).
    "matplotlib/mpl-data/sample_data",
    "matplotlib/mpl-data/images",
    "matplotlib/mpl-data/plot_directive",
    "matplotlib/mpl-data/kpsewhich.lua",
    "matplotlib/mpl-data/fonts/afm",
    "matplotlib/mpl-data/fonts/pdfcorefonts",
    "matplotlib/backends/web_backend",
    "matplotlib/backends/backend_qt*",
    "matplotlib/backends/qt_*",
    "matplotlib/backends/backend_gtk*",
    "matplotlib/backends/_backend_gtk*",
    "matplotlib/backends/backend_tk*",
    "matplotlib/backends/_backend_tk*",
    "matplotlib/backends/_tkagg*",
    "matplotlib/backends/backend_wx*",
    "matplotlib/backends/backend_macosx*",
    "matplotlib/backends/backend_nbagg*",
    "matplotlib/backends/backend_webagg*",
    "matplotlib/backends/backend_pgf*",
    "matplotlib/backends/backend_cairo*",
    "matplotlib/backends/backend_pdf*",
    "matplotlib/backends/backend_ps*",
    "matplotlib/backends/_backend_pdf_ps*",
    "mpl_toolkits/axes_grid1",
    "mpl_toolkits/axisartist",
    # numpy: build-time and Fortran tools, C headers and static libraries.
    "numpy/distutils",
    "numpy/f2py",
    "numpy/_core/include",
    "numpy/_core/lib",
    "numpy/_pyinstaller",
    "numpy/doc",
    "numpy/_core/_simd.*",  # numpy's SIMD test harness (numpy.show_runtime imports it lazily)
    # Pillow: PNG is written by _imaging itself; these plugins and their libraries are unused.
    "PIL/_avif.*",
    "PIL/_webp.*",
    "PIL/_imagingcms.*",
    "PIL/_imagingft.*",
    "PIL/_imagingtk.*",
    "pillow.libs/libavif-*",
    "pillow.libs/libwebp-*",
    "pillow.libs/libwebpmux-*",
    "pillow.libs/libwebpdemux-*",
    "pillow.libs/libsharpyuv-*",
    "pillow.libs/liblcms2-*",
    "pillow.libs/libfreetype-*",
    "pillow.libs/libharfbuzz-*",
    "pillow.libs/libbrotlidec-*",
    "pillow.libs/libbrotlicommon-*",
    "pillow.libs/libpng16-*",
    # rapidfuzz: its AVX2 builds duplicate the SSE2/generic ones it falls back to (same results).
    "rapidfuzz/*_avx2.*",
    "rapidfuzz/distance/*_avx2.*",
    # SQLAlchemy: SQLite and PostgreSQL only; no test harness or mypy plugin at run time.
    "sqlalchemy/dialects/mysql",
    "sqlalchemy/dialects/mssql",
    "sqlalchemy/dialects/oracle",
    "sqlalchemy/testing",
    "sqlalchemy/ext/mypy",
    "alembic/testing",
    # pydantic: its mypy plugin and the old v1 API, which nothing here imports.
    "pydantic/mypy.py",
    "pydantic/v1",
    # pip, setuptools and wheel are uninstalled before; anything left of them goes.
    "pip",
    "pip-*.dist-info",
    "setuptools",
    "setuptools-*.dist-info",
    "pkg_resources",
    "_distutils_hack",
    "distutils-precedence.pth",
    "wheel",
    "wheel-*.dist-info",
)

# fontTools: matplotlib.dviread (imported with any text) needs its glyph-name table only.
KEEP_FONTTOOLS = frozenset(
    {"__init__.py", "agl.py", "misc/__init__.py", "misc/loggingTools.py", "misc/textTools.py"}
)
# matplotlib's fonts: DejaVu Sans (the default family), regular and bold, the last-resort font
# that matplotlib 3.10 opens as the fallback of every font it uses, and the DejaVu licence.
KEEP_FONTS = frozenset(
    {"DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "LastResortHE-Regular.ttf", "LICENSE_DEJAVU"}
)
SYSTEM_ZONEINFO = Path("/usr/share/zoneinfo")
TZ_TABLES = ("tzdata.zi", "zone.tab", "iso3166.tab", "Europe/Amsterdam")
# Babel's CLDR data: the locales FootBot ships, their parent "root", and "global.dat".
KEEP_LOCALES = frozenset({"root", "en", "es", "ru", "pt", "pt_BR"})
# Files that only type checkers, compilers, linkers or test runners read.
DEV_SUFFIXES = (".pyi", ".pyx", ".pxd", ".pxi", ".c", ".cpp", ".h", ".hpp", ".a")
DEV_NAMES = frozenset({"py.typed"})


def doomed(site: Path) -> list[Path]:
    """Everything under `site` that the rules remove, sorted, parents before children."""
    found: set[Path] = set()
    for pattern in REMOVE:
        found.update(site.glob(pattern))
    fonttools = site / "fontTools"
    if fonttools.is_dir():
        found.update(
            p
            for p in fonttools.rglob("*")
            if p.is_file() and p.relative_to(fonttools).as_posix() not in KEEP_FONTTOOLS
        )
    fonts = site / "matplotlib" / "mpl-data" / "fonts" / "ttf"
    if fonts.is_dir():
        found.update(p for p in fonts.iterdir() if p.name not in KEEP_FONTS)
    # Two copies of the tz database: the system's (the base image's tzdata package, which
    # zoneinfo reads first) and the `tzdata` wheel (zoneinfo's fallback). With the system's
    # complete (bot/places/tzdb.py reads its tables from either), the wheel goes.
    if all((SYSTEM_ZONEINFO / name).is_file() for name in TZ_TABLES):
        found.update(site.glob("tzdata"))
    locales = site / "babel" / "locale-data"
    if locales.is_dir():
        found.update(p for p in locales.glob("*.dat") if p.stem not in KEEP_LOCALES)
    found.update(path for path in site.rglob("*") if _never_loaded(path))
    ordered = sorted(found)
    # Drop children of something already removed.
    kept: list[Path] = []
    for path in ordered:
        if not kept or not path.is_relative_to(kept[-1]):
            kept.append(path)
    return kept


def _never_loaded(path: Path) -> bool:
    """Test folders, stale bytecode folders, and files for type checkers and compilers."""
    if path.is_dir():
        return path.name in {"tests", "__pycache__"}
    return path.suffix in DEV_SUFFIXES or path.name in DEV_NAMES


def size(path: Path) -> int:
    if path.is_symlink() or path.is_file():
        return path.lstat().st_size
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def prune(site: Path, dry_run: bool) -> int:
    total = 0
    for path in doomed(site):
        total += size(path)
        print(path.relative_to(site))
        if not dry_run:
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()
    print(f"pruned {total / 1e6:.1f} MB", file=sys.stderr)
    return total


def patched(library: Path) -> bool:
    """Whether auditwheel/patchelf rewrote this library (it sits in a `*.libs` folder, or has an
    RPATH/RUNPATH pointing there): `strip` corrupts such files ("ELF load command address/offset
    not page-aligned"), so they are left as they are."""
    if any(part.endswith(".libs") for part in library.parts):
        return True
    dynamic = subprocess.run(
        ["readelf", "-d", str(library)], capture_output=True, text=True, check=True
    ).stdout
    return "(RPATH)" in dynamic or "(RUNPATH)" in dynamic


def strip(site: Path, dry_run: bool) -> int:
    """`strip --strip-unneeded` on the extension modules that patchelf never touched: their
    debug sections and local symbols (a third of asyncpg, kiwisolver, SQLAlchemy's Cython
    modules); the dynamic symbols Python imports them by stay. Needs binutils."""
    saved = 0
    for library in sorted(site.rglob("*.so")):
        if library.is_symlink() or patched(library):
            continue
        before = library.stat().st_size
        if not dry_run:
            subprocess.run(["strip", "--strip-unneeded", str(library)], check=True)
        saved += before - library.stat().st_size
    print(f"stripped {saved / 1e6:.1f} MB", file=sys.stderr)
    return saved


def compile_loaded(site: Path, loaded: list[str]) -> int:
    """Bytecode in place of source for the library modules the bot loads: `X.pyc` beside where
    `X.py` was, which Python imports without the source. Their tracebacks keep file and line
    but not the line's text; the bot's own code (/app/bot) keeps its source. Modules the bot
    never loads stay as source only. Returns the bytes saved."""
    import py_compile

    saved = 0
    for name in loaded:
        source = Path(name)
        if not source.is_relative_to(site) or not source.is_file():
            continue
        target = source.with_suffix(".pyc")
        py_compile.compile(
            str(source),
            cfile=str(target),
            dfile=str(source),
            doraise=True,
            invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH,
        )
        saved += source.stat().st_size
        source.unlink()
    print(f"compiled {len(loaded)} modules, {saved / 1e6:.1f} MB of source gone", file=sys.stderr)
    return saved


def trace() -> list[str]:
    """Do what the running bot does, return the source files of every module it loaded."""
    import asyncio
    import importlib
    import pkgutil
    import tempfile
    from datetime import date, timedelta

    import bot

    for module in pkgutil.walk_packages(bot.__path__, "bot."):
        if ".sandbox" not in module.name and not module.name.endswith("__main__"):
            importlib.import_module(module.name)
    importlib.import_module("sqlalchemy.dialects.postgresql.asyncpg")
    importlib.import_module("sqlalchemy.dialects.sqlite.aiosqlite")

    from sqlalchemy.ext.asyncio import create_async_engine

    from bot.domain.report import Day
    from bot.domain.zones import use_places
    from bot.places import load_places
    from bot.places.location import zone_for_location
    from bot.places.tzdb import read_tz_names
    from bot.storage.migrate import upgrade
    from bot.telegram.charts import render_progress

    today = date(2026, 1, 31)
    days = [Day(today - timedelta(days=n), n % 3, (n % 10) or None) for n in range(30)][::-1]
    assert render_progress(days).startswith(b"\x89PNG")
    use_places(load_places())
    assert zone_for_location(52.37, 4.89) is not None
    read_tz_names()
    i18n = importlib.import_module("bot.i18n")
    texts = importlib.import_module("bot.telegram.texts")
    for language in i18n.LANGUAGES:  # Babel's data and Fluent's plurals for every language
        with i18n.use_language(language):
            i18n.long_date(today, language)
            i18n.short_date(today, language)
            texts.help_text()
            texts.streak_text(5)  # a CLDR plural

    async def migrate(url: str) -> None:
        engine = create_async_engine(url)
        try:
            await upgrade(engine)
        finally:
            await engine.dispose()

    with tempfile.TemporaryDirectory() as folder:
        asyncio.run(migrate(f"sqlite+aiosqlite:///{folder}/trace.db"))
    files = {getattr(m, "__file__", None) for m in list(sys.modules.values())}
    return sorted(f for f in files if f and f.endswith(".py"))


def main(argv: list[str]) -> int:
    if argv[:1] == ["--trace"]:
        print("\n".join(trace()))
        return 0
    if argv[:1] == ["--compile"] and len(argv) == 3:
        loaded = Path(argv[2]).read_text("utf-8").split()
        compile_loaded(Path(argv[1]), loaded)
        return 0
    if not argv or argv[0].startswith("-"):
        print(__doc__, file=sys.stderr)
        return 2
    site, dry_run = Path(argv[0]), "--dry-run" in argv[1:]
    prune(site, dry_run)
    if "--strip" in argv[1:]:
        strip(site, dry_run)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
