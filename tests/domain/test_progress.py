"""Streaks, adherence, discomfort trends and paused days, on the person's local calendar."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.domain.progress import (
    DayRecord,
    adherence,
    completed_days,
    day_records,
    discomfort_trend,
    paused_days,
    streak,
)
from bot.domain.routine import Done
from bot.domain.schedule import EVERY_DAY, weekday_mask

TODAY = date(2026, 3, 11)  # a Wednesday
WEEKDAYS_ONLY = weekday_mask(range(5))
MON_WED_FRI = weekday_mask([0, 2, 4])
BERLIN = ZoneInfo("Europe/Berlin")


def ago(*days: int) -> set[date]:
    return {TODAY - timedelta(days=n) for n in days}


# --- streak ------------------------------------------------------------------------------------


def test_no_days_no_streak() -> None:
    assert streak(TODAY, set(), EVERY_DAY, set()) == 0


def test_consecutive_days_ending_today() -> None:
    assert streak(TODAY, ago(0, 1, 2), EVERY_DAY, set()) == 3


def test_today_not_yet_done_keeps_yesterdays_streak() -> None:
    assert streak(TODAY, ago(1, 2, 3), EVERY_DAY, set()) == 3


def test_a_missed_scheduled_day_breaks_it() -> None:
    assert streak(TODAY, ago(0, 1, 3, 4), EVERY_DAY, set()) == 2
    assert streak(TODAY, ago(2, 3), EVERY_DAY, set()) == 0


def test_unscheduled_weekdays_neither_break_nor_extend() -> None:
    # Mon, Wed, Fri schedule; done Wed (today), Mon, Fri before, plus an extra Sunday.
    done = ago(0, 2, 5, 3)  # Wed, Mon, Fri, Sun
    assert streak(TODAY, done, MON_WED_FRI, set()) == 3


def test_weekend_gap_in_a_weekday_schedule() -> None:
    # Today Wed; Tue, Mon done; Sat, Sun off; Fri, Thu done.
    assert streak(TODAY, ago(0, 1, 2, 5, 6), WEEKDAYS_ONLY, set()) == 5


def test_paused_days_inside_a_streak_neither_break_nor_extend() -> None:
    paused = ago(2, 3, 4)
    assert streak(TODAY, ago(0, 1, 5, 6), EVERY_DAY, paused) == 4
    assert streak(TODAY, ago(0, 1, 3, 5), EVERY_DAY, paused) == 3  # a done paused day adds 0


def test_paused_today_keeps_the_streak() -> None:
    assert streak(TODAY, ago(1, 2), EVERY_DAY, ago(0)) == 2


def test_today_unscheduled_keeps_the_streak() -> None:
    # Tuesday is not in Mon/Wed/Fri.
    tuesday = TODAY - timedelta(days=1)
    assert streak(tuesday, {tuesday - timedelta(days=1)}, MON_WED_FRI, set()) == 1


# --- adherence ---------------------------------------------------------------------------------


def test_adherence_counts_scheduled_unpaused_days() -> None:
    # Last 7 days every day scheduled; today not yet done, so 6 judged days, 3 done.
    assert adherence(TODAY, ago(1, 3, 5), EVERY_DAY, set(), 7) == 0.5


def test_today_counts_once_done() -> None:
    assert adherence(TODAY, ago(0, 1, 3, 5), EVERY_DAY, set(), 7) == 4 / 7


def test_adherence_skips_paused_and_unscheduled_days() -> None:
    # Window Thu..Wed with Mon/Wed/Fri: Fri, Mon judged (today open); Mon paused -> only Fri.
    assert adherence(TODAY, ago(5), MON_WED_FRI, ago(2), 7) == 1.0
    assert adherence(TODAY, set(), MON_WED_FRI, ago(2), 7) == 0.0


def test_adherence_ignores_days_outside_the_window() -> None:
    assert adherence(TODAY, ago(7, 8, 9), EVERY_DAY, set(), 7) == 0.0


def test_adherence_starts_on_the_first_day() -> None:
    first_day = TODAY - timedelta(days=2)
    assert adherence(TODAY, ago(1), EVERY_DAY, set(), 7, first_day) == 0.5  # 2 days ago missed
    assert adherence(TODAY, ago(1), EVERY_DAY, set(), 7, TODAY) is None  # joined today
    assert adherence(TODAY, ago(1), EVERY_DAY, set(), 7, TODAY - timedelta(days=60)) == 1 / 6


def test_adherence_none_without_judged_days() -> None:
    assert adherence(TODAY, set(), EVERY_DAY, set(), 1) is None
    assert adherence(TODAY, set(), EVERY_DAY, ago(*range(1, 7)), 7) is None


# --- discomfort trend --------------------------------------------------------------------------


def scores(*pairs: tuple[int, int]) -> list[tuple[date, int]]:
    return [(TODAY - timedelta(days=days), score) for days, score in pairs]


def test_trend_better_when_a_point_lower() -> None:
    assert discomfort_trend(scores((0, 2), (3, 3), (8, 4), (12, 3)), TODAY) == "better"


def test_trend_worse_when_a_point_higher() -> None:
    assert discomfort_trend(scores((1, 4), (7, 3)), TODAY) == "worse"


def test_trend_steady_within_a_point() -> None:
    assert discomfort_trend(scores((1, 3), (2, 4), (9, 3)), TODAY) == "steady"


def test_trend_unknown_without_both_weeks() -> None:
    assert discomfort_trend(scores((1, 3), (2, 4)), TODAY) == "unknown"
    assert discomfort_trend(scores((8, 3), (20, 1)), TODAY) == "unknown"
    assert discomfort_trend([], TODAY) == "unknown"


def test_trend_ignores_older_and_future_scores() -> None:
    assert discomfort_trend(scores((0, 3), (13, 3), (14, 9), (-1, 9)), TODAY) == "steady"


# --- paused days -------------------------------------------------------------------------------


def test_closed_pause_covers_the_local_days_it_touches() -> None:
    start = datetime(2026, 3, 5, 23, 30, tzinfo=UTC)  # 00:30 on the 6th in Berlin
    end = datetime(2026, 3, 8, 11, 0, tzinfo=UTC)
    assert paused_days([(start, end)], BERLIN, TODAY) == {
        date(2026, 3, 6),
        date(2026, 3, 7),
        date(2026, 3, 8),
    }


def test_open_pause_runs_to_today() -> None:
    start = datetime(2026, 3, 9, 8, 0, tzinfo=UTC)
    assert paused_days([(start, None)], "Europe/Berlin", TODAY) == ago(0, 1, 2)


def test_pause_ending_at_local_midnight_leaves_that_day_free() -> None:
    start = datetime(2026, 3, 6, 12, 0, tzinfo=BERLIN)
    end = datetime(2026, 3, 8, 0, 0, tzinfo=BERLIN)
    assert paused_days([(start, end)], BERLIN, TODAY) == {date(2026, 3, 6), date(2026, 3, 7)}


def test_pauses_are_clipped_to_today_and_empty_ones_ignored() -> None:
    start = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
    later = datetime(2026, 3, 20, 12, 0, tzinfo=UTC)
    assert paused_days([(start, later), (later, later)], BERLIN, TODAY) == ago(0, 1)


def test_pause_across_a_dst_change() -> None:
    start = datetime(2026, 3, 28, 22, 0, tzinfo=UTC)  # 23:00 CET on the 28th
    end = datetime(2026, 3, 29, 22, 30, tzinfo=UTC)  # 00:30 CEST on the 30th
    assert paused_days([(start, end)], BERLIN, date(2026, 4, 2)) == {
        date(2026, 3, 28),
        date(2026, 3, 29),
        date(2026, 3, 30),
    }


def test_pauses_feed_the_streak() -> None:
    start = datetime(2026, 3, 7, 9, 0, tzinfo=BERLIN)
    end = datetime(2026, 3, 9, 18, 0, tzinfo=BERLIN)
    paused = paused_days([(start, end)], BERLIN, TODAY)
    assert streak(TODAY, ago(1, 5, 6), EVERY_DAY, paused) == 3


# --- day records -------------------------------------------------------------------------------


def test_a_day_with_any_exercise_done_counts() -> None:
    history = [Done(TODAY, "calf_raises"), Done(TODAY, "toe_curls"), Done(date(2026, 3, 9), "x")]
    assert completed_days(history) == {TODAY, date(2026, 3, 9)}


def test_day_records_oldest_first() -> None:
    assert day_records(TODAY, ago(0, 2), 3) == (
        DayRecord(TODAY - timedelta(days=2), True),
        DayRecord(TODAY - timedelta(days=1), False),
        DayRecord(TODAY, True),
    )
