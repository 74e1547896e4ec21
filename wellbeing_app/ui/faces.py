"""Mood faces drawn with QPainter: they look the same on every desktop, with no emoji font."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

# Warm to calm, never alarming red for a low mood.
FACE_COLORS = {1: "#8e7cc3", 2: "#6fa8dc", 3: "#b7b7b7", 4: "#93c47d", 5: "#f6b26b"}


def face_pixmap(score: int, size: int = 48) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    margin = size * 0.06
    painter.setBrush(QColor(FACE_COLORS[score]))
    painter.setPen(QPen(QColor("#444444"), max(1.0, size / 32)))
    painter.drawEllipse(QRectF(margin, margin, size - 2 * margin, size - 2 * margin))
    painter.setBrush(QColor("#333333"))
    eye = size * 0.07
    for x in (0.36, 0.64):
        painter.drawEllipse(QPointF(size * x, size * 0.40), eye, eye)
    # Mouth: a curve from frown (1) to smile (5).
    bend = (score - 3) * size * 0.09
    path = QPainterPath(QPointF(size * 0.30, size * 0.66))
    path.quadTo(QPointF(size * 0.5, size * 0.66 + bend * 1.6), QPointF(size * 0.70, size * 0.66))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(
        QPen(QColor("#333333"), max(1.5, size / 18), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
    )
    painter.drawPath(path)
    painter.end()
    return pixmap


def face_icon(score: int) -> QIcon:
    icon = QIcon()
    for size in (16, 24, 32, 48, 64):
        icon.addPixmap(face_pixmap(score, size))
    return icon
