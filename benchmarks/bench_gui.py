"""GUI figures: cold start to a shown main window, page switches, idle CPU and memory.

    .venv/bin/python benchmarks/bench_gui.py [--idle-seconds 60] [--runs 5]

Needs an X server for the idle measurement (it starts Xvfb + openbox itself when DISPLAY is
unset); start-up and page switches are measured on the platform in use.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# Runs in a fresh process: the time from interpreter start to the first shown main window,
# then every page switch, then quits.
PROBE = textwrap.dedent(
    """
    import sys, time
    started = float(sys.argv[2])
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from wellbeing_app.ui import main_window
    shown = main_window.MainWindow.show

    def show(self):
        shown(self)
        QApplication.processEvents()
        print(f"shown {time.time() - started:.3f}", flush=True)

        def switch():
            for row in range(self.nav.count()):
                # Let work started by the previous page (Insights draws in a worker) land
                # first, as it would for a person: each switch is then measured on its own.
                end = time.perf_counter() + 1.0
                while time.perf_counter() < end:
                    QApplication.processEvents()
                    time.sleep(0.01)
                t = time.perf_counter()
                self.nav.setCurrentRow(row)
                QApplication.processEvents()
                print(f"page {self.nav.item(row).text()!r} "
                      f"{(time.perf_counter() - t) * 1000:.1f}", flush=True)
            self.close()

        QTimer.singleShot(0, switch)

    main_window.MainWindow.show = show
    from wellbeing_app.cli import main
    sys.exit(main(["gui", "--data-dir", sys.argv[1]]))
    """
)


def demo_dir() -> Path:
    from wellbeing_app.app import fill_demo
    from wellbeing_app.core.clock import FixedClock
    from wellbeing_app.storage.app_state import AppState
    from wellbeing_app.storage.repositories import open_repositories

    path = Path(tempfile.mkdtemp(prefix="wellbeing-bench-gui-")) / "data"
    clock = FixedClock(datetime.now(timezone(timedelta(hours=1))))
    fill_demo(path, clock, days=60)
    repos = open_repositories(path)
    AppState(repos.db).set_flag("first_run_done")  # measure the app, not the welcome wizard
    repos.close()
    return path


def start_up(data: Path, env: dict[str, str]) -> tuple[float, dict[str, float]]:
    started = time.time()
    out = subprocess.run(
        [sys.executable, "-c", PROBE, str(data), repr(started)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    shown = float(next(line.split()[1] for line in out.splitlines() if line.startswith("shown")))
    pages = {
        line.split("'")[1]: float(line.rsplit(" ", 1)[1])
        for line in out.splitlines()
        if line.startswith("page")
    }
    return shown, pages


def idle(data: Path, env: dict[str, str], seconds: float) -> tuple[float, float, float]:
    """CPU seconds per second and peak RSS of the app left alone with tracking on."""
    process = subprocess.Popen(
        [sys.executable, "-m", "wellbeing_app", "gui", "--data-dir", str(data)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    watched = psutil.Process(process.pid)
    time.sleep(8)  # start-up is measured separately
    before = watched.cpu_times()
    peak = 0
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        peak = max(peak, watched.memory_info().rss)
        time.sleep(0.5)
    after = watched.cpu_times()
    process.terminate()
    process.wait(timeout=30)
    used = (after.user + after.system) - (before.user + before.system)
    return used / seconds, peak / 1e6, used


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--idle-seconds", type=float, default=60)
    args = parser.parse_args()
    from tests.x11_session import x11_session

    data = demo_dir()
    with x11_session() as display:
        env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
        env.pop("WAYLAND_DISPLAY", None)
        start_up(data, env)  # warm the OS file cache once
        runs = [start_up(data, env) for _ in range(args.runs)]
        shown = [s for s, _ in runs]
        print(
            f"cold start to shown window: median {statistics.median(shown):.2f} s, "
            f"best {min(shown):.2f} s, worst {max(shown):.2f} s (target < 1.5 s)"
        )
        for page in runs[0][1]:
            times = [pages[page] for _, pages in runs]
            print(
                f"  page {page:<16} median {statistics.median(times):6.1f} ms, "
                f"worst {max(times):6.1f} ms (target < 100 ms)"
            )
        share, peak, used = idle(data, env, args.idle_seconds)
        print(
            f"idle with tracking on: {used:.2f} s CPU in {args.idle_seconds:.0f} s = "
            f"{share * 100:.2f} % of one core (target < 0.5 %); peak RSS {peak:.0f} MB "
            "(target < 200 MB)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
