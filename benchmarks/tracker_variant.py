"""``wellbeing`` with proposed changes patched in at start-up, to measure them before making them.

Nothing under ``wellbeing_app/`` is edited: each variant replaces one function or attribute in
the imported modules (and fails at once, naming it, if that no longer exists: a variant that
patched nothing would measure the shipped code under another name), then runs the normal
command line. Used by ``bench_tracking_overhead.py --variant NAME`` (``baseline`` runs the
shipped code through this same wrapper).

    .venv/bin/python benchmarks/tracker_variant.py VARIANT[+VARIANT...] track --data-dir D

Variants (written up in RESULTS.md):

``eager-commit``
    The headless tracker commits every commit interval (5 s) instead of lazily
    (``run_headless(quiet_commit=None)``): the tracker as it was before lazy commits.
``idle-refresh``
    The headless tracker re-reads idle time every 5 s, as the app does for its break
    scheduler (``build_sampler(idle_refresh=5)``), instead of only when the idle threshold could
    be reached. (The old ``idle-bound`` variant is what the headless tracker does now.)
``wake-only`` (diagnostic)
    ``Sampler.tick`` does nothing: the cost of the process just waking up.
``trace`` (diagnostic)
    Counts wake-ups, samples and commits and the CPU spent in each (``time.thread_time``), and
    writes them as JSON to the file named by ``$WELLBEING_TRACE`` at exit.
"""

from __future__ import annotations

import atexit
import json
import os
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any

from wellbeing_app import app as app_module
from wellbeing_app.services import headless
from wellbeing_app.services import sampler as sampler_module

# Keyword arguments the variants give ``run_headless`` (its defaults are bound when it is
# defined, so they are passed, not patched).
RUN_KWARGS: dict[str, Any] = {}


def replace(owner: Any, name: str, value: Any) -> Any:
    """Sets ``owner.name`` to ``value`` and returns what was there.

    Raises:
        AttributeError: when ``owner`` has no ``name`` (the shipped code moved on).
    """
    old = getattr(owner, name)  # raises when it is gone
    setattr(owner, name, value)
    return old


def _run_headless_with_kwargs() -> None:
    real = app_module.run_headless
    if getattr(real, "_variant", False):
        return

    def run(*args: Any, **kwargs: Any) -> None:
        real(*args, **{**kwargs, **RUN_KWARGS})

    run._variant = True  # type: ignore[attr-defined]
    replace(app_module, "run_headless", run)


def eager_commit() -> None:
    _run_headless_with_kwargs()
    RUN_KWARGS["quiet_commit"] = None


def idle_refresh() -> None:
    real = app_module.build_sampler

    def build(*args: Any, **kwargs: Any) -> Any:
        return real(*args, **{**kwargs, "idle_refresh": 5.0})

    replace(app_module, "build_sampler", build)


def wake_only() -> None:
    replace(sampler_module.Sampler, "tick", lambda self: False)


def trace() -> None:
    counts: dict[str, Any] = {"log": []}
    started_at = time.monotonic()

    def add(name: str, cpu: float) -> None:
        counts[name] = counts.get(name, 0) + 1
        counts[f"{name}_cpu_ms"] = counts.get(f"{name}_cpu_ms", 0.0) + cpu * 1000
        counts["log"].append(f"{time.monotonic() - started_at:8.3f} {name} {cpu * 1e6:.0f} us")

    def timed(owner: Any, name: str) -> None:
        real = getattr(owner, name)

        def run(*args: Any, **kwargs: Any) -> Any:
            started = time.thread_time()
            try:
                return real(*args, **kwargs)
            finally:
                add(name, time.thread_time() - started)

        replace(owner, name, run)

    timed(sampler_module.Sampler, "tick")
    timed(sampler_module.Sampler, "commit")
    timed(sampler_module.Sampler, "changed")
    timed(sampler_module.Sampler, "_window")
    timed(sampler_module.Sampler, "wait_seconds")
    timed(sampler_module.IdleReading, "seconds")
    timed(sampler_module.Tracker, "add")
    real_take = sampler_module.Sampler._take

    def take(self: Any, probe: Any) -> bool:
        taken = bool(real_take(self, probe))
        if taken:
            counts["log"].append(f"{time.monotonic() - started_at:8.3f} {type(probe).__name__}")
        return taken

    replace(sampler_module.Sampler, "_take", take)
    real_wait = headless.wait_for_change

    def wait(stop: Any, filenos: Sequence[int], timeout: float | None) -> bool:
        woken = real_wait(stop, filenos, timeout)
        kind = "wake_by_change" if woken else "wake_by_deadline"
        counts[kind] = counts.get(kind, 0) + 1
        counts["log"].append(f"{time.monotonic() - started_at:8.3f} {kind} after {timeout}")
        return woken

    _run_headless_with_kwargs()
    RUN_KWARGS["wait"] = wait
    path = os.environ.get("WELLBEING_TRACE")

    def write() -> None:
        counts["process_cpu_ms"] = time.process_time() * 1000
        if path:
            with open(path, "w") as out:
                json.dump(counts, out, indent=1)

    atexit.register(write)


VARIANTS: dict[str, Callable[[], None]] = {
    "baseline": lambda: None,
    "eager-commit": eager_commit,
    "idle-refresh": idle_refresh,
    "wake-only": wake_only,
    "trace": trace,
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
