"""The main window: pages on the left, 'Get help now' always in reach, a banner for notices.

Closing the window keeps Wellbeing running in the tray. The window opens where it was last
(kept in ``AppState`` as ``main_window``), or at a size fitted to its screen, centred, when
nothing was kept or the screen no longer holds that place (``ui.screen_fit``). Its smallest
width fits a 1366×768 screen at 200 % (683 logical px); pages scroll rather than clip.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QHideEvent, QIcon, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from wellbeing_app.core.clock import Clock
from wellbeing_app.core.days import day_of_datetime
from wellbeing_app.core.errors import WellbeingError
from wellbeing_app.core.models import MoodEntry
from wellbeing_app.core.questionnaires import QUESTIONNAIRES
from wellbeing_app.core.today import TodaySnapshot
from wellbeing_app.services.notifier import Notice
from wellbeing_app.storage.app_state import AppState
from wellbeing_app.storage.repositories import Repositories
from wellbeing_app.ui import design
from wellbeing_app.ui.banner import Banner
from wellbeing_app.ui.gratitude_dialog import GratitudeDialog
from wellbeing_app.ui.icons import icon as line_icon
from wellbeing_app.ui.journal_page import JournalPage
from wellbeing_app.ui.mood_dialog import MoodDialog
from wellbeing_app.ui.nav import PageNav
from wellbeing_app.ui.screen_fit import restore_geometry, saved_geometry
from wellbeing_app.ui.today_page import TodayPage

logger = logging.getLogger(__name__)

GratitudeTexts = Callable[[date], tuple[str, str]]  # day -> (prompt, streak text)

# The size the window asks for when it has no place of its own yet (less on a smaller screen).
PREFERRED_SIZE = (1000, 660)
GEOMETRY_KEY = "main_window"  # where the window was, in AppState
_PALETTE_CHANGES = (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange)


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
        *,
        state: AppState | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Wellbeing"))
        self.setWindowIcon(icon)
        self.setObjectName("mainWindow")
        self._repos = repos
        self._clock = clock
        self._gratitude_texts = gratitude_texts
        self._state = state if state is not None else AppState(repos.db)
        self.keep_in_tray = False
        self.told_about_tray = False
        self._on_screen = False
        self._button_icons: list[tuple[QAbstractButton, str]] = []

        self.today = TodayPage()
        self.journal = JournalPage(repos, clock)
        self.pages = QStackedWidget()
        self.pages.currentChanged.connect(self._on_pages_current_changed)
        self._page_policies: list[tuple[QWidget, QSizePolicy]] = []  # each page's own
        self.page_scroll = QScrollArea()
        self.page_scroll.setObjectName("pageScroll")
        self.page_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.page_scroll.setWidgetResizable(True)
        self.page_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes into the page
        self.page_scroll.setWidget(self.pages)
        self.nav = PageNav()
        self.nav.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.add_page("Today", self.today)
        self.add_page("Journal", self.journal)
        self.nav.setCurrentRow(0)

        self._setup_header(repos)
        self.banner = Banner()
        content = QVBoxLayout()
        content.setContentsMargins(design.SPACE_M, design.SPACE_M, design.SPACE_M, 0)
        content.setSpacing(design.SPACE_S)
        content.addLayout(self._header)
        content.addWidget(self.banner)
        content.addWidget(self.page_scroll, 1)
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        body.addWidget(self.nav)
        body.addLayout(content, 1)
        central = QWidget()
        central.setLayout(body)
        self.setCentralWidget(central)

        self._tracking = QLabel()
        self._tracking.setObjectName("trackingStatus")
        self.statusBar().addPermanentWidget(self._tracking)
        self.data_place = QLabel(
            self.tr("Your data stays on this computer: {place}").format(place=data_label)
        )
        self.data_place.setObjectName("dataPlace")
        self.data_place.setToolTip(self.data_place.text())
        # A long folder name is cut short (whole in the tooltip) rather than widening the window.
        self.data_place.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.statusBar().addWidget(self.data_place, 1)
        self.restore_place()

        self.journal.log_mood_requested.connect(self.open_mood_dialog)
        self.journal.gratitude_requested.connect(self.open_gratitude_dialog)

    def _setup_header(self, repos: Repositories) -> None:
        self.help_button = QPushButton(self.tr("Get help now"))
        self.help_button.setObjectName("helpButton")
        self.help_button.setAccessibleName(self.tr("Get help now: crisis lines and support"))
        self.help_button.setToolTip(self.tr("Crisis lines and where to find support (F1)"))
        self.help_button.clicked.connect(self.help_requested)
        help_key = QShortcut(QKeySequence("F1"), self)
        help_key.setContext(Qt.ShortcutContext.WindowShortcut)
        help_key.activated.connect(self.help_requested)
        self.mood_button = QPushButton(self.tr("Log mood…"))
        self.mood_button.clicked.connect(lambda: self.open_mood_dialog(None))
        self.gratitude_button = QPushButton(self.tr("Good things…"))
        self.gratitude_button.clicked.connect(lambda: self.open_gratitude_dialog(None))
        self.checkin_button = QPushButton(self.tr("Check-in"))
        self.checkin_menu = QMenu(self.checkin_button)
        names = ["WHO-5"]
        if repos.settings.clinical_questionnaires:
            names += ["PHQ-9", "GAD-7"]
        for name in names:
            # A questionnaire's title is its published name, never translated freely.
            action = self.checkin_menu.addAction(f"{QUESTIONNAIRES[name].title}…")
            action.triggered.connect(lambda _=False, n=name: self.checkin_requested.emit(n))
        self.checkin_button.setMenu(self.checkin_menu)
        for button, name in (
            (self.mood_button, "mood"),
            (self.gratitude_button, "gratitude"),
            (self.checkin_button, "check"),
            (self.help_button, "help"),
        ):
            button.setIconSize(QSize(design.ICON_S, design.ICON_S))
            self._button_icons.append((button, name))
        self._draw_icons()
        self._header = QHBoxLayout()
        self._header.setSpacing(design.SPACE_S)
        self._header.addWidget(self.mood_button)
        self._header.addWidget(self.gratitude_button)
        self._header.addWidget(self.checkin_button)
        self._header.addStretch(1)
        self._header.addWidget(self.help_button)

    def _draw_icons(self) -> None:
        for button, name in self._button_icons:
            button.setIcon(line_icon(name, self.palette()))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in _PALETTE_CHANGES:
            self._draw_icons()

    def add_page(self, title: str, page: QWidget, icon_name: str | None = None) -> None:
        """Adds a page to the navigation, titled ``title`` (English; shown translated) with its
        icon (``nav.PAGE_ICONS`` unless ``icon_name`` is given), reachable with Ctrl+1…9 in
        the order added. Its ``changed`` and ``undo_offered`` signals, if it has them, reach
        the other pages and the banner."""
        self._page_policies.append((page, page.sizePolicy()))
        self.pages.addWidget(page)
        self._on_pages_current_changed()
        item = self.nav.add_page(title, icon_name)
        row = self.nav.row(item)
        if row < 9:
            key = QKeySequence(Qt.Modifier.CTRL | Qt.Key(Qt.Key.Key_1.value + row))
            shortcut = QShortcut(key, self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(lambda r=row: self._go_to_row(r))
            shown_key = key.toString(QKeySequence.SequenceFormat.NativeText)
            item.setToolTip(f"{item.text()} ({shown_key})")
        changed = getattr(page, "changed", None)
        if changed is not None:
            changed.connect(self.data_changed)
        undo_offered = getattr(page, "undo_offered", None)
        if undo_offered is not None:
            undo_offered.connect(self._offer_undo)

    def _on_pages_current_changed(self, _index: int = 0) -> None:
        """Only the page shown asks for room: a page wider than the window scrolls (most
        scroll themselves), and a hidden page never makes the window larger."""
        current = self.pages.currentWidget()
        for page, policy in self._page_policies:
            if page is current:
                page.setSizePolicy(policy)
            else:
                page.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)

    def _go_to_row(self, row: int) -> None:
        self.nav.setCurrentRow(row)
        self.nav.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _offer_undo(self, text: str, undo: Callable[[], None]) -> None:
        self.banner.show_message(text, self.tr("Undo"), undo)

    def show_page(self, title: str) -> None:
        """Shows the page titled ``title`` (its English title, whatever the language)."""
        row = self.nav.row_of(title)
        if row >= 0:
            self.nav.setCurrentRow(row)

    # ----- where the window is

    def restore_place(self) -> bool:
        """Puts the window where it was when last hidden, if that still fits a screen; else
        sizes it to fit its screen and centres it there. Returns whether the kept place was
        used."""
        if restore_geometry(self, self._state.value(GEOMETRY_KEY), *PREFERRED_SIZE):
            return True
        available = self.screen().availableGeometry()
        frame = self.frameGeometry().size() - self.geometry().size()
        self.move(
            available.x() + max(0, (available.width() - self.width() - frame.width()) // 2),
            available.y() + max(0, (available.height() - self.height() - frame.height()) // 2),
        )
        return False

    def remember_place(self) -> None:
        """Keeps where the window is and how big, for the next start. A database that cannot
        be written now (busy, full disk) only loses this: the window still hides or closes."""
        try:
            self._state.set_value(GEOMETRY_KEY, saved_geometry(self))
        except (WellbeingError, sqlite3.Error) as error:
            logger.warning("Could not remember the window's place: %s", error)

    def set_tracking_status(self, text: str) -> None:
        self._tracking.setText(text)

    def show_snapshot(self, snapshot: TodaySnapshot) -> None:
        self.today.show_snapshot(snapshot)

    def show_notice(self, notice: Notice) -> None:
        actions = {
            "mood": (self.tr("Log mood…"), lambda: self.open_mood_dialog(None)),
            "gratitude": (self.tr("Write good things…"), lambda: self.open_gratitude_dialog(None)),
            "who5": (self.tr("Start the check-in…"), lambda: self.checkin_requested.emit("WHO-5")),
            "insights": (self.tr("Open Insights"), lambda: self.show_page("Insights")),
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
        self._set_on_screen(False)  # first: what the window's absence releases must not wait
        if not event.spontaneous():  # hidden or closed, not minimised by the window manager
            self.remember_place()

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
