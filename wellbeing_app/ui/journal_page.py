"""The Journal: moods, good things and check-ins by day; edit, delete with undo, and search."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QTextCharFormat
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCalendarWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from wellbeing_app.core.clock import Clock
from wellbeing_app.core.days import day_of_datetime
from wellbeing_app.core.errors import InvalidInput
from wellbeing_app.core.models import GratitudeEntry, MoodEntry
from wellbeing_app.storage.repositories import Repositories
from wellbeing_app.ui.journal_models import MoodTableModel


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
        self.search.setPlaceholderText("Search your notes and good things…")
        self.search.setAccessibleName("Search the journal")
        self.search.setClearButtonEnabled(True)
        self.search.returnPressed.connect(self.run_search)
        self.search.textChanged.connect(self._on_search_text_changed)

        self.calendar = QCalendarWidget()
        self.calendar.setAccessibleName("Choose a day")
        self.calendar.setGridVisible(False)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.selectionChanged.connect(self.show_selected_day)

        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.moods = MoodTableModel()
        self.table = QTableView()
        self.table.setAccessibleName("Mood check-ins")
        self.table.setModel(self.moods)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(self.edit_selected)

        self.log_button = QPushButton("Log mood…")
        self.edit_button = QPushButton("Edit…")
        self.delete_button = QPushButton("Delete")
        self.log_button.clicked.connect(lambda: self.log_mood_requested.emit(None))
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.gratitude = QLabel()
        self.gratitude.setWordWrap(True)
        self.gratitude_button = QPushButton("Write good things…")
        self.gratitude_button.clicked.connect(
            lambda: self.gratitude_requested.emit(self.selected_day())
        )
        self.checkins = QLabel()
        self.checkins.setWordWrap(True)

        buttons = QHBoxLayout()
        for button in (self.log_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.gratitude_button)
        right = QVBoxLayout()
        right.addWidget(self.heading)
        right.addWidget(self.table, 1)
        right.addLayout(buttons)
        right.addWidget(self.gratitude)
        right.addWidget(self.checkins)
        left = QVBoxLayout()
        left.addWidget(self.calendar)
        left.addStretch(1)
        body = QHBoxLayout()
        body.addLayout(left)
        body.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(self.search)
        layout.addLayout(body, 1)
        self.go_to(self._today())

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
        self.heading.setText(f"<h3>{day:%A} {day.day} {day:%B %Y}</h3>")
        self.moods.set_entries(self._repos.moods.between(*self._bounds(day)), show_date=False)
        entries = self._repos.gratitude.between(day, day)
        self._show_gratitude(entries[0] if entries else None)
        checkins = self._repos.checkins.between(*self._bounds(day))
        self.checkins.setText(
            "<br>".join(f"<b>{c.questionnaire}</b> at {c.at:%H:%M}: {c.score:g}" for c in checkins)
        )
        self._mark_days(day)

    def _show_gratitude(self, entry: GratitudeEntry | None) -> None:
        if entry is None:
            self.gratitude.setText("<b>Good things:</b> none written for this day.")
            self.gratitude_button.setText("Write good things…")
            return
        items = "".join(
            f"<li>{item.text}{' — <i>' + item.why + '</i>' if item.why else ''}</li>"
            for item in entry.items
        )
        self.gratitude.setText(f"<b>Good things:</b><ul>{items}</ul>")
        self.gratitude_button.setText("Edit good things…")

    def _mark_days(self, around: date) -> None:
        """Bold the days of the shown months that have a mood entry."""
        first = around.replace(day=1) - timedelta(days=31)
        last = around.replace(day=28) + timedelta(days=40)
        bold = QTextCharFormat()
        font = bold.font()
        font.setBold(True)
        bold.setFont(font)
        start, _ = self._bounds(first)
        _, end = self._bounds(last)
        for entry in self._repos.moods.between(start, end):
            day = day_of_datetime(entry.at, self._day_start)
            self.calendar.setDateTextFormat(QDate(day.year, day.month, day.day), bold)

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

        self.undo_offered.emit(f"Deleted the mood entry from {deleted.at:%H:%M}.", undo)

    def refresh(self) -> None:
        self.reload()
        self.changed.emit()

    def reload(self) -> None:
        """Shows the stored entries again (after an import, say), keeping the day or search."""
        if self.search.text().strip():
            self.run_search()
        else:
            self.show_selected_day()

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
        self.heading.setText(
            f"<h3>Search: {len(moods)} mood notes, {len(days)} days of good things</h3>"
        )
        self.moods.set_entries(moods, show_date=True)
        if days:
            self.gratitude.setText(
                "<b>Good things:</b><ul>"
                + "".join(
                    f"<li>{e.day}: " + "; ".join(i.text for i in e.items) + "</li>" for e in days
                )
                + "</ul>"
            )
        else:
            self.gratitude.setText("<b>Good things:</b> no match.")
        self.checkins.setText("")

    def _on_search_text_changed(self, text: str) -> None:
        if not text.strip():
            self.show_selected_day()
