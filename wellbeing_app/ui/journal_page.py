"""The Journal: moods, good things and check-ins by day; edit, delete with undo, and search.

Two views of the days: a month calendar coloured by each day's mood (``mood_calendar``) beside
the chosen day's entries, and the whole year as a square per day (``year_view``), where a click
opens that day in the month view.

Both views scroll rather than clip; on a narrow window (a small screen at 150 %) the month view's
calendar stacks above the day's entries. The good things a search finds are written by
``journal_search``."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from wellbeing_app.core.clock import Clock
from wellbeing_app.core.days import FIRST_SUPPORTED_DAY, LAST_SUPPORTED_DAY, day_of_datetime
from wellbeing_app.core.errors import InvalidInput
from wellbeing_app.core.models import GratitudeEntry, MoodEntry
from wellbeing_app.storage.repositories import Repositories
from wellbeing_app.ui import design
from wellbeing_app.ui.faces import style_chip
from wellbeing_app.ui.i18n import shown_datetime
from wellbeing_app.ui.journal_models import MoodTableModel
from wellbeing_app.ui.journal_search import scrolling, search_good_things
from wellbeing_app.ui.mood_calendar import MoodCalendar, MoodLegend
from wellbeing_app.ui.year_view import YearView

# The widest a feelings-and-tags column grows before its text wraps.
_TAGS_COLUMN_MAX = 260
# The day's entries keep room for a few rows when they stack under the calendar.
_STACKED_TABLE_HEIGHT = 180


class JournalPage(QWidget):
    """Emits ``changed`` after any edit so other pages refresh."""

    changed = Signal()
    log_mood_requested = Signal(object)  # MoodEntry to edit, or None for a new one
    gratitude_requested = Signal(object)  # date
    undo_offered = Signal(str, object)  # message, callback

    def __init__(self, repos: Repositories, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("journalPage")
        self._repos = repos
        self._clock = clock
        self._day_start = repos.settings.day_start_hour

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search your notes and good things…"))
        self.search.setAccessibleName(self.tr("Search the journal"))
        self.search.setClearButtonEnabled(True)
        self.search.returnPressed.connect(self.run_search)
        self.search.textChanged.connect(self._on_search_text_changed)

        self.calendar = MoodCalendar(self._today())
        self.calendar.setAccessibleName(self.tr("Choose a day"))
        self.calendar.selectionChanged.connect(self.show_selected_day)
        self.calendar.currentPageChanged.connect(self._on_calendar_page_changed)

        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.moods = MoodTableModel()
        self.table = QTableView()
        self.table.setAccessibleName(self.tr("Mood check-ins"))
        self.table.setModel(self.moods)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        for column in (0, 1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(self.edit_selected)

        self.log_button = QPushButton(self.tr("Log mood…"))
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.delete_button = QPushButton(self.tr("Delete"))
        self.log_button.clicked.connect(lambda: self.log_mood_requested.emit(None))
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.gratitude = QLabel()
        self.gratitude.setWordWrap(True)
        self.gratitude_button = QPushButton(self.tr("Write good things…"))
        self.gratitude_button.clicked.connect(
            lambda: self.gratitude_requested.emit(self.selected_day())
        )
        self.checkins = QLabel()
        self.checkins.setWordWrap(True)

        self._build_switch()
        self._build_year_page()
        self.views = QStackedWidget()
        self.month_page = self._build_month_page()
        self.views.addWidget(self.month_page)
        self.views.addWidget(self.year_page)
        self.views.currentChanged.connect(self._on_views_current_changed)
        self._on_views_current_changed()
        self.views_scroll = scrolling(self.views)
        top = QHBoxLayout()
        top.setSpacing(design.SPACE_S)
        top.addWidget(self.search, 1)
        top.addSpacing(design.SPACE_S)
        top.addWidget(self.month_button)
        top.addWidget(self.year_button)
        layout = self._layout = QVBoxLayout(self)
        layout.setContentsMargins(design.SPACE_XL, design.SPACE_L, design.SPACE_XL, design.SPACE_L)
        layout.setSpacing(design.SPACE_S)
        layout.addLayout(top)
        layout.addWidget(self.views_scroll, 1)
        self.go_to(self._today())

    def _build_switch(self) -> None:
        self.month_button = QPushButton(self.tr("&Month"))
        self.year_button = QPushButton(self.tr("&Year"))
        self.switch = QButtonGroup(self)
        for button, name in (
            (self.month_button, self.tr("Month view")),
            (self.year_button, self.tr("Year view")),
        ):
            button.setCheckable(True)
            button.setAccessibleName(name)
            style_chip(button)
            self.switch.addButton(button)
        self.month_button.setChecked(True)
        self.month_button.clicked.connect(self.show_month)
        self.year_button.clicked.connect(self._on_year_button_clicked)

    def _build_month_page(self) -> QWidget:
        buttons = QHBoxLayout()
        buttons.setSpacing(design.SPACE_S)
        for button in (self.log_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.gratitude_button)
        self._entries = QVBoxLayout()
        self._entries.setSpacing(design.SPACE_S)
        self._entries.addWidget(self.heading)
        self._entries.addWidget(self.table, 1)
        self._entries.addLayout(buttons)
        self._entries.addWidget(self.gratitude)
        self._entries.addWidget(self.checkins)
        self._month_side = QVBoxLayout()
        self._month_side.setSpacing(design.SPACE_S)
        self._month_side.addWidget(self.calendar)
        self._month_side.addWidget(MoodLegend())
        self._month_side.addStretch(1)
        page = QWidget()
        self.month_body = QBoxLayout(QBoxLayout.Direction.LeftToRight, page)
        self.month_body.setContentsMargins(0, design.SPACE_S, 0, 0)
        self.month_body.setSpacing(design.SPACE_L)
        self.month_body.addLayout(self._month_side)
        self.month_body.addLayout(self._entries, 1)
        return page

    def _on_views_current_changed(self, _index: int = 0) -> None:
        # Only the view shown asks for room, so the year does not scroll as far as a stacked
        # month would.
        for view in (self.month_page, self.year_page):
            shown = view is self.views.currentWidget()
            policy = QSizePolicy.Policy.Preferred if shown else QSizePolicy.Policy.Ignored
            view.setSizePolicy(policy, policy)

    def side_by_side_width(self) -> int:
        """The narrowest the month view's calendar and the day's entries fit side by side."""
        return (
            self._month_side.minimumSize().width()
            + self.month_body.spacing()
            + self._entries.minimumSize().width()
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        margins = self._layout.contentsMargins()
        scroll_bar = self.views_scroll.verticalScrollBar().sizeHint().width()
        room = event.size().width() - margins.left() - margins.right() - scroll_bar
        self._stack_month_view(room < self.side_by_side_width())

    def _stack_month_view(self, stacked: bool) -> None:
        direction = (
            QBoxLayout.Direction.TopToBottom if stacked else QBoxLayout.Direction.LeftToRight
        )
        if self.month_body.direction() != direction:
            self.month_body.setDirection(direction)
            self.table.setMinimumHeight(_STACKED_TABLE_HEIGHT if stacked else 0)

    def _build_year_page(self) -> None:
        self.year_view = YearView(self._today())
        self.year_view.day_activated.connect(self._on_year_view_day_activated)
        self.previous_year_button = QToolButton()
        self.previous_year_button.setArrowType(Qt.ArrowType.LeftArrow)
        self.previous_year_button.setAccessibleName(self.tr("Previous year"))
        self.previous_year_button.setToolTip(self.tr("Previous year"))
        self.previous_year_button.clicked.connect(lambda: self.show_year(self.year_view.year() - 1))
        self.next_year_button = QToolButton()
        self.next_year_button.setArrowType(Qt.ArrowType.RightArrow)
        self.next_year_button.setAccessibleName(self.tr("Next year"))
        self.next_year_button.setToolTip(self.tr("Next year"))
        self.next_year_button.clicked.connect(lambda: self.show_year(self.year_view.year() + 1))
        self.year_label = QLabel()
        self.year_label.setFont(design.font(design.TITLE, self.year_label.font()))
        hint = QLabel(
            self.tr("Each square is a day in the colour of its mood. Click a day to open it.")
        )
        hint.setWordWrap(True)
        header = QHBoxLayout()
        header.setSpacing(design.SPACE_S)
        header.addWidget(self.previous_year_button)
        header.addWidget(self.year_label)
        header.addWidget(self.next_year_button)
        header.addSpacing(design.SPACE_S)
        header.addWidget(hint, 1)
        self.year_page = QWidget()
        layout = QVBoxLayout(self.year_page)
        layout.setContentsMargins(0, design.SPACE_S, 0, 0)
        layout.setSpacing(design.SPACE_S)
        layout.addLayout(header)
        layout.addWidget(self.year_view)
        layout.addWidget(MoodLegend())
        layout.addStretch(1)

    def _today(self) -> date:
        return day_of_datetime(self._clock.now(), self._day_start)

    def selected_day(self) -> date:
        picked = self.calendar.selectedDate()
        return date(picked.year(), picked.month(), picked.day())

    def go_to(self, day: date) -> None:
        self.calendar.setSelectedDate(QDate(day.year, day.month, day.day))
        self.show_selected_day()

    def _bounds(self, day: date) -> tuple[datetime, datetime]:
        tz = self._clock.now().tzinfo
        start = datetime.combine(day, time(self._day_start), tz)
        return start, start + timedelta(days=1)

    def show_selected_day(self) -> None:
        day = self.selected_day()
        # A QLocale date format, translatable so a language can order it its own way.
        shown = QLocale().toString(QDate(day.year, day.month, day.day), self.tr("dddd d MMMM yyyy"))
        self.heading.setText(f"<h3>{shown}</h3>")
        self.moods.set_entries(self._repos.moods.between(*self._bounds(day)), show_date=False)
        self._fit_columns()
        entries = self._repos.gratitude.between(day, day)
        self._show_gratitude(entries[0] if entries else None)
        checkins = self._repos.checkins.between(*self._bounds(day))
        self.checkins.setText(
            "<br>".join(
                self.tr("<b>{questionnaire}</b> at {time}: {score}").format(
                    questionnaire=c.questionnaire,
                    time=shown_datetime(c.at, "HH:mm"),
                    score=QLocale().toString(c.score, "g", 6),
                )
                for c in checkins
            )
        )
        self._show_month_moods(self.calendar.yearShown(), self.calendar.monthShown())

    def _show_gratitude(self, entry: GratitudeEntry | None) -> None:
        if entry is None:
            self.gratitude.setText(self.tr("<b>Good things:</b> none written for this day."))
            self.gratitude_button.setText(self.tr("Write good things…"))
            return
        items = "".join(
            f"<li>{item.text}{' — <i>' + item.why + '</i>' if item.why else ''}</li>"
            for item in entry.items
        )
        self.gratitude.setText(self.tr("<b>Good things:</b><ul>{items}</ul>").format(items=items))
        self.gratitude_button.setText(self.tr("Edit good things…"))

    def _on_calendar_page_changed(self, year: int, month: int) -> None:
        self._show_month_moods(year, month)

    def _show_month_moods(self, year: int, month: int) -> None:
        """Colours the days of the shown page (a month and the days around it) by mood."""
        first = date(year, month, 1) - timedelta(days=7)
        last = date(year, month, 28) + timedelta(days=17)
        self.calendar.set_today(self._today())
        self.calendar.set_moods(self._repos.moods.day_averages(first, last, self._day_start))

    def _fit_columns(self) -> None:
        """Keeps every header readable; long tag lists wrap rather than crowd the note."""
        header = self.table.horizontalHeader()
        wanted = min(self.table.sizeHintForColumn(3), _TAGS_COLUMN_MAX)
        header.resizeSection(3, max(header.sectionSizeHint(3), wanted))

    def show_month(self) -> None:
        self.views.setCurrentWidget(self.month_page)
        self.month_button.setChecked(True)

    def show_year(self, year: int | None = None) -> None:
        """Shows the year view of ``year`` (the chosen day's year by default)."""
        shown = self.selected_day().year if year is None else year
        shown = max(FIRST_SUPPORTED_DAY.year, min(LAST_SUPPORTED_DAY.year, shown))
        averages = self._repos.moods.day_averages(
            date(shown, 1, 1), date(shown, 12, 31), self._day_start
        )
        self.year_view.set_today(self._today())
        self.year_view.set_year(shown, averages)
        if self.selected_day().year == shown:
            self.year_view.set_selected_day(self.selected_day())
        self.year_label.setText(str(shown))
        self.previous_year_button.setEnabled(shown > FIRST_SUPPORTED_DAY.year)
        self.next_year_button.setEnabled(shown < LAST_SUPPORTED_DAY.year)
        self.views.setCurrentWidget(self.year_page)
        self.year_button.setChecked(True)
        self.year_view.setFocus()

    def _on_year_button_clicked(self) -> None:
        self.show_year()

    def _on_year_view_day_activated(self, day: date) -> None:
        self.go_to(day)
        self.show_month()
        self.table.setFocus()

    def _selected_entry(self) -> MoodEntry | None:
        rows = self.table.selectionModel().selectedRows()
        return self.moods.entry(rows[0].row()) if rows else None

    def edit_selected(self) -> None:
        entry = self._selected_entry()
        if entry is not None:
            self.log_mood_requested.emit(entry)

    def delete_selected(self) -> None:
        entry = self._selected_entry()
        if entry is None or entry.id is None:
            return
        deleted = self._repos.moods.delete(entry.id)
        self.refresh()

        def undo() -> None:
            self._repos.moods.restore(deleted)
            self.refresh()

        self.undo_offered.emit(
            self.tr("Deleted the mood entry from {time}.").format(
                time=shown_datetime(deleted.at, "HH:mm")
            ),
            undo,
        )

    def refresh(self) -> None:
        self.reload()
        self.changed.emit()

    def reload(self) -> None:
        """Shows the stored entries again (after an import, say), keeping the day or search."""
        if self.search.text().strip():
            self.run_search()
        else:
            self.show_selected_day()
        if self.views.currentWidget() is self.year_page:
            self.show_year(self.year_view.year())

    def run_search(self) -> None:
        text = self.search.text().strip()
        if not text:
            self.show_selected_day()
            return
        try:
            moods = self._repos.moods.search(text)
            days = self._repos.gratitude.search(text)
        except InvalidInput:
            return
        notes = (
            self.tr("Search: %n mood note", "", len(moods))
            if len(moods) == 1
            else self.tr("Search: %n mood notes", "", len(moods))
        )
        good_days = (
            self.tr("%n day of good things", "", len(days))
            if len(days) == 1
            else self.tr("%n days of good things", "", len(days))
        )
        heading = self.tr("{notes}, {days}").format(notes=notes, days=good_days)
        self.heading.setText(f"<h3>{heading}</h3>")
        self.moods.set_entries(moods, show_date=True)
        self._fit_columns()
        self.show_month()
        self.gratitude.setText(search_good_things(days))
        self.checkins.setText("")

    def _on_search_text_changed(self, text: str) -> None:
        if not text.strip():
            self.show_selected_day()
