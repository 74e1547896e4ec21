"""Gathering a report's data from the database, and saved report presets."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

import pytest

from wellbeing_app.app import fill_demo
from wellbeing_app.core.clock import FixedClock
from wellbeing_app.core.days import day_of_datetime
from wellbeing_app.core.errors import InvalidInput
from wellbeing_app.core.models import MoodEntry
from wellbeing_app.core.questionnaires import score_phq9, score_who5
from wellbeing_app.report_input import PresetStore, gather, save_report
from wellbeing_app.reporting.report import DEFAULT_SECTIONS, ReportOptions
from wellbeing_app.storage.activities import ActivityRepository
from wellbeing_app.storage.repositories import Repositories, open_repositories

CET = timezone(timedelta(hours=1))
NOW = datetime(2026, 11, 21, 21, 0, tzinfo=CET)
LAST = date(2026, 11, 21)
FIRST = LAST - timedelta(days=27)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Repositories]:
    """60 days of sample data, plus activity outcomes inside and outside the report's range."""
    folder: Path = tmp_path_factory.mktemp("demo")
    fill_demo(folder, FixedClock(NOW), days=60)
    repos = open_repositories(folder)
    activities = ActivityRepository(repos.db)
    activities.log_outcome(
        datetime(2026, 11, 10, 18, 0, tzinfo=CET), "walk-around-the-block", True, 2, 4, True
    )
    activities.log_outcome(
        datetime(2026, 11, 12, 18, 0, tzinfo=CET), "call-a-friend", True, 3, 3, False
    )
    activities.log_outcome(datetime(2026, 11, 13, 18, 0, tzinfo=CET), "stretch", False, 3, 3)
    activities.log_outcome(datetime(2026, 10, 1, 18, 0, tzinfo=CET), "sketch", True, 2, 5, True)
    yield repos
    repos.close()


def _local_day(moment: datetime) -> date:
    return day_of_datetime(moment, 4)


def test_gather_takes_every_entry_of_the_days_and_nothing_else(demo: Repositories) -> None:
    data = gather(demo, FIRST, LAST, now=NOW)

    everything = demo.moods.between(datetime(2026, 1, 1, tzinfo=CET), NOW + timedelta(days=1))
    expected = [m for m in everything if FIRST <= _local_day(m.at) <= LAST]
    assert list(data.moods) == expected
    assert data.day_totals == tuple(demo.usage.by_day(FIRST, LAST))
    assert data.hour_totals == tuple(demo.usage.by_hour(FIRST, LAST))
    assert data.gratitude == tuple(demo.gratitude.between(FIRST, LAST))
    assert all(FIRST <= _local_day(e.at) <= LAST for e in data.break_events)
    assert data.limits == tuple(demo.limits.all())
    assert data.made_at == NOW
    assert (data.first, data.last, data.day_start_hour) == (FIRST, LAST, 4)
    assert data.tracked_since == demo.usage.first_day()


def test_a_late_night_entry_counts_to_the_evening_before(
    repos: Repositories, clock: FixedClock
) -> None:
    late = datetime.combine(LAST, time(2, 30), CET)  # 02:30 on the 21st belongs to the 20th
    repos.moods.add(MoodEntry(late, 3))
    assert len(gather(repos, LAST - timedelta(days=1), LAST - timedelta(days=1)).moods) == 1
    assert gather(repos, LAST, LAST).moods == ()


def test_checkins_in_range_and_the_latest_one_before_it(demo: Repositories) -> None:
    data = gather(demo, FIRST, LAST, now=NOW)
    history = demo.checkins.between(datetime(2020, 1, 1, tzinfo=CET), NOW + timedelta(days=1))
    assert list(data.checkins) == [c for c in history if FIRST <= _local_day(c.at) <= LAST]
    before = [c for c in history if _local_day(c.at) < FIRST]
    assert data.earlier_checkins == (before[-1],)


def test_activities_done_with_their_moods_and_titles(demo: Repositories) -> None:
    data = gather(demo, FIRST, LAST, now=NOW)
    logged = [a for a in data.activities if not a.during_break]
    assert [(a.title, a.mood_before, a.mood_after, a.helped) for a in logged] == [
        ("Walk around the block", 2, 4, True),
        ("Call a friend", 3, 3, False),
    ]  # not done ("stretch") and outside the range ("sketch") are left out
    taken = [e for e in data.break_events if e.outcome == "taken" and e.activity_id]
    assert sum(a.during_break for a in data.activities) == len(taken)
    assert all(a.title[0].isupper() and "-" not in a.title for a in data.activities)


def test_gather_refuses_a_range_that_ends_before_it_starts(demo: Repositories) -> None:
    with pytest.raises(InvalidInput, match="before it starts"):
        gather(demo, LAST, FIRST)


def test_gather_of_an_empty_database(repos: Repositories) -> None:
    data = gather(repos, FIRST, LAST, now=NOW)
    assert data.moods == data.day_totals == data.checkins == data.activities == ()
    assert data.tracked_since is None


def test_gathering_a_year_is_quick_and_complete(repos: Repositories, clock: FixedClock) -> None:
    repos.checkins.add(score_who5(NOW - timedelta(days=400), [3, 3, 3, 3, 3]))
    repos.checkins.add(score_phq9(NOW - timedelta(days=3), [1] * 9))
    data = gather(repos, LAST - timedelta(days=364), LAST, now=NOW)
    assert [c.questionnaire for c in data.checkins] == ["PHQ-9"]
    assert [c.questionnaire for c in data.earlier_checkins] == ["WHO-5"]


@pytest.mark.usefixtures("qapp")
def test_save_report_gathers_builds_and_writes(demo: Repositories, tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    report = save_report(demo, ReportOptions(FIRST, LAST), path, now=NOW)
    assert report.keys[0] == "cover" and path.read_bytes().startswith(b"%PDF")
    with pytest.raises(InvalidInput, match="already exists"):
        save_report(demo, ReportOptions(FIRST, LAST), path, now=NOW)
    save_report(demo, ReportOptions(FIRST, LAST), path, overwrite=True, now=NOW)


# --- presets -------------------------------------------------------------------------------


def _options(**changes: object) -> ReportOptions:
    values: dict[str, object] = {"first": FIRST, "last": LAST}
    values.update(changes)
    return ReportOptions(**values)  # type: ignore[arg-type]


def test_presets_round_trip_by_recipient(repos: Repositories) -> None:
    ticks = iter(range(100))
    store = PresetStore(repos.db, now=lambda: float(next(ticks)))
    therapist = _options(
        sections=frozenset({"cover", "mood", "questions"}),
        include_notes=True,
        app_names=False,
        exact_times=False,
        questions=("Why are Sundays hard?",),
    )
    gp = _options(include_gratitude_text=True)
    assert store.save("  My   therapist ", therapist) == "My therapist"
    store.save("GP", gp)

    assert store.load("My therapist") == therapist
    assert store.load("GP") == gp
    assert store.names() == ["GP", "My therapist"]  # most recently saved first
    assert store.load("Nobody") is None

    store.save("My therapist", gp)  # saving again replaces
    assert store.load("My therapist") == gp
    assert store.names() == ["My therapist", "GP"]
    assert store.delete("GP") is True
    assert store.delete("GP") is False
    assert store.names() == ["My therapist"]


def test_a_preset_needs_a_name(repos: Repositories) -> None:
    store = PresetStore(repos.db)
    with pytest.raises(InvalidInput, match="name"):
        store.save("   ", _options())
    with pytest.raises(InvalidInput, match="at most"):
        store.save("x" * 200, _options())


def test_a_damaged_preset_is_reported_not_guessed(repos: Repositories) -> None:
    repos.db.execute(
        "INSERT INTO report_presets (name, options, updated_at) VALUES ('Broken', '{oops', 0)"
    )
    with pytest.raises(InvalidInput, match="not valid JSON"):
        PresetStore(repos.db).load("Broken")


def test_default_options_share_the_least() -> None:
    options = _options()
    assert options.sections == DEFAULT_SECTIONS
    assert "questions" not in options.sections and "calendar" in options.sections
    assert not options.include_notes and not options.include_gratitude_text
    assert ReportOptions.from_json(options.to_json()) == options


def test_gather_counts_approximate_and_imported_time_apart(demo: Repositories) -> None:
    from wellbeing_app.core.models import UsageSpan

    data = gather(demo, FIRST, LAST, now=NOW)
    assert data.approximate_seconds == 0.0 and data.imported_seconds == 0.0  # sample data
    start = datetime(2026, 11, 20, 10, 0, tzinfo=CET).timestamp()
    demo.usage.add_spans(
        [
            UsageSpan(start, start + 600, 3600, "Slack", "chat", approximate=True),
            UsageSpan(start + 900, start + 1200, 3600, "Reddit", "forum", source="activitywatch"),
        ]
    )
    try:
        data = gather(demo, FIRST, LAST, now=NOW)
        assert data.approximate_seconds == pytest.approx(600)
        assert data.imported_seconds == pytest.approx(300)
    finally:
        demo.db.execute("DELETE FROM usage_spans WHERE start >= ?", (start,))
