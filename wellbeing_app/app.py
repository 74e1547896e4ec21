"""The composition root: builds the data folder, settings, services and windows, and wires them.

Nothing else creates long-lived collaborators; everything comes in through constructors.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from wellbeing_app.core.clock import Clock
from wellbeing_app.core.demo import generate
from wellbeing_app.core.errors import WellbeingError
from wellbeing_app.storage.demo_data import write_demo
from wellbeing_app.storage.repositories import open_repositories


def catalog_app_names() -> list[str]:
    """Display names of every community app in the shipped catalog."""
    from wellbeing_app.core.classifier import current_os, parse_catalog
    from wellbeing_app.resources import read_text

    catalog = parse_catalog(read_text("community_apps.json"), current_os(sys.platform))
    return [app.name for app in catalog.apps]


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


def run_gui(data_dir: Path, *, demo: bool, clock: Clock) -> int:
    """Runs the desktop app until the person quits. Returns the exit code."""
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication, QMessageBox

    from wellbeing_app.resources import resource_path
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

    label = "sample data (thrown away on quit)" if demo else str(data_dir)
    window = MainWindow(icon, label)
    today = TodayService(repos, clock)
    tray = TrayIcon(icon)
    today.snapshot_changed.connect(window.show_snapshot)
    today.snapshot_changed.connect(tray.show_snapshot)
    tray.open_requested.connect(window.showNormal)
    tray.open_requested.connect(window.raise_)
    tray.open_requested.connect(window.activateWindow)
    tray.quit_requested.connect(app.quit)
    if tray.available:
        tray.show()
        window.keep_in_tray = True
        app.setQuitOnLastWindowClosed(False)
    today.start()
    window.show()
    try:
        return app.exec()
    finally:
        repos.close()
        if throwaway is not None:
            shutil.rmtree(throwaway, ignore_errors=True)
