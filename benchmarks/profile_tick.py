"""Where the tracker's CPU per poll goes: the real ``Sampler`` against a real X server, profiled.

Builds the same pipeline as ``wellbeing track`` (``build_sampler`` with the real X11 foreground
and idle probes, the shipped catalog, ``SpanWriter`` on an on-disk database) under Xvfb with a
Discord and a Firefox/Reddit window, and calls ``Sampler.tick()`` ``--ticks`` times back to back.
The clock advances 1 s per tick (a ``FixedClock``), so a commit happens every 5 ticks exactly
as at 1 s polling in real time -- but without the sleeping, so thousands of polls take seconds.

Prints CPU per tick (``time.process_time``), what that means per hour at 1 s polling, and the
top of a cProfile listing (``--profile``).

    /work/venv/bin/python benchmarks/profile_tick.py [--ticks 5000] [--profile]
        [--synchronous normal]   # prototype: PRAGMA synchronous = NORMAL (proposed fix)
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import shutil
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
DISCORD = "general | Discord"
REDDIT = "r/AskReddit - Reddit — Mozilla Firefox"


def _x11() -> Any:
    if str(REPO_ROOT) not in sys.path:
        sys.path.insert(0, str(REPO_ROOT))
    from tests import x11_session

    return x11_session


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ticks", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", action="store_true", help="print a cProfile listing")
    parser.add_argument("--synchronous", choices=("off", "normal", "full"), default=None)
    parser.add_argument("--switch-every", type=int, default=20, help="ticks between focus moves")
    args = parser.parse_args(argv)

    import os

    from wellbeing_app.app import build_sampler, load_catalog
    from wellbeing_app.core.clock import FixedClock
    from wellbeing_app.platform.probes import create_probes
    from wellbeing_app.storage.repositories import open_repositories

    x11 = _x11()
    with (
        x11.x11_session() as display,
        tempfile.TemporaryDirectory(prefix="wellbeing-tick-") as tmp,
    ):
        bin_dir = Path(tmp) / "bin"
        bin_dir.mkdir()
        xterm = shutil.which("xterm")
        assert xterm is not None
        helpers = []
        ids: list[int] = []
        try:
            for name, title in (("Discord", DISCORD), ("firefox", REDDIT)):
                (bin_dir / name).symlink_to(xterm)
                process, window_id = x11.open_xterm(display, title, str(bin_dir / name))
                helpers.append(process)
                ids.append(window_id)
            os.environ.update(x11.x11_env(display))
            catalog = load_catalog()
            per_tick: list[float] = []
            for run in range(args.repeat):
                repos = open_repositories(Path(tmp) / f"data{run}")
                if args.synchronous:
                    repos.db.execute(f"PRAGMA synchronous = {args.synchronous}")
                foreground, idle = create_probes(catalog.process_names())
                clock = FixedClock(datetime.now().astimezone())
                sampler = build_sampler(repos, clock, foreground, idle, catalog)
                profiler = cProfile.Profile() if args.profile and run == 0 else None
                cpu = 0.0
                for chunk in range(0, args.ticks, args.switch_every):
                    x11.activate(display, ids[(chunk // args.switch_every) % len(ids)])
                    x11.xdotool(display, "mousemove_relative", "--", "1", "0")
                    started = time.process_time()
                    if profiler:
                        profiler.enable()
                    for _ in range(min(args.switch_every, args.ticks - chunk)):
                        sampler.tick()
                        clock.advance(1.0)
                    if profiler:
                        profiler.disable()
                    cpu += time.process_time() - started
                sampler.close()
                totals = repos.usage.by_app(clock.now().date().replace(day=1), clock.now().date())
                repos.close()
                per_tick.append(cpu / args.ticks)
                print(
                    f"run {run + 1}: {cpu / args.ticks * 1e6:.0f} µs CPU per tick "
                    f"-> {cpu / args.ticks * 3600:.2f} s per hour at 1 s polling; "
                    f"{sampler.samples} samples, recorded "
                    f"{ {t.app: round(t.seconds) for t in totals} }"
                )
                if profiler:
                    stats = pstats.Stats(profiler)
                    stats.sort_stats("tottime").print_stats(25)
                    stats.sort_stats("cumulative").print_stats(30)
            best, median = min(per_tick), statistics.median(per_tick)
            print(
                f"CPU per tick: median {median * 1e6:.0f} µs ({median * 3600:.2f} s/h), "
                f"best {best * 1e6:.0f} µs ({best * 3600:.2f} s/h)"
            )
        finally:
            for process in helpers:
                x11.close_process(process)
    return 0


if __name__ == "__main__":
    sys.exit(main())
