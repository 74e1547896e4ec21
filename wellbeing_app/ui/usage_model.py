"""A limit's used fraction in a table: the item role that carries it, and the delegate that
paints it as a quiet bar behind the cell's text (the Boundaries page's limits table)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

LIMIT_FRACTION_ROLE = Qt.ItemDataRole.UserRole + 1

_CALM = QColor("#3f8f7b")
_NEAR = QColor("#d9a441")
_OVER = QColor("#c8664f")


class LimitBarDelegate(QStyledItemDelegate):
    """Paints the limit column as a quiet bar behind its text: green, amber near, rust over."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        fraction = index.data(LIMIT_FRACTION_ROLE)
        if isinstance(fraction, float):
            rect: QRect = option.rect.adjusted(4, 6, -4, -6)
            color = _CALM if fraction < 0.8 else _NEAR if fraction < 1 else _OVER
            painter.save()
            painter.setPen(Qt.PenStyle.NoPen)
            track = QColor(color)
            track.setAlpha(40)
            painter.setBrush(track)
            painter.drawRoundedRect(rect, 4, 4)
            filled = QRect(rect)
            filled.setWidth(int(rect.width() * min(fraction, 1.0)))
            fill = QColor(color)
            fill.setAlpha(110)
            painter.setBrush(fill)
            painter.drawRoundedRect(filled, 4, 4)
            painter.restore()
        super().paint(painter, option, index)
