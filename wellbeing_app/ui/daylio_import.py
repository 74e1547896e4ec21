"""Import a Daylio CSV export from the GUI, asking for a score for each renamed mood."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wellbeing_app.core.models import MOOD_LABELS
from wellbeing_app.importers.daylio import (
    DaylioError,
    DaylioImport,
    import_daylio,
    read_text,
    unmapped_moods,
)
from wellbeing_app.storage.repositories import Repositories
from wellbeing_app.ui.faces import face_icon
from wellbeing_app.ui.i18n import translate_core

AskScores = Callable[[list[str]], dict[str, int] | None]
"""Given mood names without a score, returns a score (1 to 5) for each, or None to cancel."""


class MoodMappingDialog(QDialog):
    """One row per renamed Daylio mood with a choice of the five moods; none is chosen for
    the person, and OK waits until every mood has one."""

    def __init__(self, names: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Scores for your Daylio moods"))
        intro = QLabel(
            self.tr("Daylio lets you rename moods; tell Wellbeing how each of yours compares.")
        )
        intro.setWordWrap(True)
        self.combos: dict[str, QComboBox] = {}
        form = QFormLayout()
        for name in names:
            combo = QComboBox()
            for score in sorted(MOOD_LABELS, reverse=True):
                shown = f"{QLocale().toString(score)} {translate_core(MOOD_LABELS[score])}"
                combo.addItem(face_icon(score), shown, score)
            combo.setPlaceholderText(self.tr("Choose…"))
            combo.setCurrentIndex(-1)
            combo.setAccessibleName(self.tr("Score for {name}").format(name=name))
            combo.currentIndexChanged.connect(self._on_combo_changed)
            self.combos[name] = combo
            form.addRow(self.tr("{name}:").format(name=name), combo)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert ok_button is not None
        self.ok_button: QPushButton = ok_button
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self._on_combo_changed()

    def mapping(self) -> dict[str, int]:
        """The chosen score of every mood that has one so far."""
        return {
            name: int(combo.currentData())
            for name, combo in self.combos.items()
            if combo.currentIndex() >= 0
        }

    def _on_combo_changed(self) -> None:
        self.ok_button.setEnabled(len(self.mapping()) == len(self.combos))


def ask_with_dialog(parent: QWidget | None) -> AskScores:
    """An ``ask`` that shows a MoodMappingDialog over ``parent``."""

    def ask(names: list[str]) -> dict[str, int] | None:
        dialog = MoodMappingDialog(names, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.mapping()

    return ask


def import_daylio_file(
    parent: QWidget | None, repos: Repositories, path: Path, ask: AskScores | None = None
) -> str | None:
    """Imports a Daylio export, asking for scores for renamed moods first.

    Returns a one-line summary, or None when the person cancelled (then nothing is written).
    Raises ``DaylioError`` (one sentence) when the file cannot be read or used.
    """
    names = unmapped_moods(read_text(path))
    mapping: dict[str, int] = {}
    if names:
        answer = (ask or ask_with_dialog(parent))(names)
        if answer is None:
            return None
        mapping = answer
    return summary(import_daylio(path, repos, mapping))


def summary(result: DaylioImport) -> str:
    """One line for the person: how many entries came in, over which days, and how many were
    already here."""
    if result.first is None or result.last is None:
        return QCoreApplication.translate(
            "MoodMappingDialog", "The file has no mood entries to import."
        )
    n = result.added
    if n == 1:
        added = QCoreApplication.translate("MoodMappingDialog", "%n mood entry", None, n)
    else:
        added = QCoreApplication.translate("MoodMappingDialog", "%n mood entries", None, n)
    first, last = _iso(result.first), _iso(result.last)
    if result.first == result.last:
        line = QCoreApplication.translate("MoodMappingDialog", "Imported {added} on {day}")
    else:
        line = QCoreApplication.translate(
            "MoodMappingDialog", "Imported {added} from {first} to {last}"
        )
    line = line.format(added=added, day=first, first=first, last=last)
    n = result.skipped
    if n == 1:
        line += QCoreApplication.translate("MoodMappingDialog", "; %n was already here", None, n)
    elif n:
        line += QCoreApplication.translate("MoodMappingDialog", "; %n were already here", None, n)
    line += "."
    n = result.edited
    if n == 1:
        line += QCoreApplication.translate(
            "MoodMappingDialog",
            " %n of them changed in Daylio since an earlier import; the earlier version is kept "
            "beside it (delete the one you do not want in the Journal).",
            None,
            n,
        )
    elif n:
        line += QCoreApplication.translate(
            "MoodMappingDialog",
            " %n of them changed in Daylio since an earlier import; the earlier versions are "
            "kept beside them (delete the one you do not want in the Journal).",
            None,
            n,
        )
    return line


def _iso(day: date) -> str:
    """A day as the import's own dates are written, YYYY-MM-DD, the same in every language."""
    return day.isoformat()


def choose_and_import(parent: QWidget, repos: Repositories) -> str | None:
    """Asks for a Daylio CSV export and imports it, showing the outcome in a message box.

    Returns the summary, or None when nothing was imported (cancelled or refused).
    """
    chosen, _filter = QFileDialog.getOpenFileName(
        parent,
        QCoreApplication.translate("MoodMappingDialog", "Import a Daylio export"),
        "",
        QCoreApplication.translate("MoodMappingDialog", "Daylio CSV export (*.csv);;All files (*)"),
    )
    if not chosen:
        return None
    try:
        result = import_daylio_file(parent, repos, Path(chosen), ask_with_dialog(parent))
    except DaylioError as error:
        QMessageBox.warning(
            parent, QCoreApplication.translate("MoodMappingDialog", "Wellbeing"), str(error)
        )
        return None
    if result is not None:
        QMessageBox.information(
            parent, QCoreApplication.translate("MoodMappingDialog", "Wellbeing"), result
        )
    return result
