"""The break overlay: one frameless, dimmed, full-screen window on every screen.

Like Stretchly and Safe Eyes, a break is something people notice: every screen is dimmed, the
:class:`~wellbeing_app.ui.break_card.BreakCard` sits in the middle of one of them (the screen
under the mouse pointer, else the primary one), and the others show one short line. Screens
plugged in or removed while the overlay shows get (or lose) their window; if the card's screen
goes away, the card moves to another one.

The dim is the palette's shadow colour tinted with its highlight, in a window at 90 % opacity:
with a compositor the desktop shows faintly through it, without one it is simply dark. Text sits
on palette-coloured surfaces, so it reads in light and dark themes.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QColor,
    QCursor,
    QGuiApplication,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QScreen,
)
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from wellbeing_app.ui import design
from wellbeing_app.ui.break_card import BreakCard

DIM_OPACITY = 0.9


class ScreenShade(QWidget):
    """One screen's window of the overlay: the dim, and either the card or a short line."""

    escape_pressed = Signal()

    def __init__(self, screen: QScreen) -> None:
        super().__init__(
            None,
            Qt.WindowType.Window
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint,
        )
        self.setWindowTitle(self.tr("A short break — Wellbeing"))
        # Opaque paint, translucent window: with a compositor the desktop shows faintly
        # through; without one (where translucent paint turns flat grey) the dim is just dark.
        self.setWindowOpacity(DIM_OPACITY)
        self.screen_covered = screen
        self.line = QLabel()
        self.line.setObjectName("breakLine")
        self.line.setStyleSheet(
            "#breakLine { background: palette(window); color: palette(window-text);"
            f" border-radius: {design.RADIUS_M}px;"
            f" padding: {design.SPACE_M}px {design.SPACE_XL}px; }}"
        )
        self.line.setFont(design.font(design.TITLE, self.line.font()))
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.line)
        row.addStretch(1)
        self._row = row
        # Centred; and on a small screen at a large scale, scrolled rather than cut off.
        middle = QWidget()
        centred = QVBoxLayout(middle)
        centred.addStretch(1)
        centred.addLayout(row)
        centred.addStretch(1)
        area = QScrollArea()
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setWidgetResizable(True)
        area.setWidget(middle)
        for see_through in (area, area.viewport(), middle):
            see_through.setAutoFillBackground(False)  # the dim shows through
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(area)
        self.cover(screen)

    def cover(self, screen: QScreen) -> None:
        """Puts the window on ``screen`` and gives it the screen's whole geometry."""
        self.screen_covered = screen
        self.setScreen(screen)
        self.setGeometry(screen.geometry())

    def hold(self, card: BreakCard | None) -> None:
        """Shows ``card`` in the middle (``None``: the short line instead)."""
        if card is not None:
            self._row.insertWidget(1, card, 100)
            card.show()
        self.line.setVisible(card is None)

    def paintEvent(self, event: QPaintEvent) -> None:
        QPainter(self).fillRect(self.rect(), dim_colour(self.palette()))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.escape_pressed.emit()  # on a screen without the card: the card decides
        else:
            super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        # The window manager's close (Alt+F4) is Escape: allowed or not by the card's rules.
        # The overlay itself only ever hides these windows.
        event.ignore()
        self.escape_pressed.emit()


def dim_colour(palette: QPalette) -> QColor:
    """The palette's shadow with a hint of its highlight: dark in any theme, never a bare grey."""
    shadow = palette.color(QPalette.ColorRole.Shadow).darker(300)  # some styles' is mid-grey
    accent = palette.color(QPalette.ColorRole.Highlight)
    share = 0.18
    return QColor(
        round(shadow.red() * (1 - share) + accent.red() * share),
        round(shadow.green() * (1 - share) + accent.green() * share),
        round(shadow.blue() * (1 - share) + accent.blue() * share),
    )


class BreakOverlay(QObject):
    """Covers every screen while shown, following screens as they come and go."""

    def __init__(self, card: BreakCard, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.card = card
        self._shades: dict[QScreen, ScreenShade] = {}
        self._card_screen: QScreen | None = None
        self._line = ""
        app = QGuiApplication.instance()
        assert isinstance(app, QGuiApplication)
        self._app = app
        app.screenAdded.connect(self._on_screen_added)
        app.screenRemoved.connect(self._on_screen_removed)
        self._following = True

    @property
    def shown(self) -> bool:
        return bool(self._shades)

    @property
    def windows(self) -> list[ScreenShade]:
        return list(self._shades.values())

    @property
    def card_screen(self) -> QScreen | None:
        return self._card_screen

    def show(self, line: str) -> None:
        """Dims every screen, the card in the middle of one; ``line`` on the others."""
        self.set_line(line)
        if not self._shades:
            for screen in QGuiApplication.screens():
                self._add(screen)
            if self._shades:  # no screen at all (everything unplugged): nothing to show on
                self._place_card(self._screen_for_card())
        for shade in self._shades.values():
            shade.showFullScreen()
            shade.raise_()
        holder = self._holder()
        if holder is not None:
            holder.activateWindow()
        self.card.setFocus()

    def set_line(self, line: str) -> None:
        self._line = line
        for shade in self._shades.values():
            shade.line.setText(line)

    def hide(self) -> None:
        """Takes every window away (the card is kept for the next time)."""
        self.card.hide()
        self.card.setParent(None)
        for shade in self._shades.values():
            shade.hide()
            shade.deleteLater()
        self._shades.clear()
        self._card_screen = None

    def shutdown(self) -> None:
        """Hides, and stops following screens (once; a second call changes nothing)."""
        self.hide()
        if self._following:
            self._following = False
            self._app.screenAdded.disconnect(self._on_screen_added)
            self._app.screenRemoved.disconnect(self._on_screen_removed)

    # -------------------------------------------------------------------------------- slots

    def _on_screen_added(self, screen: QScreen) -> None:
        if self._shades and screen not in self._shades:
            self._add(screen).showFullScreen()

    def _on_screen_removed(self, screen: QScreen) -> None:
        shade = self._shades.pop(screen, None)
        if shade is None:
            return
        if screen is self._card_screen:
            self.card.setParent(None)
            self._card_screen = None
            if self._shades:
                self._place_card(self._screen_for_card())
                self.card.setFocus()
        shade.hide()
        shade.deleteLater()

    def _on_escape_pressed(self) -> None:
        self.card.leave()

    def _on_screen_geometry_changed(self) -> None:
        for shade in self._shades.values():
            shade.cover(shade.screen_covered)

    # ---------------------------------------------------------------------------- helpers

    def _add(self, screen: QScreen) -> ScreenShade:
        shade = ScreenShade(screen)
        shade.setWindowIcon(QGuiApplication.windowIcon())
        shade.line.setText(self._line)
        shade.hold(None)
        shade.escape_pressed.connect(self._on_escape_pressed)
        screen.geometryChanged.connect(self._on_screen_geometry_changed)
        self._shades[screen] = shade
        return shade

    def _screen_for_card(self) -> QScreen:
        under_pointer = QGuiApplication.screenAt(QCursor.pos())
        if under_pointer in self._shades:
            return under_pointer
        primary = QGuiApplication.primaryScreen()
        return primary if primary in self._shades else next(iter(self._shades))

    def _place_card(self, screen: QScreen) -> None:
        self._card_screen = screen
        shade = self._shades[screen]
        shade.hold(self.card)
        if shade.isVisible():
            shade.activateWindow()

    def _holder(self) -> ScreenShade | None:
        return self._shades.get(self._card_screen) if self._card_screen else None
