"""The composed desktop app: starts on demo data, tracks with (fake) probes, quits cleanly."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.fakes import FakeForegroundProbe, FakeIdleProbe
from wellbeing_app.core.clock import FixedClock
from wellbeing_app.core.models import MoodEntry
from wellbeing_app.desktop import run_gui
from wellbeing_app.platform.instance_lock import TrackerLock
from wellbeing_app.services.notifier import Notice
from wellbeing_app.storage.app_state import AppState
from wellbeing_app.storage.repositories import open_repositories
from wellbeing_app.ui.data_section import DataSection
from wellbeing_app.ui.main_window import MainWindow
from wellbeing_app.ui.onboarding import OnboardingDialog


def _main_window() -> MainWindow:
    (window,) = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
    return window


def when_ready(ready: object, then: object, deadline_ms: int = 30_000) -> QTimer:
    """Calls ``then()`` inside the app's event loop once ``ready()`` is true (or at the
    deadline, so a broken app fails its assertions instead of hanging the suite)."""
    timer = QTimer()
    timer.setInterval(50)
    waited = [0]

    def check() -> None:
        waited[0] += 50
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        if windows and (ready() or waited[0] >= deadline_ms):  # type: ignore[operator]
            timer.stop()
            then()  # type: ignore[operator]

    timer.timeout.connect(check)
    timer.start()
    return timer


def test_the_app_opens_on_demo_data_tracks_and_quits(
    qtbot: QtBot, clock: FixedClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    foreground, idle = FakeForegroundProbe(), FakeIdleProbe()
    foreground.show("Discord", "general | Discord")
    monkeypatch.setattr(
        "wellbeing_app.platform.probes.create_probes", lambda names, **_: (foreground, idle)
    )
    seen: dict[str, object] = {}

    def look_then_quit() -> None:
        window = _main_window()
        seen["visible"] = window.isVisible()
        seen["apps"] = len(window.today.limits.bars)
        seen["tracking"] = window._tracking.text()
        seen["polled"] = foreground.calls
        window.close()  # no tray here: closing the window quits

    timer = when_ready(lambda: foreground.calls >= 2, look_then_quit)
    assert run_gui(tmp_path / "unused", demo=True, clock=clock) == 0
    del timer
    assert seen["visible"] is True
    assert isinstance(seen["apps"], int) and seen["apps"] > 0
    assert seen["tracking"] == "Tracking on (fake)."
    assert isinstance(seen["polled"], int) and seen["polled"] >= 1
    assert foreground.closed  # the sampler was stopped and flushed on quit


def test_without_a_desktop_to_watch_the_app_still_opens_and_says_why(
    qtbot: QtBot, clock: FixedClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from wellbeing_app.platform.probes import ProbeUnavailable

    def unavailable(names: object, **_: object) -> None:
        raise ProbeUnavailable("Wellbeing found no graphical desktop session.")

    monkeypatch.setattr("wellbeing_app.platform.probes.create_probes", unavailable)
    seen: dict[str, str] = {}

    def look_then_quit() -> None:
        window = _main_window()
        seen["tracking"] = window._tracking.text()
        window.close()

    timer = when_ready(lambda: bool(_main_window()._tracking.text()), look_then_quit)
    data = tmp_path / "data"
    repos = open_repositories(data)
    AppState(repos.db).set_flag("first_run_done")
    repos.close()
    assert run_gui(data, demo=False, clock=clock) == 0
    del timer
    assert seen["tracking"] == "Not tracking: Wellbeing found no graphical desktop session."
    with TrackerLock(data):  # released on quit: a headless tracker may start now
        pass


def test_an_unusable_data_folder_is_a_message_not_a_crash(
    qtbot: QtBot, clock: FixedClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(
        "PySide6.QtWidgets.QMessageBox.critical", lambda parent, title, text: shown.append(text)
    )
    data = tmp_path / "data"
    data.mkdir()
    (data / "wellbeing.db").write_text("my diary")
    assert run_gui(data, demo=False, clock=clock) == 2
    assert shown == [
        f"{data / 'wellbeing.db'} is not a Wellbeing database (it is not an SQLite "
        "file); it was left untouched."
    ]


def test_a_later_event_loop_still_runs_after_the_app_quit(qtbot: QtBot) -> None:
    # run_gui must not leave Qt's quit flag set (the tests above ran it in this process).
    with qtbot.waitSignal(qtbot_timer_signal(), timeout=3000):
        pass


def qtbot_timer_signal() -> object:
    from PySide6.QtCore import QObject, Signal

    class Ping(QObject):
        rang = Signal()

    ping = Ping(QApplication.instance())
    QTimer.singleShot(50, ping.rang.emit)
    return ping.rang


def test_the_first_run_welcomes_and_asks_again_until_finished(
    qtbot: QtBot, clock: FixedClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from wellbeing_app.platform.probes import ProbeUnavailable

    def unavailable(names: object, **_: object) -> None:
        raise ProbeUnavailable("No desktop here.")

    monkeypatch.setattr("wellbeing_app.platform.probes.create_probes", unavailable)
    welcomed: list[str] = []

    def answer_onboarding() -> None:
        # The wizard is modal: it runs its own loop inside run_gui.
        dialogs = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, OnboardingDialog) and w.isVisible()
        ]
        if dialogs:
            welcomed.append(dialogs[0].windowTitle())
            dialogs[0].reject()
        else:
            windows = [
                w
                for w in QApplication.topLevelWidgets()
                if isinstance(w, MainWindow) and w.isVisible()
            ]
            if windows:
                windows[0].close()
                return
        QTimer.singleShot(100, answer_onboarding)

    data = tmp_path / "data"
    for _ in range(2):
        QTimer.singleShot(100, answer_onboarding)
        assert run_gui(data, demo=False, clock=clock) == 0
    assert len(welcomed) == 2  # put off, so offered again on the next start


def _ready_data(tmp_path: Path, clock: FixedClock) -> Path:
    from wellbeing_app.app import fill_demo

    data = tmp_path / "data"
    fill_demo(data, clock, days=7)
    repos = open_repositories(data)
    AppState(repos.db).set_flag("first_run_done")
    repos.close()
    return data


def _data_section() -> DataSection:
    (section,) = _main_window().findChildren(DataSection)
    return section


def test_imported_entries_show_in_the_journal_at_once(
    qtbot: QtBot, clock: FixedClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("wellbeing_app.platform.probes.create_probes", _no_desktop)
    data = _ready_data(tmp_path, clock)
    rows: list[int] = []

    def import_one_mood() -> None:  # as the Daylio import does, then says so
        window = _main_window()
        window.show_page("Journal")
        rows.append(window.journal.moods.rowCount())
        window._repos.moods.add(MoodEntry(clock.now() - timedelta(minutes=5), 4, note="imported"))
        _data_section().imported.emit()
        rows.append(window.journal.moods.rowCount())
        window.close()

    timer = when_ready(lambda: True, import_one_mood)
    assert run_gui(data, demo=False, clock=clock) == 0
    del timer
    assert rows[1] == rows[0] + 1


def test_delete_all_my_data_closes_the_app_and_leaves_nothing(
    qtbot: QtBot, clock: FixedClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("wellbeing_app.platform.probes.create_probes", _no_desktop)
    told: list[str] = []
    monkeypatch.setattr(
        "PySide6.QtWidgets.QMessageBox.information", lambda parent, title, text: told.append(text)
    )
    data = _ready_data(tmp_path, clock)

    def delete_everything() -> None:  # the section exists only once the app runs
        _data_section().delete_all_requested.emit()

    timer = when_ready(lambda: True, delete_everything)
    assert run_gui(data, demo=False, clock=clock) == 0
    del timer
    assert not (data / "wellbeing.db").exists()
    assert "was deleted" in told[0]


def test_restoring_a_backup_reopens_the_app_on_the_restored_data(
    qtbot: QtBot, clock: FixedClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from wellbeing_app.core.journal import new_mood_entry
    from wellbeing_app.storage.backups import backup_now

    monkeypatch.setattr("wellbeing_app.platform.probes.create_probes", _no_desktop)
    monkeypatch.setattr(
        "PySide6.QtWidgets.QMessageBox.information", lambda parent, title, text: None
    )
    data = _ready_data(tmp_path, clock)
    repos = open_repositories(data)
    backup = backup_now(repos.db, data, clock.now())
    repos.moods.add(new_mood_entry(clock.now(), 1, note="after the backup"))
    repos.close()
    runs: list[int] = []
    timers: list[QTimer] = []

    def act() -> None:
        runs.append(1)
        if len(runs) == 1:
            timers.append(when_ready(lambda: True, act))  # for the app that opens again
            _data_section().restore_requested.emit(backup)
        else:
            _main_window().close()

    timers.append(when_ready(lambda: True, act))
    assert run_gui(data, demo=False, clock=clock) == 0
    assert len(runs) == 2  # it opened again after restoring
    repos = open_repositories(data)
    assert all(
        m.note != "after the backup"
        for m in repos.moods.between(
            clock.now() - timedelta(days=1), clock.now() + timedelta(days=1)
        )
    )
    repos.close()


def _no_desktop(names: object, **_: object) -> None:
    from wellbeing_app.platform.probes import ProbeUnavailable

    raise ProbeUnavailable("No desktop here.")


def test_nothing_is_recorded_until_the_welcome_is_finished(
    qtbot: QtBot, clock: FixedClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QWizard

    from tests.ui.test_onboarding import to_last_page

    foreground, idle = FakeForegroundProbe(), FakeIdleProbe()
    foreground.show("Reddit", "r/all - Reddit — Mozilla Firefox")
    created: list[int] = []

    def create_probes(names: object, **_: object) -> tuple[FakeForegroundProbe, FakeIdleProbe]:
        created.append(1)
        return foreground, idle

    monkeypatch.setattr("wellbeing_app.platform.probes.create_probes", create_probes)
    data = tmp_path / "data"
    seen: dict[str, object] = {}
    steps = iter(["cancel", "look", "cancel again", "look again", "finish", "tracking"])
    step = [next(steps)]

    def visible_wizard() -> OnboardingDialog | None:
        found = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, OnboardingDialog) and w.isVisible()
        ]
        return found[0] if found else None

    def drive() -> None:
        wizard, now = visible_wizard(), step[0]
        if now == "cancel" and wizard is not None:
            seen["probes while welcome"] = len(created)
            with TrackerLock(data):  # not even the tracker lock is taken yet
                pass
            wizard.reject()
            step[0] = next(steps)
        elif now == "look" and wizard is None and _main_window().isVisible():
            window = _main_window()
            seen["status after cancel"] = window._tracking.text()
            seen["probes after cancel"] = len(created)
            seen["banner"] = window.banner.action.text()
            step[0] = next(steps)
            QTimer.singleShot(50, drive)
            window.banner.action.click()  # "Review and start…": the welcome again (modal)
            return
        elif now == "cancel again" and wizard is not None:
            wizard.reject()  # put off again from the banner: no new welcome pops up by itself
            step[0] = next(steps)
        elif now == "look again" and wizard is not None:  # it came back by itself
            seen["banner again"] = "the welcome reopened by itself"
            wizard.reject()
            _main_window().close()
            return
        elif now == "look again" and wizard is None and _main_window().isVisible():
            window = _main_window()
            seen["banner again"] = window.banner.isVisible() and window.banner.action.text()
            step[0] = next(steps)
            QTimer.singleShot(300, drive)  # long enough for a wrongly reopened welcome to show
            window.banner.action.click()
            return
        elif now == "finish" and wizard is not None:
            seen["probes before finish"] = len(created)
            to_last_page(wizard)
            wizard.button(QWizard.WizardButton.FinishButton).click()
            step[0] = next(steps)
        elif now == "tracking" and wizard is None and foreground.calls >= 1:
            seen["status after finish"] = _main_window()._tracking.text()
            _main_window().close()
            return
        QTimer.singleShot(50, drive)

    QTimer.singleShot(50, drive)
    assert run_gui(data, demo=False, clock=clock) == 0
    assert seen["probes while welcome"] == 0
    assert seen["probes after cancel"] == 0
    assert seen["status after cancel"] == "Not tracking: the welcome is not finished yet."
    assert seen["banner"] == "Review and start…"
    assert seen["banner again"] == "Review and start…"
    assert seen["probes before finish"] == 0
    assert seen["status after finish"] == "Tracking on (fake)."
    assert created == [1]
    repos = open_repositories(data)
    assert AppState(repos.db).flag("first_run_done")
    repos.close()


def _live_timers() -> list[QTimer]:
    import gc

    import shiboken6

    return [
        o
        for o in gc.get_objects()
        if isinstance(o, QTimer) and shiboken6.isValid(o) and o.isActive()
    ]


def test_after_quitting_no_timer_fires_and_the_database_is_closed(
    qtbot: QtBot, clock: FixedClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    from wellbeing_app.desktop import DesktopApp

    foreground, idle = FakeForegroundProbe(), FakeIdleProbe()
    foreground.show("Discord", "general | Discord")
    monkeypatch.setattr(
        "wellbeing_app.platform.probes.create_probes", lambda names, **_: (foreground, idle)
    )
    before = set(map(id, _live_timers()))
    running: dict[str, object] = {}

    def quit_when_tracking() -> None:
        running["timers"] = len(_live_timers())
        _main_window().close()

    timer = when_ready(lambda: foreground.calls >= 2, quit_when_tracking)
    desktop = DesktopApp(_ready_data(tmp_path, clock), demo=False, clock=clock)
    assert desktop.run() == 0
    timer.stop()
    del timer
    assert isinstance(running["timers"], int) and running["timers"] >= 4
    left = [t for t in _live_timers() if id(t) not in before]
    assert left == []
    assert desktop.repos is not None
    with pytest.raises(sqlite3.ProgrammingError):
        desktop.repos.db.execute("SELECT 1")
    calls = foreground.calls
    QApplication.processEvents()
    assert foreground.calls == calls
    desktop.shutdown()  # a second shutdown is harmless


def test_a_failed_backup_is_said_once_and_the_app_runs_on(
    qtbot: QtBot, clock: FixedClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    monkeypatch.setattr("wellbeing_app.platform.probes.create_probes", _no_desktop)

    def disk_full(*args: object, **kwargs: object) -> Path:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("wellbeing_app.app.backup_now", disk_full)
    data = _ready_data(tmp_path, clock)
    for old in (data / "backups").glob("*"):
        old.unlink()
    from wellbeing_app.services.notifier import Notifier

    told: list[str] = []
    real_notify = Notifier.notify

    def notify(self: Notifier, notice: Notice) -> str:
        told.append(f"{notice.title}: {notice.message}")
        return real_notify(self, notice)

    monkeypatch.setattr(Notifier, "notify", notify)
    from wellbeing_app.desktop import DesktopApp

    apps: list[DesktopApp] = []
    real_setup = DesktopApp._setup_backups

    def setup_backups(self: DesktopApp) -> None:
        apps.append(self)
        real_setup(self)

    monkeypatch.setattr(DesktopApp, "_setup_backups", setup_backups)
    backups: list[int] = []

    def back_up_again_then_quit() -> None:
        for _ in range(2):  # the hourly timer's work, twice more: still said only once
            apps[0]._backup()
            backups.append(1)
        _main_window().close()

    timer = when_ready(lambda: True, back_up_again_then_quit)
    assert run_gui(data, demo=False, clock=clock) == 0
    del timer
    assert backups == [1, 1]
    failures = [t for t in told if t.startswith("The automatic backup failed")]
    assert len(failures) == 1
    assert "No space left on device" in failures[0] and "goes on" in failures[0]
