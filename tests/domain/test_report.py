"""The figures behind /progress and the weekly summary, and when the summary is due."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from bot.domain.report import History, Record, has_history, overview
from bot.domain.schedule import EVERY_DAY, weekday_mask
from bot.domain.weekly import next_summary

NOW = datetime(2026, 3, 20, 12, 0, tzinfo=UTC)  # Friday
MARCH = datetime(2026, 3, 1, tzinfo=UTC)  # subscribed well before every record


def done(
    day: int, exercise: str = "calf_raises", discomfort: int | None = None, hour: int = 9
) -> Record:
    finished = datetime(2026, 3, day, hour, 0, tzinfo=UTC)
    return Record(
        exercise_id=exercise,
        status="completed",
        discomfort=discomfort,
        level=0,
        variant="standard",
        skip_reason=None,
        started_at=finished - timedelta(minutes=5),
        finished_at=finished,
    )


def stopped(day: int) -> Record:
    return replace(done(day), status="stopped")


def history(
    *records: Record,
    zone: str = "UTC",
    weekdays: int = EVERY_DAY,
    pauses: Sequence[tuple[datetime, datetime | None]] = (),
    subscribed_at: datetime | None = None,
) -> History:
    return History(zone, weekdays, records, list(pauses), subscribed_at)


def test_nothing_done_is_no_history() -> None:
    assert not has_history(history())
    assert not has_history(history(stopped(19)))
    assert has_history(history(done(1)))


def test_streak_adherence_and_week_count() -> None:
    report = overview(history(*(done(day) for day in (14, 16, 17, 18, 19, 20))), NOW)
    assert report.today == date(2026, 3, 20)
    assert report.streak == 5
    assert report.days_done_week == 6
    assert report.adherence_week == pytest.approx(6 / 7)
    # Nothing before the first exercise on the 14th is judged: 6 of those 7 days were done.
    assert report.adherence_month == pytest.approx(6 / 7)


def test_days_before_the_person_started_are_not_missed() -> None:
    joined = datetime(2026, 3, 19, 18, 0, tzinfo=UTC)
    just_joined = overview(history(done(20), subscribed_at=joined), NOW)
    assert just_joined.adherence_week == just_joined.adherence_month == pytest.approx(1 / 2)
    long_ago = datetime(2026, 1, 1, tzinfo=UTC)
    report = overview(history(*(done(day) for day in (14, 16)), subscribed_at=long_ago), NOW)
    assert report.adherence_month == pytest.approx(2 / 29)  # today is open, not yet missed
    tried_first = overview(history(done(10), done(20), subscribed_at=joined), NOW)
    assert tried_first.adherence_month == pytest.approx(2 / 11)  # from the 10th, not the 19th


def test_a_pause_does_not_break_the_streak_nor_count_as_missed() -> None:
    pause = (datetime(2026, 3, 17, 0, 0, tzinfo=UTC), datetime(2026, 3, 19, 0, 0, tzinfo=UTC))
    records = (done(15), done(16), done(19), done(20))
    report = overview(history(*records, pauses=[pause], subscribed_at=MARCH), NOW)
    assert report.streak == 4
    assert report.adherence_week == pytest.approx(4 / 5)  # the 14th missed, 17th-18th paused


def test_only_scheduled_weekdays_count() -> None:
    weekdays = weekday_mask([0, 2, 4])  # Mon, Wed, Fri
    report = overview(history(done(16), done(18), done(20), weekdays=weekdays), NOW)
    assert report.streak == 3
    assert report.adherence_week == 1.0


def test_a_window_without_judged_days_has_no_adherence() -> None:
    """A week spent in an open pause: nothing to judge, so no percentage at all."""
    pause = (datetime(2026, 3, 13, 8, 0, tzinfo=UTC), None)
    report = overview(history(done(2), pauses=[pause]), NOW)
    assert report.adherence_week is None
    assert report.adherence_month == pytest.approx(1 / 11)  # from the first exercise, 2-12 March


def test_local_days_follow_the_zone() -> None:
    """23:30 UTC on the 19th is already the 20th in Tokyo."""
    report = overview(history(done(19, hour=23), zone="Asia/Tokyo"), NOW)
    assert report.today == date(2026, 3, 20)
    assert report.days[-1].completed == 1 and report.days[-2].completed == 0


def test_exercise_trends_and_chart_days() -> None:
    records = [
        done(6, "calf_raises", 6),
        done(10, "calf_raises", 5),
        done(16, "calf_raises", 2),
        done(18, "calf_raises", 2),
        done(18, "toe_curls", None, hour=10),
        done(18, "toe_curls", 4, hour=11),
        done(1, "short_foot", 3),
    ]
    report = overview(history(*records), NOW)
    calf, toes, short = report.exercises
    assert (calf.exercise_id, calf.times, calf.average, calf.trend) == (
        "calf_raises",
        4,
        pytest.approx(3.75),
        "better",
    )
    assert (toes.exercise_id, toes.times, toes.average, toes.trend) == (
        "toe_curls",
        2,
        4.0,
        "unknown",
    )
    assert short.exercise_id == "short_foot"
    assert len(report.days) == 30
    assert report.days[0].day == date(2026, 2, 19) and report.days[-1].day == date(2026, 3, 20)
    by_day = {day.day: day for day in report.days}
    assert by_day[date(2026, 3, 18)].completed == 3
    assert by_day[date(2026, 3, 18)].average == pytest.approx(3.0)
    assert by_day[date(2026, 3, 17)].average is None
    assert report.anything_recent


def test_old_history_only_has_nothing_recent() -> None:
    old = Record("calf_raises", "completed", 2, 0, "standard", None, NOW, NOW)
    report = overview(history(old), NOW + timedelta(days=60))
    assert report.exercises == () and not report.anything_recent


def test_summary_due_sunday_evening_local() -> None:
    monday = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)
    assert next_summary(monday, 6, "Europe/Berlin") == datetime(2026, 3, 8, 18, 0, tzinfo=UTC)
    assert next_summary(monday, 0, "Europe/Berlin") == datetime(2026, 3, 2, 18, 0, tzinfo=UTC)
    at_the_time = datetime(2026, 3, 8, 18, 0, tzinfo=UTC)
    assert next_summary(at_the_time, 6, "Europe/Berlin") == at_the_time + timedelta(days=7)
    # Across the spring change, 19:00 stays 19:00 local.
    assert next_summary(at_the_time + timedelta(days=14), 6, "Europe/Berlin") == datetime(
        2026, 3, 29, 17, 0, tzinfo=UTC
    )
    assert next_summary(monday, None, "Europe/Berlin") is None
    assert next_summary(monday, 6, None) is None
