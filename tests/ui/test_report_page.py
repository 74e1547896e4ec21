"""The report page: choices change the preview, the PDF is saved where asked, never over a file
without asking, and the report is built off the GUI thread."""

from __future__ import annotations

import shutil
import stat
import subprocess
import threading
import unicodedata
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from wellbeing_app.core.clock import FixedClock
from wellbeing_app.core.demo import generate
from wellbeing_app.core.models import MoodEntry
from wellbeing_app.report_input import PresetStore
from wellbeing_app.reporting import report as report_module
from wellbeing_app.reporting.report import Report, document_html
from wellbeing_app.storage.demo_data import write_demo
from wellbeing_app.storage.repositories import Repositories
from wellbeing_app.ui import report_page, report_workers
from wellbeing_app.ui.report_page import ReportPage

CET = timezone(timedelta(hours=1))
NOTE = "Pelican umbrella sonata"
LATE_NOTE = "Lighthouse marmalade quartet"  # logged after the preview was built
BUILD_TIMEOUT_MS = 30_000


@pytest.fixture
def filled(repos: Repositories, clock: FixedClock) -> Repositories:
    write_demo(repos, generate(clock.now(), days=60, day_start_hour=4))
    repos.moods.add(MoodEntry(datetime(2026, 11, 18, 19, 5, tzinfo=CET), 2, note=NOTE))
    return repos


@pytest.fixture
def page(qtbot: QtBot, filled: Repositories, clock: FixedClock) -> Iterator[ReportPage]:
    shown = ReportPage(filled, clock, PresetStore(filled.db))
    qtbot.addWidget(shown)
    shown.show()  # the preview is built when the page is first shown
    wait_for_preview(qtbot, shown)
    yield shown
    shown.shutdown()  # before the database closes, as the app does


def wait_for_preview(qtbot: QtBot, page: ReportPage) -> None:
    qtbot.waitUntil(lambda: not page.is_busy, timeout=BUILD_TIMEOUT_MS)


def preview_text(page: ReportPage) -> str:
    return " ".join(page.preview.toPlainText().split())


def test_the_last_four_weeks_by_default(page: ReportPage) -> None:
    assert page.range() == (date(2026, 10, 25), date(2026, 11, 21))
    report = page.report
    assert report is not None and (report.first, report.last) == page.range()
    assert "Self-tracking summary" in preview_text(page)
    assert page.save_button.isEnabled()


def test_every_section_is_shown_in_the_preview(qtbot: QtBot, page: ReportPage) -> None:
    for check in page.section_boxes.values():
        check.setChecked(True)
    page.questions_edit.setPlainText("Why do Sundays feel heavy?")
    wait_for_preview(qtbot, page)
    text = preview_text(page)
    assert page.report is not None
    for section in page.report.sections:
        assert section.title in text or section.key == "cover"
    assert "Why do Sundays feel heavy?" in text
    assert "November 2026" in text  # the calendar


def test_privacy_toggles_change_the_preview(qtbot: QtBot, page: ReportPage) -> None:
    assert "Discord" in preview_text(page)
    assert NOTE not in preview_text(page)

    page.categories_radio.setChecked(True)
    assert page.is_busy and page.report is None
    wait_for_preview(qtbot, page)
    assert "Discord" not in preview_text(page)
    assert "Per category" in preview_text(page)

    page.notes_box.setChecked(True)
    wait_for_preview(qtbot, page)
    assert NOTE in preview_text(page)

    page.days_only_radio.setChecked(True)
    wait_for_preview(qtbot, page)
    assert "19:05" not in preview_text(page)
    assert "Left out by default: gratitude text (it can be included)." in preview_text(page)
    assert (
        "Left out at the person's request: app names (categories only), exact times."
        in preview_text(page)
    )


def test_the_report_is_built_off_the_gui_thread(
    qtbot: QtBot, page: ReportPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[int] = []
    real = report_module.build_report

    def recording(*args: object, **kwargs: object) -> object:
        threads.append(threading.get_ident())
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(report_workers, "build_report", recording)
    page.section_boxes["questions"].setChecked(True)  # the calendar is on by default
    page.rebuild_now()
    assert page.busy.isVisibleTo(page)  # a busy indicator while the worker builds
    wait_for_preview(qtbot, page)
    assert threads and threading.get_ident() not in threads
    assert not page.busy.isVisibleTo(page)


def choose_file(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *args, **kwargs: (str(path), ""))
    )


def answer(monkeypatch: pytest.MonkeyPatch, button: QMessageBox.StandardButton) -> list[str]:
    asked: list[str] = []

    def question(parent: object, title: str, text: str, *args: object) -> object:
        asked.append(text)
        return button

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return asked


def test_save_writes_the_pdf_where_asked(
    qtbot: QtBot, page: ReportPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    choose_file(monkeypatch, tmp_path / "for-my-therapist")  # ".pdf" is added
    with qtbot.waitSignal(page.pdf_saved, timeout=BUILD_TIMEOUT_MS) as saved:
        page.save_button.click()
    path = tmp_path / "for-my-therapist.pdf"
    assert saved.args == [path]
    assert path.read_bytes().startswith(b"%PDF")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "Saved to" in page.status.text()


def test_an_existing_file_is_replaced_only_after_asking(
    qtbot: QtBot, page: ReportPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "report.pdf"
    path.write_text("last month's report")
    choose_file(monkeypatch, path)

    asked = answer(monkeypatch, QMessageBox.StandardButton.No)
    page.save_button.click()
    assert asked and "report.pdf already exists" in asked[0]
    page.wait_until_idle()
    assert path.read_text() == "last month's report"
    assert page.status.text() == "Nothing was saved."

    asked = answer(monkeypatch, QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(page.pdf_saved, timeout=BUILD_TIMEOUT_MS):
        page.save_button.click()
    assert asked
    assert path.read_bytes().startswith(b"%PDF")


def test_presets_save_load_and_delete(
    qtbot: QtBot, page: ReportPage, filled: Repositories, monkeypatch: pytest.MonkeyPatch
) -> None:
    page.categories_radio.setChecked(True)
    page.gratitude_box.setChecked(True)
    page.section_boxes["activities"].setChecked(False)
    monkeypatch.setattr(
        QInputDialog, "getText", staticmethod(lambda *args, **kwargs: ("My therapist", True))
    )
    page.save_preset_button.click()
    assert page.preset_name() == "My therapist"
    assert PresetStore(filled.db).names() == ["My therapist"]

    page.app_names_radio.setChecked(True)
    page.gratitude_box.setChecked(False)
    page.section_boxes["activities"].setChecked(True)
    page.set_range(date(2026, 11, 1), date(2026, 11, 21))
    page.load_preset("My therapist")
    assert page.categories_radio.isChecked() and page.gratitude_box.isChecked()
    assert not page.section_boxes["activities"].isChecked()
    assert page.range() == (date(2026, 11, 1), date(2026, 11, 21))  # the days stay as chosen
    wait_for_preview(qtbot, page)
    assert "Discord" not in preview_text(page)

    answer(monkeypatch, QMessageBox.StandardButton.Yes)
    page.delete_preset_button.click()
    assert PresetStore(filled.db).names() == []
    assert page.preset_name() is None


def test_a_backwards_range_is_explained_not_built(qtbot: QtBot, page: ReportPage) -> None:
    page.set_range(date(2026, 11, 21), date(2026, 11, 1))
    page.rebuild_now()
    assert "before it starts" in page.status.text()
    assert page.report is None and not page.save_button.isEnabled()


def test_room_for_another_area_beside_the_report(page: ReportPage) -> None:
    label = QLabel("Your data")
    assert page.tabs.tabBar().isHidden()  # one area: no tabs
    page.add_section(label)
    assert page.isAncestorOf(label)
    assert page.tabs.count() == 2 and not page.tabs.tabBar().isHidden()
    page.tabs.setCurrentIndex(1)
    assert label.isVisible() and not page.preview.isVisible()


def test_nothing_is_built_until_the_page_is_shown(
    qtbot: QtBot, filled: Repositories, clock: FixedClock
) -> None:
    hidden = ReportPage(filled, clock, PresetStore(filled.db))
    qtbot.addWidget(hidden)
    hidden.set_range(date(2026, 11, 1), date(2026, 11, 21))
    assert not hidden._timer.isActive()  # no build scheduled while hidden
    assert hidden.report is None
    hidden.show()
    wait_for_preview(qtbot, hidden)
    assert hidden.report is not None
    assert (hidden.report.first, hidden.report.last) == (date(2026, 11, 1), date(2026, 11, 21))


# --- following the data, and saving exactly what the preview shows ---------------------------


def record_pdf_writes(monkeypatch: pytest.MonkeyPatch) -> list[Report]:
    """The reports handed to the PDF writer (which still writes them)."""
    written: list[Report] = []
    real = report_workers.write_pdf

    def recording(report: Report, path: Path, *, overwrite: bool = False) -> None:
        written.append(report)
        real(report, path, overwrite=overwrite)

    monkeypatch.setattr(report_workers, "write_pdf", recording)
    return written


def count_calls(monkeypatch: pytest.MonkeyPatch, name: str) -> list[object]:
    """Counts calls of ``<name>`` where the page uses it (``gather`` reads the database on the
    page, ``build_report`` runs on the worker)."""
    module = report_workers if name == "build_report" else report_page
    calls: list[object] = []
    real = getattr(module, name)

    def counting(*args: object, **kwargs: object) -> object:
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, counting)
    return calls


def pdf_text(path: Path) -> str | None:
    """The PDF's text, or None without pdftotext (the recorded report is checked anyway)."""
    if shutil.which("pdftotext") is None:
        return None
    done = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        check=True,
        text=True,
        encoding="utf-8",
    )
    return " ".join(unicodedata.normalize("NFKC", done.stdout).split())


def log_late_mood(repos: Repositories) -> None:
    repos.moods.add(MoodEntry(datetime(2026, 11, 21, 20, 30, tzinfo=CET), 5, note=LATE_NOTE))


def test_a_mood_logged_after_the_preview_is_in_the_saved_pdf(
    qtbot: QtBot,
    page: ReportPage,
    filled: Repositories,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    page.notes_box.setChecked(True)
    wait_for_preview(qtbot, page)
    assert LATE_NOTE not in preview_text(page)
    written = record_pdf_writes(monkeypatch)
    choose_file(monkeypatch, tmp_path / "report.pdf")

    log_late_mood(filled)
    page.mark_stale()
    assert page.save_button.isEnabled()  # saving catches up first
    with qtbot.waitSignal(page.pdf_saved, timeout=BUILD_TIMEOUT_MS):
        page.save_button.click()

    assert len(written) == 1
    assert written[0] is page.report  # the very report the preview shows
    assert LATE_NOTE in document_html(written[0])
    assert LATE_NOTE in preview_text(page)
    text = pdf_text(tmp_path / "report.pdf")
    assert text is None or LATE_NOTE in text


def test_a_data_change_while_shown_rebuilds_the_preview(
    qtbot: QtBot, page: ReportPage, filled: Repositories
) -> None:
    page.notes_box.setChecked(True)
    wait_for_preview(qtbot, page)
    log_late_mood(filled)
    page.mark_stale()
    assert page.is_busy and page.report is None  # the old preview is no longer current
    assert page._timer.isActive() and page._timer.interval() == report_page.DATA_REBUILD_DELAY_MS
    wait_for_preview(qtbot, page)
    assert LATE_NOTE in preview_text(page)

    # A stream of changes (tracked time, stored every few seconds) is not redrawn each time.
    page.mark_stale()
    assert page._timer.interval() > report_page.DATA_REBUILD_DELAY_MS
    page.rebuild_now()  # what Save does without waiting
    wait_for_preview(qtbot, page)


def test_a_data_change_while_hidden_rebuilds_on_the_next_show_only(
    qtbot: QtBot, page: ReportPage, filled: Repositories, monkeypatch: pytest.MonkeyPatch
) -> None:
    page.notes_box.setChecked(True)
    wait_for_preview(qtbot, page)
    page.hide()
    reads = count_calls(monkeypatch, "gather")
    log_late_mood(filled)
    page.mark_stale()
    page.section_boxes["calendar"].setChecked(True)
    assert not page._timer.isActive()  # nothing is built while hidden
    QCoreApplication.processEvents()
    assert reads == []

    page.show()
    wait_for_preview(qtbot, page)
    assert len(reads) == 1
    assert LATE_NOTE in preview_text(page)
    page.hide()
    page.show()  # shown again with nothing new: the preview is kept
    assert len(reads) == 1 and not page.is_busy


def test_save_right_after_ticking_an_option_writes_that_option(
    qtbot: QtBot, page: ReportPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    written = record_pdf_writes(monkeypatch)
    choose_file(monkeypatch, tmp_path / "report.pdf")
    assert "Discord" in preview_text(page)

    page.categories_radio.setChecked(True)  # no waiting for the preview
    with qtbot.waitSignal(page.pdf_saved, timeout=BUILD_TIMEOUT_MS):
        page.save_button.click()

    assert len(written) == 1 and written[0] is page.report
    html = document_html(written[0])
    assert "Discord" not in html and "Per category" in html
    assert "Discord" not in preview_text(page)
    text = pdf_text(tmp_path / "report.pdf")
    assert text is None or ("Discord" not in text and "Per category" in text)


def test_save_waits_for_the_build_in_flight_rather_than_building_twice(
    qtbot: QtBot, page: ReportPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    builds = count_calls(monkeypatch, "build_report")
    written = record_pdf_writes(monkeypatch)
    choose_file(monkeypatch, tmp_path / "report.pdf")
    page.section_boxes["calendar"].setChecked(True)
    page.rebuild_now()  # the worker is building the new preview
    with qtbot.waitSignal(page.pdf_saved, timeout=BUILD_TIMEOUT_MS):
        page.save_button.click()
    assert len(builds) == 1
    assert written[0] is page.report and "calendar" in written[0].keys


def test_a_failed_catch_up_saves_nothing(
    qtbot: QtBot, page: ReportPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing(*args: object) -> Report:
        raise OSError("disk on fire")

    monkeypatch.setattr(report_workers, "build_report", failing)
    written = record_pdf_writes(monkeypatch)
    choose_file(monkeypatch, tmp_path / "report.pdf")
    warned: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda parent, title, text: warned.append(text))
    )
    page.mark_stale()
    page.save_button.click()
    qtbot.waitUntil(lambda: not page.is_busy, timeout=BUILD_TIMEOUT_MS)
    assert written == [] and not (tmp_path / "report.pdf").exists()
    assert "Nothing was saved" in page.status.text() and "disk on fire" in page.status.text()
    assert warned


def test_shutdown_stops_every_timer_and_worker(
    qtbot: QtBot, page: ReportPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    choose_file(monkeypatch, tmp_path / "report.pdf")
    page.categories_radio.setChecked(True)
    assert page._timer.isActive()
    page.shutdown()
    assert not page._timer.isActive()
    assert page._workers.build_pool.activeThreadCount() == 0
    assert page._workers.write_pool.activeThreadCount() == 0

    reads = count_calls(monkeypatch, "gather")
    page.mark_stale()
    page.notes_box.setChecked(True)
    page.hide()
    page.show()
    page.rebuild_now()
    page.save_pdf()
    page.wait_until_idle()
    assert not page._timer.isActive()
    assert reads == []  # the database may be closed now: nothing reads it
    assert not (tmp_path / "report.pdf").exists()


def test_released_preview_is_let_go_and_built_again_on_the_next_show(
    qtbot: QtBot, page: ReportPage
) -> None:
    assert page.report is not None and not page.preview.document().isEmpty()
    page.hide()
    page.release()  # the window went to the tray
    assert page.report is None
    assert page.preview.document().isEmpty()
    assert not page._timer.isActive()
    assert page.busy.isHidden()  # no animation runs for a window in the tray
    page.show()
    wait_for_preview(qtbot, page)
    assert page.report is not None
    assert "Mood" in preview_text(page)


def test_release_keeps_the_report_a_save_is_waiting_for(
    qtbot: QtBot, page: ReportPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    written = record_pdf_writes(monkeypatch)
    choose_file(monkeypatch, tmp_path / "r.pdf")
    page.categories_radio.setChecked(True)  # out of date: Save brings it up to date first
    page.save_pdf()
    page.hide()
    page.release()
    with qtbot.waitSignal(page.pdf_saved, timeout=BUILD_TIMEOUT_MS):
        pass
    assert len(written) == 1 and written[0] is page.report
    assert "Per category" in document_html(written[0])
