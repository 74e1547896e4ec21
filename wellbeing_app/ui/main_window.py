"""The main window: pages on the left, 'Get help now' always in reach, a banner for notices.

Closing the window keeps Wellbeing running in the tray.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QHideEvent, QIcon, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from wellbeing_app.core.clock import Clock
from wellbeing_app.core.days import day_of_datetime
from wellbeing_app.core.models import MoodEntry
from wellbeing_app.core.questionnaires import QUESTIONNAIRES
from wellbeing_app.core.today import TodaySnapshot
from wellbeing_app.services.notifier import Notice
from wellbeing_app.storage.repositories import Repositories
from wellbeing_app.ui.banner import Banner
from wellbeing_app.ui.gratitude_dialog import GratitudeDialog
from wellbeing_app.ui.journal_page import JournalPage
from wellbeing_app.ui.mood_dialog import MoodDialog
from wellbeing_app.ui.today_page import TodayPage

GratitudeTexts = Callable[[date], tuple[str, str]]  # day -> (prompt, streak text)


class MainWindow(QMainWindow):
    data_changed = Signal()
    help_requested = Signal()
    hidden_to_tray = Signal()  # the first time closing only hid the window
    closed = Signal()  # really closed (no tray to keep running in): the app ends
    checkin_requested = Signal(str)  # questionnaire name
    # On screen or not (hidden to the tray, minimised): what only the window needs stops
    # while it is away, and heavy things it shows are let go.
    visibility_changed = Signal(bool)

    def __init__(
        self,
        icon: QIcon,
        data_label: str,
        repos: Repositories,
        clock: Clock,
        gratitude_texts: GratitudeTexts,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Wellbeing")
        self.setWindowIcon(icon)
        self.setObjectName("mainWindow")
        self._repos = repos
        self._clock = clock
        self._gratitude_texts = gratitude_texts
        self.keep_in_tray = False
        self.told_about_tray = False
        self._on_screen = False

        self.today = TodayPage()
        self.journal = JournalPage(repos, clock)
        self.pages = QStackedWidget()
        self.nav = QListWidget()
        self.nav.setAccessibleName("Pages")
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setFixedWidth(170)
        for title, page in (("Today", self.today), ("Journal", self.journal)):
            self.pages.addWidget(page)
            QListWidgetItem(title, self.nav)
        self.nav.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.nav.setCurrentRow(0)

        self.help_button = QPushButton("Get help now")
        self.help_button.setObjectName("helpButton")
        self.help_button.setAccessibleName("Get help now: crisis lines and support")
        self.help_button.setToolTip("Crisis lines and where to find support (F1)")
        self.help_button.clicked.connect(self.help_requested)
        help_key = QShortcut(QKeySequence("F1"), self)
        help_key.setContext(Qt.ShortcutContext.WindowShortcut)
        help_key.activated.connect(self.help_requested)
        self.mood_button = QPushButton("Log mood…")
        self.mood_button.clicked.connect(lambda: self.open_mood_dialog(None))
        self.gratitude_button = QPushButton("Good things…")
        self.gratitude_button.clicked.connect(lambda: self.open_gratitude_dialog(None))
        self.checkin_button = QPushButton("Check-in")
        self.checkin_menu = QMenu(self.checkin_button)
        names = ["WHO-5"]
        if repos.settings.clinical_questionnaires:
            names += ["PHQ-9", "GAD-7"]
        for name in names:
            action = self.checkin_menu.addAction(f"{QUESTIONNAIRES[name].title}…")
            action.triggered.connect(lambda _=False, n=name: self.checkin_requested.emit(n))
        self.checkin_button.setMenu(self.checkin_menu)
        header = QHBoxLayout()
        header.addWidget(self.mood_button)
        header.addWidget(self.gratitude_button)
        header.addWidget(self.checkin_button)
        header.addStretch(1)
        header.addWidget(self.help_button)
        self.banner = Banner()

        content = QVBoxLayout()
        content.setContentsMargins(12, 10, 12, 0)
        content.addLayout(header)
        content.addWidget(self.banner)
        content.addWidget(self.pages, 1)
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.nav)
        body.addLayout(content, 1)
        central = QWidget()
        central.setLayout(body)
        self.setCentralWidget(central)

        self._tracking = QLabel()
        self._tracking.setObjectName("trackingStatus")
        self.statusBar().addPermanentWidget(self._tracking)
        self.statusBar().showMessage(f"Your data stays on this computer: {data_label}")
        self.resize(1000, 660)

        self.journal.log_mood_requested.connect(self.open_mood_dialog)
        self.journal.gratitude_requested.connect(self.open_gratitude_dialog)
        self.journal.undo_offered.connect(
            lambda text, undo: self.banner.show_message(text, "Undo", undo)
        )
        self.journal.changed.connect(self.data_changed)

    def add_page(self, title: str, page: QWidget) -> None:
        """Adds a page to the navigation; its ``changed`` and ``undo_offered`` signals, if it
        has them, reach the other pages and the banner."""
        self.pages.addWidget(page)
        QListWidgetItem(title, self.nav)
        changed = getattr(page, "changed", None)
        if changed is not None:
            changed.connect(self.data_changed)
        undo_offered = getattr(page, "undo_offered", None)
        if undo_offered is not None:
            undo_offered.connect(lambda text, undo: self.banner.show_message(text, "Undo", undo))

    def show_page(self, title: str) -> None:
        for row in range(self.nav.count()):
            if self.nav.item(row).text() == title:
                self.nav.setCurrentRow(row)
                return

    def set_tracking_status(self, text: str) -> None:
        self._tracking.setText(text)

    def show_snapshot(self, snapshot: TodaySnapshot) -> None:
        self.today.show_snapshot(snapshot)

    def show_notice(self, notice: Notice) -> None:
        actions = {
            "mood": ("Log mood…", lambda: self.open_mood_dialog(None)),
            "gratitude": ("Write good things…", lambda: self.open_gratitude_dialog(None)),
            "who5": ("Start the check-in…", lambda: self.checkin_requested.emit("WHO-5")),
            "insights": ("Open Insights", lambda: self.show_page("Insights")),
        }
        label, callback = actions.get(notice.action, ("", None))
        self.banner.show_message(f"<b>{notice.title}</b> {notice.message}", label, callback)

    def open_mood_dialog(self, existing: MoodEntry | None) -> None:
        dialog = MoodDialog(self._clock.now(), existing, self)
        if dialog.exec() and (entry := dialog.entry()) is not None:
            if existing is None:
                self._repos.moods.add(entry)
            else:
                self._repos.moods.update(entry)
            self._after_journal_change()

    def open_gratitude_dialog(self, day: date | None) -> None:
        now = self._clock.now()
        day = day or day_of_datetime(now, self._repos.settings.day_start_hour)
        existing = self._repos.gratitude.between(day, day)
        prompt, streak = self._gratitude_texts(day)
        dialog = GratitudeDialog(day, now, prompt, streak, existing[0] if existing else None, self)
        if dialog.exec() and (entry := dialog.entry()) is not None:
            self._repos.gratitude.save(entry)
            self._after_journal_change()

    def _after_journal_change(self) -> None:
        self.journal.show_selected_day()
        self.data_changed.emit()

    @property
    def on_screen(self) -> bool:
        return self._on_screen

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._set_on_screen(True)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._set_on_screen(False)

    def _set_on_screen(self, on_screen: bool) -> None:
        if on_screen != self._on_screen:
            self._on_screen = on_screen
            self.visibility_changed.emit(on_screen)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.keep_in_tray:
            # The tray keeps tracking going; the window is only hidden. Said once.
            event.ignore()
            self.hide()
            if not self.told_about_tray:
                self.told_about_tray = True
                self.hidden_to_tray.emit()
            return
        super().closeEvent(event)
        self.closed.emit()
