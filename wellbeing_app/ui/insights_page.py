"""Insights: charts of time online, mood and breaks, and what goes together — worded as
associations, never causes. Drawing takes longer than a page switch may, so it runs in a
worker thread and the page shows a progress bar meanwhile."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtGui import QGuiApplication, QImage, QPixmap, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from wellbeing_app.core.clock import Clock
from wellbeing_app.core.days import day_of_datetime
from wellbeing_app.core.limits import approximate_totals
from wellbeing_app.core.text import duration_text
from wellbeing_app.reporting.insights import (
    PERIODS,
    InsightsInput,
    Panel,
    build_panels,
    period_days,
)
from wellbeing_app.storage.repositories import Repositories


class _Finished(QObject):
    done = Signal(int, object)  # generation, list[Panel] or an Exception


class _Build(QRunnable):
    def __init__(self, generation: int, data: InsightsInput, finished: _Finished) -> None:
        super().__init__()
        self._generation, self._data, self._finished = generation, data, finished

    def run(self) -> None:
        try:
            panels = build_panels(self._data)
            # Decoding the PNGs here too keeps the GUI thread to a cheap QPixmap.fromImage.
            result: object = [(panel, QImage.fromData(panel.png)) for panel in panels]
        except Exception as error:  # shown on the page instead of lost in a thread
            result = error
        self._finished.done.emit(self._generation, result)


class InsightsPage(QWidget):
    panels_shown = Signal()

    def __init__(self, repos: Repositories, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("insightsPage")
        self._repos = repos
        self._clock = clock
        # One chart worker: matplotlib is safe across threads only one figure-maker at a time.
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._finished = _Finished(self)
        self._finished.done.connect(self._on_build_done)
        self._generation = 0
        self._stale = True

        self.period = QComboBox()
        self.period.addItems(list(PERIODS))
        self.period.setAccessibleName("Period")
        self.period.currentTextChanged.connect(lambda _: self.refresh())
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(160)
        self.progress.setAccessibleName("Drawing charts")
        self.progress.hide()
        self.note = QLabel(
            "These show what tends to go together in your own data — associations, not causes."
        )
        self.note.setWordWrap(True)
        self.approximate_note = QLabel()
        self.approximate_note.setObjectName("insightsApproximate")
        self.approximate_note.setWordWrap(True)
        self.approximate_note.hide()
        top = QHBoxLayout()
        top.addWidget(QLabel("<h2>Insights</h2>"))
        top.addStretch(1)
        top.addWidget(self.progress)
        top.addWidget(QLabel("Period:"))
        top.addWidget(self.period)

        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(18)
        self.grid.setVerticalSpacing(14)
        holder = QWidget()
        holder.setLayout(self.grid)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 12, 24, 12)
        layout.addLayout(top)
        layout.addWidget(self.note)
        layout.addWidget(self.approximate_note)
        layout.addWidget(scroll, 1)
        self.images: dict[str, QLabel] = {}
        self.captions: dict[str, QLabel] = {}

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def mark_stale(self) -> None:
        """New data arrived; redraw when next shown (or now, when visible)."""
        self._stale = True
        if self.isVisible():
            self.refresh()

    def release(self) -> None:
        """Lets go of the drawn charts (the window went to the tray); they are drawn again,
        with the data of then, when the page is next shown. A drawing under way is dropped."""
        self._generation += 1
        self._stale = True
        self.progress.hide()
        for image in self.images.values():
            image.clear()

    def _period(self) -> tuple[date, date]:
        last = day_of_datetime(self._clock.now(), self._repos.settings.day_start_hour)
        return last - timedelta(days=period_days(self.period.currentText()) - 1), last

    def _show_approximate(self, first: date, last: date) -> None:
        """Says which apps' time in the period is approximate, and how much of it."""
        usage = self._repos.usage
        found = (
            approximate_totals(usage.spans(first, last))
            if usage.has_approximate(first, last)
            else []
        )
        if not found:
            self.approximate_note.hide()
            return
        apps = ", ".join(f"{total.app} {duration_text(total.seconds)}" for total in found)
        self.approximate_note.setText(
            f"<b>Approximate time in this period:</b> {apps}. Wellbeing could only see that "
            "these apps were running while you were active, not that they were in front; "
            "the charts include this time."
        )
        self.approximate_note.show()

    def _input(self) -> InsightsInput:
        now = self._clock.now()
        dsh = self._repos.settings.day_start_hour
        first, last = self._period()
        usage = self._repos.usage
        start = datetime.combine(first, time(dsh), now.tzinfo)
        end = datetime.combine(last + timedelta(days=1), time(dsh), now.tzinfo)
        dark = QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark
        return InsightsInput(
            first=first,
            last=last,
            day_totals=tuple(usage.by_day(first, last)),
            week_totals=tuple(usage.by_week(first, last)),
            hour_totals=tuple(usage.by_hour(first, last)),
            moods=tuple(self._repos.moods.between(start, end)),
            gratitude_days=tuple(self._repos.gratitude.days_with_entries(first, last)),
            break_events=tuple(self._repos.breaks.between(start, end)),
            day_start_hour=dsh,
            tracked_since=usage.first_day(),
            dark=dark,
        )

    def refresh(self) -> None:
        """Reads the period's data here (fast) and draws in the worker (slow)."""
        self._stale = False
        self._generation += 1
        self.progress.show()
        self._show_approximate(*self._period())
        self._pool.start(_Build(self._generation, self._input(), self._finished))

    def wait_for_charts(self, msecs: int = 30_000) -> bool:
        return self._pool.waitForDone(msecs)

    def _on_build_done(self, generation: int, result: object) -> None:
        if generation != self._generation:
            return  # an older period's charts: a newer build is on its way
        self.progress.hide()
        if isinstance(result, Exception):
            self.note.setText(f"The charts could not be drawn: {result}")
            return
        assert isinstance(result, list)
        self._show(result)
        self.panels_shown.emit()

    def _show(self, panels: list[tuple[Panel, QImage]]) -> None:
        for index, (panel, picture) in enumerate(panels):
            if panel.key not in self.images:
                # One chart a row: each is drawn ~770 px wide and carries its own title.
                image = QLabel()
                image.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
                caption = QLabel()
                caption.setWordWrap(True)
                caption.setMaximumWidth(770)
                box = QVBoxLayout()
                box.addWidget(image)
                box.addWidget(caption)
                self.grid.addLayout(box, index, 0)
                self.images[panel.key] = image
                self.captions[panel.key] = caption
            self.images[panel.key].setPixmap(QPixmap.fromImage(picture))
            self.images[panel.key].setAccessibleName(panel.title)
            self.captions[panel.key].setText(panel.caption)
            self.captions[panel.key].setVisible(bool(panel.caption))
