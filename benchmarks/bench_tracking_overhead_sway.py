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
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tracking_common import (
    DISCORD,
    EDITOR,
    REDDIT,
    Desktop,
    Result,
    add_run_arguments,
    measure,
    run_all,
)

from tests import sway_session

_TRACK = (sys.executable, "-m", "wellbeing_app", "track")
APP_IDS = {DISCORD: "discord", REDDIT: "firefox", EDITOR: "org.gnome.TextEditor"}


def run_once(
    seconds: float,
    interval: float,
    window_seconds: float,
    source: Path | None = None,
    variant: str | None = None,
) -> Result:
    with (
        sway_session.sway_session() as session,
        tempfile.TemporaryDirectory(prefix="wellbeing-overhead-sway-") as tmp,
    ):
        for title, app_id in APP_IDS.items():
            session.open_window(app_id, title)
        session.focus(APP_IDS[EDITOR])
        data_dir = Path(tmp) / "data"
        desktop = Desktop(
            focus=lambda title: session.focus(APP_IDS[title]),
            retitle_reddit=lambda tab: session.set_title(APP_IDS[REDDIT], tab),
            nudge=session.move_pointer,
        )
        # The shipped command, or the same with proposed changes patched in.
        track = (
            _TRACK
            if variant is None
            else (
                sys.executable,
                str(Path(__file__).with_name("tracker_variant.py")),
                variant,
                "track",
            )
        )
        command = [*track, "--data-dir", str(data_dir), "--interval", f"{interval:g}"]
        env = session.env()
        if source is not None:  # another checkout (e.g. the commit before a change) comes first
            env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(source), env.get("PYTHONPATH")]))
        return measure(desktop, command, env, data_dir, seconds, window_seconds, source)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_run_arguments(parser, "sway")
    parser.add_argument(
        "--source",
        type=Path,
        help="run the tracker from this checkout instead (e.g. the commit before a change)",
    )
    parser.add_argument(
        "--variant",
        help="run benchmarks/tracker_variant.py VARIANT instead of the shipped command",
    )
    args = parser.parse_args(argv)
    source = args.source.resolve() if args.source else None
    missing = sway_session.missing_tools()
    if missing:
        print(f"cannot run: {', '.join(missing)} not installed", file=sys.stderr)
        return 2
    return run_all(
        args, lambda: run_once(args.seconds, args.interval, args.window, source, args.variant)
    )


if __name__ == "__main__":
    sys.exit(main())
