"""The composition root: builds the data folder, settings, services and windows, and wires them.

Nothing else creates long-lived collaborators; everything comes in through constructors.
"""

from __future__ import annotations

import shutil
import signal
import sys
import tempfile
import threading
from datetime import datetime, time, timedelta
from pathlib import Path

from wellbeing_app.core.classifier import Catalog, Classifier, current_os, parse_catalog
from wellbeing_app.core.clock import Clock
from wellbeing_app.core.days import day_of_datetime
from wellbeing_app.core.demo import generate
from wellbeing_app.core.errors import WellbeingError
from wellbeing_app.core.probes import ForegroundProbe, IdleProbe
from wellbeing_app.core.tracking import TitlePolicy, Tracker
from wellbeing_app.platform.instance_lock import TrackerLock
from wellbeing_app.resources import read_text
from wellbeing_app.services.sampler import Sampler, run_headless
from wellbeing_app.storage.demo_data import write_demo
from wellbeing_app.storage.repositories import Repositories, open_repositories
from wellbeing_app.storage.rules import RuleRepository
from wellbeing_app.storage.tracking_store import PauseStore, SpanWriter


def load_catalog() -> Catalog:
    """The shipped catalog of community apps, sites and browsers, for this OS."""
    return parse_catalog(read_text("community_apps.json"), current_os(sys.platform))


def catalog_app_names() -> list[str]:
    """Display names of every community app in the shipped catalog."""
    return [app.name for app in load_catalog().apps]


def build_classifier(repos: Repositories, catalog: Catalog) -> Classifier:
    rules = RuleRepository(repos.db)
    return Classifier(catalog, rules.all(), rules.uncounted_apps())


def build_sampler(
    repos: Repositories,
    clock: Clock,
    foreground: ForegroundProbe,
    idle: IdleProbe,
    catalog: Catalog | None = None,
) -> Sampler:
    """The probe -> classifier -> tracker -> storage pipeline, configured by the settings."""
    settings = repos.settings
    classifier = build_classifier(repos, catalog or load_catalog())
    tracker = Tracker(
        classifier.classify,
        poll_interval=settings.poll_interval_seconds,
        idle_threshold=settings.idle_threshold_seconds,
        titles=TitlePolicy(settings.window_titles, settings.exclude_patterns),
        track_all_apps=settings.track_all_apps,
        day_start_hour=settings.day_start_hour,
    )
    return Sampler(
        foreground,
        idle,
        tracker,
        SpanWriter(repos.db),
        PauseStore(repos.db),
        clock,
        settings.commit_interval_seconds,
    )


def run_tracker(data_dir: Path, clock: Clock, interval: float | None = None) -> int:
    """The headless tracker: samples until SIGINT/SIGTERM, then flushes and returns 0."""
    from wellbeing_app.platform.probes import create_probes

    # Handlers first: a stop request that comes while starting up must still end in a flush.
    stop = threading.Event()

    def request_stop(signum: int, frame: object) -> None:
        stop.set()

    for name in ("SIGINT", "SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), request_stop)
    repos = open_repositories(data_dir)
    lock = TrackerLock(data_dir)
    try:
        lock.acquire()
        catalog = load_catalog()
        foreground, idle = create_probes(catalog.process_names())
        sampler = build_sampler(repos, clock, foreground, idle, catalog)
        poll = interval or repos.settings.poll_interval_seconds
        print(
            f"Tracking time in online communities every {poll:g} s into {data_dir} "
            f"({foreground.name}); stop with Ctrl+C.",
            flush=True,
        )
        run_headless(sampler, poll, stop)
        return 0
    finally:
        lock.release()
        repos.close()


def pause_tracking(data_dir: Path, clock: Clock, minutes: float | None) -> str:
    """Pauses tracking for ``minutes`` (``None`` resumes); a running tracker follows along."""
    repos = open_repositories(data_dir)
    try:
        store = PauseStore(repos.db)
        if minutes is None:
            store.resume()
            return "Tracking resumed."
        until = clock.now() + timedelta(minutes=minutes)
        store.pause_until(until.timestamp())
        return f"Tracking paused until {until:%H:%M} ({until:%Y-%m-%d})."
    finally:
        repos.close()


def fill_demo(data_dir: Path, clock: Clock, days: int = 60, seed: int = 7) -> str:
    """Fills an empty data folder with sample data; returns a one-line summary."""
    repos = open_repositories(data_dir)
    try:
        data = generate(
            clock.now(), days=days, seed=seed, day_start_hour=repos.settings.day_start_hour
        )
        write_demo(repos, data)
    finally:
        repos.close()
    return (
        f"{len(data.spans)} usage spans, {len(data.moods)} mood check-ins, "
        f"{len(data.gratitude)} gratitude entries, {len(data.checkins)} WHO-5 check-ins"
    )


def _start_tracking(
    repos: Repositories,
    data_dir: Path,
    clock: Clock,
) -> tuple[Sampler | None, TrackerLock | None, str]:
    """The app's own tracker, unless another process tracks this folder or nothing can be seen.

    Returns the sampler (or ``None``), the lock it holds, and a line for the status bar.
    """
    from wellbeing_app.platform.probes import create_probes

    lock = TrackerLock(data_dir)
    try:
        lock.acquire()
    except WellbeingError:
        return None, None, "Tracking runs in another Wellbeing process for this data."
    try:
        catalog = load_catalog()
        foreground, idle = create_probes(catalog.process_names())
    except WellbeingError as error:
        lock.release()
        return None, None, f"Not tracking: {error}"
    sampler = build_sampler(repos, clock, foreground, idle, catalog)
    return sampler, lock, f"Tracking on ({foreground.name})."


def _next_day_start(clock: Clock, day_start_hour: int) -> datetime:
    now = clock.now()
    day = day_of_datetime(now, day_start_hour) + timedelta(days=1)
    return datetime.combine(day, time(day_start_hour), now.tzinfo)


def run_gui(data_dir: Path, *, demo: bool, clock: Clock) -> int:
    """Runs the desktop app until the person quits. Returns the exit code."""
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication, QMessageBox

    from wellbeing_app.resources import resource_path
    from wellbeing_app.services.sampler_service import SamplerService
    from wellbeing_app.services.today import TodayService
    from wellbeing_app.ui.main_window import MainWindow
    from wellbeing_app.ui.tray import TrayIcon

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Wellbeing")
    app.setDesktopFileName("wellbeing")
    icon = QIcon(str(resource_path("icons", "wellbeing.svg")))
    app.setWindowIcon(icon)

    throwaway: Path | None = None
    try:
        if demo:
            throwaway = Path(tempfile.mkdtemp(prefix="wellbeing-demo-"))
            data_dir = throwaway / "data"
            fill_demo(data_dir, clock)
        repos = open_repositories(data_dir)
    except WellbeingError as error:
        QMessageBox.critical(None, "Wellbeing cannot open your data", str(error))
        if throwaway is not None:
            shutil.rmtree(throwaway, ignore_errors=True)
        return 2

    label = "sample data, thrown away on quit" if demo else str(data_dir)
    window = MainWindow(icon, label)
    today = TodayService(repos, clock)
    tray = TrayIcon(icon)
    today.snapshot_changed.connect(window.show_snapshot)
    today.snapshot_changed.connect(tray.show_snapshot)
    tray.open_requested.connect(window.showNormal)
    tray.open_requested.connect(window.raise_)
    tray.open_requested.connect(window.activateWindow)
    tray.quit_requested.connect(app.quit)

    sampler, lock, tracking_status = _start_tracking(repos, data_dir, clock)
    window.set_tracking_status(tracking_status)
    service: SamplerService | None = None
    tray.set_tracking_available(sampler is not None)
    if sampler is not None:
        service = SamplerService(sampler, repos.settings.poll_interval_seconds)
        service.committed.connect(today.refresh)

        def pause(minutes: float | None) -> None:
            assert service is not None
            until = (
                clock.now() + timedelta(minutes=minutes)
                if minutes is not None
                else _next_day_start(clock, repos.settings.day_start_hour)
            )
            service.pause_until(until.timestamp())
            tray.show_paused_until(until)
            window.set_tracking_status(f"Tracking paused until {until:%H:%M}.")

        def resume() -> None:
            assert service is not None
            service.resume()
            tray.show_paused_until(None)
            window.set_tracking_status(tracking_status)

        tray.pause_requested.connect(pause)
        tray.resume_requested.connect(resume)
        app.aboutToQuit.connect(service.stop)
        service.start()
    if tray.available:
        tray.show()
        window.keep_in_tray = True
        app.setQuitOnLastWindowClosed(False)
    today.start()
    window.show()
    try:
        return app.exec()
    finally:
        if lock is not None:
            lock.release()
        repos.close()
        if throwaway is not None:
            shutil.rmtree(throwaway, ignore_errors=True)
