"""A questionnaire's published bands drawn as one bar, with where a score falls on it.

The bar runs over the questionnaire's whole range (WHO-5 0-100, PHQ-9 0-27, GAD-7 0-21), each
band a segment with its name under it, the band the score is in drawn stronger, and a marker
at the score (and a hollow one at the previous check-in's, when there is one). Colours come
from the palette (shades of its highlight), never a red-to-green verdict: a band is a
screening range, not a grade. The drawing is described for screen readers in words.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QLocale, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPainterPath, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from wellbeing_app.core.questionnaires import Band

_BAR_HEIGHT = 14
_MARKER = 9  # half the width of the score's marker
_GAP = 2  # between segments


class ScoreScale(QWidget):
    """``bands`` in order, low to high; ``score`` (and ``previous``) on the same scale."""

    def __init__(
        self,
        bands: Sequence[Band],
        score: float,
        previous: float | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        if not bands:
            raise ValueError("a scale needs at least one band")
        self.bands = tuple(bands)
        self.score = float(score)  # QLocale.toString(…, "g", 6) takes floats only
        self.previous = None if previous is None else float(previous)
        self.low = self.bands[0].low
        self.high = self.bands[-1].high
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(self.tr("Where your score falls"))
        self.setAccessibleDescription(self.description())

    def current_band(self) -> Band:
        for band in self.bands:
            if band.low <= self.score <= band.high:
                return band
        return self.bands[0] if self.score < self.low else self.bands[-1]

    def description(self) -> str:
        band = self.current_band()
        number = QLocale().toString
        parts = [
            self.tr(
                "{score} on a scale from {low} to {high}, in the range {band} ({from_} to {to})."
            ).format(
                score=number(self.score, "g", 6),
                low=number(self.low),
                high=number(self.high),
                band=band.label,
                from_=number(band.low),
                to=number(band.high),
            )
        ]
        if self.previous is not None:
            parts.append(self.tr("Last time: {score}.").format(score=number(self.previous, "g", 6)))
        ranges = "; ".join(
            self.tr("{band} {low} to {high}").format(
                band=b.label, low=number(b.low), high=number(b.high)
            )
            for b in self.bands
        )
        parts.append(self.tr("Ranges: {ranges}.").format(ranges=ranges))
        return " ".join(parts)

    def sizeHint(self) -> QSize:
        metrics = QFontMetrics(self.font())
        return QSize(420, self._bar_top() + _BAR_HEIGHT + 6 + 2 * metrics.height() + 4)

    def minimumSizeHint(self) -> QSize:
        return QSize(240, self.sizeHint().height())

    def _bar_top(self) -> int:
        return QFontMetrics(self.font()).height() + 8  # room for the score above the bar

    def x_of(self, value: float) -> float:
        """Where ``value`` sits along the bar, in widget coordinates."""
        left, width = _MARKER, self.width() - 2 * _MARKER
        span = max(1, self.high - self.low)
        return left + width * (min(max(value, self.low), self.high) - self.low) / span

    def segment(self, band: Band) -> QRectF:
        """A band's part of the bar: from its low value to the next band's low value."""
        index = self.bands.index(band)
        end = self.bands[index + 1].low if index + 1 < len(self.bands) else self.high
        left = self.x_of(band.low) + (_GAP / 2 if index else 0)
        right = self.x_of(end) - (_GAP / 2 if index + 1 < len(self.bands) else 0)
        return QRectF(left, self._bar_top(), max(1.0, right - left), _BAR_HEIGHT)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        accent = palette.color(QPalette.ColorRole.Highlight)
        text = palette.color(QPalette.ColorRole.WindowText)
        quiet = palette.color(QPalette.ColorRole.PlaceholderText)
        current = self.current_band()
        metrics = QFontMetrics(self.font())
        label_top = self._bar_top() + _BAR_HEIGHT + 6
        for index, band in enumerate(self.bands):
            rect = self.segment(band)
            fill = QColor(accent)
            # Lighter to darker along the scale; the score's band at full strength.
            fill.setAlphaF(0.95 if band is current else 0.18 + 0.12 * index)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(fill)
            painter.drawRoundedRect(rect, 4, 4)
            painter.setPen(text if band is current else quiet)
            font = painter.font()
            font.setBold(band is current)
            painter.setFont(font)
            label = metrics.elidedText(band.label, Qt.TextElideMode.ElideRight, int(rect.width()))
            painter.drawText(
                QRectF(rect.left(), label_top, rect.width(), metrics.height()),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                label,
            )
            painter.drawText(
                QRectF(rect.left(), label_top + metrics.height(), rect.width(), metrics.height()),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                f"{band.low}–{band.high}",
            )
        if self.previous is not None:
            self._marker(painter, self.x_of(self.previous), QPen(text, 1.5), None)
        self._marker(
            painter, self.x_of(self.score), QPen(palette.color(QPalette.ColorRole.Base), 1.5), text
        )
        painter.setPen(text)
        font = painter.font()
        font.setBold(True)
        painter.setFont(font)
        painter.drawText(self.score_label_rect(), Qt.AlignmentFlag.AlignCenter, f"{self.score:g}")
        last = self.previous_label_rect()
        if last is not None:  # names the hollow marker, where it does not crowd the score
            font.setBold(False)
            painter.setFont(font)
            painter.setPen(quiet)
            painter.drawText(last, Qt.AlignmentFlag.AlignCenter, self.previous_label())
        painter.end()

    def _label_rect(self, x: float, text: str, bold: bool) -> QRectF:
        font = self.font()
        font.setBold(bold)
        metrics = QFontMetrics(font)
        width = metrics.horizontalAdvance(text) + 8
        left = min(max(0.0, x - width / 2), self.width() - width)
        return QRectF(left, 0, width, metrics.height())

    def score_label_rect(self) -> QRectF:
        """Where the score is written, above its marker."""
        return self._label_rect(self.x_of(self.score), f"{self.score:g}", True)

    def previous_label(self) -> str:
        return self.tr("last time")

    def previous_label_rect(self) -> QRectF | None:
        """Where "last time" is written above the hollow marker; ``None`` without a previous
        score, or where it would touch the score's own label."""
        if self.previous is None:
            return None
        rect = self._label_rect(self.x_of(self.previous), self.previous_label(), False)
        return None if rect.intersects(self.score_label_rect().adjusted(-6, 0, 6, 0)) else rect

    def _marker(self, painter: QPainter, x: float, pen: QPen, fill: QColor | None) -> None:
        """A downward triangle over the bar at ``x``: filled for the score, hollow for last
        time."""
        top = self._bar_top() - 5
        path = QPainterPath(QPointF(x - _MARKER / 1.5, top))
        path.lineTo(QPointF(x + _MARKER / 1.5, top))
        path.lineTo(QPointF(x, top + _BAR_HEIGHT * 0.9))
        path.closeSubpath()
        painter.setPen(pen)
        painter.setBrush(fill if fill is not None else Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
