"""The report as a clinician reads it (issue 15): one voice, one WHO-5 baseline, limits scored
by the limits then in force, the published cut-offs with their advice, the PHQ-9 item-9
statement first, no empty columns, a day-by-day calendar and honest words about approximate time.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import unicodedata
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from wellbeing_app.app import fill_demo
from wellbeing_app.core.clock import FixedClock
from wellbeing_app.core.models import DailyLimit, DayAppTotal
from wellbeing_app.core.questionnaires import score_phq9, score_who5
from wellbeing_app.report_input import gather
from wellbeing_app.reporting.report import (
    DEFAULT_SECTIONS,
    SECTIONS,
    ActivityDone,
    ReportInput,
    ReportOptions,
    build_report,
    write_pdf,
)
from wellbeing_app.storage.repositories import Repositories, open_repositories

CET = timezone(timedelta(hours=1))
NOW = datetime(2026, 11, 21, 21, 0, tzinfo=CET)
LAST = date(2026, 11, 21)
FIRST = LAST - timedelta(days=59)
SECOND_PERSON = re.compile(r"\b(you|your|yours|yourself|yourselves|you're|you've)\b", re.I)

pytestmark = pytest.mark.usefixtures("qapp")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Repositories]:
    folder = tmp_path_factory.mktemp("care")
    fill_demo(folder, FixedClock(NOW), days=60)
    repos = open_repositories(folder)
    repos.checkins.add(score_phq9(datetime(2026, 11, 14, 20, 0, tzinfo=CET), [2] * 8 + [1], 1))
    yield repos
    repos.close()


@pytest.fixture(scope="module")
def data(demo: Repositories) -> ReportInput:
    return gather(demo, FIRST, LAST, now=NOW)


def options(**changes: object) -> ReportOptions:
    values: dict[str, object] = {"first": FIRST, "last": LAST}
    values.update(changes)
    return ReportOptions(**values)  # type: ignore[arg-type]


def plain(markup: str) -> str:
    """The words of some HTML, tags dropped and spaces collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def section_text(data: ReportInput, key: str, **changes: object) -> str:
    report = build_report(data, options(**changes))
    section = report.section(key)
    assert section is not None, key
    return plain(section.html)


def small_input(**changes: object) -> ReportInput:
    values: dict[str, object] = {"first": FIRST, "last": LAST, "made_at": NOW}
    values.update(changes)
    return ReportInput(**values)  # type: ignore[arg-type]


# --- left out by default ---------------------------------------------------------------------


def test_what_is_left_out_by_default_is_said_to_be_a_default(data: ReportInput) -> None:
    cover = section_text(data, "cover")
    assert "at your request" not in cover
    assert "Left out by default: notes, gratitude text (they can be included)." in cover
    chosen = section_text(data, "about", app_names=False, include_notes=True)
    assert "Left out by default: gratitude text (it can be included)." in chosen
    assert "Left out at the person's request: app names (categories only)." in chosen


# --- one voice -------------------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext is not installed")
def test_the_whole_pdf_speaks_about_the_person_never_to_them(
    data: ReportInput, tmp_path: Path
) -> None:
    chosen = options(
        sections=frozenset(SECTIONS),
        include_notes=True,
        include_gratitude_text=True,
        questions=("Is the evening pattern worth working on?",),
    )
    report = build_report(data, chosen)
    path = tmp_path / "voice.pdf"
    write_pdf(report, path)
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    text = " ".join(unicodedata.normalize("NFKC", text).split())
    # The person's own words (notes, good things) and the activity catalog's names ("Sketch
    # what's in front of you") may say anything; take them out first, longest first.
    own = [" ".join(m.note.split()) for m in data.moods]
    own += [" ".join(f"{i.text}".split()) for g in data.gratitude for i in g.items]
    own += [" ".join(f"{i.why}".split()) for g in data.gratitude for i in g.items]
    own += [a.title for a in data.activities]
    for words in sorted({w for w in own if w}, key=len, reverse=True):
        text = text.replace(words, "")
    found = [text[max(0, m.start() - 60) : m.end() + 20] for m in SECOND_PERSON.finditer(text)]
    assert not found, found
    # The charts' own titles are text in PNGs: check what they were drawn with.
    from wellbeing_app.reporting import charts

    source = Path(charts.__file__).read_text(encoding="utf-8")
    titles = re.findall(r'title\s*=\s*"([^"]*)"', source)
    assert titles and not [t for t in titles if SECOND_PERSON.search(t)]


# --- WHO-5 baseline --------------------------------------------------------------------------


def _who5(day: date, answers: list[int]) -> object:
    return score_who5(datetime(day.year, day.month, day.day, 19, 0, tzinfo=CET), answers)


def test_the_who5_baseline_is_the_same_at_a_glance_and_in_the_trend() -> None:
    before = _who5(FIRST - timedelta(days=5), [2, 2, 2, 2, 2])  # 40/100, recent
    start = _who5(FIRST + timedelta(days=3), [2, 2, 2, 2, 3])  # 44/100
    end = _who5(LAST - timedelta(days=2), [3, 3, 3, 3, 3])  # 60/100
    data = small_input(checkins=(start, end), earlier_checkins=(before,))
    report = build_report(data, options())
    cover = plain(report.section("cover").html)  # type: ignore[union-attr]
    trend = plain(report.section("checkins").html)  # type: ignore[union-attr]
    assert "40/100 at the baseline" in cover and "44/100 at the start" not in cover
    assert "Trend: 40/100 on" in trend
    assert "baseline" in plain(report.section("about").html).lower()  # type: ignore[union-attr]


def test_an_old_check_in_is_no_baseline() -> None:
    long_ago = _who5(FIRST - timedelta(days=90), [1, 1, 1, 1, 1])  # 20/100, months before
    start = _who5(FIRST + timedelta(days=3), [2, 2, 2, 2, 3])
    end = _who5(LAST - timedelta(days=2), [3, 3, 3, 3, 3])
    data = small_input(checkins=(start, end), earlier_checkins=(long_ago,))
    report = build_report(data, options())
    cover = plain(report.section("cover").html)  # type: ignore[union-attr]
    trend = plain(report.section("checkins").html)  # type: ignore[union-attr]
    assert "44/100 at the baseline" in cover
    assert "Trend: 44/100 on" in trend
    assert "20/100" not in trend


# --- WHO-5 at or below 28 --------------------------------------------------------------------


def test_a_who5_at_or_below_28_names_the_depression_cut_off_and_its_advice() -> None:
    low = _who5(LAST - timedelta(days=2), [1, 1, 1, 1, 2])  # 24/100
    report = build_report(small_input(checkins=(low,)), options())
    for key in ("cover", "checkins"):
        text = plain(report.section(key).html)  # type: ignore[union-attr]
        assert "low well-being" in text.lower()
        assert "28/100 or below" in text and "likely depression" in text
        assert "Topp et al., 2015" in text
        assert "not a diagnosis" in text
    above = _who5(LAST - timedelta(days=2), [2, 2, 2, 2, 2])  # 40/100: low, not below 28
    sections = build_report(small_input(checkins=(above,)), options()).sections
    text = plain(" ".join(s.html for s in sections))
    assert "likely depression" not in text


def test_an_earlier_who5_at_or_below_28_in_the_period_is_not_hidden_by_a_later_one() -> None:
    low = _who5(FIRST + timedelta(days=10), [1, 1, 1, 1, 1])  # 20/100
    later = _who5(LAST - timedelta(days=2), [2, 2, 2, 2, 2])  # 40/100
    report = build_report(small_input(checkins=(low, later)), options())
    for key in ("cover", "checkins"):
        text = plain(report.section(key).html)  # type: ignore[union-attr]
        assert "1 of the 2 WHO-5 scores in this period was at or below 28/100" in text, key
        assert "likely depression (Topp et al., 2015)" in text
    checkins = plain(report.section("checkins").html)  # type: ignore[union-attr]
    assert "20/100 Low well-being, at or below 28" in checkins


# --- PHQ-9 item 9 ----------------------------------------------------------------------------


def test_the_item_9_statement_comes_first_and_apart_from_the_band(data: ReportInput) -> None:
    report = build_report(data, options())
    cover = report.section("cover").html  # type: ignore[union-attr]
    checkins = report.section("checkins").html  # type: ignore[union-attr]
    for markup in (cover, checkins):
        text = plain(markup)
        statement = text.index("question 9")
        assert statement < text.index("WHO-5"), text[:400]
        assert statement < text.lower().index("moderate")
        assert not re.search(r"(?i)(minimal|mild|moderate|severe)\s*:?\s*[^.]*question 9", text)
    # Its own box (a one-cell table), not a sentence inside another.
    assert re.search(r'<table[^>]*bgcolor="#[0-9a-f]+"[^>]*>\s*<tr>\s*<td[^>]*>[^<]*', checkins)


# --- empty columns ---------------------------------------------------------------------------


def test_the_activities_table_has_no_empty_columns() -> None:
    done = tuple(
        ActivityDone(datetime(2026, 11, 10 + i, 18, 0, tzinfo=CET), "Stretch", during_break=True)
        for i in range(3)
    )
    text = section_text(small_input(activities=done), "activities")
    assert "not noted" not in text
    assert "Mood before" not in text and "Felt it helped" not in text
    assert "Stretch 3" in text


def test_a_single_check_in_has_no_empty_change_column() -> None:
    only = score_phq9(datetime(2026, 11, 14, 20, 0, tzinfo=CET), [1] * 9, 1)
    markup = build_report(small_input(checkins=(only,)), options()).section("checkins")
    assert markup is not None
    assert "Change</th>" not in markup.html
    assert "9/27" in plain(markup.html)


# --- calendar --------------------------------------------------------------------------------


def test_the_day_by_day_calendar_is_on_by_default_one_page_per_month(data: ReportInput) -> None:
    assert "calendar" in DEFAULT_SECTIONS
    report = build_report(data, options())
    section = report.section("calendar")
    assert section is not None
    months = re.findall(
        r"<h2[^>]*page-break-before: always[^>]*>Day by day · (\w+ \d{4})</h2>", section.html
    )
    assert months == ["September 2026", "October 2026", "November 2026"]
    text = plain(section.html)
    for word in ("mood", "community time", "check-in", "break"):
        assert word in text.lower(), word


def test_a_calendar_day_shows_its_mood_time_check_ins_and_breaks() -> None:
    day = date(2026, 11, 10)
    checkin = _who5(day, [3, 3, 3, 3, 3])
    data = small_input(
        day_totals=(DayAppTotal(day, "Reddit", "forum", 5400.0),),
        checkins=(checkin,),
    )
    text = section_text(data, "calendar")
    cell = text[text.index("November 2026") :]
    assert "1 h 30 min" in cell and "WHO-5 60" in cell


# --- approximate time ------------------------------------------------------------------------


def test_approximate_time_is_described_as_running_apps_not_as_imported() -> None:
    day = date(2026, 11, 10)
    data = small_input(
        day_totals=(DayAppTotal(day, "Discord", "chat", 7200.0),),
        approximate_seconds=1800.0,
    )
    text = section_text(data, "usage")
    assert "imported from another tool and is approximate" not in text
    assert "30 min of the 2 h 00 min is approximate" in text
    assert "running apps only, focus not seen" in text
    coverage = section_text(data, "cover")
    assert "Approximate community time 30 min of 2 h 00 min (running apps only" in coverage


# --- limits history --------------------------------------------------------------------------


def test_each_day_is_scored_by_the_limits_then_in_force() -> None:
    from wellbeing_app.core.limit_history import LimitChange

    # Reddit: 60 minutes a day until 1 November, 20 minutes from then; 40 minutes used daily.
    days = [FIRST + timedelta(days=i) for i in range(60)]
    totals = tuple(DayAppTotal(d, "Reddit", "forum", 2400.0) for d in days)
    changes = (
        LimitChange(datetime(2026, 9, 1, 12, 0, tzinfo=CET), "Reddit", "app", 60),
        LimitChange(datetime(2026, 11, 1, 12, 0, tzinfo=CET), "Reddit", "app", 20),
    )
    data = small_input(
        day_totals=totals,
        limits=(DailyLimit("Reddit", "app", 20),),
        limit_changes=changes,
        limit_history_since=datetime(2026, 9, 1, 12, 0, tzinfo=CET),
    )
    report = build_report(data, options())
    text = plain(report.section("limits_breaks").html)  # type: ignore[union-attr]
    before = (date(2026, 11, 1) - FIRST).days
    assert f"Reddit 60 min, every day {before} {before} of {before}" in text
    assert f"Reddit 20 min, every day {60 - before} 0 of {60 - before}" in text
    cover = plain(report.section("cover").html)  # type: ignore[union-attr]
    assert f"kept on {before} of 60" in cover
    assert "today's limits" not in cover


def test_days_before_the_limit_history_say_so_on_page_one() -> None:
    days = [FIRST + timedelta(days=i) for i in range(60)]
    totals = tuple(DayAppTotal(d, "Reddit", "forum", 2400.0) for d in days)
    data = small_input(
        day_totals=totals,
        limits=(DailyLimit("Reddit", "app", 30),),
        limit_changes=(),
        limit_history_since=datetime(2026, 11, 11, 9, 0, tzinfo=CET),
    )
    report = build_report(data, options())
    cover = plain(report.section("cover").html)  # type: ignore[union-attr]
    assert (
        "No record of the limits in force before 11 Nov 2026: the 49 days before it are scored"
        " against today's limits." in cover
    )
    limits = plain(report.section("limits_breaks").html)  # type: ignore[union-attr]
    assert "Limits as they are set now" not in limits


def test_a_report_without_any_limit_history_falls_back_for_every_day() -> None:
    data = small_input(
        day_totals=(DayAppTotal(LAST, "Reddit", "forum", 60.0),),
        limits=(DailyLimit("Reddit", "app", 30),),
    )
    cover = section_text(data, "cover")
    assert "No record of the limits in force in this period" in cover


def test_the_report_clamped_to_the_data_says_so() -> None:
    data = replace(small_input(), asked_first=date(2000, 1, 1))
    cover = section_text(data, "cover")
    assert "asked for from 1 Jan 2000" in cover


# --- no page left almost blank ---------------------------------------------------------------


def _page_fill(pdf: Path, folder: Path) -> list[float]:
    """How far down each page its content reaches (0 to 1), the footer left out."""
    from PIL import Image

    subprocess.run(
        ["pdftoppm", "-r", "30", "-gray", "-png", str(pdf), str(folder / "p")], check=True
    )
    fills = []
    for png in sorted(folder.glob("p-*.png")):
        image = Image.open(png).convert("L")
        width, height = image.size
        pixels = image.load()
        body = int(height * 0.93)  # the footer line and text sit below this
        inked = [y for y in range(body) if any(pixels[x, y] < 200 for x in range(width))]
        fills.append((max(inked) if inked else 0) / height)
    return fills


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm is not installed")
@pytest.mark.parametrize("everything", [False, True])
def test_no_page_is_left_almost_blank(data: ReportInput, tmp_path: Path, everything: bool) -> None:
    chosen = options(
        sections=frozenset(SECTIONS) if everything else DEFAULT_SECTIONS,
        questions=("Is the evening pattern worth working on?",) if everything else (),
    )
    path = tmp_path / "report.pdf"
    write_pdf(build_report(data, chosen), path)
    fills = _page_fill(path, tmp_path)
    assert len(fills) > 3
    assert all(fill > 0.3 for fill in fills[:-1]), [round(fill, 2) for fill in fills]
