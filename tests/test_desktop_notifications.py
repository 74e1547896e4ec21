"""Buttons on the desktop's notifications do what they say in the running app."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.fakes import FakeForegroundProbe, FakeIdleProbe
from tests.test_desktop import _main_window, when_ready
from wellbeing_app.core.clock import FixedClock
from wellbeing_app.desktop import run_gui
from wellbeing_app.platform.notifications import DesktopNotification
from wellbeing_app.services.notifier import DesktopChannel, Notice
from wellbeing_app.ui.mood_dialog import MoodDialog


class FakeDesktop(QObject):
    action_invoked = Signal(str, str)
    closed = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[DesktopNotification] = []

    def show(self, notification: DesktopNotification) -> None:
        self.shown.append(notification)

    def close(self) -> None:
        pass


def test_notification_buttons_open_the_mood_dialog_and_insights(
    qtbot: QtBot, clock: FixedClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    foreground, idle = FakeForegroundProbe(), FakeIdleProbe()
    monkeypatch.setattr(
        "wellbeing_app.platform.probes.create_probes", lambda names, **_: (foreground, idle)
    )
    desktop = FakeDesktop()
    monkeypatch.setattr("wellbeing_app.desktop.desktop_notifications", lambda: desktop)
    channels: list[DesktopChannel] = []
    monkeypatch.setattr(
        "wellbeing_app.desktop.DesktopChannel",
        lambda backend: channels.append(DesktopChannel(backend)) or channels[-1],
    )
    seen: dict[str, object] = {}

    def close_the_mood_dialog() -> None:
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, MoodDialog)]
        seen["mood dialog"] = [d.isVisible() for d in dialogs]
        for dialog in dialogs:
            dialog.reject()

    def press_buttons_then_quit() -> None:
        window = _main_window()
        notice = Notice("How are you?", "Log it", "mood", ("log-mood", "snooze"), key="mood k")
        assert channels[0].deliver(notice) is None
        seen["shown"] = [n.key for n in desktop.shown]
        QTimer.singleShot(0, close_the_mood_dialog)
        desktop.action_invoked.emit("mood k", "log-mood")  # returns once the dialog closed
        weekly = Notice("Last week", "…", "insights", ("open-insights",), key="weekly k")
        channels[0].deliver(weekly)
        window.hide()
        desktop.action_invoked.emit("weekly k", "open-insights")
        seen["visible"] = window.isVisible()
        seen["page"] = window.nav.currentItem().text()
        desktop.action_invoked.emit("mood k", "snooze")  # not a reminder of this session
        window.close()

    timer = when_ready(lambda: foreground.calls >= 1, press_buttons_then_quit)
    assert run_gui(tmp_path / "unused", demo=True, clock=clock) == 0
    del timer
    # The demo's own reminders of the evening came this way too, each under its slot.
    assert seen["shown"] == ["mood 2026-11-21 20:30", "weekly 2026-11-09", "mood k"]
    assert seen["mood dialog"] == [True]
    assert seen["visible"] is True
    assert seen["page"] == "Insights"
