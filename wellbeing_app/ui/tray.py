"""The tray icon: today's community time in the tooltip, open and quit."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from wellbeing_app.core.text import duration_text
from wellbeing_app.core.today import TodaySnapshot


class TrayIcon(QObject):
    open_requested = Signal()
    quit_requested = Signal()

    def __init__(self, icon: QIcon, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.icon = QSystemTrayIcon(icon, self)
        self.menu = QMenu()
        self._open = QAction("Open Wellbeing", self.menu)
        self._open.triggered.connect(self.open_requested)
        self._quit = QAction("Quit", self.menu)
        self._quit.triggered.connect(self.quit_requested)
        self.menu.addAction(self._open)
        self.menu.addSeparator()
        self.menu.addAction(self._quit)
        self.icon.setContextMenu(self.menu)
        self.icon.setToolTip("Wellbeing")
        self.icon.activated.connect(self._on_icon_activated)

    @property
    def available(self) -> bool:
        return QSystemTrayIcon.isSystemTrayAvailable()

    def show(self) -> None:
        self.icon.show()

    def show_snapshot(self, snapshot: TodaySnapshot) -> None:
        self.icon.setToolTip(
            f"Wellbeing — {duration_text(snapshot.community_seconds)} in online communities today"
        )

    def _on_icon_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            self.open_requested.emit()
