"""The tray icon: today's community time in the tooltip, pause tracking, open and quit.

The tray shows the app's full-colour icon, except on GNOME, whose top bar draws every
indicator in one colour: there the one-colour ``<app id>-symbolic`` icon is used when it is
installed, named so that the shell recolours it to the bar's text (``tray_icon``). Elsewhere a
one-colour icon would keep its fixed dark grey on a dark panel, so the full colour stays.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from wellbeing_app.core.models import MOOD_LABELS
from wellbeing_app.core.today import TodaySnapshot
from wellbeing_app.ui.break_parts import duration_words
from wellbeing_app.ui.faces import face_icon
from wellbeing_app.ui.i18n import QT_TRANSLATE_NOOP, shown_datetime, shown_number, translate_core
from wellbeing_app.ui.icons import icon as line_icon


def tray_icon(app_icon: QIcon, app_id: str, environ: Mapping[str, str]) -> QIcon:
    """The icon for the tray: the symbolic one from the icon theme on GNOME when installed,
    else ``app_icon``."""
    desktops = environ.get("XDG_CURRENT_DESKTOP", "").lower().split(":")
    symbolic = f"{app_id}-symbolic"
    if "gnome" in desktops and QIcon.hasThemeIcon(symbolic):
        return QIcon.fromTheme(symbolic)
    return app_icon


# What the pause menu offers, in minutes; None means "until the next day starts".
PAUSE_CHOICES: tuple[tuple[str, float | None], ...] = (
    (QT_TRANSLATE_NOOP("TrayIcon", "For 15 minutes"), 15),
    (QT_TRANSLATE_NOOP("TrayIcon", "For 1 hour"), 60),
    (QT_TRANSLATE_NOOP("TrayIcon", "Until tomorrow"), None),
)


class TrayIcon(QObject):
    open_requested = Signal()
    quit_requested = Signal()
    pause_requested = Signal(object)  # minutes (float) or None for "until tomorrow"
    mood_logged = Signal(int)  # a score picked straight from the tray menu
    help_requested = Signal()
    resume_requested = Signal()

    def __init__(self, icon: QIcon, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.icon = QSystemTrayIcon(icon, self)
        self.menu = QMenu()
        self._open = QAction(self.tr("Open Wellbeing"), self.menu)
        self._open.triggered.connect(self.open_requested)
        # Two clicks to log a mood: open the menu, pick a face.
        self.mood_menu = QMenu(self.tr("Log mood"), self.menu)
        for score, label in MOOD_LABELS.items():
            face = QAction(
                face_icon(score),
                self.tr("{score} {label}").format(
                    score=shown_number(score), label=translate_core(label)
                ),
                self.mood_menu,
            )
            face.triggered.connect(lambda _=False, s=score: self.mood_logged.emit(s))
            self.mood_menu.addAction(face)
        self.pause_menu = QMenu(self.tr("Pause tracking"), self.menu)
        for label, minutes in PAUSE_CHOICES:
            action = QAction(self.tr(label), self.pause_menu)
            action.triggered.connect(lambda _=False, m=minutes: self.pause_requested.emit(m))
            self.pause_menu.addAction(action)
        self.resume_action = QAction(self.tr("Resume tracking"), self.menu)
        self.resume_action.triggered.connect(self.resume_requested)
        self.resume_action.setVisible(False)
        self._quit = QAction(self.tr("Quit"), self.menu)
        self._quit.triggered.connect(self.quit_requested)
        self._help = QAction(self.tr("Get help now"), self.menu)
        self._help.triggered.connect(self.help_requested)
        self.menu.addAction(self._open)
        self.menu.addMenu(self.mood_menu)
        self.menu.addAction(self._help)
        self.menu.addSeparator()
        self.menu.addMenu(self.pause_menu)
        self.menu.addAction(self.resume_action)
        self.menu.addSeparator()
        self.menu.addAction(self._quit)
        self.icon.setContextMenu(self.menu)
        self._summary = "Wellbeing"  # the app's name, the same in every language
        self._paused_until: datetime | None = None
        self.icon.setToolTip(self._summary)
        self.icon.activated.connect(self._on_icon_activated)
        # The app's line icons beside what the menu does, redrawn when the palette changes.
        self._line_icons = (
            (self.mood_menu.menuAction(), "mood"),
            (self._help, "help"),
            (self.pause_menu.menuAction(), "pause"),
            (self.resume_action, "resume"),
        )
        self._draw_icons()
        self.menu.installEventFilter(self)

    def _draw_icons(self) -> None:
        for action, name in self._line_icons:
            action.setIcon(line_icon(name, self.menu.palette()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.menu and event.type() in (
            QEvent.Type.PaletteChange,
            QEvent.Type.ApplicationPaletteChange,
        ):
            self._draw_icons()
        return super().eventFilter(watched, event)

    @property
    def available(self) -> bool:
        return QSystemTrayIcon.isSystemTrayAvailable()

    def show(self) -> None:
        self.icon.show()

    def show_message(self, title: str, message: str) -> None:
        """Delivers a notice as a tray balloon; raises when there is no tray to show it."""
        if not self.available or not self.icon.isVisible():
            raise RuntimeError("no system tray to show the message in")
        self.icon.showMessage(title, message, self.icon.icon(), 10_000)

    def set_tracking_available(self, available: bool) -> None:
        self.pause_menu.menuAction().setVisible(available and self._paused_until is None)

    def show_snapshot(self, snapshot: TodaySnapshot) -> None:
        minutes = round(snapshot.community_seconds / 60)
        self._summary = self.tr("Wellbeing — {time} in online communities today").format(
            time=duration_words(minutes)
        )
        self._update_tooltip()

    def show_paused_until(self, until: datetime | None) -> None:
        self._paused_until = until
        self.pause_menu.menuAction().setVisible(until is None)
        self.resume_action.setVisible(until is not None)
        self._update_tooltip()

    def tooltip(self) -> str:
        return self.icon.toolTip()

    def _update_tooltip(self) -> None:
        text = self._summary
        if self._paused_until is not None:
            until = shown_datetime(self._paused_until, "HH:mm")
            text += "\n" + self.tr("Tracking paused until {time}").format(time=until)
        self.icon.setToolTip(text)

    def _on_icon_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            self.open_requested.emit()
