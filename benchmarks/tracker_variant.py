"""``wellbeing`` with proposed changes patched in at start-up, to measure them before making them.

Nothing under ``wellbeing_app/`` is edited: each variant replaces one function or class in the
imported modules, then runs the normal command line. Used by ``bench_tracking_overhead.py
--variant NAME`` (``baseline`` runs the shipped code through this same wrapper).

    /work/venv/bin/python benchmarks/tracker_variant.py VARIANT[+VARIANT...] track --data-dir D

Variants (written up in RESULTS.md; the shipped tracker took ``x11-events`` and ``sync-normal``):

``idle-bound``
    ``Sampler`` asks the idle probe only when the person *could* have reached the idle threshold:
    idle time grows by at most the wall time since the last reading, so while
    ``last_idle + (now - last_read) < threshold`` the answer cannot make the tracker cut a span.
    (Replaces the shipped estimate, which re-reads every 5 s; valid for the headless tracker,
    where no break scheduler needs the exact idle time.)
``wake-only`` (diagnostic)
    ``Sampler.tick`` does nothing: the cost of the process just waking up once per poll.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import Any

from wellbeing_app.services import sampler as sampler_module


def idle_bound() -> None:
    sampler_cls = sampler_module.Sampler

    def _idle_seconds(self: Any, at: float | None = None) -> float | None:
        now = time.time() if at is None else at
        threshold = self._tracker._idle_threshold
        last = getattr(self, "_idle_reading", None)
        if last is not None:
            read_at, idle = last
            # 2 s of slack for a late poll; a clock that went back always asks again.
            if read_at <= now and idle + (now - read_at) < threshold - 2.0:
                return idle + (now - read_at)  # an upper bound below the threshold
        try:
            value = self._idle.idle_seconds()
        except Exception:
            value = None
        self._idle_reading = None if value is None else (now, value)
        return value

    sampler_cls._idle_seconds = _idle_seconds  # type: ignore[method-assign]


def wake_only() -> None:
    sampler_module.Sampler.tick = lambda self: False  # type: ignore[method-assign]


VARIANTS: dict[str, Callable[[], None]] = {
    "baseline": lambda: None,
    "idle-bound": idle_bound,
    "wake-only": wake_only,
}


def main() -> int:
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    for name in sys.argv[1].split("+"):
        VARIANTS[name]()
    from wellbeing_app.cli import main as cli_main

    return cli_main(sys.argv[2:])


if __name__ == "__main__":
    sys.exit(main())
