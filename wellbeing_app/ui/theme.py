"""Light and dark: the app's own palettes, chosen by the ``appearance`` setting or the desktop.

``appearance`` is "system", "light" or "dark". Light and dark are palettes of our own on the
Fusion style (which draws with the palette on every platform), with every text colour at least
4.5:1 against the background it is drawn on (WCAG AA; ``tests/ui/test_theme.py`` measures them,
``docs/design.md`` lists them). "system" follows the desktop's colour scheme
(``QStyleHints.colorScheme``); when the desktop does not say, Qt's own style and palette stay.

``AppStyle``, a proxy around the chosen style installed in every look, adds two things:

- Dialog buttons (OK, Cancel, Save, Close… in ``QDialogButtonBox`` and ``QMessageBox``) are
  text only, as GNOME's and KDE's guidelines and macOS have them: the style's floppy disks and
  red crosses would clash with the app's own line icons, and a button's word says it all.
- On Fusion (light and dark), check boxes and radio buttons have an outline of at least 3:1
  against every background they sit on (WCAG 1.4.11, ``indicator_outline``); Fusion's own is a
  shade of the window colour (1.0 to 1.3:1 in dark, 1.5 to 1.8:1 in light).

``AppearanceController`` keeps the application's look in step with the setting and the desktop;
its owner calls ``stop()`` at shutdown.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QObject, QPointF, QRectF, Qt, Signal, SignalInstance
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import (
    QApplication,
    QProxyStyle,
    QStyle,
    QStyleHintReturn,
    QStyleOption,
    QWidget,
)

from wellbeing_app.core.settings import APPEARANCES, Settings
from wellbeing_app.services.settings_service import SettingsService
from wellbeing_app.ui import icons
from wellbeing_app.ui.mood_palette import blend, contrast_ratio

Role = QPalette.ColorRole
Group = QPalette.ColorGroup

STYLE = "Fusion"
# Where the style Qt chose is remembered before the first change, to go back to it.
_DEFAULT_STYLE_PROPERTY = "wellbeingDefaultStyle"

# Text roles and the background each is drawn on; every pair keeps 4.5:1 in both palettes.
TEXT_PAIRS: tuple[tuple[Role, Role], ...] = (
    (Role.WindowText, Role.Window),
    (Role.Text, Role.Base),
    (Role.Text, Role.AlternateBase),
    (Role.Text, Role.Window),
    (Role.ButtonText, Role.Button),
    (Role.HighlightedText, Role.Highlight),
    (Role.PlaceholderText, Role.Base),
    (Role.PlaceholderText, Role.Window),
    (Role.ToolTipText, Role.ToolTipBase),
    (Role.Link, Role.Base),
    (Role.Link, Role.Window),
    (Role.LinkVisited, Role.Base),
)

LIGHT: dict[Role, str] = {
    Role.Window: "#f5f4f1",
    Role.WindowText: "#1d2126",
    Role.Base: "#ffffff",
    Role.AlternateBase: "#efeeea",
    Role.Text: "#1d2126",
    Role.Button: "#e9e7e3",
    Role.ButtonText: "#1d2126",
    Role.BrightText: "#ffffff",
    Role.Highlight: "#2b6a94",
    Role.HighlightedText: "#ffffff",
    Role.Accent: "#2b6a94",
    Role.PlaceholderText: "#636870",
    Role.ToolTipBase: "#2d3138",
    Role.ToolTipText: "#f5f4f1",
    Role.Link: "#1f5d8f",
    Role.LinkVisited: "#6a4a9c",
    Role.Light: "#ffffff",
    Role.Midlight: "#f3f2ef",
    Role.Mid: "#c4c1bb",
    Role.Dark: "#a19e98",
    Role.Shadow: "#5c5a56",
}
LIGHT_DISABLED: dict[Role, str] = {
    Role.WindowText: "#8b9097",
    Role.Text: "#8b9097",
    Role.ButtonText: "#8b9097",
    Role.PlaceholderText: "#a4a8ae",
    Role.Highlight: "#c9c7c2",
    Role.HighlightedText: "#5c6066",
}

DARK: dict[Role, str] = {
    Role.Window: "#1f2023",
    Role.WindowText: "#e8e6e3",
    Role.Base: "#17181b",
    Role.AlternateBase: "#25262a",
    Role.Text: "#e8e6e3",
    Role.Button: "#2c2e33",
    Role.ButtonText: "#e8e6e3",
    Role.BrightText: "#ffffff",
    Role.Highlight: "#4f93c4",
    Role.HighlightedText: "#0d1115",
    Role.Accent: "#4f93c4",
    Role.PlaceholderText: "#9b9fa6",
    Role.ToolTipBase: "#eceae6",
    Role.ToolTipText: "#1d2126",
    Role.Link: "#8cc2f0",
    Role.LinkVisited: "#c3a6ee",
    Role.Light: "#4a4d53",
    Role.Midlight: "#3a3c41",
    Role.Mid: "#232428",
    Role.Dark: "#141517",
    Role.Shadow: "#000000",
}
DARK_DISABLED: dict[Role, str] = {
    Role.WindowText: "#6c7077",
    Role.Text: "#6c7077",
    Role.ButtonText: "#6c7077",
    Role.PlaceholderText: "#565a60",
    Role.Highlight: "#3a3c41",
    Role.HighlightedText: "#8b9097",
}


# The backgrounds a check box or radio button is drawn on: windows, cards and lists, buttons.
INDICATOR_GROUNDS: tuple[Role, ...] = (Role.Window, Role.Base, Role.AlternateBase, Role.Button)
NON_TEXT_CONTRAST = 3.0  # WCAG 2.x 1.4.11: the edge of a control against what is around it

_CHECK = QStyle.PrimitiveElement.PE_IndicatorCheckBox
_RADIO = QStyle.PrimitiveElement.PE_IndicatorRadioButton


def indicator_outline(palette: QPalette, group: Group = Group.Active) -> QColor:
    """The outline of a check box or radio button: the text colour laid on the base, just
    strongly enough to keep 3:1 against every one of ``INDICATOR_GROUNDS``."""
    base, text = palette.color(group, Role.Base), palette.color(group, Role.Text)
    grounds = [palette.color(group, role) for role in INDICATOR_GROUNDS]
    for percent in range(40, 101, 5):
        colour = blend(base, text, percent / 100)
        if all(contrast_ratio(colour, ground) >= NON_TEXT_CONTRAST for ground in grounds):
            return colour
    return text


class AppStyle(QProxyStyle):
    """The style ``base`` with text-only dialog buttons and, on Fusion, check boxes and radio
    buttons outlined by ``indicator_outline``.

    Args:
        base: the style that draws everything else, or its name (``QStyleFactory.keys()``).
    """

    def __init__(self, base: str | QStyle) -> None:
        super().__init__(base)
        self._base = base  # a style object stays alive as long as the proxy drawing with it

    @property
    def base_name(self) -> str:
        """The name of the style underneath, in lower case ("fusion")."""
        return self.baseStyle().name().lower()

    def styleHint(
        self,
        hint: QStyle.StyleHint,
        option: QStyleOption | None = None,
        widget: QWidget | None = None,
        returnData: QStyleHintReturn | None = None,  # Qt's name
    ) -> int:
        if hint == QStyle.StyleHint.SH_DialogButtonBox_ButtonsHaveIcons:
            return 0
        return super().styleHint(hint, option, widget, returnData)

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if element in (_CHECK, _RADIO) and self.base_name == "fusion":
            _outline_indicator(element == _RADIO, option, painter)


def style_name(app: QApplication) -> str:
    """The name of the style drawing ``app`` ("fusion"), under an ``AppStyle`` if there is one."""
    style = app.style()
    return style.base_name if isinstance(style, AppStyle) else style.name().lower()


def _outline_indicator(round_: bool, option: QStyleOption, painter: QPainter) -> None:
    """Draws over Fusion's faint outline, on the same pixels: the accent while the keyboard
    focus is on the control, else ``indicator_outline`` (the disabled text when disabled)."""
    state, palette, rect = option.state, option.palette, option.rect
    if not state & QStyle.StateFlag.State_Enabled:
        colour = palette.color(Group.Disabled, Role.Text)
    elif (
        state & QStyle.StateFlag.State_HasFocus
        and state & QStyle.StateFlag.State_KeyboardFocusChange
    ):
        colour = palette.color(Role.Highlight)
    else:
        colour = indicator_outline(palette)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(colour, 1))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    if round_:  # Fusion's circle: centred a pixel down and right of the rect's centre
        radius = (rect.width() + (rect.width() + 1) % 2) / 2 - 1
        circle = QPainterPath()
        circle.addEllipse(QPointF(rect.center()) + QPointF(1, 1), radius, radius)
        painter.drawPath(circle)
    else:
        painter.drawRect(QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5))
    painter.restore()


def _palette(colours: dict[Role, str], disabled: dict[Role, str]) -> QPalette:
    palette = QPalette()
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))  # every group: active, inactive, disabled
    for role, colour in disabled.items():
        palette.setColor(Group.Disabled, role, QColor(colour))
    return palette


def light_palette() -> QPalette:
    return _palette(LIGHT, LIGHT_DISABLED)


def dark_palette() -> QPalette:
    return _palette(DARK, DARK_DISABLED)


def resolve(choice: str, scheme: Qt.ColorScheme) -> str:
    """The look to show: "light", "dark", or "default" (Qt's own, when the desktop is silent).

    Raises:
        ValueError: ``choice`` is not one of ``APPEARANCES``.
    """
    if choice not in APPEARANCES:
        raise ValueError(f"The appearance must be one of {', '.join(APPEARANCES)}, not {choice!r}.")
    if choice != "system":
        return choice
    return {Qt.ColorScheme.Light: "light", Qt.ColorScheme.Dark: "dark"}.get(scheme, "default")


def apply_appearance(app: QApplication, choice: str, scheme: Qt.ColorScheme | None = None) -> str:
    """Sets the style (an ``AppStyle``) and palette for ``choice`` and forgets icons drawn in
    the old colours.

    Args:
        app: the application.
        choice: "system", "light" or "dark".
        scheme: the desktop's colour scheme (default: what Qt's style hints say now).

    Returns:
        The look applied: "light", "dark" or "default".
    """
    if scheme is None:
        scheme = QGuiApplication.styleHints().colorScheme()
    look = resolve(choice, scheme)
    if app.property(_DEFAULT_STYLE_PROPERTY) is None and not isinstance(app.style(), AppStyle):
        app.setProperty(_DEFAULT_STYLE_PROPERTY, app.style().name())
    style = STYLE if look != "default" else str(app.property(_DEFAULT_STYLE_PROPERTY) or STYLE)
    current = app.style()
    if not isinstance(current, AppStyle) or current.base_name != style.lower():
        app.setStyle(AppStyle(style))
    if look == "light":
        app.setPalette(light_palette())
    elif look == "dark":
        app.setPalette(dark_palette())
    else:
        app.setPalette(QPalette())  # an empty palette brings back the style's and desktop's
    icons.clear_cache()
    return look


class ColorSchemeSource(Protocol):
    """What the controller needs of ``QStyleHints``: the scheme and news of its changes."""

    def colorScheme(self) -> Qt.ColorScheme: ...

    @property
    def colorSchemeChanged(self) -> SignalInstance: ...


class AppearanceController(QObject):
    """Keeps the app's look in step with the ``appearance`` setting and the desktop's scheme.

    Applies the setting at once, again whenever it changes, and (for "system") whenever the
    desktop switches between light and dark. ``stop()`` disconnects both, so nothing is
    applied after shutdown.

    Args:
        settings: announces setting changes.
        app: the application whose style and palette are set (default: the running one).
        hints: the desktop's colour scheme (default: the application's style hints).
    """

    appearance_changed = Signal(str)  # the look now shown: "light", "dark" or "default"

    def __init__(
        self,
        settings: SettingsService,
        parent: QObject | None = None,
        *,
        app: QApplication | None = None,
        hints: ColorSchemeSource | None = None,
    ) -> None:
        super().__init__(parent)
        if app is None:
            running = QApplication.instance()
            assert isinstance(running, QApplication), "the appearance needs a QApplication"
            app = running
        self._app = app
        self._settings = settings
        self._hints: ColorSchemeSource = hints if hints is not None else app.styleHints()
        self._choice = settings.settings.appearance
        self.look = ""
        self._running = True
        settings.changed.connect(self._on_settings_changed)
        self._hints.colorSchemeChanged.connect(self._on_hints_color_scheme_changed)
        self._apply()

    def stop(self) -> None:
        """Stops following the setting and the desktop. Safe to call twice."""
        if not self._running:
            return
        self._running = False
        self._settings.changed.disconnect(self._on_settings_changed)
        self._hints.colorSchemeChanged.disconnect(self._on_hints_color_scheme_changed)

    def _apply(self) -> None:
        look = apply_appearance(self._app, self._choice, self._hints.colorScheme())
        if look != self.look:
            self.look = look
            self.appearance_changed.emit(look)

    def _on_settings_changed(self, settings: Settings) -> None:
        if settings.appearance != self._choice:
            self._choice = settings.appearance
            self._apply()

    def _on_hints_color_scheme_changed(self, _scheme: Qt.ColorScheme) -> None:
        if self._choice == "system":
            self._apply()
