"""The app's own line icons (``resources/icons/<name>.svg``), drawn in the palette's text colours.

Each SVG is drawn in ``currentColor``; ``icon(name)`` swaps in the current application palette's
colours and renders it with ``QSvgRenderer`` at every size a toolbar, list or button asks for
(16, 20, 24, 32 and 48 px at device pixel ratios 1, 1.5 and 2), so icons stay crisp at 150 % and
200 % scaling. The modes follow the palette:

- Normal and Active: WindowText,
- Selected: HighlightedText (an icon on the selection colour),
- Disabled: the disabled WindowText.

Icons are cached per name and palette colours; ``ui.theme.apply_appearance`` calls
``clear_cache()`` when it changes the palette, and a widget showing an icon sets it again on
``QEvent.Type.ApplicationPaletteChange``.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QImage, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

from wellbeing_app.resources import resource_path

# The set; each name is a file in resources/icons/. The app's own logo (wellbeing.svg) is not
# one of them: it has colours of its own.
ICON_NAMES = (
    "today",
    "insights",
    "journal",
    "boundaries",
    "activities",
    "report",
    "settings",
    "help",
    "mood",
    "gratitude",
    "break",
    "pause",
    "resume",
    "check",
    "calendar",
    "year",
    "idea",
    "timer",
    "export",
)
# Logical sizes rendered ahead, each at every scale below (pixel sizes 16 to 96).
SIZES = (16, 20, 24, 32, 48)
SCALES = (1.0, 1.5, 2.0)
PLACEHOLDER = "currentColor"

_PaletteKey = tuple[int, int, int]
_sources: dict[str, str] = {}
_cache: dict[tuple[str, _PaletteKey], QIcon] = {}


def icon_source(name: str) -> str:
    """The SVG text of icon ``name``, still in ``currentColor``.

    Raises:
        KeyError: ``name`` is not one of ``ICON_NAMES``.
    """
    if name not in ICON_NAMES:
        raise KeyError(f"There is no icon named {name!r}; the icons are: {', '.join(ICON_NAMES)}.")
    if name not in _sources:
        _sources[name] = resource_path("icons", f"{name}.svg").read_text(encoding="utf-8")
    return _sources[name]


def mode_colours(palette: QPalette) -> dict[QIcon.Mode, QColor]:
    """The colour an icon is drawn in for each mode, from ``palette``."""
    normal = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.WindowText)
    return {
        QIcon.Mode.Normal: normal,
        QIcon.Mode.Active: normal,
        QIcon.Mode.Selected: palette.color(
            QPalette.ColorGroup.Active, QPalette.ColorRole.HighlightedText
        ),
        QIcon.Mode.Disabled: palette.color(
            QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText
        ),
    }


def render(name: str, colour: QColor, pixels: int) -> QImage:
    """Icon ``name`` drawn in ``colour`` on a transparent square of ``pixels`` pixels."""
    return _render(_renderer(name, colour), colour, pixels)


def _renderer(name: str, colour: QColor) -> QSvgRenderer:
    svg = icon_source(name).replace(PLACEHOLDER, colour.name(QColor.NameFormat.HexRgb))
    return QSvgRenderer(QByteArray(svg.encode("utf-8")))


def _render(renderer: QSvgRenderer, colour: QColor, pixels: int) -> QImage:
    image = QImage(pixels, pixels, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setOpacity(colour.alphaF())  # a translucent palette colour stays translucent
    renderer.render(painter, QRectF(0, 0, pixels, pixels))
    painter.end()
    return image


def icon(name: str, palette: QPalette | None = None) -> QIcon:
    """Icon ``name`` in the colours of ``palette`` (default: the application's palette).

    Raises:
        KeyError: ``name`` is not one of ``ICON_NAMES``.
    """
    icon_source(name)  # an unknown name fails here, before anything is cached
    palette = palette if palette is not None else QGuiApplication.palette()
    colours = mode_colours(palette)
    key = (
        name,
        (
            colours[QIcon.Mode.Normal].rgba(),
            colours[QIcon.Mode.Selected].rgba(),
            colours[QIcon.Mode.Disabled].rgba(),
        ),
    )
    if key not in _cache:
        _cache[key] = _build(name, colours)
    return _cache[key]


def _build(name: str, colours: dict[QIcon.Mode, QColor]) -> QIcon:
    pixel_sizes = sorted({round(size * scale) for size in SIZES for scale in SCALES})
    built = QIcon()
    drawn: dict[int, list[QPixmap]] = {}  # by rgba: Normal and Active share theirs
    for mode, colour in colours.items():
        if colour.rgba() not in drawn:
            renderer = _renderer(name, colour)
            drawn[colour.rgba()] = [
                QPixmap.fromImage(_render(renderer, colour, pixels)) for pixels in pixel_sizes
            ]
        for pixmap in drawn[colour.rgba()]:
            built.addPixmap(pixmap, mode, QIcon.State.Off)
    return built


def clear_cache() -> None:
    """Forgets every icon built; call it when the application palette changes."""
    _cache.clear()
