"""The check-in dialogs are as tall as their questions, footer and buttons: no blank band between
the last question and the footer (the issue saw ~150 px, then ~55 px)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from wellbeing_app.core.clock import FixedClock
from wellbeing_app.core.questionnaires import WHO5
from wellbeing_app.ui.checkin_dialog import CheckInDialog


def test_no_blank_band_under_the_who5_questions(qtbot: QtBot, clock: FixedClock) -> None:
    # (PHQ-9 is taller than the tests' 800 px screen: it scrolls there, as it should.)
    dialog = CheckInDialog(WHO5, clock.now(), None, (), lambda c: c, lambda: None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    scroll = dialog._questions_scroll
    grid = scroll.widget().layout().itemAt(1)  # the intro, then the grid of questions
    assert grid is not None and grid.layout() is not None
    blank = scroll.viewport().height() - grid.geometry().bottom()
    assert not scroll.verticalScrollBar().isVisible()  # all the questions show
    assert blank <= 24, f"{blank} px of blank band under the questions"
