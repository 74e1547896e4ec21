"""Spacing and type scales: few steps, in order, and fonts that follow the desktop's size."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFont
from pytestqt.qtbot import QtBot

from wellbeing_app.ui import design


def test_the_spacing_scale_is_the_documented_one() -> None:
    assert design.SPACING == (4, 8, 12, 16, 24, 32)


def test_the_type_scale_grows_step_by_step() -> None:
    scales = [step.scale for step in design.TYPE_SCALE if step is not design.LABEL]
    assert scales == sorted(scales) and len(set(scales)) == len(scales)


@pytest.mark.parametrize("base_size", [9.0, 11.0, 16.0])
def test_fonts_follow_the_desktop_size_and_weight(qtbot: QtBot, base_size: float) -> None:
    base = QFont("Sans Serif")
    base.setPointSizeF(base_size)
    title = design.font(design.TITLE, base)
    assert title.pointSizeF() == pytest.approx(base_size * 1.25)
    assert title.weight() == QFont.Weight.DemiBold
    assert title.family() == base.family()
    assert design.font(design.BODY, base).pointSizeF() == pytest.approx(base_size)


def test_captions_stay_readable_on_a_small_desktop_font(qtbot: QtBot) -> None:
    base = QFont()
    base.setPointSizeF(7.5)
    assert design.font(design.CAPTION, base).pointSizeF() == design.SMALLEST_POINT_SIZE


def test_a_font_sized_in_pixels_is_scaled_in_pixels(qtbot: QtBot) -> None:
    base = QFont()
    base.setPixelSize(20)
    assert design.font(design.HEADLINE, base).pixelSize() == 32
