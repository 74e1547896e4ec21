"""The day at a glance: a strip from the hour the day starts to the same hour the next
morning, with the time spent in online communities drawn in the hour it happened (a column as
tall as the share of that hour) and each mood check-in as a dot in its mood's colour above.

Hours still to come are drawn as an outline only, and the current hour is marked "now". The
geometry is public (``slot_rect``, ``hour_rect``, ``mood_point``) so tests can check where
things are drawn, not only that something was.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, QTime
from PySide6.QtGui import QHelpEvent, QPainter, QPaintEvent, QPalette, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from wellbeing_app.core.models import MOOD_LABELS, MoodEntry
from wellbeing_app.core.text import duration_text
from wellbeing_app.core.today import HOURS_IN_DAY, TodaySnapshot, hours_into_day
from wellbeing_app.ui import design
from wellbeing_app.ui.faces import face_pixmap
from wellbeing_app.ui.mood_palette import blend, mood_palette, outline
from wellbeing_app.ui.today_style import clock_text, secondary_text, track_colour

_GAP = 2.0  # pixels between hour columns


class DayTimeline(QWidget):
    """Today's hours as columns, check-ins as dots; ``set_snapshot`` gives it the day."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hour_seconds: tuple[float, ...] = (0.0,) * HOURS_IN_DAY
        self.hours_begun = HOURS_IN_DAY
        self.day_start_hour = 4
        self.moods: tuple[MoodEntry, ...] = ()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMouseTracking(True)
        self.setAccessibleName(self.tr("Your day, hour by hour"))
        self.setFont(design.font(design.CAPTION, self.font()))

    def set_snapshot(self, snapshot: TodaySnapshot) -> None:
        slots = tuple(snapshot.hour_seconds) or (0.0,) * HOURS_IN_DAY
        self.hour_seconds = (slots + (0.0,) * HOURS_IN_DAY)[:HOURS_IN_DAY]
        self.hours_begun = snapshot.hours_begun
        self.day_start_hour = snapshot.day_start_hour
        self.moods = snapshot.moods
        self.setAccessibleDescription(self.description())
        self.update()

    # ----- geometry

    def _line(self) -> float:
        return float(self.fontMetrics().height())

    def _dot_radius(self) -> float:
        return self._line() * 0.6

    def _label_width(self) -> float:
        return float(self.fontMetrics().horizontalAdvance(self._hour_label(self.day_start_hour)))

    def strip_rect(self) -> QRectF:
        """Where the hour columns are drawn."""
        side = max(self._label_width() / 2, self._dot_radius()) + 2
        top = self._dot_radius() * 2 + 8
        height = self._line() * 3.2
        return QRectF(side, top, max(1.0, self.width() - 2 * side), height)

    def slot_rect(self, hour: int) -> QRectF:
        """The whole column of hour ``hour`` of the day (0 = the hour the day starts)."""
        strip = self.strip_rect()
        width = strip.width() / HOURS_IN_DAY
        return QRectF(
            strip.left() + hour * width + _GAP / 2, strip.top(), width - _GAP, strip.height()
        )

    def hour_rect(self, hour: int) -> QRectF:
        """The filled part of hour ``hour``: as tall as the share of the hour spent online."""
        slot = self.slot_rect(hour)
        share = min(self.hour_seconds[hour] / 3600, 1.0)
        if share <= 0:
            return QRectF(slot.left(), slot.bottom(), slot.width(), 0)
        height = max(2.0, slot.height() * share)
        return QRectF(slot.left(), slot.bottom() - height, slot.width(), height)

    def mood_point(self, entry: MoodEntry) -> QPointF:
        """The centre of a check-in's dot, above the moment it was logged."""
        strip = self.strip_rect()
        hours = hours_into_day(entry.at, self.day_start_hour)
        return QPointF(strip.left() + strip.width() * hours / HOURS_IN_DAY, self._dot_radius() + 2)

    def sizeHint(self) -> QSize:
        return QSize(480, round(self.strip_rect().bottom() + self._line() * 3.2 + 6))

    def minimumSizeHint(self) -> QSize:
        return QSize(240, self.sizeHint().height())

    # ----- words

    def _hour_label(self, clock_hour: int) -> str:
        return clock_text(QTime(clock_hour % 24, 0))

    def _hour_span(self, hour: int) -> str:
        start = self.day_start_hour + hour
        return f"{self._hour_label(start)}–{self._hour_label(start + 1)}"

    def description(self) -> str:
        """What the strip shows, for screen readers."""
        busiest = max(range(HOURS_IN_DAY), key=lambda hour: self.hour_seconds[hour])
        if self.hour_seconds[busiest] <= 0:
            parts = [self.tr("No time in online communities yet today.")]
        else:
            parts = [
                self.tr("Most time online at {hours}: {time}.").format(
                    hours=self._hour_span(busiest), time=duration_text(self.hour_seconds[busiest])
                )
            ]
        for entry in self.moods:
            parts.append(
                self.tr("Mood {label} at {time}.").format(
                    label=MOOD_LABELS[entry.score], time=clock_text(entry.at)
                )
            )
        return " ".join(parts)

    # ----- painting

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        fill = palette.color(QPalette.ColorRole.Highlight)
        track = track_colour(palette)
        future = blend(palette.color(QPalette.ColorRole.Base), track, 0.5)
        for hour in range(HOURS_IN_DAY):
            slot = self.slot_rect(hour)
            painter.setPen(Qt.PenStyle.NoPen)
            if hour < self.hours_begun:
                painter.setBrush(track)
            else:
                painter.setBrush(future)
                painter.setPen(QPen(track, 1, Qt.PenStyle.DotLine))
            painter.drawRoundedRect(slot, 3, 3)
            if hour < self.hours_begun and self.hour_seconds[hour] > 0:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(fill)
                painter.drawRoundedRect(self.hour_rect(hour), 3, 3)
        self._paint_axis(painter)
        self._paint_moods(painter)
        self._paint_legend(painter)
        painter.end()

    def _paint_legend(self, painter: QPainter) -> None:
        """A key under the axis: a column is time online, a dot a mood check-in."""
        palette = self.palette()
        line = self._line()
        baseline = self.strip_rect().bottom() + line * 2.9
        x = self.strip_rect().left()
        swatch = QRectF(x, baseline - line * 0.75, line * 0.55, line * 0.75)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(palette.color(QPalette.ColorRole.Highlight))
        painter.drawRoundedRect(swatch, 2, 2)
        painter.setPen(secondary_text(palette))
        online = self.tr("time in online communities")
        painter.drawText(QPointF(swatch.right() + 6, baseline), online)
        x = swatch.right() + 6 + self.fontMetrics().horizontalAdvance(online) + line * 1.2
        radius = line * 0.3
        painter.setPen(QPen(palette.color(QPalette.ColorRole.WindowText), 1.2))
        painter.setBrush(mood_palette(palette).fill(3))
        painter.drawEllipse(QPointF(x + radius, baseline - line * 0.35), radius, radius)
        painter.setPen(secondary_text(palette))
        painter.drawText(QPointF(x + 2 * radius + 6, baseline), self.tr("mood check-in"))

    def _paint_axis(self, painter: QPainter) -> None:
        strip = self.strip_rect()
        text = secondary_text(self.palette())
        width = strip.width() / HOURS_IN_DAY
        step = next(
            (s for s in (2, 3, 4, 6, 8, 12) if width * s > self._label_width() + 10), HOURS_IN_DAY
        )
        baseline = strip.bottom() + self._line() + 2
        now = min(self.hours_begun, HOURS_IN_DAY) - 1
        now_x = self.slot_rect(now).center().x()
        now_text = self.tr("now")
        now_width = self.fontMetrics().horizontalAdvance(now_text)
        painter.setPen(text)
        for hour in range(0, HOURS_IN_DAY + 1, step):
            x = strip.left() + hour * width
            label = self._hour_label(self.day_start_hour + hour)
            half = self.fontMetrics().horizontalAdvance(label) / 2
            if self.hours_begun < HOURS_IN_DAY and abs(x - now_x) < half + now_width / 2 + 6:
                continue
            painter.drawText(QPointF(x - half, baseline), label)
        if self.hours_begun < HOURS_IN_DAY:
            ink = self.palette().color(QPalette.ColorRole.WindowText)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(ink)
            tip = strip.bottom() + 2
            painter.drawPolygon(
                QPolygonF(
                    [QPointF(now_x, tip), QPointF(now_x - 4, tip + 5), QPointF(now_x + 4, tip + 5)]
                )
            )
            painter.save()
            painter.setPen(ink)
            font = painter.font()
            font.setBold(True)
            painter.setFont(font)
            painter.drawText(QPointF(now_x - now_width / 2, baseline + 2), now_text)
            painter.restore()

    def _paint_moods(self, painter: QPainter) -> None:
        colours = mood_palette(self.palette())
        radius = self._dot_radius()
        strip = self.strip_rect()
        for entry in self.moods:
            centre = self.mood_point(entry)
            painter.setPen(QPen(outline(self.palette()), 1, Qt.PenStyle.DotLine))
            painter.drawLine(
                QPointF(centre.x(), centre.y() + radius), QPointF(centre.x(), strip.top())
            )
            size = round(radius * 2)
            face = face_pixmap(entry.score, size * 2, colours)  # drawn at 2x for a crisp edge
            face.setDevicePixelRatio(2.0)
            painter.drawPixmap(QPointF(centre.x() - size / 2, centre.y() - size / 2), face)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self._tip_at(QPointF(event.pos()))
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def _tip_at(self, point: QPointF) -> str:
        radius = self._dot_radius() + 3
        near = [
            self.tr("Mood at {time}: {label}").format(
                time=clock_text(entry.at), label=MOOD_LABELS[entry.score]
            )
            for entry in self.moods
            if abs(point.x() - self.mood_point(entry).x()) <= radius
            and abs(point.y() - self.mood_point(entry).y()) <= radius
        ]
        if near:
            return "\n".join(near)  # check-ins close together share a spot
        for hour in range(HOURS_IN_DAY):
            slot = self.slot_rect(hour).adjusted(-_GAP, 0, _GAP, 0)
            if slot.contains(point) and hour < self.hours_begun:
                return self.tr("{hours}: {time} in online communities").format(
                    hours=self._hour_span(hour), time=duration_text(self.hour_seconds[hour])
                )
        return ""
