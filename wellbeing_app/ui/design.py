"""Spacing and type: the few sizes every screen is laid out with (see ``docs/design.md``).

Spacing is in device-independent pixels (Qt scales them at 150 % and 200 %). Type sizes are
multiples of the desktop's own font size, so a person who chose larger text keeps it; ``font()``
makes the ``QFont`` for a step of the scale.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QFont, QGuiApplication

# Spacing scale. Use these and nothing in between.
SPACE_XS = 4  # an icon and its label, a check mark and its chip
SPACE_S = 8  # items of one group: buttons in a row, lines of a list
SPACE_M = 12  # a label and the control it names; inside cards
SPACE_L = 16  # between groups; a card's padding; a page's margins
SPACE_XL = 24  # between sections of a page
SPACE_XXL = 32  # around a page's one main element (a dialog's result, a break's countdown)
SPACING = (SPACE_XS, SPACE_S, SPACE_M, SPACE_L, SPACE_XL, SPACE_XXL)

# Corner radii: small controls (chips, pixels of the year) and cards.
RADIUS_S = 4
RADIUS_M = 8

# Icon sizes, logical pixels (``ui.icons`` draws each of them crisp at 1, 1.5 and 2x).
ICON_S = 16  # inline with text, in buttons
ICON_M = 24  # navigation, toolbars
ICON_L = 48  # empty states, a break's card


@dataclass(frozen=True, slots=True)
class TypeStep:
    """One step of the type scale: a size relative to the desktop's font, and a weight."""

    name: str
    scale: float
    weight: QFont.Weight = QFont.Weight.Normal


CAPTION = TypeStep("caption", 0.9)  # notes under controls, legends, axis labels
BODY = TypeStep("body", 1.0)  # everything else
LABEL = TypeStep("label", 1.0, QFont.Weight.DemiBold)  # a group's or a card's name
TITLE = TypeStep("title", 1.25, QFont.Weight.DemiBold)  # a dialog's or a section's title
HEADLINE = TypeStep("headline", 1.6, QFont.Weight.DemiBold)  # a page's title, a key figure
DISPLAY = TypeStep("display", 2.8, QFont.Weight.Light)  # one big number: a break's countdown
TYPE_SCALE = (CAPTION, BODY, LABEL, TITLE, HEADLINE, DISPLAY)

# Captions never go below this, whatever the desktop's size.
SMALLEST_POINT_SIZE = 8.0


def font(step: TypeStep, base: QFont | None = None) -> QFont:
    """The font for ``step``, made from ``base`` (default: the application's font)."""
    made = QFont(base if base is not None else QGuiApplication.font())
    size = made.pointSizeF()
    if size > 0:
        made.setPointSizeF(max(SMALLEST_POINT_SIZE, size * step.scale))
    else:  # a font sized in pixels
        made.setPixelSize(max(1, round(made.pixelSize() * step.scale)))
    made.setWeight(step.weight)
    return made
