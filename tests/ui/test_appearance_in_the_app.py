"""The desktop app follows the appearance setting while it runs, and lets go when it quits."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.fakes import FakeForegroundProbe, FakeIdleProbe
from tests.test_desktop import _main_window, _ready_data, when_ready
from wellbeing_app.core.clock import FixedClock
from wellbeing_app.core.settings import Settings
from wellbeing_app.desktop import DesktopApp
from wellbeing_app.ui import icons, theme


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    style = qapp.style().name()
    yield qapp
    qapp.setStyle(style)
    qapp.setPalette(QPalette())
    icons.clear_cache()


def window_colour(app: QApplication) -> str:
    return app.palette().color(QPalette.ColorRole.Window).name()


def test_the_app_switches_to_dark_at_once_and_stops_following_after_quitting(
    qtbot: QtBot,
    app: QApplication,
    clock: FixedClock,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    foreground, idle = FakeForegroundProbe(), FakeIdleProbe()
    monkeypatch.setattr(
        "wellbeing_app.platform.probes.create_probes", lambda names, **_: (foreground, idle)
    )
    desktop = DesktopApp(_ready_data(tmp_path, clock), demo=False, clock=clock)
    seen: dict[str, str] = {}

    def choose_dark_then_quit() -> None:
        desktop.settings.set("appearance", "dark")
        seen["while running"] = window_colour(app)
        _main_window().close()

    timer = when_ready(lambda: True, choose_dark_then_quit)
    assert desktop.run() == 0
    timer.stop()
    del timer
    assert seen["while running"] == theme.DARK[QPalette.ColorRole.Window]
    # After quitting, a late announcement changes nothing.
    desktop.settings.changed.emit(Settings(appearance="light"))
    assert window_colour(app) == theme.DARK[QPalette.ColorRole.Window]
