"""Mood colours: one per mood level (1 awful … 5 great), in a light and a dark variant.

The colours are samples of **viridis**, the perceptually uniform, colour-blind-safe sequential
colour map of van der Walt and Smith (matplotlib, 2015; https://bids.github.io/colormap/).
Its lightness rises steadily from dark purple to yellow, so the five levels keep their order
for every kind of colour blindness and in greyscale, and a low mood is never an alarming red.
The light variant takes viridis at 0, 0.25, 0.5, 0.75 and 1; the dark one at 0.25, 0.4375,
0.625, 0.8125 and 1, so its darkest swatch still stands apart from a dark window.

Text drawn on a swatch is black or white, whichever contrasts more; tests check every pair
against WCAG 2.x AA (4.5:1). See "Mood colours" in docs/design.md.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from PySide6.QtGui import QColor, QGuiApplication, QPalette

_BLACK = QColor("#000000")
_WHITE = QColor("#ffffff")


def relative_luminance(color: QColor) -> float:
    """WCAG 2.x relative luminance of an sRGB colour, 0 (black) to 1 (white)."""

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * linear(color.redF())
        + 0.7152 * linear(color.greenF())
        + 0.0722 * linear(color.blueF())
    )


def contrast_ratio(first: QColor, second: QColor) -> float:
    """WCAG 2.x contrast ratio, 1 to 21; AA asks 4.5 for body text."""
    one, two = relative_luminance(first), relative_luminance(second)
    return (max(one, two) + 0.05) / (min(one, two) + 0.05)


def mood_level(average: float) -> int:
    """The level a day's average score is shown as: halves round up (2.5 is 3, "okay")."""
    return min(5, max(1, math.floor(average + 0.5)))


@dataclass(frozen=True, slots=True)
class MoodPalette:
    """The fill of each mood level, and the text colour readable on it."""

    fills: Mapping[int, str]
    dark: bool

    def fill(self, score: int) -> QColor:
        return QColor(self.fills[score])

    def text(self, score: int) -> QColor:
        fill = self.fill(score)
        if contrast_ratio(_BLACK, fill) >= contrast_ratio(_WHITE, fill):
            return QColor(_BLACK)
        return QColor(_WHITE)


LIGHT = MoodPalette({1: "#440154", 2: "#3b528b", 3: "#21918c", 4: "#5ec962", 5: "#fde725"}, False)
DARK = MoodPalette({1: "#3b528b", 2: "#26828e", 3: "#28ae80", 4: "#84d44b", 5: "#fde725"}, True)


def is_dark(palette: QPalette | None = None) -> bool:
    """Whether the window colour of ``palette`` (the application's by default) is dark."""
    chosen = palette if palette is not None else QGuiApplication.palette()
    return chosen.color(QPalette.ColorRole.Window).lightnessF() < 0.5


def mood_palette(palette: QPalette | None = None) -> MoodPalette:
    """The variant for ``palette`` (the application's by default)."""
    return DARK if is_dark(palette) else LIGHT


def blend(under: QColor, over: QColor, amount: float) -> QColor:
    """``over`` laid on ``under`` at ``amount`` (0 to 1) opacity."""
    return QColor.fromRgbF(
        under.redF() + (over.redF() - under.redF()) * amount,
        under.greenF() + (over.greenF() - under.greenF()) * amount,
        under.blueF() + (over.blueF() - under.blueF()) * amount,
    )


def empty_day_fill(palette: QPalette) -> QColor:
    """A neutral square for a day with no entry: a tint of the text colour on the base."""
    return blend(
        palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Text), 0.08
    )


def outline(palette: QPalette) -> QColor:
    """A quiet edge that keeps the lightest or darkest swatch apart from the window."""
    return blend(
        palette.color(QPalette.ColorRole.Window), palette.color(QPalette.ColorRole.WindowText), 0.35
    )


def selection_colours(palette: QPalette) -> tuple[QColor, QColor]:
    """The fill and text of a chosen chip: the palette's accent, darkened (or lightened)
    just enough that its highlighted text keeps AA contrast (4.5:1), as many desktop
    accents on their own do not."""
    fill = palette.color(QPalette.ColorRole.Highlight)
    text = palette.color(QPalette.ColorRole.HighlightedText)
    toward = _BLACK if relative_luminance(text) > relative_luminance(fill) else _WHITE
    for _ in range(20):
        if contrast_ratio(fill, text) >= 4.5:
            break
        fill = blend(fill, toward, 0.1)
    return fill, text
