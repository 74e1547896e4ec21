"""Today's faces and good-things button open the dialogs in the running app."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.fakes import FakeForegroundProbe, FakeIdleProbe
from tests.test_desktop import _main_window, when_ready
from wellbeing_app.core.clock import FixedClock
from wellbeing_app.desktop import run_gui
from wellbeing_app.ui.gratitude_dialog import GratitudeDialog
from wellbeing_app.ui.mood_dialog import MoodDialog


def test_a_face_on_today_opens_the_mood_dialog_with_it_chosen_and_saves(
    qtbot: QtBot, clock: FixedClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    foreground, idle = FakeForegroundProbe(), FakeIdleProbe()
    monkeypatch.setattr(
        "wellbeing_app.platform.probes.create_probes", lambda names, **_: (foreground, idle)
    )
    seen: dict[str, object] = {}

    def save_the_mood() -> None:
        (dialog,) = [w for w in QApplication.topLevelWidgets() if isinstance(w, MoodDialog)]
        seen["chosen"] = dialog.faces.checkedId()
        dialog.accept()

    def close_the_gratitude_dialog() -> None:
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, GratitudeDialog)]
        seen["gratitude"] = [d.isVisible() for d in dialogs]
        for dialog in dialogs:
            dialog.reject()

    def click_then_quit() -> None:
        window = _main_window()
        page = window.today
        before = len(page.timeline.moods)
        QTimer.singleShot(0, save_the_mood)
        page.mood.faces[4].click()  # returns once the dialog closed
        seen["added"] = len(page.timeline.moods) - before
        QTimer.singleShot(0, close_the_gratitude_dialog)
        page.good_things.write_button.click()
        window.close()

    timer = when_ready(lambda: foreground.calls >= 1, click_then_quit)
    assert run_gui(tmp_path / "unused", demo=True, clock=clock) == 0
    del timer
    assert seen.get("chosen") == 4
    assert seen.get("added") == 1  # saved, and Today shows it on the timeline
    assert seen.get("gratitude") == [True]
