"""Mood faces drawn with QPainter (the same on every desktop, with no emoji font), and the
buttons people pick faces and feelings with, styled so that what was picked is unmistakable:
a strong fill, a check mark, and a focus ring for the keyboard."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QAbstractButton, QToolButton

from wellbeing_app.ui.mood_palette import MoodPalette, mood_palette, selection_colours


def face_pixmap(score: int, size: int = 48, palette: MoodPalette | None = None) -> QPixmap:
    """A face in the mood's colour; its features take the text colour readable on that fill."""
    colours = palette if palette is not None else mood_palette()
    ink = colours.text(score)
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    margin = size * 0.06
    painter.setBrush(colours.fill(score))
    painter.setPen(QPen(ink, max(1.0, size / 32)))
    painter.drawEllipse(QRectF(margin, margin, size - 2 * margin, size - 2 * margin))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(ink)
    eye = size * 0.07
    for x in (0.36, 0.64):
        painter.drawEllipse(QPointF(size * x, size * 0.40), eye, eye)
    # Mouth: a curve from frown (1) to smile (5).
    bend = (score - 3) * size * 0.09
    path = QPainterPath(QPointF(size * 0.30, size * 0.66))
    path.quadTo(QPointF(size * 0.5, size * 0.66 + bend * 1.6), QPointF(size * 0.70, size * 0.66))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(QPen(ink, max(1.5, size / 18), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    painter.drawPath(path)
    painter.end()
    return pixmap


def _check_badge(pixmap: QPixmap, ring: QColor, fill: QColor, tick: QColor) -> QPixmap:
    """``pixmap`` with a round check badge in its lower right corner."""
    marked = QPixmap(pixmap)
    size = marked.width()
    painter = QPainter(marked)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    radius = size * 0.2
    centre = QPointF(size - radius - 0.5, size - radius - 0.5)
    painter.setPen(QPen(ring, max(1.0, size / 24)))
    painter.setBrush(fill)
    painter.drawEllipse(centre, radius, radius)
    _draw_tick(
        painter, QRectF(centre.x() - radius, centre.y() - radius, 2 * radius, 2 * radius), tick
    )
    painter.end()
    return marked


def _draw_tick(painter: QPainter, box: QRectF, colour: QColor) -> None:
    pen = QPen(colour, max(1.5, box.width() / 6), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    path = QPainterPath(QPointF(box.left() + box.width() * 0.27, box.top() + box.height() * 0.52))
    path.lineTo(box.left() + box.width() * 0.44, box.top() + box.height() * 0.69)
    path.lineTo(box.left() + box.width() * 0.74, box.top() + box.height() * 0.33)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(path)


def face_icon(score: int, palette: MoodPalette | None = None) -> QIcon:
    """The face at every size; checked (the ``On`` state) it carries a check badge."""
    colours = palette if palette is not None else mood_palette()
    ui = QPalette()
    icon = QIcon()
    for size in (16, 24, 32, 44, 48, 64):
        face = face_pixmap(score, size, colours)
        icon.addPixmap(face, QIcon.Mode.Normal, QIcon.State.Off)
        badge = _check_badge(
            face,
            colours.fill(score),
            ui.color(QPalette.ColorRole.WindowText),
            ui.color(QPalette.ColorRole.Window),
        )
        icon.addPixmap(badge, QIcon.Mode.Normal, QIcon.State.On)
    return icon


def check_icon(colour: QColor, size: int = 16) -> QIcon:
    """A check mark when checked and an empty space of the same size when not, so a chip
    keeps its width as it is toggled."""
    blank = QPixmap(size, size)
    blank.fill(Qt.GlobalColor.transparent)
    ticked = QPixmap(blank)
    painter = QPainter(ticked)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    _draw_tick(painter, QRectF(0, 0, size, size), colour)
    painter.end()
    icon = QIcon()
    icon.addPixmap(blank, QIcon.Mode.Normal, QIcon.State.Off)
    icon.addPixmap(ticked, QIcon.Mode.Normal, QIcon.State.On)
    return icon


# The focus ring comes last so it shows on a chosen button too.
_FACE_STYLE = """
QToolButton {{
    border: 2px solid transparent; border-radius: 10px; padding: 4px 6px;
    background-color: transparent; color: palette(window-text);
}}
QToolButton:hover {{ border-color: palette(mid); }}
QToolButton:checked {{
    background-color: {fill}; color: {text}; border-color: palette(window-text); font-weight: bold;
}}
QToolButton:focus {{ border: 2px solid palette(highlight); }}
QToolButton:checked:focus {{ border: 3px solid palette(highlight); }}
"""

_CHIP_STYLE = """
QPushButton {{
    border: 1px solid palette(mid); border-radius: 13px; padding: 4px 12px 4px 6px;
    background-color: palette(button); color: palette(button-text); min-height: 18px;
}}
QPushButton:hover {{ border-color: palette(highlight); }}
QPushButton:checked {{
    background-color: {fill}; color: {text}; border-color: {fill};
}}
QPushButton:focus {{ border: 2px solid palette(window-text); }}
"""


def style_face_button(button: QToolButton, score: int, palette: MoodPalette | None = None) -> None:
    """A face button that, once chosen, fills with its mood's colour and shows a check;
    it takes keyboard focus (Tab, then Space) and shows a ring while it has it."""
    colours = palette if palette is not None else mood_palette()
    button.setIcon(face_icon(score, colours))
    button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    button.setStyleSheet(
        _FACE_STYLE.format(fill=colours.fill(score).name(), text=colours.text(score).name())
    )


def style_chip(button: QAbstractButton) -> None:
    """A pill-shaped toggle: the accent fill (kept at AA contrast) and a check mark when
    chosen, a ring on focus."""
    fill, text = selection_colours(button.palette())
    button.setIcon(check_icon(text))
    button.setIconSize(QSize(14, 14))
    button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    button.setStyleSheet(_CHIP_STYLE.format(fill=fill.name(), text=text.name()))
