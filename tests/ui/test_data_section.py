from datetime import datetime, timedelta, timezone
from pathlib import Path

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from wellbeing_app.app import fill_demo
from wellbeing_app.core.clock import FixedClock
from wellbeing_app.core.models import MoodEntry
from wellbeing_app.storage.repositories import Repositories, open_repositories
from wellbeing_app.ui.data_section import DataSection


def test_shows_what_an_export_holds_then_exports_and_backs_up(
    qtbot: QtBot, clock: FixedClock, tmp_path: Path
) -> None:
    fill_demo(tmp_path / "d", clock, days=7)
    repos = open_repositories(tmp_path / "d")
    section = DataSection(repos, clock, tmp_path / "d")
    qtbot.addWidget(section)
    assert " mood check-ins" in section.contents.text()
    assert "_" not in section.contents.text()  # no table names: words a person uses
    assert section.backup_list.item(0).text() == "No backups yet."
    folder = section.export_to(tmp_path)
    assert (folder / "manifest.json").exists()
    section.format.setCurrentText("json")
    clock.advance(1)
    assert (section.export_to(tmp_path) / "mood_entries.json").exists()
    section.back_up()
    assert section.backup_list.count() == 1
    assert "MB" in section.backup_list.item(0).text()
    repos.close()


def test_what_an_export_holds_follows_data_changes(
    qtbot: QtBot, repos: Repositories, clock: FixedClock, tmp_path: Path
) -> None:
    section = DataSection(repos, clock, tmp_path)
    qtbot.addWidget(section)
    section.show()
    assert section.contents.text() == (
        "Nothing is recorded yet, so an export now would hold only empty files."
    )
    at = datetime(2026, 11, 21, 20, 0, tzinfo=timezone(timedelta(hours=1)))

    repos.moods.add(MoodEntry(at, 4))
    section.mark_stale()  # shown: counted again at once
    assert section.contents.text() == "An export holds 1 mood check-in."

    section.hide()
    repos.moods.add(MoodEntry(at, 3))
    section.mark_stale()  # hidden: counted when next shown, not before
    assert section.contents.text() == "An export holds 1 mood check-in."
    section.show()
    assert section.contents.text() == "An export holds 2 mood check-ins."


def test_every_exported_table_has_a_name_for_people() -> None:
    from wellbeing_app.storage.export import TABLES, TITLES

    assert {spec.name for spec in TABLES} == set(TITLES)


def test_the_section_does_not_repeat_its_tab_name(
    qtbot: QtBot, repos: Repositories, clock: FixedClock, tmp_path: Path
) -> None:
    """It sits in the "Your data" tab of Report & export: a "Your data" heading said it twice."""

    section = DataSection(repos, clock, tmp_path)
    qtbot.addWidget(section)
    texts = [label.text() for label in section.findChildren(QLabel)]
    assert not [text for text in texts if "Your data" in text]
    assert section.intro.text().startswith("Everything stays on this computer")
    assert section.layout().itemAt(0).widget() is section.intro  # what it is, said first
