"""What the live desktop sessions (``x11_session.py``, ``sway_session.py``) and the live
tracker tests share: polling against a deadline, stopping a helper process, the gate that
skips (or, when CI requires the session, fails) a test whose programs are missing, and the
real ``wellbeing track`` / ``wellbeing usage --json`` processes.

Nothing here sleeps for a fixed time: every wait polls a real condition against a deadline.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, ExitStack, contextmanager
from pathlib import Path
from typing import IO, TypeVar

import pytest

START_TIMEOUT = 20.0
_POLL_INTERVAL = 0.02
WELLBEING = (sys.executable, "-m", "wellbeing_app")

T = TypeVar("T")


def wait_until(condition: Callable[[], bool], what: str, timeout: float = START_TIMEOUT) -> None:
    """Polls ``condition`` until it holds; raises ``TimeoutError`` naming ``what`` otherwise."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(_POLL_INTERVAL)


def stop(process: subprocess.Popen[bytes]) -> None:
    """Terminates ``process`` (killing it after 5 s) and reaps it."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def tail(log: IO[bytes]) -> str:
    """The last 2000 bytes written to ``log``, as text."""
    log.seek(0)
    return log.read()[-2000:].decode(errors="replace").strip()


def not_installed(missing: Sequence[str], packages: str) -> str:
    """``"a, b are not installed (apt-get install PACKAGES)"``."""
    verb = "is" if len(missing) == 1 else "are"
    return f"{', '.join(missing)} {verb} not installed (apt-get install {packages})"


@contextmanager
def session_or_skip(
    session: AbstractContextManager[T],
    unavailable: type[Exception],
    require_env: str,
    kind: str,
) -> Iterator[T]:
    """Enters ``session``; skips the test when it raises ``unavailable`` (missing programs).

    With ``require_env`` set to ``1`` (as CI does) missing programs fail the test instead.
    """
    with ExitStack() as stack:
        try:
            value = stack.enter_context(session)
        except unavailable as error:
            if os.environ.get(require_env) == "1":
                pytest.fail(f"{require_env}=1 requires a real {kind} session, but {error}")
            pytest.skip(f"no real {kind} session: {error}")
        yield value


def start_tracker(env: dict[str, str], data_dir: Path) -> subprocess.Popen[str]:
    """``wellbeing track`` (debug log, 0.5 s polls) in ``env``; returns once it holds its lock."""
    process = subprocess.Popen(
        [*WELLBEING, "track", "--data-dir", str(data_dir), "--interval", "0.5"],
        env={**env, "WELLBEING_DEBUG": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    lock = data_dir / "tracker.lock"
    wait_until(
        lambda: lock.exists() and lock.read_text().strip() == str(process.pid),
        "the tracker to start",
        timeout=30,
    )
    return process


def recorded_usage(data_dir: Path) -> dict[str, float]:
    """Seconds per app the tracker stored, from ``wellbeing usage --json``.

    Yesterday to today: robust to a run that crosses the 04:00 day boundary.
    """
    result = subprocess.run(
        [
            *WELLBEING,
            "usage",
            "--data-dir",
            str(data_dir),
            "--from",
            time.strftime("%Y-%m-%d", time.localtime(time.time() - 86400)),
            "--to",
            time.strftime("%Y-%m-%d"),
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return {row["app"]: row["seconds"] for row in json.loads(result.stdout)}
