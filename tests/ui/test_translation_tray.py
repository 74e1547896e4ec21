"""The pseudo-translation over the tray's menu and tooltip, and over what the desktop app
itself says: the welcome banner, the tracking status, its notices and its closing message."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QLabel, QMenu
from pytestqt.qtbot import QtBot

from tests.fakes import FakeForegroundProbe, FakeIdleProbe
from tests.test_desktop_notifications import FakeDesktop
from tests.ui.test_onboarding import finish
from tests.ui.test_translation import (  # noqa: F401  (pseudo_translated is a fixture)
    RecordingPseudoTranslator,
    bypasses,
    locale_words,
    offenders,
    pseudo_translated,
)
from wellbeing_app.core.models import AppTotal
from wellbeing_app.core.today import TodaySnapshot
from wellbeing_app.desktop import DesktopApp
from wellbeing_app.ui.data_section import DataSection
from wellbeing_app.ui.i18n import PSEUDO_ENV
from wellbeing_app.ui.onboarding import OnboardingDialog
from wellbeing_app.ui.tray import TrayIcon

CET = timezone(timedelta(hours=1))


def menu_texts(menu: QMenu) -> Iterator[str]:
    yield menu.title()
    for action in menu.actions():
        yield action.text()
        yield action.toolTip() if action.toolTip() != action.text() else ""
        sub = action.menu()
        if isinstance(sub, QMenu):
            yield from menu_texts(sub)


def untranslated(texts: Iterator[str] | list[str]) -> list[str]:
    exempt = locale_words() | {"Wellbeing"}  # the app's name is the same in every language
    return [text for text in texts if text.strip() and bypasses(text, exempt)]


def test_tray_menu_and_tooltip(
    qtbot: QtBot,
    pseudo_translated: RecordingPseudoTranslator,  # noqa: F811
) -> None:
    tray = TrayIcon(QIcon())
    assert not untranslated(menu_texts(tray.menu))
    assert [a for a in tray.mood_menu.actions() if "⟦" not in a.text()] == []
    apps = (AppTotal("Discord", "chat", 3600.0),)
    tray.show_snapshot(TodaySnapshot(date(2026, 11, 21), apps, (), 3600.0, (), ()))
    tray.show_paused_until(datetime(2026, 11, 21, 21, 45, tzinfo=CET))
    tooltip = tray.tooltip()
    assert "21:45" in tooltip and "⟦" in tooltip
    assert not untranslated(tooltip.splitlines()[1:]), tooltip
    assert not untranslated([tooltip.removeprefix("Wellbeing")]), tooltip
    assert tray.resume_action.text().startswith("⟦")


def test_what_the_desktop_app_says(
    qtbot: QtBot,
    pseudo_translated: RecordingPseudoTranslator,  # noqa: F811
    clock: object,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(PSEUDO_ENV, "1")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "home" / ".config"))
    foreground, idle = FakeForegroundProbe(), FakeIdleProbe()
    foreground.show("Discord", "general | Discord")
    monkeypatch.setattr(
        "wellbeing_app.platform.probes.create_probes", lambda names, **_: (foreground, idle)
    )
    desktops: list[FakeDesktop] = []
    monkeypatch.setattr(
        "wellbeing_app.desktop.desktop_notifications",
        lambda: desktops.append(FakeDesktop()) or desktops[-1],
    )
    closing: list[str] = []
    monkeypatch.setattr(
        "PySide6.QtWidgets.QMessageBox.information",
        lambda parent, title, text: closing.append(text),
    )
    app = DesktopApp(tmp_path / "data", demo=False, clock=clock)  # type: ignore[arg-type]
    seen: dict[str, object] = {}
    ticks = [0]
    steps = iter(["put off", "look", "finish", "tracking"])
    step = [next(steps)]

    def wizard() -> OnboardingDialog | None:
        found = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, OnboardingDialog) and w.isVisible()
        ]
        return found[0] if found else None

    def status_text() -> str:
        status = app.window.findChild(QLabel, "trackingStatus")
        return status.text() if isinstance(status, QLabel) else ""

    def drive() -> None:
        shown, now = wizard(), step[0]
        ticks[0] += 1
        if ticks[0] > 600:  # stuck (30 s): end the app, so the assertions below say where
            if shown is not None:
                shown.reject()
            app.loop.quit()
            return
        if now == "put off" and shown is not None:
            shown.reject()
            step[0] = next(steps)
        elif now == "look" and shown is None and app.window.isVisible():
            seen["banner"] = [str(o) for o in offenders("banner", app.window.banner, None)]
            seen["banner text"] = app.window.banner.action.text()
            seen["not tracking"] = status_text()
            step[0] = next(steps)
            QTimer.singleShot(50, drive)
            app.window.banner.action.click()  # the welcome again, modal
            return
        elif now == "finish" and shown is not None:
            finish(shown)
            step[0] = next(steps)
        elif now == "tracking" and shown is None and foreground.calls >= 1:
            app.tray.pause_requested.emit(15)
            seen["paused"] = status_text()
            app.tray.mood_logged.emit(4)
            app.window.hidden_to_tray.emit()
            (section,) = app.window.findChildren(DataSection)
            section.delete_all_requested.emit()  # the app closes, then says what it deleted
            return
        QTimer.singleShot(50, drive)

    QTimer.singleShot(50, drive)
    assert app.run() == 0
    assert seen["banner"] == [] and str(seen["banner text"]).startswith("⟦")
    not_tracking, paused = str(seen["not tracking"]), str(seen["paused"])
    assert not_tracking.startswith("⟦") and not untranslated([not_tracking]), not_tracking
    assert "⟦" in paused and not untranslated([paused]), paused
    notices = [n for n in desktops[0].shown if not n.key.startswith(("mood ", "who5", "weekly"))]
    said = [text for n in notices for text in (n.title, n.body)]
    assert len(notices) == 2, said
    assert not untranslated(said), said
    assert len(closing) == 1 and closing[0].startswith("⟦")
    assert not untranslated(closing), closing


def test_the_message_when_the_data_cannot_be_opened(
    qtbot: QtBot,
    pseudo_translated: RecordingPseudoTranslator,  # noqa: F811
    clock: object,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(PSEUDO_ENV, "1")
    titles: list[str] = []
    monkeypatch.setattr(
        "PySide6.QtWidgets.QMessageBox.critical",
        lambda parent, title, text: titles.append(title),
    )
    data = tmp_path / "data"
    data.mkdir()
    (data / "wellbeing.db").write_text("my diary")
    assert DesktopApp(data, demo=False, clock=clock).run() == 2  # type: ignore[arg-type]
    assert len(titles) == 1 and titles[0].startswith("⟦")
    assert not untranslated(titles), titles
