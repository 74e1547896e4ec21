"""CPU and memory of the real headless tracker, ``wellbeing track``, under Xvfb.

Starts Xvfb + openbox (``tests/x11_session.py``), opens three xterms through symlinks named
``Discord``, ``firefox`` and ``gedit`` (so the X11 probe resolves real process names), starts
``python -m wellbeing_app track --data-dir TMP --interval 1`` and moves the focus between the
windows on a fixed schedule with xdotool for ``--seconds`` (default 120). The Reddit tab's title
changes now and then (``xdotool set_window --name``), and a 1-pixel mouse nudge every 10 s keeps
the person "active" for the idle probe, so every poll runs the full path:
X11 probe -> idle probe -> classify -> merge -> store (commit every 5 s).

Measured on the tracker process only:

* start-up: wall time and CPU from ``Popen`` until it prints its "Tracking ..." line;
* steady state: CPU (user + system) between a reading right after start-up and one at the end,
  from psutil ``cpu_times()`` (10 ms ticks) and from ``/proc/PID/task/*/schedstat``
  (nanoseconds), extrapolated to one hour; the same per 30 s window, to show the spread;
* memory: peak RSS sampled every 0.5 s with psutil, and ``VmHWM`` (the kernel's high-water
  mark, which also covers start-up) from ``/proc/PID/status``.

Then SIGTERM; the exit code must be 0 and the database must hold the Discord/Reddit time.

    /work/venv/bin/python benchmarks/bench_tracking_overhead.py [--seconds 120] [--repeat 1]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import select
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import psutil

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
SOURCE: Path | None = None  # --source: run the tracker from another checkout
CPU_TARGET_PER_HOUR = 2.0
RSS_TARGET_MB = 60.0


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


def _x11() -> Any:
    """tests/x11_session.py, imported from the repository root."""
    if str(REPO_ROOT) not in sys.path:
        sys.path.insert(0, str(REPO_ROOT))
    from tests import x11_session

    return x11_session


def _cpu(process: psutil.Process) -> float:
    times = process.cpu_times()
    return float(times.user + times.system)


def _schedstat(pid: int) -> float | None:
    """On-CPU time of every thread of ``pid`` in seconds (ns resolution), or None."""
    total = 0
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/schedstat", encoding="ascii") as handle:
                total += int(handle.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    return total / 1e9


def _vm_hwm_mb(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def _wait_for_line(process: subprocess.Popen[bytes], timeout: float) -> str:
    """The tracker's first stdout line ("Tracking time ..."), which ends its start-up."""
    assert process.stdout is not None
    fd = process.stdout.fileno()
    deadline = time.monotonic() + timeout
    data = b""
    while b"\n" not in data:
        remaining = deadline - time.monotonic()
        if remaining <= 0 or process.poll() is not None:
            raise RuntimeError(f"the tracker did not start (exit {process.poll()}): {data!r}")
        ready, _, _ = select.select([fd], [], [], remaining)
        if ready:
            chunk = os.read(fd, 4096)
            if not chunk:
                raise RuntimeError(f"the tracker closed its output: {data!r}")
            data += chunk
    return data.decode(errors="replace").splitlines()[0]


def _recorded(data_dir: Path) -> dict[str, float]:
    """Seconds per app the tracker stored (yesterday..tomorrow, for runs crossing 04:00).

    Asked through ``wellbeing usage --json`` in a new process, so the code reading the file is
    the same as the code that wrote it even while the working tree changes.
    """
    today = date.today()
    result = subprocess.run(
        [
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
        ],
        cwd=SOURCE or REPO_ROOT,
        env={**os.environ, "PYTHONPATH": str(SOURCE)} if SOURCE else None,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    if result.returncode != 0:
        print(f"  (could not read back the usage: {result.stderr.strip()})")
        return {}
    return {row["app"]: round(row["seconds"], 1) for row in json.loads(result.stdout)}


def run_once(
    seconds: float, interval: float, window_seconds: float, variant: str | None = None
) -> Result:
    x11 = _x11()
    with (
        x11.x11_session() as display,
        tempfile.TemporaryDirectory(prefix="wellbeing-overhead-") as tmp,
    ):
        bin_dir = Path(tmp) / "bin"
        bin_dir.mkdir()
        xterm = shutil.which("xterm")
        assert xterm is not None
        windows: dict[str, int] = {}
        helpers = []
        try:
            for name, title in (("Discord", DISCORD), ("firefox", REDDIT), ("gedit", EDITOR)):
                (bin_dir / name).symlink_to(xterm)
                process, window_id = x11.open_xterm(display, title, str(bin_dir / name))
                helpers.append(process)
                windows[title] = window_id
            x11.activate(display, windows[EDITOR])
            return _measure(
                x11,
                display,
                windows,
                Path(tmp) / "data",
                seconds,
                interval,
                window_seconds,
                variant,
            )
        finally:
            for process in helpers:
                x11.close_process(process)


def _measure(
    x11: Any,
    display: str,
    windows: dict[str, int],
    data_dir: Path,
    seconds: float,
    interval: float,
    window_seconds: float,
    variant: str | None,
) -> Result:
    env = x11.x11_env(display)
    env.pop("WELLBEING_DEBUG", None)
    source = SOURCE or REPO_ROOT
    if SOURCE is not None:  # another checkout (a patched copy): its package comes first
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SOURCE), env.get("PYTHONPATH")]))
    # The shipped command, or the same command with proposed changes patched in.
    program = (
        ["-m", "wellbeing_app"]
        if variant is None
        else [str(Path(__file__).with_name("tracker_variant.py")), variant]
    )
    launched = time.monotonic()
    tracker = subprocess.Popen(
        [
            sys.executable,
            *program,
            "track",
            "--data-dir",
            str(data_dir),
            "--interval",
            f"{interval:g}",
        ],
        env=env,
        cwd=source,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        proc = psutil.Process(tracker.pid)
        line = _wait_for_line(tracker, timeout=60)
        startup_wall = time.monotonic() - launched
        startup_cpu = _cpu(proc)
        print(f"  tracker pid {tracker.pid} started in {startup_wall:.2f} s: {line}")

        t0 = time.monotonic()
        cpu0, sched0 = _cpu(proc), _schedstat(tracker.pid)
        peak_rss = proc.memory_info().rss
        marks: list[tuple[float, float | None, float]] = [(t0, sched0, cpu0)]
        switches = 0
        tab = 0
        plan = _plan(seconds)
        next_sample = t0
        next_nudge = t0
        for at, title in plan:
            # Between focus changes: sample memory every 0.5 s, nudge the mouse every 10 s.
            while True:
                now = time.monotonic()
                if now >= t0 + at:
                    break
                if now >= next_sample:
                    peak_rss = max(peak_rss, proc.memory_info().rss)
                    next_sample += 0.5
                    if now - marks[-1][0] >= window_seconds:
                        marks.append((now, _schedstat(tracker.pid), _cpu(proc)))
                if now >= next_nudge:
                    x11.xdotool(display, "mousemove_relative", "--", "1", "0")
                    next_nudge += 10.0
                time.sleep(max(0.0, min(next_sample, next_nudge, t0 + at) - time.monotonic()))
            if title is None:
                break
            if title == REDDIT:
                # A different tab each time: the probe reads the title every poll anyway.
                tab = (tab + 1) % len(REDDIT_TABS)
                x11.xdotool(display, "set_window", "--name", REDDIT_TABS[tab], str(windows[REDDIT]))
            x11.activate(display, windows[title])
            switches += 1
        t1 = time.monotonic()
        cpu1, sched1 = _cpu(proc), _schedstat(tracker.pid)
        peak_rss = max(peak_rss, proc.memory_info().rss)
        marks.append((t1, sched1, cpu1))
        hwm = _vm_hwm_mb(tracker.pid)
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
        (b[1] - a[1]) / (b[0] - a[0]) * 3600
        if a[1] is not None and b[1] is not None
        else (b[2] - a[2]) / (b[0] - a[0]) * 3600
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
        recorded=_recorded(data_dir),
        switches=switches,
    )


def _plan(seconds: float) -> list[tuple[float, str | None]]:
    """(offset from start, window to focus) for the whole run; None marks the end."""
    plan: list[tuple[float, str | None]] = []
    at = 0.0
    while at < seconds:
        for title, dwell in SCHEDULE:
            if at >= seconds:
                break
            plan.append((at, title))
            at += dwell
    plan.append((seconds, None))
    return plan


def _report(results: list[Result], window: float) -> None:
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=120.0, help="tracking time per run")
    parser.add_argument("--interval", type=float, default=1.0, help="poll interval (s)")
    parser.add_argument("--repeat", type=int, default=1, help="runs, each with a fresh desktop")
    parser.add_argument("--window", type=float, default=30.0, help="CPU spread window (s)")
    parser.add_argument(
        "--variant",
        help="run benchmarks/tracker_variant.py VARIANT instead of the shipped command "
        "(prototypes of proposed changes, e.g. idle-bound, or wake-only for the cost of waking)",
    )
    parser.add_argument(
        "--source",
        type=Path,
        help="run the tracker from this checkout instead (e.g. a copy with a proposed patch)",
    )
    parser.add_argument("--json", type=Path, help="also write the results to this JSON file")
    args = parser.parse_args(argv)
    global SOURCE  # noqa: PLW0603 - a benchmark switch, set once
    SOURCE = args.source.resolve() if args.source else None

    missing = _x11().missing_tools()
    if missing:
        print(f"cannot run: {', '.join(missing)} not installed", file=sys.stderr)
        return 2
    results: list[Result] = []
    for i in range(args.repeat):
        print(f"run {i + 1}/{args.repeat}: {args.seconds:.0f} s at {args.interval:g} s polling")
        result = run_once(args.seconds, args.interval, args.window, args.variant)
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
    _report(results, args.window)
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in results], indent=2))
    return 0 if all(r.exit_code == 0 for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
