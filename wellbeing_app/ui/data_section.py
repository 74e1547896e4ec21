"""'Your data': what an export holds (shown before anything is written), export, and backups.

The section has no title of its own: it is shown in the "Your data" tab of Report & export.

What an export holds follows the data: ``mark_stale`` (connected to every data change by the
composition root) counts again at once while the section is shown, or when it is next shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import cast

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wellbeing_app.core.clock import Clock
from wellbeing_app.core.errors import WellbeingError
from wellbeing_app.storage.backups import backup_now, backups, prune
from wellbeing_app.storage.export import TITLES, ExportFormat, TablePreview, export_all, preview
from wellbeing_app.storage.repositories import Repositories
from wellbeing_app.ui.daylio_import import choose_and_import
from wellbeing_app.ui.i18n import shown_number, translate_core


class DataSection(QWidget):
    restore_requested = Signal(object)  # Path of the backup, after the person confirmed
    delete_all_requested = Signal()  # after the person typed DELETE
    imported = Signal()  # entries came in from another app

    def __init__(
        self, repos: Repositories, clock: Clock, data_dir: Path, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._repos, self._clock, self._data_dir = repos, clock, data_dir
        # No heading of its own: the section sits in a tab named "Your data".
        self.intro = QLabel(
            self.tr(
                "Everything stays on this computer unless you export it. An export writes one "
                "file per table and a manifest, readable only by you; it never overwrites "
                "anything."
            )
        )
        self.intro.setWordWrap(True)
        self.contents = QLabel()
        self.contents.setWordWrap(True)
        self.contents.setAccessibleName(self.tr("What an export holds"))
        self.format = QComboBox()
        for name in ("csv", "json"):  # file formats: the same word in every language
            self.format.addItem(name, name)
        self.format.setAccessibleName(self.tr("Export format"))
        self.export_button = QPushButton(self.tr("Export everything…"))
        self.export_button.clicked.connect(self._on_export_button_clicked)
        self.daylio_button = QPushButton(self.tr("Import from Daylio…"))
        self.daylio_button.setToolTip(self.tr("Mood entries from a Daylio CSV export"))
        self.daylio_button.clicked.connect(self._on_daylio_button_clicked)
        self.backup_button = QPushButton(self.tr("Back up now"))
        self.backup_button.clicked.connect(self._on_backup_button_clicked)
        self.backup_list = QListWidget()
        self.backup_list.setAccessibleName(self.tr("Backups"))
        self.backup_list.setMaximumHeight(110)
        self.restore_button = QPushButton(self.tr("Restore this backup…"))
        self.restore_button.clicked.connect(self._on_restore_button_clicked)
        self.delete_button = QPushButton(self.tr("Delete all my data…"))
        self.delete_button.setAccessibleName(self.tr("Delete all my data on this computer"))
        self.delete_button.clicked.connect(self._on_delete_button_clicked)
        self._backups: list[Path] = []
        self._stale = False
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Format:")))
        row.addWidget(self.format)
        row.addWidget(self.export_button)
        row.addWidget(self.daylio_button)
        row.addStretch(1)
        row.addWidget(self.backup_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.intro)
        layout.addWidget(self.contents)
        layout.addLayout(row)
        layout.addWidget(
            QLabel(self.tr("Backups (in {folder}):").format(folder=data_dir / "backups"))
        )
        layout.addWidget(self.backup_list)
        actions = QHBoxLayout()
        actions.addWidget(self.restore_button)
        actions.addStretch(1)
        actions.addWidget(self.delete_button)
        layout.addLayout(actions)
        self.refresh()

    def mark_stale(self) -> None:
        """The data changed: count again now if shown, else when next shown."""
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        """Shows what an export holds now, and the backups on disk."""
        self._stale = False
        self.contents.setText(contents_text(preview(self._repos.db)))
        self.backup_list.clear()
        found = backups(self._data_dir)
        self._backups = [item.path for item in found]
        for item in found:
            self.backup_list.addItem(
                self.tr("{created}  ({size} MB)").format(
                    created=QLocale().toString(
                        QDateTime.fromSecsSinceEpoch(int(item.created.timestamp())),
                        "yyyy-MM-dd HH:mm",
                    ),
                    size=QLocale().toString(item.size / 1e6, "f", 1),
                )
            )
        if not found:
            self.backup_list.addItem(self.tr("No backups yet."))
        else:
            self.backup_list.setCurrentRow(0)
        self.restore_button.setEnabled(bool(found))

    def export_to(self, parent_folder: Path) -> Path:
        """Exports into a new dated folder inside ``parent_folder``; returns it."""
        now = self._clock.now()
        target = parent_folder / f"wellbeing-export-{now:%Y%m%d-%H%M%S}"
        fmt = cast(ExportFormat, self.format.currentData())
        return export_all(self._repos.db, target, fmt, now=now).folder

    def _on_export_button_clicked(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Export into which folder?"))
        if not chosen:
            return
        try:
            folder = self.export_to(Path(chosen))
        except WellbeingError as error:
            QMessageBox.warning(self, self.tr("Wellbeing"), str(error))
            return
        QMessageBox.information(
            self, self.tr("Wellbeing"), self.tr("Exported to {folder}.").format(folder=folder)
        )

    def back_up(self) -> Path:
        path = backup_now(self._repos.db, self._data_dir, self._clock.now())
        prune(self._data_dir, self._repos.settings.backups_to_keep)
        self.refresh()
        return path

    def _on_backup_button_clicked(self) -> None:
        try:
            self.back_up()
        except (WellbeingError, OSError) as error:
            QMessageBox.warning(
                self,
                self.tr("Wellbeing"),
                self.tr("The backup failed: {error}").format(error=error),
            )

    def _on_daylio_button_clicked(self) -> None:
        if choose_and_import(self, self._repos) is not None:
            self.refresh()
            self.imported.emit()

    def _on_restore_button_clicked(self) -> None:
        row = self.backup_list.currentRow()
        if not 0 <= row < len(self._backups):
            return
        chosen = self._backups[row]
        answer = QMessageBox.question(
            self,
            self.tr("Restore a backup"),
            self.tr(
                "Replace your data with the backup from {backup}?\n\n"
                "Your current data is not deleted: it is kept beside it as a copy. Wellbeing "
                "closes and opens again to do this."
            ).format(backup=self.backup_list.item(row).text()),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.restore_requested.emit(chosen)

    def _on_delete_button_clicked(self) -> None:
        text, ok = QInputDialog.getText(
            self,
            self.tr("Delete all my data"),
            self.tr(
                "This removes everything Wellbeing keeps on this computer: your journal, tracked "
                "time, settings and backups. It cannot be undone (exports you made are not "
                "touched).\n\nType {word} to confirm:"
            ).format(word=self._delete_word()),
        )
        if ok and text.strip() in ("DELETE", self._delete_word()):
            self.delete_all_requested.emit()
        elif ok:
            QMessageBox.information(self, self.tr("Wellbeing"), self.tr("Nothing was deleted."))

    def _delete_word(self) -> str:
        """The word typed to confirm deleting (English DELETE is always accepted too)."""
        return self.tr("DELETE")


def table_title(table: TablePreview) -> str:
    """What a person calls these rows ("12 mood check-ins"), translated; the nouns are the
    export's own (``storage.export.TITLES``), listed for lupdate with the core catalogue."""
    plain = table.name.replace("_", " ")
    one, many = TITLES.get(table.name, (plain, plain))
    noun = translate_core(one if table.rows == 1 else many)
    return QCoreApplication.translate("DataSection", "{count} {things}").format(
        count=shown_number(table.rows), things=noun
    )


def contents_text(tables: Sequence[TablePreview]) -> str:
    """What an export holds, in words ("An export holds 40 mood check-ins and 1 daily limit.")."""
    held = [table_title(table) for table in tables if table.rows]
    if not held:
        return QCoreApplication.translate(
            "DataSection", "Nothing is recorded yet, so an export now would hold only empty files."
        )
    if len(held) == 1:
        listed = held[0]
    else:
        listed = QCoreApplication.translate("DataSection", "{list} and {last}").format(
            list=", ".join(held[:-1]), last=held[-1]
        )
    return QCoreApplication.translate("DataSection", "An export holds {contents}.").format(
        contents=listed
    )
