"""At logout the session sends SIGTERM: the app shuts down as if the person had quit."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest


@pytest.mark.skipif(not hasattr(signal, "SIGTERM") or os.name != "posix", reason="POSIX signals")
def test_sigterm_ends_the_running_app_through_its_own_shutdown(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path / "home"))
    env.pop("XDG_STATE_HOME", None)
    app = subprocess.Popen(
        [sys.executable, "-m", "wellbeing_app", "gui", "--verbose", "--data-dir", str(tmp_path)],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        env=env,
    )
    assert app.stderr is not None
    seen = b""
    try:
        deadline = time.monotonic() + 60
        # The welcome is open (a fresh data folder): the signal must end its loop too.
        while b"Stop signals end the app through its shutdown." not in seen:
            assert time.monotonic() < deadline, seen.decode(errors="replace")[-2000:]
            ready, _, _ = select.select([app.stderr], [], [], 1.0)
            if ready:
                chunk = os.read(app.stderr.fileno(), 65536)
                assert chunk, seen.decode(errors="replace")[-2000:]  # it ended on its own
                seen += chunk
        app.send_signal(signal.SIGTERM)
        _, rest = app.communicate(timeout=60)
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()
    assert app.returncode == 0  # not -15: the loop ended and shutdown ran
    assert b"saving and quitting" in seen + rest
    assert b"The desktop app is running." in seen + rest  # it got past the welcome, to quit
