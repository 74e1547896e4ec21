"""CPU and memory of the real headless tracker, ``wellbeing track``, on a headless sway.

The sway sibling of ``bench_tracking_overhead.py`` (same schedule, same measurements, same
report): starts sway on wlroots' headless backend (``tests/sway_session.py``; as ``nobody``
when run as root), opens three foot windows with the app ids of the real apps (``discord``,
``firefox``, ``org.gnome.TextEditor``), starts ``python -m wellbeing_app track --data-dir TMP
--interval 1`` in that session (so ``create_probes`` picks the sway IPC probe and the
compositor's idle protocol) and moves the focus with ``swaymsg`` on the fixed schedule for
``--seconds`` (default 120). The Reddit tab's title changes each time it comes to the front,
and a virtual pointer moves every 10 s to keep the person "active".

    .venv/bin/python benchmarks/bench_tracking_overhead_sway.py [--seconds 120] [--repeat 1]
"""

from __future__ import annotations

import argparse
import itertools
import json
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_tracking_overhead import (
    DISCORD,
    EDITOR,
    REDDIT,
    REDDIT_TABS,
    REPO_ROOT,
    Result,
    _cpu,
    _plan,
    _recorded,
    _report,
    _schedstat,
    _vm_hwm_mb,
    _wait_for_line,
)

from tests import sway_session

_TRACK = (sys.executable, "-m", "wellbeing_app", "track")
APP_IDS = {DISCORD: "discord", REDDIT: "firefox", EDITOR: "org.gnome.TextEditor"}


def run_once(seconds: float, interval: float, window_seconds: float) -> Result:
    with (
        sway_session.sway_session() as session,
        tempfile.TemporaryDirectory(prefix="wellbeing-overhead-sway-") as tmp,
    ):
        for title, app_id in APP_IDS.items():
            session.open_window(app_id, title)
        session.focus(APP_IDS[EDITOR])
        return _measure(session, Path(tmp) / "data", seconds, interval, window_seconds)


def _measure(
    session: Any, data_dir: Path, seconds: float, interval: float, window_seconds: float
) -> Result:
    env = session.env()
    env.pop("WELLBEING_DEBUG", None)
    launched = time.monotonic()
    tracker = subprocess.Popen(
        [*_TRACK, "--data-dir", str(data_dir), "--interval", f"{interval:g}"],
        env=env,
        cwd=REPO_ROOT,
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
        switches = tab = 0
        next_sample = next_nudge = t0
        for at, title in _plan(seconds):
            while (now := time.monotonic()) < t0 + at:
                if now >= next_sample:
                    peak_rss = max(peak_rss, proc.memory_info().rss)
                    next_sample += 0.5
                    if now - marks[-1][0] >= window_seconds:
                        marks.append((now, _schedstat(tracker.pid), _cpu(proc)))
                if now >= next_nudge:
                    session.move_pointer()
                    next_nudge += 10.0
                time.sleep(max(0.0, min(next_sample, next_nudge, t0 + at) - time.monotonic()))
            if title is None:
                break
            if title == REDDIT:
                tab = (tab + 1) % len(REDDIT_TABS)
                session.set_title(APP_IDS[REDDIT], REDDIT_TABS[tab])
            session.focus(APP_IDS[title])
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
        cpu_psutil=cpu1 - cpu0,
        cpu_schedstat=cpu_ns,
        cpu_per_hour_psutil=(cpu1 - cpu0) / elapsed * 3600,
        cpu_per_hour_schedstat=None if cpu_ns is None else cpu_ns / elapsed * 3600,
        windows_per_hour=per_window,
        peak_rss_mb=peak_rss / 2**20,
        vm_hwm_mb=hwm,
        exit_code=tracker.returncode,
        recorded=_recorded(data_dir),
        switches=switches,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=120.0, help="tracking time per run")
    parser.add_argument("--interval", type=float, default=1.0, help="poll interval (s)")
    parser.add_argument("--repeat", type=int, default=1, help="runs, each with a fresh sway")
    parser.add_argument("--window", type=float, default=30.0, help="CPU spread window (s)")
    parser.add_argument("--json", type=Path, help="also write the results to this JSON file")
    args = parser.parse_args(argv)
    missing = sway_session.missing_tools()
    if missing:
        print(f"cannot run: {', '.join(missing)} not installed", file=sys.stderr)
        return 2
    results: list[Result] = []
    for i in range(args.repeat):
        print(f"run {i + 1}/{args.repeat}: {args.seconds:.0f} s at {args.interval:g} s polling")
        result = run_once(args.seconds, args.interval, args.window)
        results.append(result)
        print(
            f"  {result.switches} focus changes; steady CPU {result.cpu_psutil:.2f} s (psutil), "
            f"{result.cpu_schedstat} s (schedstat) over {result.seconds:.1f} s; "
            f"peak RSS {result.peak_rss_mb:.1f} MB, VmHWM {result.vm_hwm_mb} MB, "
            f"exit {result.exit_code}, recorded {result.recorded}"
        )
    _report(results, args.window)
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in results], indent=2))
    return 0 if all(r.exit_code == 0 for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
