"""The desktop app hidden in the tray: resident memory, CPU and wake-ups while it waits.

    .venv/bin/python benchmarks/bench_tray_idle.py [--data-dir DIR] [--minutes 10]
        [--tracking paused|on] [--display :74]

Runs the real app (``wellbeing gui --data-dir DIR``) under X11 (Xvfb + openbox on ``--display``,
started here unless it already answers). A person's afternoon is played first: every page is
opened in turn (Insights draws its charts, Report & export builds its preview), then the
window is hidden as closing it to the tray does, and tracking is paused from the tray menu
("until tomorrow") unless ``--tracking on``. Then the app is left alone and measured from
outside, from /proc only: VmRSS from /proc/PID/status, CPU as utime+stime from /proc/PID/stat
(CPU time, not wall time: the machine may be busy), and wake-ups as the voluntary context
switches of all its threads.

Without ``--data-dir`` a year of demo data is made in a temporary folder. Nothing is written to
the home folder (no start-at-login entry: the data dir is passed, and the demo is marked as
past its welcome).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# Runs in the app's own process: plays the afternoon, hides the window, says "hidden".
PROBE = textwrap.dedent(
    """
    import sys, time
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from wellbeing_app import desktop
    from wellbeing_app.ui import main_window

    pause = sys.argv[2] == "paused"
    afternoon_first = sys.argv[3] == "afternoon"
    started = desktop.DesktopApp._welcome_then_start
    apps = []

    def welcome_then_start(self):
        apps.append(self)
        started(self)

    desktop.DesktopApp._welcome_then_start = welcome_then_start
    shown = main_window.MainWindow.show

    def settle(seconds):
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            QApplication.processEvents()
            time.sleep(0.02)

    def show(self):
        shown(self)
        main_window.MainWindow.show = shown

        def afternoon():
            for row in range(self.nav.count() if afternoon_first else 0):
                self.nav.setCurrentRow(row)
                settle(4.0)  # charts and the report preview are drawn in workers
            self.nav.setCurrentRow(0)
            settle(0.5)
            self.hide()  # what closing the window to the tray does
            if pause:
                apps[0]._pause(None)
            print("hidden", flush=True)

        QTimer.singleShot(0, afternoon)

    main_window.MainWindow.show = show
    from wellbeing_app.cli import main
    sys.exit(main(["gui", "--data-dir", sys.argv[1]]))
    """
)


def proc_cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def proc_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def proc_rss_parts(pid: int) -> str:
    """Resident memory by kind: anonymous (the heap: Python objects, Qt's widgets and images)
    and file-backed (shared libraries' pages, which the system can drop and share)."""
    parts = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("RssAnon", "RssFile", "RssShmem"):
            parts[key[3:].lower()] = int(value.split()[0]) / 1024
    return ", ".join(f"{kind} {mb:.1f}" for kind, mb in parts.items())


def proc_wakeups(pid: int) -> int:
    """Voluntary context switches of the GUI (main) thread, where every timer runs: each is
    one wake-up from waiting for events."""
    for line in Path(f"/proc/{pid}/task/{pid}/status").read_text().splitlines():
        if line.startswith("voluntary_ctxt_switches:"):
            return int(line.split()[1])
    raise RuntimeError("no voluntary_ctxt_switches")


def demo_data() -> Path:
    from wellbeing_app.storage.app_state import AppState
    from wellbeing_app.storage.repositories import open_repositories

    path = Path(tempfile.mkdtemp(prefix="wellbeing-tray-idle-")) / "data"
    subprocess.run(
        [sys.executable, "-m", "wellbeing_app", "demo", "--data-dir", str(path), "--days", "365"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    repos = open_repositories(path)
    AppState(repos.db).set_flag("first_run_done")
    repos.close()
    return path


def x_server(display: str) -> list[subprocess.Popen[bytes]]:
    """Starts Xvfb and openbox on ``display`` unless an X server already answers there."""
    env = {**os.environ, "DISPLAY": display}
    if shutil.which("xdpyinfo") and (
        subprocess.run(["xdpyinfo"], env=env, capture_output=True, check=False).returncode == 0
    ):
        return []
    xvfb = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", "1366x768x24", "-noreset"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(1.0)
    wm = subprocess.Popen(
        ["openbox"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    time.sleep(1.0)
    return [wm, xvfb]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--tracking", choices=("paused", "on"), default="paused")
    parser.add_argument("--display", default=":74")
    parser.add_argument(
        "--before",
        choices=("afternoon", "login"),
        default="afternoon",
        help="open every page before hiding, or hide at once (as a start at login does)",
    )
    parser.add_argument("--settle-seconds", type=float, default=20.0)
    args = parser.parse_args()
    data = args.data_dir or demo_data()
    started = x_server(args.display)
    env = {**os.environ, "DISPLAY": args.display, "QT_QPA_PLATFORM": "xcb"}
    env.pop("WAYLAND_DISPLAY", None)
    app = subprocess.Popen(
        [sys.executable, "-c", PROBE, str(data), args.tracking, args.before],
        env=env,
        stdout=subprocess.PIPE,
        stderr=None,
        text=True,
        cwd=ROOT,
    )
    try:
        assert app.stdout is not None
        for line in app.stdout:
            if line.strip() == "hidden":
                break
        else:
            raise SystemExit("the app ended before its window was hidden")
        pid = app.pid
        shown_rss = proc_rss_mb(pid)
        time.sleep(args.settle_seconds)  # the hide's own clean-up is not idle time
        cpu0, wake0, rss0 = proc_cpu_seconds(pid), proc_wakeups(pid), proc_rss_mb(pid)
        seconds = args.minutes * 60
        peak = rss0
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            time.sleep(min(5.0, max(0.0, end - time.monotonic())))
            peak = max(peak, proc_rss_mb(pid))
        cpu1, wake1, rss1 = proc_cpu_seconds(pid), proc_wakeups(pid), proc_rss_mb(pid)
        parts = proc_rss_parts(pid)
    finally:
        app.terminate()
        app.wait(timeout=60)
        for process in started:
            process.terminate()
            process.wait(timeout=10)
    used = cpu1 - cpu0
    print(
        f"hidden ({args.before}) in the tray for {args.minutes:g} min, tracking {args.tracking}: "
        f"{used:.3f} s CPU = {used / seconds * 100:.3f} % of a core; "
        f"{(wake1 - wake0) / seconds * 60:.1f} GUI-thread wake-ups a minute; "
        f"VmRSS {shown_rss:.1f} MB at hide, {rss0:.1f} MB after {args.settle_seconds:g} s, "
        f"{rss1:.1f} MB at the end (peak {peak:.1f} MB; {parts} MB)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
