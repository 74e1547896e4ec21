"""The main window. Closing it keeps Wellbeing running in the tray."""

from __future__ import annotations

from PySide6.QtGui import QCloseEvent, QIcon
from PySide6.QtWidgets import QLabel, QMainWindow, QWidget

from wellbeing_app.core.today import TodaySnapshot
from wellbeing_app.ui.today_page import TodayPage


class MainWindow(QMainWindow):
    def __init__(self, icon: QIcon, data_label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Wellbeing")
        self.setWindowIcon(icon)
        self.setObjectName("mainWindow")
        self.today = TodayPage()
        self.setCentralWidget(self.today)
        self._data_label = data_label
        self._tracking = QLabel()
        self._tracking.setObjectName("trackingStatus")
        self.statusBar().addPermanentWidget(self._tracking)
        self.statusBar().showMessage(f"Your data stays on this computer: {data_label}")
        self.resize(860, 620)
        self.keep_in_tray = False

    def set_tracking_status(self, text: str) -> None:
        self._tracking.setText(text)

    def show_snapshot(self, snapshot: TodaySnapshot) -> None:
        self.today.show_snapshot(snapshot)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.keep_in_tray:
            # The tray keeps tracking going; the window is only hidden.
            event.ignore()
            self.hide()
            return
        super().closeEvent(event)
