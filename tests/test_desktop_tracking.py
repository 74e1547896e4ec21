"""The app's tracker: started only when asked, takes over when another tracker stops, and
leaves nothing running after ``stop``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.fakes import FakeForegroundProbe, FakeIdleProbe
from wellbeing_app.app import load_catalog
from wellbeing_app.core.clock import FixedClock
from wellbeing_app.desktop_tracking import TrackingControl
from wellbeing_app.platform.instance_lock import TrackerLock
from wellbeing_app.storage.repositories import Repositories, open_repositories


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def folder_repos(data: Path) -> Iterator[Repositories]:
    opened = open_repositories(data)
    yield opened
    opened.close()


@pytest.fixture
def probes(monkeypatch: pytest.MonkeyPatch) -> tuple[FakeForegroundProbe, FakeIdleProbe]:
    foreground, idle = FakeForegroundProbe(), FakeIdleProbe()
    foreground.show("Discord", "general | Discord")
    monkeypatch.setattr(
        "wellbeing_app.platform.probes.create_probes", lambda names, **_: (foreground, idle)
    )
    return foreground, idle


def test_the_app_takes_over_when_the_headless_tracker_exits(
    qtbot: QtBot,
    clock: FixedClock,
    data: Path,
    folder_repos: Repositories,
    probes: tuple[FakeForegroundProbe, FakeIdleProbe],
) -> None:
    other = TrackerLock(data)  # `wellbeing track` in another process holds this
    other.acquire()
    control = TrackingControl(folder_repos, data, clock, load_catalog(), take_over_check_ms=20)
    statuses: list[str] = []
    control.status_changed.connect(statuses.append)
    try:
        control.start()
        assert not control.running
        assert control.waiting_for_other_tracker
        assert statuses == [
            "Tracking runs in another Wellbeing process for this data; "
            "this app takes over when it stops."
        ]
        other.release()  # `wellbeing track` exits
        with qtbot.waitSignal(control.started, timeout=5_000):
            pass
        assert control.running and not control.waiting_for_other_tracker
        assert statuses[-1] == "Tracking on (fake)."
        with pytest.raises(Exception, match="already running"):  # the app holds it now
            TrackerLock(data).acquire()
    finally:
        control.stop()
        other.release()
    assert probes[0].closed
    with TrackerLock(data):  # released on stop
        pass


def test_stop_while_waiting_ends_the_checks(
    clock: FixedClock,
    data: Path,
    folder_repos: Repositories,
    probes: tuple[FakeForegroundProbe, FakeIdleProbe],
) -> None:
    other = TrackerLock(data)
    other.acquire()
    control = TrackingControl(folder_repos, data, clock, load_catalog(), take_over_check_ms=20)
    control.start()
    assert control.waiting_for_other_tracker
    control.stop()
    assert not control.waiting_for_other_tracker
    other.release()
    assert probes[0].calls == 0 and not control.running


def test_nothing_is_opened_before_start(
    clock: FixedClock,
    data: Path,
    folder_repos: Repositories,
    probes: tuple[FakeForegroundProbe, FakeIdleProbe],
) -> None:
    control = TrackingControl(folder_repos, data, clock, load_catalog())
    with TrackerLock(data):
        pass
    assert not control.running and control.status == "Not tracking yet."
    control.stop()


def test_the_status_names_the_probe_and_explains_a_limited_desktop(
    qtbot: QtBot,
    clock: FixedClock,
    data: Path,
    folder_repos: Repositories,
    probes: tuple[FakeForegroundProbe, FakeIdleProbe],
) -> None:
    from wellbeing_app.platform.sessions import GNOME_EXTENSION_URL

    probes[0].name = "approximate: running apps only"
    gnome = {"XDG_SESSION_TYPE": "wayland", "XDG_CURRENT_DESKTOP": "GNOME"}
    control = TrackingControl(folder_repos, data, clock, load_catalog(), environ=gnome)
    explained: list[tuple[str, object]] = []
    control.explained.connect(lambda status, advice: explained.append((status, advice)))
    try:
        control.start()
        status, advice = explained[-1]
        assert status == "Tracking on (approximate: running apps only)."
        assert getattr(advice, "link", None) == GNOME_EXTENSION_URL
    finally:
        control.stop()

    probes[0].name = "x11"
    control = TrackingControl(folder_repos, data, clock, load_catalog(), environ={"DISPLAY": ":0"})
    control.explained.connect(lambda status, advice: explained.append((status, advice)))
    try:
        control.start()
        assert explained[-1] == ("Tracking on (X11).", None)
    finally:
        control.stop()


def test_an_unsupported_desktop_is_explained_too(
    qtbot: QtBot,
    clock: FixedClock,
    data: Path,
    folder_repos: Repositories,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from wellbeing_app.platform.probes import ProbeUnavailable

    def unavailable(names: object, **_: object) -> None:
        raise ProbeUnavailable("On COSMIC (Wayland) Wellbeing can see neither the app in front.")

    monkeypatch.setattr("wellbeing_app.platform.probes.create_probes", unavailable)
    cosmic = {"XDG_SESSION_TYPE": "wayland", "XDG_CURRENT_DESKTOP": "COSMIC"}
    control = TrackingControl(folder_repos, data, clock, load_catalog(), environ=cosmic)
    explained: list[tuple[str, object]] = []
    control.explained.connect(lambda status, advice: explained.append((status, advice)))
    control.start()
    status, advice = explained[-1]
    assert status.startswith("Not tracking: On COSMIC (Wayland)")
    assert "COSMIC" in getattr(advice, "summary", "")
    control.stop()
