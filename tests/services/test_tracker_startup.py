"""A backup that cannot be written (a full disk) never stops tracking, at start-up or hourly."""

from __future__ import annotations

import errno
import signal
import threading
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from tests.fakes import FakeForegroundProbe, FakeIdleProbe
from wellbeing_app import app
from wellbeing_app.core.clock import FixedClock
from wellbeing_app.services import headless
from wellbeing_app.services.sampler import Sampler
from wellbeing_app.storage.repositories import Repositories, open_repositories

TODAY = date(2026, 11, 21)


def no_space(*args: object, **kwargs: object) -> Path:
    raise OSError(errno.ENOSPC, "No space left on device")


@pytest.fixture
def _signal_handlers() -> Iterator[None]:
    """run_tracker installs its own; put the test run's back afterwards."""
    names = [name for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)]
    saved = {name: signal.getsignal(getattr(signal, name)) for name in names}
    yield
    for name, handler in saved.items():
        signal.signal(getattr(signal, name), handler)


def test_a_backup_that_cannot_be_written_is_reported_and_not_raised(
    repos: Repositories, data_dir: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(app, "backup_now", no_space)
    told: list[str] = []

    assert app.backup_if_due(repos, data_dir, clock, on_failure=told.append) is None
    assert len(told) == 1
    assert "No space left on device" in told[0]
    assert "\n" not in told[0]


def test_the_default_is_a_warning_in_the_log(
    repos: Repositories,
    data_dir: Path,
    clock: FixedClock,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setattr(app, "backup_now", no_space)

    assert app.backup_if_due(repos, data_dir, clock) is None
    assert "No space left on device" in caplog.text


@pytest.mark.usefixtures("_signal_handlers")
def test_the_headless_tracker_starts_and_keeps_tracking_when_backups_fail(
    data_dir: Path,
    clock: FixedClock,
    foreground: FakeForegroundProbe,
    idle: FakeIdleProbe,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(app, "backup_now", no_space)
    monkeypatch.setattr(
        "wellbeing_app.platform.probes.create_probes", lambda names, **_: (foreground, idle)
    )
    foreground.show("Discord", "general | Discord")
    real_run_headless = headless.run_headless

    def two_hours_of_ticks(
        sampler: Sampler,
        interval: float,
        stop: threading.Event,
        hourly: Callable[[], object] | None = None,
    ) -> None:
        ticks = 0

        def monotonic() -> float:
            # The wall clock moves a second per tick (two or three reads); the monotonic one
            # ten minutes per read, so the hourly backup comes round within a few ticks.
            nonlocal ticks
            ticks += 1
            clock.advance(0.4)
            if ticks >= 60:
                stop.set()
            return ticks * 600.0

        real_run_headless(sampler, 0.0, stop, monotonic, hourly=hourly)

    monkeypatch.setattr(app, "run_headless", two_hours_of_ticks)

    assert app.run_tracker(data_dir, clock, interval=1.0) == 0
    err = capsys.readouterr().err.splitlines()
    backup_lines = [line for line in err if "backup" in line]
    assert len(backup_lines) >= 2  # at start-up, and again an hour later
    assert all("No space left on device" in line for line in backup_lines)
    assert all("everything else goes on" in line for line in backup_lines)
    repos = open_repositories(data_dir)
    try:
        assert repos.usage.by_app(TODAY, TODAY)[0].seconds > 0
    finally:
        repos.close()


@pytest.mark.usefixtures("_signal_handlers")
def test_the_headless_tracker_names_its_probe_and_says_when_time_is_approximate(
    data_dir: Path,
    clock: FixedClock,
    foreground: FakeForegroundProbe,
    idle: FakeIdleProbe,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    foreground.name = "approximate: running apps only"
    monkeypatch.setenv("XDG_SESSION_TYPE", "wayland")
    monkeypatch.setenv("XDG_CURRENT_DESKTOP", "GNOME")
    monkeypatch.setattr(
        "wellbeing_app.platform.probes.create_probes", lambda names, **_: (foreground, idle)
    )
    monkeypatch.setattr(app, "run_headless", lambda *args, **kwargs: None)

    assert app.run_tracker(data_dir, clock, interval=1.0) == 0
    out, err = capsys.readouterr()
    assert "(approximate: running apps only); stop with Ctrl+C." in out
    assert "Focused Window D-Bus" in err
    assert "https://extensions.gnome.org/extension/5592/focused-window-d-bus/" in err
