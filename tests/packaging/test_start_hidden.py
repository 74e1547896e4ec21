"""Start at login, hidden in the tray: ``wellbeing gui --hidden`` and the entry that runs it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.platform.test_autostart import read_desktop_entry, unquote_exec
from wellbeing_app import APP_ID
from wellbeing_app.core.clock import FixedClock
from wellbeing_app.desktop import DesktopApp
from wellbeing_app.platform.autostart import desktop_exec
from wellbeing_app.storage.app_state import AppState
from wellbeing_app.storage.repositories import Repositories, open_repositories
from wellbeing_app.ui.onboarding import OnboardingDialog
from wellbeing_app.ui.tray import TrayIcon


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home of its own: the app tidies the start-at-login entry it finds there."""
    home = tmp_path / "home"
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    return home


@pytest.fixture(autouse=True)
def _no_desktop_to_watch(monkeypatch: pytest.MonkeyPatch) -> None:
    from wellbeing_app.platform.probes import ProbeUnavailable

    def unavailable(names: object, **_: object) -> None:
        raise ProbeUnavailable("No desktop here.")

    monkeypatch.setattr("wellbeing_app.platform.probes.create_probes", unavailable)


def with_tray(monkeypatch: pytest.MonkeyPatch, available: bool) -> None:
    monkeypatch.setattr(TrayIcon, "available", property(lambda self: available))


def welcomed_data(tmp_path: Path, *, welcomed: bool = True) -> Path:
    data = tmp_path / "data"
    repos = open_repositories(data)
    if welcomed:
        AppState(repos.db).set_flag("first_run_done")
    repos.close()
    return data


def run_then(desktop: DesktopApp, look: Callable[[], None]) -> int:
    """Runs the app; ``look()`` runs inside its event loop, then the app quits.

    Not inside a dialog's loop that start-up opens first (the welcome): there ``look()`` would
    see the app half started, and quitting a loop that has not begun does nothing."""

    def look_then_quit() -> None:
        if not desktop.loop.isRunning():
            QTimer.singleShot(20, look_then_quit)
            return
        try:
            look()
        finally:
            desktop.loop.quit()

    QTimer.singleShot(200, look_then_quit)
    return desktop.run()


def test_hidden_with_a_tray_starts_in_the_tray_without_the_window(
    qtbot: QtBot, clock: FixedClock, tmp_path: Path, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with_tray(monkeypatch, True)
    desktop = DesktopApp(welcomed_data(tmp_path), demo=False, clock=clock, hidden=True)
    seen: dict[str, bool] = {}

    def look() -> None:
        seen["window"] = desktop.window.isVisible()
        seen["tray"] = desktop.tray.icon.isVisible()
        seen["keeps running"] = desktop.window.keep_in_tray
        # What serves only the window waits, as when it is closed to the tray.
        seen["window timers quiet"] = (
            desktop.today.timer.interval() > 30_000
            and desktop.collector.interval_ms > 500
            and not desktop._idea_timer.isActive()
        )

    assert run_then(desktop, look) == 0
    assert seen == {
        "window": False,
        "tray": True,
        "keeps running": True,
        "window timers quiet": True,
    }


def test_hidden_without_a_tray_shows_the_window(
    qtbot: QtBot, clock: FixedClock, tmp_path: Path, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with_tray(monkeypatch, False)
    desktop = DesktopApp(welcomed_data(tmp_path), demo=False, clock=clock, hidden=True)
    seen: list[bool] = []
    assert run_then(desktop, lambda: seen.append(desktop.window.isVisible())) == 0
    assert seen == [True]


def test_hidden_before_the_welcome_is_finished_shows_the_welcome_and_the_window(
    qtbot: QtBot, clock: FixedClock, tmp_path: Path, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with_tray(monkeypatch, True)
    desktop = DesktopApp(
        welcomed_data(tmp_path, welcomed=False), demo=False, clock=clock, hidden=True
    )
    welcomed: list[str] = []

    def put_off_the_welcome() -> None:
        dialogs = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, OnboardingDialog) and w.isVisible()
        ]
        if not dialogs:
            QTimer.singleShot(50, put_off_the_welcome)
            return
        welcomed.append(dialogs[0].windowTitle())
        dialogs[0].reject()

    QTimer.singleShot(50, put_off_the_welcome)
    seen: list[bool] = []
    assert run_then(desktop, lambda: seen.append(desktop.window.isVisible())) == 0
    assert len(welcomed) == 1
    assert seen == [True]


def test_at_start_an_old_entry_moves_to_the_app_id_and_follows_the_start_hidden_setting(
    qtbot: QtBot, clock: FixedClock, tmp_path: Path, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with_tray(monkeypatch, False)
    folder = home / ".config" / "autostart"
    folder.mkdir(parents=True)
    command = ["/usr/bin/wellbeing", "gui", "--data-dir", "/my data"]
    (folder / "wellbeing.desktop").write_text(
        f"[Desktop Entry]\nType=Application\nName=Wellbeing\nExec={desktop_exec(command)}\n"
    )
    desktop = DesktopApp(welcomed_data(tmp_path), demo=False, clock=clock)
    execs: list[list[str]] = []
    names: list[list[str]] = []

    def look() -> None:
        names.append(sorted(p.name for p in folder.iterdir()))
        execs.append(unquote_exec(read_desktop_entry(folder / f"{APP_ID}.desktop")["Exec"]))
        desktop.settings.set("start_hidden", False)
        execs.append(unquote_exec(read_desktop_entry(folder / f"{APP_ID}.desktop")["Exec"]))
        desktop.settings.set("start_hidden", True)
        execs.append(unquote_exec(read_desktop_entry(folder / f"{APP_ID}.desktop")["Exec"]))

    assert run_then(desktop, look) == 0
    assert names == [[f"{APP_ID}.desktop"]]
    assert execs == [[*command, "--hidden"], command, [*command, "--hidden"]]


def test_the_demo_leaves_the_start_at_login_entry_alone(
    qtbot: QtBot, clock: FixedClock, tmp_path: Path, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with_tray(monkeypatch, False)
    old = home / ".config" / "autostart" / "wellbeing.desktop"
    old.parent.mkdir(parents=True)
    old.write_text("[Desktop Entry]\nType=Application\nName=Wellbeing\nExec=wellbeing gui\n")
    desktop = DesktopApp(tmp_path / "unused", demo=True, clock=clock)
    assert run_then(desktop, lambda: None) == 0
    assert [p.name for p in old.parent.iterdir()] == ["wellbeing.desktop"]


def test_the_command_line_passes_hidden_to_the_app(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from wellbeing_app.cli import main

    calls: list[dict[str, object]] = []

    def fake_run_gui(data_dir: Path, **options: object) -> int:
        calls.append({"data_dir": data_dir, **options})
        return 0

    monkeypatch.setattr("wellbeing_app.desktop.run_gui", fake_run_gui)
    assert main(["gui", "--hidden", "--data-dir", str(tmp_path)]) == 0
    assert main(["gui", "--data-dir", str(tmp_path)]) == 0
    assert [call["hidden"] for call in calls] == [True, False]


def test_the_start_hidden_choice_sits_beside_start_at_login_in_settings(
    qtbot: QtBot, repos: Repositories, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QGroupBox

    from wellbeing_app.app import load_catalog
    from wellbeing_app.platform.autostart import Autostart
    from wellbeing_app.services.settings_service import SettingsService
    from wellbeing_app.ui.settings_page import SettingsPage

    service = SettingsService(repos.settings_store)
    autostart = Autostart("linux", environ={}, home=tmp_path)
    page = SettingsPage(
        repos, service, load_catalog(), "x", autostart=autostart, start_command=["w", "gui"]
    )
    qtbot.addWidget(page)
    (starting,) = [g for g in page.findChildren(QGroupBox) if g.title() == "Starting"]
    control = page.controls["start_hidden"]
    assert starting.isAncestorOf(control)
    assert starting.isAncestorOf(page.start_at_login)
    assert "tray" in control.label
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())][-1] != "More"
