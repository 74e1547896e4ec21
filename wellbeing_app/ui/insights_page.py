"""Insights: charts of time online, mood and breaks, and what goes together — worded as
associations, never causes. Drawing takes longer than a page switch may, so it runs in a
worker thread and the page shows a progress bar meanwhile.

The charts' own text (titles, axes, legends) is drawn by ``reporting`` in English; the page
translates the panel names and the fixed captions. The association sentences are composed in
``core.stats`` with the numbers inside and stay English for now (see ``ui/i18n.py``).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtGui import QGuiApplication, QImage, QPalette, QPixmap, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
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
from wellbeing_app.core.stats import MIN_N
from wellbeing_app.reporting.insights import (
    PERIODS,
    InsightsInput,
    Panel,
    build_panels,
    period_days,
)
from wellbeing_app.storage.repositories import Repositories
from wellbeing_app.ui import design
from wellbeing_app.ui.i18n import QT_TRANSLATE_NOOP, shown_number

# The periods ``reporting.insights.PERIODS`` knows, as the menu shows them.
PERIOD_LABELS: dict[str, str] = {
    "4 weeks": QT_TRANSLATE_NOOP("InsightsPage", "4 weeks"),
    "3 months": QT_TRANSLATE_NOOP("InsightsPage", "3 months"),
    "12 months": QT_TRANSLATE_NOOP("InsightsPage", "12 months"),
}
# Each panel's name (``Panel.title``), for the screen reader.
PANEL_TITLES: dict[str, str] = {
    "usage": QT_TRANSLATE_NOOP("InsightsPage", "Time in online communities"),
    "heatmap": QT_TRANSLATE_NOOP("InsightsPage", "When in the week"),
    "mood": QT_TRANSLATE_NOOP("InsightsPage", "Mood"),
    "usage_mood": QT_TRANSLATE_NOOP("InsightsPage", "Community time and mood, the same day"),
    "usage_mood_next": QT_TRANSLATE_NOOP("InsightsPage", "Community time and mood the next day"),
    "gratitude": QT_TRANSLATE_NOOP("InsightsPage", "Days with good things written"),
    "breaks": QT_TRANSLATE_NOOP("InsightsPage", "Break prompts"),
}
# The fixed captions ``reporting.insights`` writes, as this page shows them.
MOOD_CAPTION = QT_TRANSLATE_NOOP(
    "InsightsPage", "Days without a check-in are marked along the bottom, not filled in."
)
TOO_FEW_START = "Not enough days with both time and mood recorded yet"
CHART_WIDTH = 770  # logical px: the width ``reporting.insights`` draws each chart at
PROGRESS_WIDTH = 160


def shown_duration(seconds: float) -> str:
    """``42 s``, ``7 min``, ``1 h 05 min`` (as ``core.text.duration_text``), translated."""
    if seconds < 60:
        return QCoreApplication.translate("InsightsPage", "{seconds} s").format(
            seconds=shown_number(seconds)
        )
    minutes = round(seconds / 60)
    if minutes < 60:
        return QCoreApplication.translate("InsightsPage", "{minutes} min").format(
            minutes=shown_number(minutes)
        )
    return QCoreApplication.translate("InsightsPage", "{hours} h {minutes} min").format(
        hours=shown_number(minutes // 60), minutes=f"{minutes % 60:02d}"
    )


def shown_caption(panel: Panel) -> str:
    """The panel's caption, translated when it is one of the fixed ones."""
    if panel.key == "mood" and panel.caption == MOOD_CAPTION:
        return QCoreApplication.translate("InsightsPage", MOOD_CAPTION)
    if panel.caption.startswith(TOO_FEW_START):
        return QCoreApplication.translate(
            "InsightsPage",
            "Not enough days with both time and mood recorded yet to say anything; "
            "associations appear after at least {count} such days.",
        ).format(count=shown_number(MIN_N))
    return panel.caption


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
    """The charts for the chosen period, drawn off the GUI thread when the page is shown."""

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
        for key in PERIODS:
            self.period.addItem(self.tr(PERIOD_LABELS.get(key, key)), key)
        self.period.setAccessibleName(self.tr("Period"))
        self.period.currentIndexChanged.connect(self._on_period_changed)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(PROGRESS_WIDTH)
        self.progress.setAccessibleName(self.tr("Drawing charts"))
        self.progress.hide()
        self.note = QLabel(
            self.tr(
                "These show what tends to go together in your own data — associations, not causes."
            )
        )
        self.note.setWordWrap(True)
        self.approximate_note = QLabel()
        self.approximate_note.setObjectName("insightsApproximate")
        self.approximate_note.setWordWrap(True)
        self.approximate_note.hide()
        title = QLabel(self.tr("Insights"))
        title.setObjectName("insightsTitle")
        title.setFont(design.font(design.HEADLINE, self.font()))
        period_label = QLabel(self.tr("Period:"))
        period_label.setBuddy(self.period)
        top = QHBoxLayout()
        top.setSpacing(design.SPACE_S)
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.progress)
        top.addSpacing(design.SPACE_M)
        top.addWidget(period_label)
        top.addWidget(self.period)

        self.grid = QGridLayout()
        self.grid.setContentsMargins(0, 0, 0, design.SPACE_L)
        # Under the title, not floating in the middle of a wide window.
        self.grid.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.grid.setHorizontalSpacing(design.SPACE_XL)
        self.grid.setVerticalSpacing(design.SPACE_XL)
        holder = QWidget()
        holder.setLayout(self.grid)
        self.chart_scroll = scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(holder)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(design.SPACE_XL, design.SPACE_L, design.SPACE_XL, 0)
        layout.setSpacing(design.SPACE_S)
        layout.addLayout(top)
        layout.addWidget(self.note)
        layout.addWidget(self.approximate_note)
        layout.addSpacing(design.SPACE_S)
        layout.addWidget(scroll, 1)
        self.images: dict[str, QLabel] = {}
        self.captions: dict[str, QLabel] = {}
        self._pictures: dict[str, QImage] = {}  # as drawn, CHART_WIDTH px wide
        self._fitted_width = 0

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
        self._pictures.clear()

    def _on_period_changed(self, index: int) -> None:
        self.refresh()

    def _period(self) -> tuple[date, date]:
        last = day_of_datetime(self._clock.now(), self._repos.settings.day_start_hour)
        key = self.period.currentData()
        return last - timedelta(days=period_days(str(key)) - 1), last

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
        apps = self.tr(", ").join(
            self.tr("{app} {time}").format(app=total.app, time=shown_duration(total.seconds))
            for total in found
        )
        self.approximate_note.setText(
            self.tr(
                "<b>Approximate time in this period:</b> {apps}. Wellbeing could only see "
                "that these apps were running while you were active, not that they were in "
                "front; the charts include this time."
            ).format(apps=apps)
        )
        self.approximate_note.show()

    def _input(self) -> InsightsInput:
        now = self._clock.now()
        dsh = self._repos.settings.day_start_hour
        first, last = self._period()
        usage = self._repos.usage
        start = datetime.combine(first, time(dsh), now.tzinfo)
        end = datetime.combine(last + timedelta(days=1), time(dsh), now.tzinfo)
        # The app's own look (Settings → Appearance), not only the desktop's scheme.
        dark = QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128
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
            self.note.setText(
                self.tr("The charts could not be drawn: {error}").format(error=result)
            )
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
                caption.setMaximumWidth(CHART_WIDTH)
                box = QVBoxLayout()
                box.setSpacing(design.SPACE_S)
                box.addWidget(image)
                box.addWidget(caption)
                self.grid.addLayout(box, index, 0)
                self.images[panel.key] = image
                self.captions[panel.key] = caption
            self._pictures[panel.key] = picture
            title = PANEL_TITLES.get(panel.key)
            self.images[panel.key].setAccessibleName(self.tr(title) if title else panel.title)
            self.captions[panel.key].setText(shown_caption(panel))
            self.captions[panel.key].setVisible(bool(panel.caption))
        self._fit_charts(force=True)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_charts()

    def _fit_charts(self, *, force: bool = False) -> None:
        """Shows each chart as wide as it was drawn, or narrower to fit the page (at 150 % a
        770 px chart is wider than the window), drawn at the screen's pixel ratio."""
        bar = self.chart_scroll.verticalScrollBar().sizeHint().width()
        width = max(1, min(CHART_WIDTH, self.chart_scroll.viewport().width() - bar))
        if width == self._fitted_width and not force:
            return
        self._fitted_width = width
        ratio = self.devicePixelRatioF()
        for key, picture in self._pictures.items():
            if picture.isNull():
                continue
            logical = min(width, picture.width())
            pixels = round(logical * ratio)
            shown = (
                picture
                if pixels == picture.width()
                else picture.scaledToWidth(pixels, Qt.TransformationMode.SmoothTransformation)
            )
            pixmap = QPixmap.fromImage(shown)
            pixmap.setDevicePixelRatio(ratio)
            self.images[key].setPixmap(pixmap)
            self.captions[key].setMaximumWidth(logical)
