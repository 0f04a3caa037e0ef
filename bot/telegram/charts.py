"""The /progress chart: exercises done per day (bars) and average discomfort (line), as PNG.

Built on `matplotlib.figure.Figure` with the Agg canvas, never pyplot: pyplot keeps every
figure in a global registry (a leak unless each one is closed) and is not thread-safe, while
a bare Figure belongs to its caller and is freed with it. Rendering takes tens of
milliseconds of CPU, so callers run `render_progress` in a thread (`asyncio.to_thread`).
"""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from bot.domain.report import Day
from bot.telegram import texts

WIDTH_INCHES, HEIGHT_INCHES, DPI = 8.0, 4.0, 100  # 800 × 400 px: sharp on a phone, small
BAR_COLOUR = "#7fb3d5"
LINE_COLOUR = "#c0392b"
MAX_DISCOMFORT = 10


def render_progress(days: Sequence[Day]) -> bytes:
    """The PNG bytes of the chart for `days` (oldest first)."""
    figure = Figure(figsize=(WIDTH_INCHES, HEIGHT_INCHES), dpi=DPI)
    try:
        FigureCanvasAgg(figure)
        _draw(figure, days)
        buffer = BytesIO()
        figure.savefig(buffer, format="png", dpi=DPI)
        return buffer.getvalue()
    finally:
        figure.clear()


def _draw(figure: Figure, days: Sequence[Day]) -> None:
    positions = list(range(len(days)))
    bars = figure.add_subplot()
    bars.bar(positions, [day.completed for day in days], color=BAR_COLOUR, width=0.7)
    bars.set_ylabel(texts.CHART_COMPLETED)
    bars.yaxis.set_major_locator(MaxNLocator(integer=True))
    bars.set_ylim(0, max(3, *(day.completed for day in days)) + 1)
    bars.set_title(texts.chart_title(len(days)))
    ticks = positions[::7] if len(days) > 7 else positions
    bars.set_xticks(ticks, [_label(days[i]) for i in ticks])
    bars.set_xlim(-0.6, len(days) - 0.4)

    discomfort = bars.twinx()
    rated = [(i, day.average) for i, day in enumerate(days) if day.average is not None]
    if rated:
        discomfort.plot(
            [i for i, _ in rated],
            [value for _, value in rated],
            color=LINE_COLOUR,
            marker="o",
            linewidth=1.5,
            markersize=4,
        )
    discomfort.set_ylim(0, MAX_DISCOMFORT)
    discomfort.set_ylabel(texts.CHART_DISCOMFORT, color=LINE_COLOUR)
    discomfort.tick_params(axis="y", colors=LINE_COLOUR)
    figure.tight_layout()


def _label(day: Day) -> str:
    return texts.short_date(day.day)
