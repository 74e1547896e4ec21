"""The one-sentence problem line under limits, activities and people stays readable in dark (it
was a fixed dark red, 2:1 on the dark window)."""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from wellbeing_app.ui.limit_dialog import error_label
from wellbeing_app.ui.mood_palette import contrast_ratio
from wellbeing_app.ui.theme import dark_palette, light_palette


def test_the_problem_line_keeps_aa_contrast_in_light_and_dark(
    qtbot: QtBot, qapp: QApplication
) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    label = error_label()
    label.setParent(holder)
    before = qapp.palette()
    try:
        for palette in (light_palette(), dark_palette()):
            qapp.setPalette(palette)
            qapp.processEvents()
            shown = label.palette().color(QPalette.ColorRole.WindowText)
            window = palette.color(QPalette.ColorRole.Window)
            assert contrast_ratio(shown, window) >= 4.5, shown.name()
    finally:
        qapp.setPalette(before)
