"""What the live tracking benchmarks share: the focus schedule and its windows, starting
``wellbeing track`` and waiting for its first line, the measuring loop (CPU and memory of the
tracker while the focus moves), reading back what it stored, and the summary.

``bench_tracking_overhead.py`` (X11) and ``bench_tracking_overhead_sway.py`` run the same
measurement on two desktops; ``compare_activitywatch.py`` uses the schedule, the X11 session
and the start-up/read-back helpers. The ``/proc`` readings are in ``proc_usage.py``.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import select
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import psutil
from proc_usage import schedstat_seconds, vm_hwm_mb

REPO_ROOT = Path(__file__).resolve().parent.parent
DISCORD = "general | Discord"
REDDIT = "r/AskReddit - Reddit — Mozilla Firefox"
REDDIT_TABS = (
    REDDIT,
    "r/Python - Reddit — Mozilla Firefox",
    "(2) r/linux - Reddit — Mozilla Firefox",
)
EDITOR = "notes.txt - Text Editor"
# (window, seconds): one 60 s cycle, about 40 % community time, repeated for the whole run.
SCHEDULE = (
    (DISCORD, 12.0),
    (EDITOR, 9.0),
    (REDDIT, 8.0),
    (EDITOR, 14.0),
    (DISCORD, 5.0),
    (EDITOR, 12.0),
)
CPU_TARGET_PER_HOUR = 2.0
RSS_TARGET_MB = 60.0
NUDGE_EVERY = 10.0  # seconds between the input events that keep the person "active"


@dataclass
class Result:
    seconds: float
    startup_wall: float
    startup_cpu: float
    cpu_psutil: float
    cpu_schedstat: float | None
    cpu_per_hour_psutil: float
    cpu_per_hour_schedstat: float | None
    windows_per_hour: list[float] = field(default_factory=list)
    peak_rss_mb: float = 0.0
    vm_hwm_mb: float | None = None
    exit_code: int | None = None
    recorded: dict[str, float] = field(default_factory=dict)
    switches: int = 0


def x11() -> Any:
    """tests/x11_session.py, imported from the repository root."""
    if str(REPO_ROOT) not in sys.path:
        sys.path.insert(0, str(REPO_ROOT))
    from tests import x11_session

    return x11_session


def cpu_seconds(process: psutil.Process) -> float:
    """User + system CPU of ``process`` from psutil (10 ms ticks)."""
    times = process.cpu_times()
    return float(times.user + times.system)


def wait_for_line(
    process: subprocess.Popen[bytes], timeout: float, name: str = "the tracker"
) -> str:
    """The process's first stdout line ("Tracking time ..."), which ends its start-up."""
    assert process.stdout is not None
    fd = process.stdout.fileno()
    deadline = time.monotonic() + timeout
    data = b""
    while b"\n" not in data:
        remaining = deadline - time.monotonic()
        if remaining <= 0 or process.poll() is not None:
            raise RuntimeError(f"{name} did not start (exit {process.poll()}): {data!r}")
        if select.select([fd], [], [], remaining)[0]:
            chunk = os.read(fd, 4096)
            if not chunk:
                raise RuntimeError(f"{name} closed its output: {data!r}")
            data += chunk
    return data.decode(errors="replace").splitlines()[0]


def usage_command(data_dir: Path, today: date) -> list[str]:
    """``wellbeing usage --json`` from yesterday to tomorrow (for runs crossing 04:00)."""
    return [
        sys.executable,
        "-m",
        "wellbeing_app",
        "usage",
        "--data-dir",
        str(data_dir),
        "--from",
        (today - timedelta(days=1)).isoformat(),
        "--to",
        (today + timedelta(days=1)).isoformat(),
        "--json",
    ]


def recorded(data_dir: Path, source: Path | None = None) -> dict[str, float]:
    """Seconds per app the tracker stored, or {} (with a note) when they cannot be read.

    Asked through ``wellbeing usage --json`` in a new process (from ``source`` when given), so
    the code reading the file is the same as the code that wrote it even while the working
    tree changes.
    """
    result = subprocess.run(
        usage_command(data_dir, date.today()),
        cwd=source or REPO_ROOT,
        env={**os.environ, "PYTHONPATH": str(source)} if source else None,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    if result.returncode != 0:
        print(f"  (could not read back the usage: {result.stderr.strip()})")
        return {}
    return {row["app"]: round(row["seconds"], 1) for row in json.loads(result.stdout)}


def plan(seconds: float) -> list[tuple[float, str | None]]:
    """(offset from start, window to focus) for the whole run; None marks the end."""
    steps: list[tuple[float, str | None]] = []
    at = 0.0
    while at < seconds:
        for title, dwell in SCHEDULE:
            if at >= seconds:
                break
            steps.append((at, title))
            at += dwell
    steps.append((seconds, None))
    return steps


@dataclass(frozen=True)
class Desktop:
    """What the measuring loop does to a desktop: the X11 and sway benchmarks differ here only.

    Attributes:
        focus: gives the window titled (at the start) with this title the focus.
        retitle_reddit: shows this tab's title in the Reddit window.
        nudge: one small input event, as from a person.
    """

    focus: Callable[[str], None]
    retitle_reddit: Callable[[str], None]
    nudge: Callable[[], None]


def measure(
    desktop: Desktop,
    command: Sequence[str],
    env: dict[str, str],
    data_dir: Path,
    seconds: float,
    window_seconds: float,
    source: Path | None = None,
) -> Result:
    """Starts the tracker (``command``), moves the focus on the plan and measures it.

    Start-up: wall time and CPU until its first line. Then CPU (psutil and schedstat) between a
    reading after start-up and one at the end, and per ``window_seconds``; peak RSS sampled
    every 0.5 s and ``VmHWM``. Ends with SIGTERM and reads back what it stored.
    """
    env = dict(env)
    env.pop("WELLBEING_DEBUG", None)
    launched = time.monotonic()
    tracker = subprocess.Popen(
        list(command),
        env=env,
        cwd=source or REPO_ROOT,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        proc = psutil.Process(tracker.pid)
        line = wait_for_line(tracker, timeout=60)
        startup_wall = time.monotonic() - launched
        startup_cpu = cpu_seconds(proc)
        print(f"  tracker pid {tracker.pid} started in {startup_wall:.2f} s: {line}")

        t0 = time.monotonic()
        cpu0, sched0 = cpu_seconds(proc), schedstat_seconds(tracker.pid)
        peak_rss = proc.memory_info().rss
        marks: list[tuple[float, float | None, float]] = [(t0, sched0, cpu0)]
        switches = tab = 0
        next_sample = next_nudge = t0
        for at, title in plan(seconds):
            # Between focus changes: sample memory every 0.5 s, nudge every NUDGE_EVERY s.
            while (now := time.monotonic()) < t0 + at:
                if now >= next_sample:
                    peak_rss = max(peak_rss, proc.memory_info().rss)
                    next_sample += 0.5
                    if now - marks[-1][0] >= window_seconds:
                        marks.append((now, schedstat_seconds(tracker.pid), cpu_seconds(proc)))
                if now >= next_nudge:
                    desktop.nudge()
                    next_nudge += NUDGE_EVERY
                time.sleep(max(0.0, min(next_sample, next_nudge, t0 + at) - time.monotonic()))
            if title is None:
                break
            if title == REDDIT:
                # A different tab each time: the probe reads the title every poll anyway.
                tab = (tab + 1) % len(REDDIT_TABS)
                desktop.retitle_reddit(REDDIT_TABS[tab])
            desktop.focus(title)
            switches += 1
        t1 = time.monotonic()
        cpu1, sched1 = cpu_seconds(proc), schedstat_seconds(tracker.pid)
        peak_rss = max(peak_rss, proc.memory_info().rss)
        marks.append((t1, sched1, cpu1))
        hwm = vm_hwm_mb(tracker.pid)
        tracker.send_signal(signal.SIGTERM)
        tracker.communicate(timeout=30)
    finally:
        if tracker.poll() is None:
            tracker.kill()
            tracker.communicate()
    elapsed = t1 - t0
    cpu_ps = cpu1 - cpu0
    cpu_ns = None if sched0 is None or sched1 is None else sched1 - sched0
    per_window = [
        ((b[1] - a[1]) if a[1] is not None and b[1] is not None else (b[2] - a[2]))
        / (b[0] - a[0])
        * 3600
        for a, b in itertools.pairwise(marks)
        if b[0] - a[0] >= window_seconds / 2
    ]
    return Result(
        seconds=elapsed,
        startup_wall=startup_wall,
        startup_cpu=startup_cpu,
        cpu_psutil=cpu_ps,
        cpu_schedstat=cpu_ns,
        cpu_per_hour_psutil=cpu_ps / elapsed * 3600,
        cpu_per_hour_schedstat=None if cpu_ns is None else cpu_ns / elapsed * 3600,
        windows_per_hour=per_window,
        peak_rss_mb=peak_rss / 2**20,
        vm_hwm_mb=hwm,
        exit_code=tracker.returncode,
        recorded=recorded(data_dir, source),
        switches=switches,
    )


def report(results: list[Result], window: float) -> None:
    """The summary over all runs: median, best and worst of each figure, and the targets."""

    def line(name: str, values: list[float], unit: str, fmt: str = ".3f") -> None:
        print(
            f"  {name:<40} median {statistics.median(values):{fmt}} {unit}, "
            f"best {min(values):{fmt}} {unit}, worst {max(values):{fmt}} {unit}"
        )

    per_hour = [
        r.cpu_per_hour_schedstat if r.cpu_per_hour_schedstat is not None else r.cpu_per_hour_psutil
        for r in results
    ]
    print(f"summary over {len(results)} run(s) of {results[0].seconds:.0f} s:")
    print(f"  (CPU spread: per {window:.0f} s window of every run)")
    line("start-up wall time", [r.startup_wall for r in results], "s", ".2f")
    line("start-up CPU", [r.startup_cpu for r in results], "s", ".2f")
    line("steady CPU per hour (schedstat)", per_hour, "s/h")
    line("steady CPU per hour (psutil ticks)", [r.cpu_per_hour_psutil for r in results], "s/h")
    windows = [w for r in results for w in r.windows_per_hour]
    if windows:
        line("  per window, CPU per hour", windows, "s/h")
    line("peak RSS (0.5 s samples)", [r.peak_rss_mb for r in results], "MB", ".1f")
    hwm = [r.vm_hwm_mb for r in results if r.vm_hwm_mb is not None]
    if hwm:
        line("VmHWM (kernel high-water mark)", hwm, "MB", ".1f")
    cpu_ok = statistics.median(per_hour) <= CPU_TARGET_PER_HOUR
    rss = max(*(hwm or [0.0]), *(r.peak_rss_mb for r in results))
    print(
        f"  CPU <= {CPU_TARGET_PER_HOUR} s/h: {'PASS' if cpu_ok else 'FAIL'};"
        f"  peak RSS < {RSS_TARGET_MB:.0f} MB: {'PASS' if rss < RSS_TARGET_MB else 'FAIL'}"
    )


def add_run_arguments(parser: argparse.ArgumentParser, fresh: str) -> None:
    """The options both tracking benchmarks take; ``fresh`` names what each run starts anew."""
    parser.add_argument("--seconds", type=float, default=120.0, help="tracking time per run")
    parser.add_argument("--interval", type=float, default=1.0, help="poll interval (s)")
    parser.add_argument("--repeat", type=int, default=1, help=f"runs, each with a fresh {fresh}")
    parser.add_argument("--window", type=float, default=30.0, help="CPU spread window (s)")
    parser.add_argument("--json", type=Path, help="also write the results to this JSON file")


def run_all(args: argparse.Namespace, run_once: Callable[[], Result]) -> int:
    """``--repeat`` runs, each described as it ends, then the summary (and ``--json``).

    Returns the exit code: 0 when the tracker exited cleanly in every run, else 1.
    """
    results: list[Result] = []
    for i in range(args.repeat):
        print(f"run {i + 1}/{args.repeat}: {args.seconds:.0f} s at {args.interval:g} s polling")
        result = run_once()
        results.append(result)
        sched = result.cpu_schedstat
        print(
            f"  {result.switches} focus changes; steady CPU {result.cpu_psutil:.2f} s (psutil), "
            f"{sched if sched is None else f'{sched:.4f}'} s (schedstat) over "
            f"{result.seconds:.1f} s -> "
            f"{result.cpu_per_hour_schedstat or result.cpu_per_hour_psutil:.3f}"
            f" s per hour; start-up {result.startup_cpu:.2f} s CPU in {result.startup_wall:.2f} s"
        )
        print(
            f"  peak RSS {result.peak_rss_mb:.1f} MB, VmHWM {result.vm_hwm_mb} MB, "
            f"exit {result.exit_code}, recorded {result.recorded}"
        )
    report(results, args.window)
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in results], indent=2))
    return 0 if all(r.exit_code == 0 for r in results) else 1
