"""The Today page's look, on the app's visual language (``ui/design.py``: spacing, type,
radii; ``ui/icons.py``: the line icons) and the palette, so light and dark both read well:
cards on the base colour with an icon and a name, quiet secondary text, and the small status
marks (near a limit, over it) that say with a shape what the colour says."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QEvent, QLocale, QPointF, QRectF, QSize, Qt, QTime
from PySide6.QtGui import QColor, QFont, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from wellbeing_app.ui import design
from wellbeing_app.ui.icons import icon
from wellbeing_app.ui.mood_palette import blend

PALETTE_CHANGES = (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange)


def clock_text(at: datetime | QTime) -> str:
    """A time of day as the user's locale writes it ("16:05", "4:05 PM")."""
    time = at if isinstance(at, QTime) else QTime(at.hour, at.minute)
    return QLocale().toString(time, QLocale.FormatType.ShortFormat)


def secondary_text(palette: QPalette) -> QColor:
    """Text that reads as secondary and still keeps AA contrast on window and base."""
    return blend(
        palette.color(QPalette.ColorRole.Window), palette.color(QPalette.ColorRole.WindowText), 0.72
    )


def track_colour(palette: QPalette) -> QColor:
    """The empty part of a bar: a faint tint of the text on the base."""
    return blend(
        palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Text), 0.10
    )


def type_font(
    step: design.TypeStep, widget: QWidget, *, weight: QFont.Weight | None = None
) -> QFont:
    """The font of type step ``step`` for ``widget`` (optionally in another weight)."""
    made = design.font(step, widget.font())
    if weight is not None:
        made.setWeight(weight)
    return made


def page_style(palette: QPalette) -> str:
    """The style sheet for the page: cards, titles and secondary text, from ``palette``."""
    window = palette.color(QPalette.ColorRole.Window)
    text = palette.color(QPalette.ColorRole.WindowText)
    edge = blend(window, text, 0.16).name()
    secondary = secondary_text(palette).name()
    return f"""
QFrame#todayCard {{
    background-color: palette(base); border: 1px solid {edge}; border-radius: {design.RADIUS_M}px;
}}
QLabel[secondary="true"] {{ color: {secondary}; }}
QPushButton#todayMore {{
    border: none; color: palette(link); text-decoration: underline; padding: 2px 0;
    text-align: left;
}}
QPushButton#todayMore:focus {{
    border: 2px solid palette(highlight); border-radius: {design.RADIUS_S}px;
}}
"""


def secondary(label: QLabel) -> QLabel:
    """Marks ``label`` as secondary text (the page style sheet colours it)."""
    label.setProperty("secondary", True)
    return label


class IconLabel(QLabel):
    """One of the app's line icons, drawn again when the palette changes."""

    def __init__(self, name: str, size: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._name, self._size = name, size
        self.setFixedSize(QSize(size, size))
        self._draw()

    def _draw(self) -> None:
        self.setPixmap(icon(self._name, self.palette()).pixmap(QSize(self._size, self._size)))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in PALETTE_CHANGES:
            self._draw()


class Card(QFrame):
    """A rounded panel named by an icon and a title; widgets go in ``body``."""

    def __init__(self, title: str, icon_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("todayCard")
        self.icon = IconLabel(icon_name, design.ICON_S)
        self.title = QLabel(title)
        self.title.setObjectName("todayCardTitle")
        self.title.setFont(type_font(design.LABEL, self.title))
        heading = QHBoxLayout()
        heading.setSpacing(design.SPACE_S)
        heading.addWidget(self.icon)
        heading.addWidget(self.title, 1)
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(design.SPACE_L, design.SPACE_M, design.SPACE_L, design.SPACE_L)
        self.body.setSpacing(design.SPACE_S)
        self.body.addLayout(heading)


def status_mark(kind: str, colour: QColor, ink: QColor, size: int) -> QPixmap:
    """A small mark for a bar's state: a part-filled circle when near, a "!" disc when over
    (the disc in ``colour``, its "!" in ``ink``).

    Any other ``kind`` gives an empty mark of the same size, so text stays aligned."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    if kind not in ("near", "over"):
        return pixmap
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    line = max(1.2, size / 10)
    box = QRectF(line, line, size - 2 * line, size - 2 * line)
    if kind == "near":
        painter.setPen(QPen(colour, line))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(box)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawPie(box, 90 * 16, -270 * 16)  # three quarters gone
    else:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawEllipse(box)
        painter.setPen(QPen(ink, line * 1.2, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        middle = size / 2
        painter.drawLine(QPointF(middle, size * 0.28), QPointF(middle, size * 0.56))
        painter.drawPoint(QPointF(middle, size * 0.72))
    painter.end()
    return pixmap
