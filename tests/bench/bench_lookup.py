"""Benchmark: exercise lookup by name must stay well under 0.2 ms per query.

Run with ``python tests/bench/bench_lookup.py``. Pytest does not collect it (``tests/bench`` is
excluded and the file is not named ``test_*``). The query mix mirrors what people send: exact
names, nicknames, typos, ambiguous single words and plain chat that must match nothing.
"""

from __future__ import annotations

import statistics
import time

from bot.content import default_content_dir, load_catalogue

QUERIES: tuple[str, ...] = (
    # exact names and aliases
    "calf raises",
    "Calf Raises!",
    "toe curls",
    "ankle circles",
    "short foot",
    "heel to toe",
    "towel scrunches",
    "toe yoga",
    "tennis ball",
    "how do I do the resistance band exercise please",
    # typos
    "ankel circles",
    "calf raize",
    "baerfoot",
    "short fot",
    "resistence band",
    "tandm walk",
    # ambiguous
    "toe",
    "foot",
    "walk",
    "heel",
    # chat and garbage
    "hi",
    "thanks",
    "hello",
    "what's the weather",
    "I love pizza",
    "asdfgh",
    "good morning",
    "ok",
)
TARGET_MS = 0.2
TOTAL = 50_000


def main() -> None:
    catalogue = load_catalogue(default_content_dir())
    for query in QUERIES:  # warm-up, and a sanity check that nothing raises
        catalogue.lookup(query)
    timings: list[float] = []
    rounds = TOTAL // len(QUERIES) + 1
    clock = time.perf_counter_ns
    for _ in range(rounds):
        for query in QUERIES:
            start = clock()
            catalogue.lookup(query)
            timings.append(clock() - start)
    timings = timings[:TOTAL]
    mean_ms = statistics.fmean(timings) / 1e6
    p99_ms = statistics.quantiles(timings, n=100)[98] / 1e6
    print(
        f"lookup: {len(timings)} queries, mean {mean_ms:.3f} ms/query, "
        f"p99 {p99_ms:.3f} ms (target < {TARGET_MS} ms)"
    )


if __name__ == "__main__":
    main()
