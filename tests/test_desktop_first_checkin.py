"""Someone who just finished the welcome is not asked for the WHO-5 the same day."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWizard
from pytestqt.qtbot import QtBot

from tests.test_desktop import _main_window, _no_desktop, when_ready
from tests.test_desktop_notifications import FakeDesktop
from tests.ui.test_onboarding import to_last_page
from wellbeing_app.core.clock import FixedClock
from wellbeing_app.desktop import run_gui
from wellbeing_app.ui.onboarding import OnboardingDialog


def test_finishing_the_welcome_offers_no_who5_that_day_but_the_next(
    qtbot: QtBot, clock: FixedClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("wellbeing_app.platform.probes.create_probes", _no_desktop)
    desktops: list[FakeDesktop] = []
    monkeypatch.setattr(
        "wellbeing_app.desktop.desktop_notifications",
        lambda: desktops.append(FakeDesktop()) or desktops[-1],
    )
    data = tmp_path / "data"
    clock.set(clock.now().replace(hour=10))  # installed on a Saturday morning
    banners: list[str] = []

    def finish_the_welcome() -> None:
        wizards = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, OnboardingDialog) and w.isVisible()
        ]
        if not wizards:
            QTimer.singleShot(50, finish_the_welcome)
            return
        to_last_page(wizards[0])
        wizards[0].button(QWizard.WizardButton.FinishButton).click()
        QTimer.singleShot(0, look_then_quit)

    def look_then_quit() -> None:
        window = _main_window()
        if window.banner.isVisible():
            banners.append(window.banner.action.text())
        window.close()

    QTimer.singleShot(50, finish_the_welcome)
    assert run_gui(data, demo=False, clock=clock) == 0
    that_day = [n.key for n in desktops[0].shown]
    assert not [key for key in that_day if key.startswith("who5")]
    assert "Start the check-in…" not in banners

    clock.advance(24 * 3600)  # Sunday morning the app starts again
    timer = when_ready(lambda: True, lambda: _main_window().close())
    assert run_gui(data, demo=False, clock=clock) == 0
    del timer
    next_day = [n.key for n in desktops[1].shown]
    assert [key for key in next_day if key.startswith("who5")] == ["who5 2026-11-22"]
