"""The Journal's month calendar, each day with entries filled with the colour of that day's
mood, and the legend that names the mood colours (shared with the year view).

A day's colour is the level of its **average** score (halves round up, see
``mood_palette.mood_level``): a day with a hard morning and a good evening shows as "okay"
or "good", which is how people tend to remember the whole day. Weekends are not red: a
Saturday is a day like any other here.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QFont,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
    QTextCharFormat,
)
from PySide6.QtWidgets import QCalendarWidget, QSizePolicy, QWidget

from wellbeing_app.core.models import MOOD_LABELS
from wellbeing_app.ui.i18n import translate_core
from wellbeing_app.ui.mood_palette import (
    empty_day_fill,
    mood_level,
    mood_palette,
    outline,
)


def _py_date(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class MoodCalendar(QCalendarWidget):
    """A month calendar that paints each day of the shown month with its mood's colour."""

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self._levels: dict[date, int] = {}
        self.setGridVisible(False)
        self.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.setMinimumSize(QSize(300, 250))
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self._use_normal_weekend_text()

    def _use_normal_weekend_text(self) -> None:
        normal = QTextCharFormat()
        normal.setForeground(self.palette().color(QPalette.ColorRole.Text))
        for weekday in (Qt.DayOfWeek.Saturday, Qt.DayOfWeek.Sunday):
            self.setWeekdayTextFormat(weekday, normal)

    def set_today(self, today: date) -> None:
        self._today = today
        self.updateCells()

    def set_moods(self, averages: Mapping[date, float]) -> None:
        """Shows each day of ``averages`` (day -> average score) in its mood's colour."""
        self._levels = {day: mood_level(average) for day, average in averages.items()}
        self.updateCells()

    def mood_on(self, day: date) -> int | None:
        """The mood level a day is shown with, or None when it has no entry."""
        return self._levels.get(day)

    def paintCell(self, painter: QPainter, rect: QRect, qdate: QDate) -> None:
        day = _py_date(qdate)
        palette = self.palette()
        colours = mood_palette(palette)
        in_month = qdate.month() == self.monthShown() and qdate.year() == self.yearShown()
        level = self._levels.get(day) if in_month else None
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(rect, palette.color(QPalette.ColorRole.Base))
        side = min(rect.width(), rect.height()) - 9
        swatch = QRectF(0, 0, side, side)
        swatch.moveCenter(QRectF(rect).center())
        if level is not None:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colours.fill(level))
            painter.drawRoundedRect(swatch, 6, 6)
            ink = colours.text(level)
        elif in_month and day <= self._today:
            # A past day with no entry is a neutral square; days to come are left plain.
            painter.setPen(QPen(outline(palette), 1))
            painter.setBrush(empty_day_fill(palette))
            painter.drawRoundedRect(swatch.adjusted(0.5, 0.5, -0.5, -0.5), 6, 6)
            ink = palette.color(QPalette.ColorRole.Text)
        elif in_month:
            ink = palette.color(QPalette.ColorRole.Text)
        else:
            ink = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        if day == self._today:
            painter.setPen(QPen(palette.color(QPalette.ColorRole.WindowText), 1.5))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(swatch.adjusted(-1, -1, 1, 1), 7, 7)
        if qdate == self.selectedDate():
            selection_ring(painter, swatch.adjusted(-2.5, -2.5, 2.5, 2.5), 8, palette, 2.5)
        font = QFont(painter.font())
        font.setBold(level is not None or day == self._today)
        painter.setFont(font)
        painter.setPen(ink)
        painter.drawText(swatch, Qt.AlignmentFlag.AlignCenter, str(qdate.day()))
        painter.restore()


def selection_ring(
    painter: QPainter, around: QRectF, radius: float, palette: QPalette, width: float
) -> None:
    """The chosen day's ring: the highlight colour with a base-coloured halo on both sides,
    so it stands apart from any mood colour, the highlight's own hue included."""
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(QPen(palette.color(QPalette.ColorRole.Base), width + 3))
    painter.drawRoundedRect(around, radius, radius)
    painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), width))
    painter.drawRoundedRect(around, radius, radius)


class MoodLegend(QWidget):
    """Swatches naming each mood colour, then "no entry" and "today"; the row wraps onto more
    lines when the legend is narrow."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(
            self.tr("Colours: {colours}, outlined").format(
                colours=", ".join(text for text, _ in legend_items())
            )
        )
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def resizeEvent(self, event: QResizeEvent) -> None:
        # Not every layout asks for the height at a width, so the legend claims its lines.
        self.setMinimumHeight(self.heightForWidth(event.size().width()))
        super().resizeEvent(event)

    def _places(self, width: int) -> list[tuple[QRectF, QRect, str, int | None]]:
        """Each item's swatch and text rectangle when laid out in ``width`` pixels."""
        metrics = self.fontMetrics()
        side = metrics.height()
        gap = side // 2
        line = side + 6
        x, y = 1, 3
        places = []
        for text, score in legend_items():
            item_width = side + gap // 2 + metrics.horizontalAdvance(text) + 2
            if x > 1 and x + item_width > width:
                x, y = 1, y + line
            swatch = QRectF(x + 1, y + 1, side - 2, side - 2)
            label = QRect(x + side + gap // 2, y, item_width - side - gap // 2, side)
            places.append((swatch, label, text, score))
            x += item_width + gap
        return places

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return int(max(swatch.bottom() for swatch, *_ in self._places(width))) + 5

    def sizeHint(self) -> QSize:
        width = int(max(label.right() for _, label, *_ in self._places(10_000))) + 2
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        widest = max(label.right() for _, label, *_ in self._places(1))
        return QSize(widest + 2, self.fontMetrics().height() + 6)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        colours = mood_palette(palette)
        text_colour = palette.color(QPalette.ColorRole.WindowText)
        for swatch, label, text, score in self._places(self.width()):
            if score == 0:
                painter.setPen(QPen(text_colour, 2))
                painter.setBrush(empty_day_fill(palette))
            else:
                painter.setPen(QPen(outline(palette), 1))
                painter.setBrush(empty_day_fill(palette) if score is None else colours.fill(score))
            painter.drawRoundedRect(swatch, 3, 3)
            painter.setPen(text_colour)
            painter.drawText(
                label, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text
            )
        painter.end()


def legend_items() -> list[tuple[str, int | None]]:
    """What the legend names: each mood level, a day with no entry (None) and today (0)."""
    moods: list[tuple[str, int | None]] = [
        (translate_core(label), score) for score, label in MOOD_LABELS.items()
    ]
    no_entry = QCoreApplication.translate("MoodLegend", "no entry")
    return [*moods, (no_entry, None), (QCoreApplication.translate("MoodLegend", "today"), 0)]
