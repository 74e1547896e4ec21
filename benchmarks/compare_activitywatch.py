"""Wellbeing and ActivityWatch side by side, on this machine, in one run.

1. **Install** ActivityWatch into a virtual environment of its own (``--aw-venv``, default
   ``~/.cache/wellbeing-bench/aw-venv``; see ``aw_side.py``).
2. **Live tracking**: one private Xvfb + openbox desktop with three xterms started through
   symlinks named ``Discord``, ``firefox`` and ``gedit`` (as in ``bench_tracking_overhead.py``).
   ``wellbeing track`` and aw-server + aw-watcher-window + aw-watcher-afk (shipped defaults: 1 s
   window poll, 5 s AFK poll, 180 s AFK timeout) run at the same time while the focus moves on a
   fixed 60 s plan for ``--seconds`` (a 1-pixel mouse nudge every 10 s keeps both "active").
   CPU per hour: utime + stime + cutime + cstime from ``/proc/PID/stat`` of *every* process of
   each tool, read after both have started and at the end (``proc_usage.py``). Peak RSS:
   ``VmHWM`` summed over each tool's processes. Totals: ours from ``wellbeing usage --json``,
   ActivityWatch's from its canonical query (``flood`` + not-afk intersection) over the REST
   API, each window classified by the shipped catalog as the process Wellbeing sees
   (the xterm titled "general | Discord", run as ``Discord``, is Discord).
3. **A year of data** (``compare_year.py``): one ActivityWatch export, imported into aw-server
   (``POST /api/0/import``) and into Wellbeing (``wellbeing import activitywatch``); database
   sizes; per-app day/week/year queries (median of ``--runs``); the totals compared.

Prints every figure with its ratio (ActivityWatch / Wellbeing). Writes only to a temporary
work folder (and the ActivityWatch venv); every process it starts is stopped on exit, Ctrl+C
or failure.

    .venv/bin/python benchmarks/compare_activitywatch.py [--seconds 600] [--runs 5]
        [--window-watcher-source DIR] [--afk-watcher-source DIR] [--skip-live] [--skip-year]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import FrameType
from typing import Any

from aw_side import (
    DEFAULT_VENV,
    AwServer,
    aw_server,
    ensure_venv,
    query_windows,
    start_watchers,
    stop_group,
)
from compare_year import YearResult, print_year, run_year
from proc_usage import TreeReading, cpu_delta_seconds, peak_rss_mb, ratio_text, read_tree
from tracking_common import (
    DISCORD,
    EDITOR,
    NUDGE_EVERY,
    REDDIT,
    REDDIT_TABS,
    REPO_ROOT,
    SCHEDULE,
    usage_command,
    wait_for_line,
)
from tracking_common import x11 as _x11

from wellbeing_app.app import load_catalog
from wellbeing_app.core.classifier import Classifier

# The process name each test window runs under (a symlink to xterm): what Wellbeing's X11
# probe sees, and what decides the window's community in both tools' totals.
PROCESS_OF = {DISCORD: "Discord", REDDIT: "firefox", EDITOR: "gedit"} | {
    tab: "firefox" for tab in REDDIT_TABS
}
COMMIT_WAIT = 20.0  # > aw-client's commit_interval (10 s) + aw-watcher-afk's poll (5 s)


@dataclass
class ToolLive:
    """One tool's figures from the live run."""

    cpu_seconds: float = 0.0
    cpu_per_hour: float = 0.0
    peak_rss_mb: float = 0.0
    processes: list[str] = field(default_factory=list)
    totals: dict[str, float] = field(default_factory=dict)
    windows: list[tuple[str, str, float]] = field(default_factory=list)  # what AW stored


@dataclass
class LiveResult:
    seconds: float
    switches: int
    expected: dict[str, float]
    ours: ToolLive
    aw: ToolLive


def focus_plan(seconds: float) -> list[tuple[float, str]]:
    """(offset, window title) of every focus change; the editor gets the focus at the end.

    The 60 s ``SCHEDULE`` of ``tracking_common.py`` repeated; the Reddit window shows
    another tab on each visit. The last entry, at ``seconds``, hands the focus to the editor,
    so neither tool counts community time after the plan ends.
    """
    plan: list[tuple[float, str]] = []
    at = 0.0
    visit = 0
    while at < seconds:
        for scheduled, dwell in SCHEDULE:
            if at >= seconds:
                break
            title = scheduled
            if scheduled == REDDIT:
                visit += 1
                title = REDDIT_TABS[visit % len(REDDIT_TABS)]
            plan.append((at, title))
            at += dwell
    plan.append((seconds, EDITOR))
    return plan


def expected_totals(plan: list[tuple[float, str]], classify: Classifier) -> dict[str, float]:
    """Seconds per community app that the plan shows, by the shipped catalog."""
    totals: dict[str, float] = {}
    for (at, title), (until, _next) in itertools.pairwise(plan):
        found = classify.classify(PROCESS_OF[title], title)
        if found is not None:
            totals[found.app] = totals.get(found.app, 0.0) + (until - at)
    return totals


def classified_totals(
    windows: list[tuple[str, str, float]], classify: Classifier, process_of: dict[str, str]
) -> dict[str, float]:
    """(app, title, seconds) rows summed per community app.

    A title in ``process_of`` is classified as that process's window (ActivityWatch names every
    xterm ``XTerm``, after its WM_CLASS); any other row by its own app name.
    """
    totals: dict[str, float] = {}
    for app, title, seconds in windows:
        found = classify.classify(process_of.get(title, app), title)
        if found is not None:
            totals[found.app] = totals.get(found.app, 0.0) + seconds
    return totals


# ------------------------------------------------------------------------------------ live run


def _wait_for_buckets(server: AwServer, watchers: list[subprocess.Popen[bytes]]) -> None:
    deadline = time.monotonic() + 60
    while True:
        names = server.buckets()
        if any(n.startswith("aw-watcher-window_") for n in names) and any(
            n.startswith("aw-watcher-afk_") for n in names
        ):
            return
        if any(w.poll() is not None for w in watchers) or time.monotonic() > deadline:
            raise RuntimeError(f"the ActivityWatch watchers did not start (buckets: {names})")
        time.sleep(0.5)


def _our_totals(data_dir: Path, env: dict[str, str]) -> dict[str, float]:
    today = datetime.now(UTC).date()
    result = subprocess.run(
        usage_command(data_dir, today),
        env=env,
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return {row["app"]: float(row["seconds"]) for row in json.loads(result.stdout)}


def _wellbeing() -> list[str]:
    return [sys.executable, "-m", "wellbeing_app"]


def _run_plan(x11: Any, display: str, windows: dict[str, int], seconds: float) -> int:
    """Moves the focus on the plan (and nudges the mouse); returns the number of changes."""
    t0 = time.monotonic()
    next_nudge = t0
    switches = 0
    for at, title in focus_plan(seconds):
        while (now := time.monotonic()) < t0 + at:
            if now >= next_nudge:
                x11.xdotool(display, "mousemove_relative", "--", "1", "0")
                next_nudge += NUDGE_EVERY
            time.sleep(max(0.0, min(next_nudge, t0 + at) - time.monotonic()))
        window = windows[PROCESS_OF[title]]
        if PROCESS_OF[title] == "firefox":
            set_title(display, window, title)
        x11.activate(display, window)
        switches += 1
    return switches


def _open_xterm(
    stack: ExitStack, x11: Any, display: str, title: str, program: Path, seconds: float
) -> int:
    """An xterm titled ``title`` that lives through the whole run; returns its window id.

    (``x11_session.open_xterm`` runs ``sleep 600``: its window would close during a 600 s run.)
    """
    process = subprocess.Popen(
        [str(program), "-T", title, "-e", "sleep", str(int(seconds) + 3600)],
        env=x11.x11_env(display),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    stack.callback(x11.close_process, process)
    return int(x11.wait_for_window(display, title))


def _keep_active(x11: Any, display: str, seconds: float) -> None:
    until = time.monotonic() + seconds
    while time.monotonic() < until:
        x11.xdotool(display, "mousemove_relative", "--", "1", "0")
        time.sleep(2.0)


def set_title(display: str, window: int, title: str) -> None:
    """Retitles ``window`` as a real browser does: ``_NET_WM_NAME`` and ``WM_NAME`` as UTF-8.

    ``xdotool set_window --name`` writes ``_NET_WM_NAME`` with the type STRING, which
    aw-watcher-window (asking for UTF8_STRING) reads as an empty title.
    """
    for prop in ("_NET_WM_NAME", "WM_NAME"):
        subprocess.run(
            ["xprop", "-id", str(window), "-f", prop, "8u", "-set", prop, title],
            env=os.environ | {"DISPLAY": display},
            check=True,
            timeout=30,
        )


def run_live(bin_dir: Path, seconds: float, work: Path, log: Path) -> LiveResult:
    """Both trackers at once on one desktop while the focus moves; see the module docstring."""
    x11 = _x11()
    classify = Classifier(load_catalog())
    with x11.x11_session() as display, ExitStack() as stack:
        links = work / "bin"
        links.mkdir()
        windows: dict[str, int] = {}
        for name, title in (("Discord", DISCORD), ("firefox", REDDIT), ("gedit", EDITOR)):
            (links / name).symlink_to(shutil.which("xterm") or "xterm")
            windows[name] = _open_xterm(stack, x11, display, title, links / name, seconds)
        for name, title in (("Discord", DISCORD), ("firefox", REDDIT), ("gedit", EDITOR)):
            set_title(display, windows[name], title)
        x11.activate(display, windows["gedit"])
        env = x11.x11_env(display) | {"TZ": "UTC"}
        env.pop("WELLBEING_DEBUG", None)

        data_dir = work / "wellbeing-live"
        ours = subprocess.Popen(
            [*_wellbeing(), "track", "--data-dir", str(data_dir)],
            env=env,
            cwd=REPO_ROOT,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=stack.enter_context(log.open("ab")),
            start_new_session=True,
        )
        stack.callback(stop_group, ours)
        print(f"  wellbeing track (pid {ours.pid}): {wait_for_line(ours, 60, 'wellbeing track')}")
        server = stack.enter_context(aw_server(bin_dir, work / "aw-live-home", log))
        watchers = start_watchers(stack, bin_dir, server, env, log)
        _wait_for_buckets(server, watchers)
        aw_roots = [server.process.pid, *(w.pid for w in watchers)]
        print(f"  aw-server (pid {server.process.pid}, port {server.port}) and watchers started")
        time.sleep(3.0)  # let the watchers' start-up (imports, first heartbeats) settle

        started = datetime.now(UTC)
        t0 = time.monotonic()
        before = (read_tree([ours.pid]), read_tree(aw_roots))
        switches = _run_plan(x11, display, windows, seconds)
        elapsed = time.monotonic() - t0
        after = (read_tree([ours.pid]), read_tree(aw_roots))
        ended = datetime.now(UTC)

        results = [_tool(b, a, elapsed) for b, a in zip(before, after, strict=True)]
        # aw-watcher-afk ends a not-afk period at the last input it saw, and the watchers
        # merge heartbeats and send them every commit_interval (10 s): so go on moving the
        # mouse (the editor in front) until the end of the plan has reached the server.
        _keep_active(x11, display, COMMIT_WAIT)
        stop_group(ours)
        if ours.returncode != 0:
            raise RuntimeError(f"wellbeing track exited with {ours.returncode}")
        results[0].totals = _our_totals(data_dir, env)
        rows = query_windows(server, started - timedelta(minutes=1), ended + timedelta(minutes=1))
        results[1].totals = classified_totals(rows, classify, PROCESS_OF)
        results[1].windows = rows
    return LiveResult(
        seconds=elapsed,
        switches=switches,
        expected=expected_totals(focus_plan(seconds), classify),
        ours=results[0],
        aw=results[1],
    )


def _tool(before: TreeReading, after: TreeReading, elapsed: float) -> ToolLive:
    cpu = cpu_delta_seconds(before.cpu_ticks, after.cpu_ticks)
    return ToolLive(
        cpu_seconds=cpu,
        cpu_per_hour=cpu / elapsed * 3600,
        peak_rss_mb=peak_rss_mb(after.names),
        processes=sorted(after.names.values()),
    )


# ------------------------------------------------------------------------------------- output


def row(name: str, aw: float | None, ours: float | None, unit: str, fmt: str = ".2f") -> str:
    """One line of the comparison table: both figures and the ratio ActivityWatch / Wellbeing."""

    def shown(value: float | None) -> str:
        return "n/a" if value is None else f"{value:{fmt}} {unit}"

    return f"  {name:<34} {shown(aw):>16} {shown(ours):>16} {ratio_text(aw, ours):>9}"


def header() -> str:
    return f"  {'figure':<34} {'ActivityWatch':>16} {'Wellbeing':>16} {'AW / WB':>9}"


def print_live(result: LiveResult) -> None:
    print(f"live tracking, {result.seconds:.0f} s, {result.switches} focus changes:")
    print(header())
    print(row("CPU per hour", result.aw.cpu_per_hour, result.ours.cpu_per_hour, "s/h", ".2f"))
    print(row("CPU over the run", result.aw.cpu_seconds, result.ours.cpu_seconds, "s", ".2f"))
    print(row("peak RSS (sum of VmHWM)", result.aw.peak_rss_mb, result.ours.peak_rss_mb, "MB"))
    for app in sorted(result.expected):
        print(
            row(
                f"{app} seconds (plan {result.expected[app]:.0f} s)",
                result.aw.totals.get(app, 0.0),
                result.ours.totals.get(app, 0.0),
                "s",
                ".1f",
            )
        )
    for app, title, seconds in result.aw.windows:
        print(f"    ActivityWatch's canonical query: {app!r} {title!r} {seconds:.1f} s")
    print(f"  processes: ActivityWatch {result.aw.processes}, Wellbeing {result.ours.processes}")
    extra = set(result.aw.totals) | set(result.ours.totals)
    extra -= set(result.expected)
    if extra:
        print(f"  (apps outside the plan: AW {result.aw.totals}, ours {result.ours.totals})")


def machine() -> str:
    """One line on this machine: cores, CPU model, memory, OS, date and the load right now."""
    model = "unknown CPU"
    with suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    system = "unknown OS"
    with suppress(OSError):
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                system = line.split("=", 1)[1].strip('"')
    load = "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg())
    return (
        f"{os.cpu_count()} cores, {model}, {memory:.1f} GiB RAM, {system}; "
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC; load average (1/5/15 min) {load}"
    )


def _raise_interrupt(signum: int, _frame: FrameType | None) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=600.0, help="live tracking time")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per day/week query")
    parser.add_argument("--year-runs", type=int, default=3, help="timed runs per year query")
    parser.add_argument("--days", type=int, default=365, help="days in the loaded year")
    parser.add_argument("--aw-venv", type=Path, default=DEFAULT_VENV)
    parser.add_argument("--window-watcher-source", type=Path, help="aw-watcher-window source")
    parser.add_argument("--afk-watcher-source", type=Path, help="aw-watcher-afk source")
    parser.add_argument("--work-dir", type=Path, help="keep the work files here (default: temp)")
    parser.add_argument("--skip-live", action="store_true")
    parser.add_argument("--skip-year", action="store_true")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = parser.parse_args(argv)
    # Both tools' days, and the export, in UTC: the same periods on both sides.
    os.environ["TZ"] = "UTC"
    time.tzset()
    # Ctrl+C and SIGTERM unwind through every ``with``/``finally``, which stop what was started
    # (SIGINT too when the shell that started this one ignores it, as for a background job).
    signal.signal(signal.SIGTERM, _raise_interrupt)
    signal.signal(signal.SIGINT, _raise_interrupt)

    with _work_dir(args.work_dir) as work:
        log = work / "activitywatch.log"
        print(machine())
        print(f"work folder {work}; ActivityWatch's output in {log.name}")
        with log.open("a") as log_file:
            bin_dir = ensure_venv(
                args.aw_venv,
                {
                    "aw-watcher-window": args.window_watcher_source,
                    "aw-watcher-afk": args.afk_watcher_source,
                },
                log_file,
            )
        print(f"ActivityWatch from {bin_dir}")
        live: LiveResult | None = None
        year: YearResult | None = None
        if not args.skip_live:
            missing = _x11().missing_tools((*_x11().TOOLS, "xprop"))
            if missing:
                print(f"cannot run the live part: {', '.join(missing)} not installed")
                return 2
            (work / "live").mkdir()
            live = run_live(bin_dir, args.seconds, work / "live", log)
            print_live(live)
        if not args.skip_year:
            (work / "year").mkdir()
            year = run_year(
                bin_dir,
                work / "year",
                log,
                days=args.days,
                runs=args.runs,
                year_runs=args.year_runs,
            )
            print_year(year, row, header)
        print("load average at the end (1/5/15 min): {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
        if args.json:
            args.json.write_text(json.dumps({"live": _plain(live), "year": _plain(year)}, indent=2))
    return 0


def _plain(value: Any) -> Any:
    from dataclasses import asdict, is_dataclass

    return asdict(value) if is_dataclass(value) and not isinstance(value, type) else value


@contextmanager
def _work_dir(given: Path | None) -> Iterator[Path]:
    """The given folder (kept), or a temporary one removed at the end."""
    if given is not None:
        given.mkdir(parents=True, exist_ok=True)
        yield given
        return
    with tempfile.TemporaryDirectory(prefix="wellbeing-vs-aw-") as temp:
        yield Path(temp)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt as interrupt:
        print(f"interrupted ({interrupt}); everything started was stopped", file=sys.stderr)
        sys.exit(130)
