"""The Settings page's Data tab: where the data lives (with a button to show the folder), the
promise that nothing leaves the computer, and automatic backups."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from wellbeing_app.platform.logs import LOG_FILE, log_folder
from wellbeing_app.ui.settings_control import SettingControl, note_label, problem_label
from wellbeing_app.ui.settings_sections import TABS, SettingsTab, group, setting_form


class DataTab(SettingsTab):
    """``open_url`` opens ``data_dir`` in the file manager; without a folder the button is
    disabled."""

    def __init__(
        self,
        controls: Mapping[str, SettingControl],
        data_dir_label: str,
        data_dir: Path | None,
        open_url: Callable[[QUrl], bool],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._data_dir = data_dir
        self._open_url = open_url
        self.data_location = QLabel(data_dir_label)
        self.data_location.setWordWrap(True)
        self.data_location.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.data_location.setAccessibleName(self.tr("Where your data is kept"))
        self.show_folder_button = QPushButton(self.tr("Show folder"))
        self.show_folder_button.setAccessibleName(
            self.tr("Show the data folder in the file manager")
        )
        self.show_folder_button.setToolTip(self.tr("Opens the folder with wellbeing.db in it."))
        self.show_folder_button.setEnabled(data_dir is not None)
        self.show_folder_button.clicked.connect(self._on_show_folder_button_clicked)
        self.folder_error = problem_label()
        row = QHBoxLayout()
        row.addWidget(self.data_location, 1)
        row.addWidget(self.show_folder_button)
        where = QWidget()
        where_layout = QVBoxLayout(where)
        where_layout.setContentsMargins(0, 0, 0, 0)
        where_layout.addLayout(row)
        where_layout.addWidget(self.folder_error)
        self.log_location = note_label(
            self.tr("The app's log (no titles, notes or moods in it): {path}").format(
                path=log_folder() / LOG_FILE
            )
        )
        self.log_location.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        where_layout.addWidget(self.log_location)
        privacy = QLabel(
            self.tr(
                "<p><b>Nothing leaves this computer.</b> Wellbeing has no account and no cloud, "
                "and it makes no network connections at all. Everything it records is in one "
                "file, <code>wellbeing.db</code>, in the folder above.</p>"
                "<p>Copies, the summary for your therapist, backups and deleting everything all "
                "live on one page: <b>Report &amp; export</b>.</p>"
            )
        )
        privacy.setWordWrap(True)
        sections = [
            group(self.tr("Where your data lives"), where),
            group(self.tr("Your data"), privacy),
        ]
        if any(name in controls for name in TABS["Data"]):
            backups = setting_form(controls, TABS["Data"])
            sections.append(group(self.tr("Automatic backups"), backups))
        self.set_sections(*sections)

    def _on_show_folder_button_clicked(self) -> None:
        if self._data_dir is None:
            return
        opened = self._open_url(QUrl.fromLocalFile(str(self._data_dir)))
        self.folder_error.setText(
            ""
            if opened
            else self.tr("No file manager could open the folder; it is {folder}.").format(
                folder=self._data_dir
            )
        )
        self.folder_error.setVisible(not opened)
