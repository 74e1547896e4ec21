"""The column of pages on the left of the main window: a line icon and a name per page.

The chosen page is unmistakable: its row is filled with the accent (the palette's highlight,
darkened just enough for its text to keep AA contrast, ``mood_palette.selection_colours``), its
name is in the label weight and its icon in the highlighted-text colour. The row under the mouse
is tinted; the row with the keyboard focus has a ring in the accent around it, a gap away from
the fill, so it shows on the chosen row and the others alike. Up/Down, Home/End and Page Up/Down
move between pages (the main window adds Ctrl+1…9).

The column is as wide as its longest name needs in the label weight (``column_width``), at least
``WIDTH`` and at most ``MAX_WIDTH``, so no name is cut short when chosen, in any language; a
name longer than ``MAX_WIDTH`` allows is elided, whole in its tooltip. When the rows do not all fit
its height, the column widens by its scroll bar.

Rows are known by their English title (``page_key``) and translated only where shown, so code
asks for "Insights" in every language.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QFontMetricsF,
    QIcon,
    QPainter,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from wellbeing_app.ui import design
from wellbeing_app.ui.i18n import QT_TRANSLATE_NOOP
from wellbeing_app.ui.icons import icon
from wellbeing_app.ui.mood_palette import blend, selection_colours

CONTEXT = "PageNav"  # lupdate reads only literals: the calls below spell it out
WIDTH = 170  # logical px, the narrowest; the pages get the rest
MAX_WIDTH = 220  # the widest, however long a translated name (the window must fit 683 px)

# Every page the window can show, by its English title, and its icon.
PAGE_ICONS: dict[str, str] = {
    QT_TRANSLATE_NOOP("PageNav", "Today"): "today",
    QT_TRANSLATE_NOOP("PageNav", "Journal"): "journal",
    QT_TRANSLATE_NOOP("PageNav", "Insights"): "insights",
    QT_TRANSLATE_NOOP("PageNav", "Boundaries"): "boundaries",
    QT_TRANSLATE_NOOP("PageNav", "Activities"): "activities",
    QT_TRANSLATE_NOOP("PageNav", "Report & export"): "report",
    QT_TRANSLATE_NOOP("PageNav", "Settings"): "settings",
    QT_TRANSLATE_NOOP("PageNav", "Help"): "help",
}

KEY_ROLE = Qt.ItemDataRole.UserRole  # the English title
ICON_ROLE = Qt.ItemDataRole.UserRole + 1  # the icon's name

_PALETTE_CHANGES = (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange)
_BAR_CHANGES = (QEvent.Type.Show, QEvent.Type.Hide)
_FONT_CHANGES = (QEvent.Type.FontChange, QEvent.Type.ApplicationFontChange)
_ROW_INSET = 4  # between a row's fill and its edge: room for the focus ring
_FOCUS_RING = 2
_FOCUS_GAP = 2  # between the fill and the ring, so the ring shows on the chosen row too
_HOVER_TINT = 0.08
# Around a name: the row's margins, the fill's padding, the icon and its gap, the end padding.
_CHROME = 2 * design.SPACE_S + design.SPACE_M + design.ICON_M + design.SPACE_S + design.SPACE_S


def name_font(base: QFont, *, selected: bool) -> QFont:
    """The font of a row's name: the label weight on the chosen row, else the body."""
    return design.font(design.LABEL if selected else design.BODY, base)


def column_width(base: QFont, names: Iterable[str]) -> int:
    """The width (logical px) that shows every one of ``names`` whole in the label weight."""
    metrics = QFontMetricsF(name_font(base, selected=True))
    widest = max((math.ceil(metrics.horizontalAdvance(name)) for name in names), default=0)
    # +2: a QRect's right edge is one short of its width, and text is rounded at 150 %.
    return max(WIDTH, min(MAX_WIDTH, _CHROME + widest + 2))


def row_colours(
    palette: QPalette, *, selected: bool, hovered: bool
) -> tuple[QColor | None, QColor]:
    """The fill (``None``: the sidebar shows through) and the text colour of a row."""
    if selected:
        return selection_colours(palette)
    text = palette.color(QPalette.ColorRole.WindowText)
    if hovered:
        return blend(palette.color(QPalette.ColorRole.AlternateBase), text, _HOVER_TINT), text
    return None, text


def focus_ring_colour(palette: QPalette) -> QColor:
    """The keyboard-focus ring: the accent, as on the chosen row, drawn around the row with a
    gap so it reads as a ring on the sidebar."""
    return selection_colours(palette)[0]


def _fill_box(row: QRect) -> QRect:
    return row.adjusted(design.SPACE_S, _ROW_INSET, -design.SPACE_S, -_ROW_INSET)


def name_box(row: QRect, *, has_icon: bool = True) -> QRect:
    """Where a row's name is drawn (elided if it is wider), for a row at ``row``."""
    box = _fill_box(row)
    left = box.left() + design.SPACE_M
    if has_icon:
        left += design.ICON_M + design.SPACE_S
    return QRect(left, box.top(), box.right() - left - design.SPACE_S, box.height())


class NavDelegate(QStyledItemDelegate):
    """Draws a row: the fill, the focus ring, the icon and the name (see the module docstring)."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        state = option.state
        palette: QPalette = option.palette
        rect: QRect = option.rect
        selected = bool(state & QStyle.StateFlag.State_Selected)
        hovered = bool(state & QStyle.StateFlag.State_MouseOver)
        fill, ink = row_colours(palette, selected=selected, hovered=hovered)
        box = _fill_box(rect)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if fill is not None:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(fill)
            painter.drawRoundedRect(box, design.RADIUS_M, design.RADIUS_M)
        if state & QStyle.StateFlag.State_HasFocus:
            painter.setPen(QPen(focus_ring_colour(palette), _FOCUS_RING))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            out = _FOCUS_GAP + _FOCUS_RING / 2
            around = QRectF(box).adjusted(-out, -out, out, out)
            painter.drawRoundedRect(around, design.RADIUS_M + out, design.RADIUS_M + out)
        shown = index.data(Qt.ItemDataRole.DecorationRole)
        has_icon = isinstance(shown, QIcon)
        if isinstance(shown, QIcon):
            mode = QIcon.Mode.Selected if selected else QIcon.Mode.Normal
            top = box.top() + (box.height() - design.ICON_M) // 2
            icon_box = QRect(box.left() + design.SPACE_M, top, design.ICON_M, design.ICON_M)
            shown.paint(painter, icon_box, mode=mode)
        font = name_font(option.font, selected=selected)
        painter.setFont(font)
        painter.setPen(ink)
        text_box = name_box(rect, has_icon=has_icon)
        text = QFontMetrics(font).elidedText(
            str(index.data(Qt.ItemDataRole.DisplayRole)),
            Qt.TextElideMode.ElideRight,
            text_box.width(),
        )
        painter.drawText(text_box, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        font = name_font(option.font, selected=True)
        line = max(design.ICON_M, QFontMetrics(font).height())
        name = str(index.data(Qt.ItemDataRole.DisplayRole))
        return QSize(column_width(option.font, [name]), line + 2 * (design.SPACE_XS + _ROW_INSET))


class PageNav(QListWidget):
    """The list of pages; ``currentRowChanged`` says which one to show."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pageNav")
        self.setAccessibleName(QCoreApplication.translate("PageNav", "Pages"))
        self.setFixedWidth(WIDTH)  # widened by the names added (``_fit_names``)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setIconSize(QSize(design.ICON_M, design.ICON_M))
        self.setItemDelegate(NavDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_Hover)
        self.viewport().setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.setSpacing(0)
        self.setContentsMargins(0, 0, 0, 0)
        self.setViewportMargins(0, design.SPACE_S, 0, design.SPACE_S)
        # On a window too short for every row, the scroll bar takes its width from the names.
        self.verticalScrollBar().installEventFilter(self)

    def add_page(self, key: str, icon_name: str | None = None) -> QListWidgetItem:
        """A row for the page titled ``key`` (English, one of ``PAGE_ICONS`` unless
        ``icon_name`` is given), shown translated.

        Raises:
            KeyError: ``key`` has no icon of its own and none was given.
        """
        name = icon_name if icon_name is not None else PAGE_ICONS[key]
        item = QListWidgetItem(QCoreApplication.translate(CONTEXT, key), self)
        item.setData(KEY_ROLE, key)
        item.setData(ICON_ROLE, name)
        item.setIcon(icon(name, self.palette()))
        item.setToolTip(item.text())
        self._fit_names()
        return item

    def _fit_names(self) -> None:
        names = [self.item(row).text() for row in range(self.count())]
        bar = self.verticalScrollBar()
        extra = bar.sizeHint().width() if bar.isVisibleTo(self) else 0
        self.setFixedWidth(column_width(self.font(), names) + extra)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.verticalScrollBar() and event.type() in _BAR_CHANGES:
            self._fit_names()
        return super().eventFilter(watched, event)

    def page_key(self, row: int) -> str:
        """The English title of the page in ``row``."""
        return str(self.item(row).data(KEY_ROLE))

    def row_of(self, key: str) -> int:
        """The row of the page titled ``key`` (English), or -1."""
        for row in range(self.count()):
            if self.page_key(row) == key:
                return row
        return -1

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in _PALETTE_CHANGES:
            for row in range(self.count()):
                item = self.item(row)
                item.setIcon(icon(str(item.data(ICON_ROLE)), self.palette()))
        elif event.type() == QEvent.Type.LanguageChange:
            for row in range(self.count()):
                item = self.item(row)
                item.setText(QCoreApplication.translate(CONTEXT, self.page_key(row)))
                item.setToolTip(item.text())
            self.setAccessibleName(QCoreApplication.translate("PageNav", "Pages"))
            self._fit_names()
        elif event.type() in _FONT_CHANGES:
            self._fit_names()
