"""A limit's used fraction in a table: the item role that carries it, and the delegate that
paints it as a slim bar after the cell's text (the Boundaries page's limits table), drawn like
Today's bars: the palette's highlight, a darker fill with hatching once the limit is passed (so
"over" never rests on colour alone), and the selection's text colour on a selected row."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from wellbeing_app.core.today import NEAR_FRACTION, BarState
from wellbeing_app.ui import design
from wellbeing_app.ui.mood_palette import blend
from wellbeing_app.ui.today_limits import bar_colours
from wellbeing_app.ui.today_style import track_colour

LIMIT_FRACTION_ROLE = Qt.ItemDataRole.UserRole + 1

# Bars start here (a share of the cell) unless the text is wider, so they line up in a column.
BAR_START = 0.45
BAR_HEIGHT = 0.62  # of the font's height, as on Today


def bar_rect(option: QStyleOptionViewItem, text: str) -> QRectF | None:
    """Where the bar goes in a cell showing ``text``; ``None`` when there is no room for one."""
    cell = option.rect
    metrics = option.fontMetrics
    style = option.widget.style() if option.widget is not None else None
    margin = (
        style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, option.widget) + 1
        if style is not None
        else design.SPACE_XS
    )
    after_text = margin + metrics.horizontalAdvance(text) + design.SPACE_M
    left = cell.left() + max(after_text, round(cell.width() * BAR_START))
    right = cell.right() - design.SPACE_S
    if right - left < design.SPACE_XXL:
        return None
    height = max(design.SPACE_XS, round(metrics.height() * BAR_HEIGHT))
    top = cell.top() + (cell.height() - height) / 2
    return QRectF(left, top, right - left, height)


def bar_fill(palette: QPalette, fraction: float, selected: bool) -> tuple[QColor, QColor]:
    """The colours of the bar's track and its filled part."""
    if selected:
        on = palette.color(QPalette.ColorRole.HighlightedText)
        return blend(palette.color(QPalette.ColorRole.Highlight), on, 0.3), on
    fill, _rest = bar_colours(palette, bar_state(fraction))
    return track_colour(palette), fill


def bar_state(fraction: float) -> BarState:
    """Under, near or over the limit, by the same thresholds as Today's bars."""
    return "over" if fraction >= 1 else "near" if fraction >= NEAR_FRACTION else "calm"


class LimitBarDelegate(QStyledItemDelegate):
    """The cell's text, then a slim bar of the day's use against the limit; hatched once over."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        super().paint(painter, option, index)
        fraction = index.data(LIMIT_FRACTION_ROLE)
        if not isinstance(fraction, float):
            return
        text = index.data(Qt.ItemDataRole.DisplayRole)
        rect = bar_rect(option, text if isinstance(text, str) else "")
        if rect is None:
            return
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        track, fill = bar_fill(option.palette, fraction, selected)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        radius = rect.height() / 2
        shape = QPainterPath()
        shape.addRoundedRect(rect, radius, radius)
        painter.setClipPath(shape)
        painter.fillRect(rect, track)
        filled = QRectF(rect)
        filled.setWidth(rect.width() * max(0.0, min(fraction, 1.0)))
        painter.fillRect(filled, fill)
        if bar_state(fraction) == "over":
            base = option.palette.color(QPalette.ColorRole.Base)
            painter.fillRect(rect, QBrush(base, Qt.BrushStyle.BDiagPattern))
        painter.restore()
