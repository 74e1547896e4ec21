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
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from tracking_common import (
    DISCORD,
    EDITOR,
    REDDIT,
    Desktop,
    Result,
    add_run_arguments,
    measure,
    run_all,
    x11,
)

SOURCE: Path | None = None  # --source: run the tracker from another checkout


def run_once(
    seconds: float, interval: float, window_seconds: float, variant: str | None = None
) -> Result:
    session = x11()
    with (
        session.x11_session() as display,
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
                process, window_id = session.open_xterm(display, title, str(bin_dir / name))
                helpers.append(process)
                windows[title] = window_id
            session.activate(display, windows[EDITOR])
            return _measure(
                session,
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
                session.close_process(process)


def _measure(
    session: Any,
    display: str,
    windows: dict[str, int],
    data_dir: Path,
    seconds: float,
    interval: float,
    window_seconds: float,
    variant: str | None,
) -> Result:
    env = session.x11_env(display)
    if SOURCE is not None:  # another checkout (a patched copy): its package comes first
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SOURCE), env.get("PYTHONPATH")]))
    # The shipped command, or the same command with proposed changes patched in.
    program = (
        ["-m", "wellbeing_app"]
        if variant is None
        else [str(Path(__file__).with_name("tracker_variant.py")), variant]
    )
    command = [
        sys.executable,
        *program,
        "track",
        "--data-dir",
        str(data_dir),
        "--interval",
        f"{interval:g}",
    ]
    desktop = Desktop(
        focus=lambda title: session.activate(display, windows[title]),
        retitle_reddit=lambda tab: session.xdotool(
            display, "set_window", "--name", tab, str(windows[REDDIT])
        ),
        nudge=lambda: session.xdotool(display, "mousemove_relative", "--", "1", "0"),
    )
    return measure(desktop, command, env, data_dir, seconds, window_seconds, SOURCE)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_run_arguments(parser, "desktop")
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
    args = parser.parse_args(argv)
    global SOURCE  # noqa: PLW0603 - a benchmark switch, set once
    SOURCE = args.source.resolve() if args.source else None

    missing = x11().missing_tools()
    if missing:
        print(f"cannot run: {', '.join(missing)} not installed", file=sys.stderr)
        return 2
    return run_all(args, lambda: run_once(args.seconds, args.interval, args.window, args.variant))


if __name__ == "__main__":
    sys.exit(main())
