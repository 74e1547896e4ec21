"""What both fuzz suites share: how many cases to try, the fixed clock, and one run of the
``wellbeing`` command captured without a process of its own."""

from __future__ import annotations

import contextlib
import io
import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from unittest import mock

from hypothesis import HealthCheck, settings

from wellbeing_app.cli import main
from wellbeing_app.core.clock import FixedClock

# The normal test run tries a few dozen cases; WELLBEING_FUZZ_EXAMPLES=5000 (benchmarks/fuzz.sh)
# tries that many.
EXAMPLES = int(os.environ.get("WELLBEING_FUZZ_EXAMPLES", "0")) or None


def fuzz(brief: int) -> settings:
    return settings(
        max_examples=EXAMPLES or brief,
        deadline=None,
        database=None,  # nothing written into the working tree
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.function_scoped_fixture,
        ],
    )


def fixed_clock() -> FixedClock:
    """The test helpers' fixed clock: Saturday 2026-11-21 21:00 at UTC+1."""
    return FixedClock(datetime(2026, 11, 21, 21, 0, tzinfo=timezone(timedelta(hours=1))))


@dataclass(frozen=True, slots=True)
class Outcome:
    code: int
    out: str
    err: str


def run(argv: Sequence[str]) -> Outcome:
    """``wellbeing ARGV`` in this process, with WELLBEING_DEBUG unset (so a fault is exit 1)."""
    out, err = io.StringIO(), io.StringIO()
    env = {k: v for k, v in os.environ.items() if k != "WELLBEING_DEBUG"}
    with (
        mock.patch.dict(os.environ, env, clear=True),
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
    ):
        code = main(list(argv), clock=fixed_clock())
    return Outcome(code, out.getvalue(), err.getvalue())
