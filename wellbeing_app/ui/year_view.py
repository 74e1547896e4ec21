"""The year at a glance: a square per day, 12 rows (months) by 31 columns (days of the month),
each day filled with its mood's colour, as in Daylio's "Year in Pixels".

Days with no entry are a neutral square; today is outlined. A click, or Enter or Space on the
day chosen with the arrow keys, asks to open that day (``day_activated``). Every day has a
tooltip, and the chosen day is read out through the accessible description.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from datetime import date, timedelta

from PySide6.QtCore import QEvent, QLocale, QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFont,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from wellbeing_app.core.models import MOOD_LABELS
from wellbeing_app.ui.i18n import shown_date, shown_number, translate_core
from wellbeing_app.ui.mood_calendar import selection_ring
from wellbeing_app.ui.mood_palette import empty_day_fill, mood_level, mood_palette, outline


def _months() -> list[str]:
    """Short month names in the locale's language (Jan to Dec)."""
    short = QLocale.FormatType.ShortFormat
    return [QLocale().standaloneMonthName(month, short) for month in range(1, 13)]


_MIN_CELL, _MAX_CELL = 9, 30


def _clamped(year: int, month: int, day: int) -> date:
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


class YearView(QWidget):
    """One year of days; ``set_year`` gives it the year and each day's average mood."""

    day_activated = Signal(object)  # date

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self._year = today.year
        self._averages: dict[date, float] = {}
        self._selected = today
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setMouseTracking(True)
        self._update_accessible_text()

    # ----- data and selection

    def set_year(self, year: int, averages: Mapping[date, float]) -> None:
        """Shows ``year``, each day of ``averages`` (day -> average score) in its colour."""
        self._year = year
        self._averages = {day: value for day, value in averages.items() if day.year == year}
        if self._selected.year != year:
            self._selected = _clamped(year, self._selected.month, self._selected.day)
        self._update_accessible_text()
        self.update()

    def set_today(self, today: date) -> None:
        self._today = today
        self.update()

    def year(self) -> int:
        return self._year

    def selected_day(self) -> date:
        return self._selected

    def set_selected_day(self, day: date) -> None:
        """Moves the keyboard choice to ``day`` (within the shown year)."""
        if day.year != self._year:
            return
        self._selected = day
        self._update_accessible_text()
        self.update()

    def mood_on(self, day: date) -> int | None:
        average = self._averages.get(day)
        return None if average is None else mood_level(average)

    def describe(self, day: date) -> str:
        """A day in words, for its tooltip and for screen readers."""
        name = shown_date(day, self.tr("dddd d MMMM yyyy"))
        average = self._averages.get(day)
        if average is None:
            return self.tr("{day}: no entry").format(day=name)
        level = mood_level(average)
        return self.tr("{day}: {mood} (average mood {average} of 5)").format(
            day=name, mood=translate_core(MOOD_LABELS[level]), average=shown_number(average, 1)
        )

    def _update_accessible_text(self) -> None:
        self.setAccessibleName(self.tr("Year in pixels, {year}").format(year=self._year))
        self.setAccessibleDescription(
            self.tr("{day}. Arrow keys move, Enter opens the day.").format(
                day=self.describe(self._selected)
            )
        )

    # ----- geometry

    def _label_width(self) -> int:
        return max(self.fontMetrics().horizontalAdvance(month) for month in _months()) + 10

    def _header_height(self) -> int:
        return self.fontMetrics().height() + 4

    def _cell_for_width(self, width: int) -> int:
        return max(_MIN_CELL, min(_MAX_CELL, (width - self._label_width() - 4) // 31))

    def _cell(self) -> int:
        height = (self.height() - self._header_height() - 4) // 12
        return max(_MIN_CELL, min(self._cell_for_width(self.width()), height))

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._header_height() + 12 * self._cell_for_width(width) + 4

    def sizeHint(self) -> QSize:
        return QSize(self._label_width() + 31 * 22 + 4, self._header_height() + 12 * 22 + 4)

    def minimumSizeHint(self) -> QSize:
        return QSize(
            self._label_width() + 31 * _MIN_CELL + 4, self._header_height() + 12 * _MIN_CELL + 4
        )

    def cell_rect(self, day: date) -> QRect:
        """Where ``day``'s square is drawn (its gap included)."""
        cell = self._cell()
        return QRect(
            self._label_width() + (day.day - 1) * cell,
            self._header_height() + (day.month - 1) * cell,
            cell,
            cell,
        )

    def day_at(self, pos: QPoint) -> date | None:
        cell = self._cell()
        column = (pos.x() - self._label_width()) // cell
        row = (pos.y() - self._header_height()) // cell
        if pos.x() < self._label_width() or pos.y() < self._header_height():
            return None
        if not (0 <= column < 31 and 0 <= row < 12):
            return None
        if column + 1 > calendar.monthrange(self._year, row + 1)[1]:
            return None
        return date(self._year, row + 1, column + 1)

    # ----- painting

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        colours = mood_palette(palette)
        cell = self._cell()
        gap = max(1, cell // 7)
        radius = max(1.5, cell / 6)
        text = palette.color(QPalette.ColorRole.WindowText)
        self._paint_labels(painter, cell, text)
        edge, empty = outline(palette), empty_day_fill(palette)
        for month in range(1, 13):
            for day_number in range(1, calendar.monthrange(self._year, month)[1] + 1):
                day = date(self._year, month, day_number)
                square = QRectF(self.cell_rect(day)).adjusted(gap / 2, gap / 2, -gap / 2, -gap / 2)
                level = self.mood_on(day)
                if level is None:
                    # Days to come have no edge, so they do not read as days missed.
                    painter.setPen(QPen(edge, 1) if day <= self._today else Qt.PenStyle.NoPen)
                    painter.setBrush(empty)
                    painter.drawRoundedRect(square.adjusted(0.5, 0.5, -0.5, -0.5), radius, radius)
                else:
                    painter.setPen(Qt.PenStyle.NoPen)
                    painter.setBrush(colours.fill(level))
                    painter.drawRoundedRect(square, radius, radius)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if self._today.year == self._year:
            painter.setPen(QPen(text, max(1.5, cell / 9)))
            square = QRectF(self.cell_rect(self._today)).adjusted(0.5, 0.5, -0.5, -0.5)
            painter.drawRoundedRect(square, radius + 1, radius + 1)
        chosen = QRectF(self.cell_rect(self._selected)).adjusted(-1, -1, 1, 1)
        selection_ring(painter, chosen, radius + 2, palette, 3 if self.hasFocus() else 2)
        painter.end()

    def _paint_labels(self, painter: QPainter, cell: int, colour: QColor) -> None:
        painter.setPen(colour)
        font = QFont(self.font())
        small = QFont(font)
        small.setPointSizeF(max(6.0, font.pointSizeF() * 0.85))
        painter.setFont(small)
        header = self._header_height()
        # Every day number fits at a large cell; at a small one, every fifth.
        step = 1 if cell >= self.fontMetrics().horizontalAdvance("30") + 4 else 5
        for number in range(1, 32):
            if number == 1 or number % step == 0:
                left = self._label_width() + (number - 1) * cell
                painter.drawText(
                    QRect(left - 4, 0, cell + 8, header), Qt.AlignmentFlag.AlignCenter, str(number)
                )
        painter.setFont(font)
        for index, month in enumerate(_months()):
            painter.drawText(
                QRect(0, header + index * cell, self._label_width() - 6, cell),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                month,
            )

    # ----- input

    def mousePressEvent(self, event: QMouseEvent) -> None:
        day = self.day_at(event.position().toPoint())
        if event.button() != Qt.MouseButton.LeftButton or day is None:
            super().mousePressEvent(event)
            return
        self.set_selected_day(day)
        self.day_activated.emit(day)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        day = self._selected
        key = event.key()
        moved: date | None = None
        if key == Qt.Key.Key_Left:
            moved = day - timedelta(days=1)
        elif key == Qt.Key.Key_Right:
            moved = day + timedelta(days=1)
        elif key == Qt.Key.Key_Up and day.month > 1:
            moved = _clamped(day.year, day.month - 1, day.day)
        elif key == Qt.Key.Key_Down and day.month < 12:
            moved = _clamped(day.year, day.month + 1, day.day)
        elif key == Qt.Key.Key_Home:
            moved = day.replace(day=1)
        elif key == Qt.Key.Key_End:
            moved = _clamped(day.year, day.month, 31)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.day_activated.emit(day)
            return
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            return  # at the first or last month: stay
        else:
            super().keyPressEvent(event)
            return
        if moved is not None and moved.year == self._year:
            self.set_selected_day(moved)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            day = self.day_at(event.pos())
            if day is None:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(event.globalPos(), self.describe(day), self)
            return True
        return super().event(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusOutEvent(event)
