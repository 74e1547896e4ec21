from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from wellbeing_app.importers.daylio import DaylioError
from wellbeing_app.storage.repositories import Repositories
from wellbeing_app.ui.daylio_import import (
    MoodMappingDialog,
    choose_and_import,
    import_daylio_file,
)

EXPORT = (
    "full_date,date,weekday,time,mood,activities,note_title,note\n"
    "2024-05-01,May 1,Wednesday,6:50 pm,superb,family | walk,,Dinner out\n"
    "2024-01-02,January 2,Tuesday,08:15,good,,,\n"
)


@pytest.fixture
def export(tmp_path: Path) -> Path:
    path = tmp_path / "daylio_export.csv"
    path.write_text(EXPORT, encoding="utf-8")
    return path


@pytest.fixture
def parent(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def test_mapping_dialog_needs_a_score_for_every_mood(qtbot: QtBot) -> None:
    dialog = MoodMappingDialog(["superb", "so-so"])
    qtbot.addWidget(dialog)
    assert all(combo.currentIndex() == -1 for combo in dialog.combos.values())
    assert not dialog.ok_button.isEnabled()
    dialog.combos["superb"].setCurrentIndex(0)  # "5 great" comes first
    assert not dialog.ok_button.isEnabled()
    dialog.combos["so-so"].setCurrentIndex(2)
    assert dialog.ok_button.isEnabled()
    assert dialog.combos["superb"].currentText() == "5 great"
    assert dialog.mapping() == {"superb": 5, "so-so": 3}


def test_import_asks_for_renamed_moods_then_imports_once(
    parent: QWidget, repos: Repositories, export: Path
) -> None:
    asked: list[list[str]] = []

    def ask(names: list[str]) -> dict[str, int] | None:
        asked.append(names)
        return {"superb": 5}

    summary = import_daylio_file(parent, repos, export, ask)
    assert asked == [["superb"]]
    assert repos.moods.count() == 2
    assert summary == "Imported 2 mood entries from 2024-01-02 to 2024-05-01."

    again = import_daylio_file(parent, repos, export, ask)
    assert repos.moods.count() == 2
    assert again == "Imported 0 mood entries from 2024-01-02 to 2024-05-01; 2 were already here."


def test_cancelling_the_scores_imports_nothing(
    parent: QWidget, repos: Repositories, export: Path
) -> None:
    assert import_daylio_file(parent, repos, export, lambda names: None) is None
    assert repos.moods.count() == 0


def test_a_broken_file_raises_one_sentence(
    parent: QWidget, repos: Repositories, tmp_path: Path
) -> None:
    path = tmp_path / "notes.csv"
    path.write_text("date,feeling\n2024-01-02,fine\n", encoding="utf-8")
    with pytest.raises(DaylioError, match="not a Daylio CSV export"):
        import_daylio_file(parent, repos, path, lambda names: {})
    assert repos.moods.count() == 0


def test_choose_and_import_shows_the_summary_or_the_error(
    parent: QWidget,
    repos: Repositories,
    export: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    export.write_text(EXPORT.replace("superb", "rad"), encoding="utf-8")
    chosen = [str(export)]
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args: (chosen[0], ""))
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: shown.append(("i", text)))
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(("w", text)))

    summary = choose_and_import(parent, repos)
    assert summary is not None
    assert shown == [("i", summary)]
    assert repos.moods.count() == 2

    chosen[0] = str(tmp_path / "missing.csv")
    assert choose_and_import(parent, repos) is None
    assert shown[-1] == ("w", f"There is no file {tmp_path / 'missing.csv'}.")


def test_the_summary_says_when_entries_changed_in_daylio() -> None:
    from datetime import date

    from wellbeing_app.importers.daylio import DaylioImport
    from wellbeing_app.ui.daylio_import import summary

    result = DaylioImport(added=2, skipped=3, first=date(2026, 3, 1), last=date(2026, 3, 2))
    edited = DaylioImport(
        added=2, skipped=3, first=date(2026, 3, 1), last=date(2026, 3, 2), edited=1
    )
    assert summary(result) == (
        "Imported 2 mood entries from 2026-03-01 to 2026-03-02; 3 were already here."
    )
    assert summary(edited).endswith(
        "1 of them changed in Daylio since an earlier import; the earlier version is kept "
        "beside it (delete the one you do not want in the Journal)."
    )
