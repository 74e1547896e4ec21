"""The therapist report, end to end: 60 days of sample data to a real PDF, read back with
``pdftotext`` and checked against the database, including what must *not* be in it."""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import unicodedata
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from wellbeing_app.app import fill_demo
from wellbeing_app.core.clock import FixedClock
from wellbeing_app.core.days import day_of_datetime
from wellbeing_app.core.errors import InvalidInput
from wellbeing_app.core.journal import new_gratitude_entry
from wellbeing_app.core.models import GratitudeItem, MoodEntry
from wellbeing_app.core.questionnaires import score_phq9
from wellbeing_app.core.stats import MIN_N
from wellbeing_app.core.text import duration_text
from wellbeing_app.report_input import gather
from wellbeing_app.reporting.report import (
    DEFAULT_SECTIONS,
    SECTIONS,
    Report,
    ReportInput,
    ReportOptions,
    build_report,
    parse_sections,
    preview_html,
    redact,
    write_pdf,
)
from wellbeing_app.reporting.report_html import day_text
from wellbeing_app.storage.activities import ActivityRepository
from wellbeing_app.storage.repositories import Repositories, open_repositories

CET = timezone(timedelta(hours=1))
NOW = datetime(2026, 11, 21, 21, 0, tzinfo=CET)
LAST = date(2026, 11, 21)
FIRST = LAST - timedelta(days=59)
NOTE = "Quokka lighthouse marmalade"
GOOD_THING = "Harmonica practice by the canal"
GOOD_WHY = "Zephyr kindness"
CLOCK_TIME = re.compile(r"\b\d{1,2}:\d{2}\b")

# Printing needs a Qt application. pytest-qt's QApplication is made first, so a bare
# QGuiApplication made by ``write_pdf`` (as on the command line) cannot get in the way of the
# widget tests that run later in the same process.
pytestmark = pytest.mark.usefixtures("qapp")

needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None,
    reason="pdftotext (poppler-utils) is not installed, so the PDF's text cannot be read back",
)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Repositories]:
    """60 days of sample data with a few distinctive entries added."""
    folder = tmp_path_factory.mktemp("demo")
    fill_demo(folder, FixedClock(NOW), days=60)
    repos = open_repositories(folder)
    repos.moods.add(
        MoodEntry(datetime(2026, 11, 3, 18, 15, tzinfo=CET), 2, note=f"{NOTE} after Reddit")
    )
    day = date(2026, 11, 4)
    existing = repos.gratitude.between(day, day)
    items = (existing[0].items[:2] if existing else ()) + (GratitudeItem(GOOD_THING, GOOD_WHY),)
    repos.gratitude.save(new_gratitude_entry(day, NOW - timedelta(days=17), list(items)))
    repos.checkins.add(score_phq9(datetime(2026, 11, 14, 20, 0, tzinfo=CET), [1] * 8 + [1], 1))
    activities = ActivityRepository(repos.db)
    for offset in range(3):
        moment = datetime(2026, 11, 5 + offset, 18, 0, tzinfo=CET)
        activities.log_outcome(moment, "walk-around-the-block", True, 2, 4, True)
    yield repos
    repos.close()


@pytest.fixture(scope="module")
def data(demo: Repositories) -> ReportInput:
    return gather(demo, FIRST, LAST, now=NOW)


def options(**changes: object) -> ReportOptions:
    values: dict[str, object] = {"first": FIRST, "last": LAST}
    values.update(changes)
    return ReportOptions(**values)  # type: ignore[arg-type]


def pdf_text(report: Report, folder: Path, name: str = "report.pdf") -> str:
    """Writes the report and reads its text back, ligatures and line breaks undone."""
    path = folder / name
    write_pdf(report, path)
    done = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        check=True,
        text=True,
        encoding="utf-8",
    )
    return " ".join(unicodedata.normalize("NFKC", done.stdout).split())


def app_names(demo: Repositories) -> list[str]:
    return [t.app for t in demo.usage.by_app(FIRST, LAST)]


# --- what is in it -------------------------------------------------------------------------


@needs_pdftotext
def test_the_default_sections_in_order(data: ReportInput, tmp_path: Path) -> None:
    report = build_report(data, options())
    assert report.keys == [
        "cover",
        "about",
        "checkins",
        "mood",
        "usage",
        "limits_breaks",
        "activities",
        "associations",
        "calendar",
    ]
    text = pdf_text(report, tmp_path)
    titles = [
        "Self-tracking summary",
        "At a glance",
        "About this report",
        "Check-in scores",
        "Mood",
        "Time in online communities",
        "Limits and breaks",
        "Offline activities",
        "Associations, not causes",
        "Day by day · September 2026",
    ]
    position = 0
    for title in titles:  # each one after the one before
        position = text.index(title, position) + len(title)
    assert "Questions for my next session" not in text
    assert "Page 1 of" in text
    assert "not a diagnosis" in text


@needs_pdftotext
def test_coverage_matches_the_database(demo: Repositories, tmp_path: Path) -> None:
    text = pdf_text(build_report(gather(demo, FIRST, LAST, now=NOW), options()), tmp_path)
    moods = demo.moods.between(NOW - timedelta(days=90), NOW + timedelta(days=1))
    days = {day_of_datetime(m.at, 4) for m in moods} & {
        FIRST + timedelta(days=i) for i in range(60)
    }
    assert f"Days with a mood check-in {len(days)} of 60 ({100 * len(days) / 60:.0f}%)" in text
    assert "Days in this period 60" in text
    assert "23 September – 21 November 2026 · 60 days" in text


@needs_pdftotext
def test_checkin_scores_come_from_the_database_with_their_bands(
    demo: Repositories, data: ReportInput, tmp_path: Path
) -> None:
    text = pdf_text(build_report(data, options()), tmp_path)
    who5 = demo.checkins.between(NOW - timedelta(days=59), NOW + timedelta(days=1), "WHO-5")
    latest = who5[-1]
    assert f"WHO-5 {latest.score:.0f}/100" in text  # at a glance
    for checkin in who5:
        assert f"{day_text(day_of_datetime(checkin.at, 4))}, 19:30 {checkin.score:.0f}/100" in text
    assert "0–50 low well-being · 51–100 above the cut-off" in text
    assert "0–4 minimal · 5–9 mild · 10–14 moderate" in text  # PHQ-9's published bands
    assert "PHQ-9 9/27" in text
    assert "question 9 (thoughts of being better off dead or of self-harm)" in text
    assert "screening results, not a diagnosis" in text


@needs_pdftotext
def test_a_week_of_community_time_matches_the_database(
    demo: Repositories, data: ReportInput, tmp_path: Path
) -> None:
    text = pdf_text(build_report(data, options()), tmp_path)
    monday = date(2026, 10, 5)
    seconds = sum(t.seconds for t in demo.usage.by_day(monday, monday + timedelta(days=6)))
    assert f"{day_text(monday)} 7 {duration_text(seconds)}" in text
    total = sum(t.seconds for t in demo.usage.by_app(FIRST, LAST))
    assert f"In all {duration_text(total)} over 60 tracked days" in text
    top = demo.usage.by_app(FIRST, LAST)[0]
    assert f"{top.app} {top.category} {duration_text(top.seconds)}" in text


def test_a_long_period_has_a_table_per_month(demo: Repositories) -> None:
    first = LAST - timedelta(days=199)
    report = build_report(gather(demo, first, LAST, now=NOW), options(first=first))
    usage = report.section("usage")
    assert usage is not None
    assert "Per month" in usage.html and "Per week" not in usage.html
    assert "May 2026 (partial: 26 of 31 days)" in usage.html
    assert "November 2026 (partial: 21 of 30 days)" in usage.html
    assert "not tracked" in usage.html  # the sample data covers the last 60 days only
    assert "Tracking began on" in usage.html


@needs_pdftotext
def test_activities_with_mood_before_and_after(data: ReportInput, tmp_path: Path) -> None:
    text = pdf_text(build_report(data, options()), tmp_path)
    assert "Walk around the block" in text
    assert "2.0 → 4.0 (3×)" in text
    assert "3 of 3" in text  # felt it helped


@needs_pdftotext
def test_associations_are_labelled_and_carry_their_n(data: ReportInput, tmp_path: Path) -> None:
    report = build_report(data, options())
    section = report.section("associations")
    assert section is not None and section.figures
    text = pdf_text(report, tmp_path)
    assert "association, not a cause" in text
    assert re.search(r"n = \d+ days", text)


@needs_pdftotext
def test_nothing_is_read_into_too_few_days(demo: Repositories, tmp_path: Path) -> None:
    week = LAST - timedelta(days=MIN_N - 2)
    report = build_report(gather(demo, week, LAST, now=NOW), options(first=week))
    text = pdf_text(report, tmp_path)
    assert "Not enough days with both a mood check-in and tracked time yet" in text
    assert "r = " not in text


@needs_pdftotext
def test_optional_pages_questions_and_calendar(data: ReportInput, tmp_path: Path) -> None:
    asked = ("Why are Sunday evenings the hardest?", "Should I mute the group chat?")
    report = build_report(data, options(sections=frozenset(SECTIONS), questions=asked))
    text = pdf_text(report, tmp_path)
    assert "Questions for my next session" in text
    assert "1. Why are Sunday evenings the hardest?" in text or asked[0] in text
    assert asked[1] in text
    for month in ("September 2026", "October 2026", "November 2026"):
        assert month in text
    assert text.index("Questions for my next session") < text.index("Day by day ·")


# --- what is not in it ---------------------------------------------------------------------


@needs_pdftotext
def test_notes_only_when_included(data: ReportInput, tmp_path: Path) -> None:
    left_out = pdf_text(build_report(data, options()), tmp_path, "without.pdf")
    assert NOTE not in left_out
    assert "Left out by default: notes, gratitude text (they can be included)." in left_out
    included = pdf_text(build_report(data, options(include_notes=True)), tmp_path, "with.pdf")
    assert f"{NOTE} after Reddit" in included
    assert "Left out by default: gratitude text (it can be included)." in included


@needs_pdftotext
def test_gratitude_text_only_when_included(data: ReportInput, tmp_path: Path) -> None:
    left_out = pdf_text(build_report(data, options()), tmp_path, "without.pdf")
    assert GOOD_THING not in left_out and GOOD_WHY not in left_out
    included = pdf_text(
        build_report(data, options(include_gratitude_text=True)), tmp_path, "with.pdf"
    )
    assert GOOD_THING in included and GOOD_WHY in included


@needs_pdftotext
def test_categories_only_leaves_every_app_name_out(
    demo: Repositories, data: ReportInput, tmp_path: Path
) -> None:
    chosen = options(app_names=False, include_notes=True)
    report = build_report(data, chosen)
    text = pdf_text(report, tmp_path)
    names = [name for name in app_names(demo) if len(name) > 1]
    assert names
    for name in names:
        assert not re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE), name
        assert name not in preview_html(report)
    assert "Per category" in text and "chat" in text
    assert f"{NOTE} after [a forum app]" in text  # the person's own words, app name masked
    assert "app names (categories only)" in text
    # The charts were drawn from the same redacted data: no app name reaches them either.
    redacted = redact(data, chosen)
    assert {t.app for t in redacted.day_totals} <= {t.category for t in data.day_totals}
    assert all(e.target == "" for e in redacted.break_events)
    assert not any(limit.target in names for limit in redacted.limits)


@needs_pdftotext
def test_days_only_shows_no_clock_time(data: ReportInput, tmp_path: Path) -> None:
    chosen = options(exact_times=False, include_notes=True, sections=frozenset(SECTIONS))
    report = build_report(data, chosen)
    text = pdf_text(report, tmp_path)
    assert not CLOCK_TIME.search(text), CLOCK_TIME.search(text)
    assert "Time of day" not in text  # the hour-by-hour chart stays out
    assert "exact times" in text
    with_times = pdf_text(build_report(data, options()), tmp_path, "times.pdf")
    assert CLOCK_TIME.search(with_times)


def test_redaction_keeps_each_entry_on_its_day(data: ReportInput) -> None:
    redacted = redact(data, options(exact_times=False))
    for before, after in zip(data.moods, redacted.moods, strict=True):
        assert day_of_datetime(before.at, 4) == day_of_datetime(after.at, 4)
        assert after.note == "" and after.tags == ()
    assert redacted.hour_totals == ()
    assert all(item.text == "" for g in redacted.gratitude for item in g.items)


def test_own_words_skip_reasons_are_notes(data: ReportInput) -> None:
    event = replace(data.break_events[0], outcome="skipped", reason="my ex posted again")
    with_reason = replace(data, break_events=(event,))
    assert "my ex" not in str(redact(with_reason, options()).break_events)
    assert redact(with_reason, options(include_notes=True)).break_events[0].reason == (
        "my ex posted again"
    )
    preset = replace(event, reason="Not now")
    assert redact(replace(data, break_events=(preset,)), options()).break_events == (preset,)


# --- the file ------------------------------------------------------------------------------


def test_an_existing_file_is_never_overwritten_silently(data: ReportInput, tmp_path: Path) -> None:
    report = build_report(data, options(sections=frozenset({"cover"})))
    path = tmp_path / "report.pdf"
    path.write_text("the person's earlier report")
    with pytest.raises(InvalidInput) as raised:
        write_pdf(report, path)
    assert str(raised.value) == f"{path} already exists; choose another name."
    assert path.read_text() == "the person's earlier report"
    write_pdf(report, path, overwrite=True)
    assert path.read_bytes().startswith(b"%PDF")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.pdf"]  # no temporary left


def test_the_pdf_is_private_and_written_whole(data: ReportInput, tmp_path: Path) -> None:
    path = tmp_path / "new.pdf"
    write_pdf(build_report(data, options()), path)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert path.read_bytes().startswith(b"%PDF") and path.read_bytes().rstrip().endswith(b"%%EOF")
    assert [p.name for p in tmp_path.iterdir()] == ["new.pdf"]


def test_a_missing_folder_is_one_clear_sentence(data: ReportInput, tmp_path: Path) -> None:
    report = build_report(data, options(sections=frozenset({"cover"})))
    with pytest.raises(InvalidInput, match="does not exist"):
        write_pdf(report, tmp_path / "nowhere" / "report.pdf")


# --- building ------------------------------------------------------------------------------


def test_figures_are_print_resolution_pngs(data: ReportInput) -> None:
    report = build_report(data, options())
    figures = [f for s in report.sections for f in s.figures]
    assert {f.name for f in figures} >= {"mood", "weekly-usage", "breaks", "usage-mood"}
    for figure in figures:
        assert figure.png.startswith(b"\x89PNG\r\n\x1a\n")
        width = int.from_bytes(figure.png[16:20], "big")
        assert width >= 1200, figure.name  # 8 inches at 150 dpi or more


def test_the_preview_is_the_same_document_with_charts_inline(data: ReportInput) -> None:
    report = build_report(data, options(include_notes=True))
    page = preview_html(report)
    assert "figure:" not in page
    assert page.count("data:image/png;base64,") == sum(len(s.figures) for s in report.sections)
    for section in report.sections:
        assert section.title.replace("'", "&#x27;") in page or section.key == "cover"
    assert NOTE in page
    assert "Left out by default: gratitude text (it can be included)." in page


def test_the_report_is_built_for_the_days_it_was_gathered_for(data: ReportInput) -> None:
    with pytest.raises(InvalidInput, match="gather the data"):
        build_report(data, options(first=FIRST + timedelta(days=1)))


@needs_pdftotext
def test_a_report_from_an_empty_database(repos: Repositories, tmp_path: Path) -> None:
    report = build_report(
        gather(repos, FIRST, LAST, now=NOW), options(sections=frozenset(SECTIONS))
    )
    text = pdf_text(report, tmp_path)
    assert "No mood check-ins in this period" in text
    assert "No time in online communities was recorded in this period" in text
    assert "No questionnaire check-ins" in text


def test_left_out_lists_the_privacy_choices_and_dropped_sections() -> None:
    chosen = options(
        app_names=False,
        exact_times=False,
        sections=DEFAULT_SECTIONS - {"activities"},
    )
    assert chosen.left_out() == [
        "notes",
        "gratitude text",
        "app names (categories only)",
        "exact times",
        "offline activities",
    ]
    everything = options(include_notes=True, include_gratitude_text=True)
    assert everything.left_out() == []


# --- options -------------------------------------------------------------------------------


def test_options_round_trip_through_json() -> None:
    chosen = options(
        sections=frozenset({"cover", "questions"}),
        include_gratitude_text=True,
        exact_times=False,
        questions=("  Is this normal?  ", "", "What next?"),
    )
    assert chosen.questions == ("Is this normal?", "What next?")
    assert ReportOptions.from_json(chosen.to_json()) == chosen


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[1, 2]", "not a set of report options"),
        ('{"first": "2026-01-01"}', "no 'last' day"),
        ('{"first": "2026-01-01", "last": "soon"}', "not a day"),
        ('{"first": "2026-01-01", "last": "2026-01-02", "app_names": "yes"}', "true or false"),
        ('{"first": "2026-01-01", "last": "2026-01-02", "sections": ["secrets"]}', "no report"),
        ('{"version": 99, "first": "2026-01-01", "last": "2026-01-02"}', "newer version"),
    ],
)
def test_a_preset_that_does_not_fit_is_refused(text: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        ReportOptions.from_json(text)


def test_options_refuse_a_backwards_range() -> None:
    with pytest.raises(InvalidInput, match="before it starts"):
        options(first=LAST, last=FIRST)


def test_sections_from_the_command_line() -> None:
    assert parse_sections("cover, mood,limits-breaks") == {"cover", "mood", "limits_breaks"}
    assert parse_sections("all") == frozenset(SECTIONS)
    assert parse_sections("default,calendar") == DEFAULT_SECTIONS | {"calendar"}
    with pytest.raises(InvalidInput, match="no report section called 'moods'"):
        parse_sections("cover,moods")
    with pytest.raises(InvalidInput, match="at least one"):
        parse_sections(" , ")
