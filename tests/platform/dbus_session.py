"""A throw-away D-Bus daemon and helper processes for the GNOME and KDE probe tests."""

from __future__ import annotations

import select
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager

import pytest


def read_line(process: subprocess.Popen[bytes], what: str, timeout: float = 20.0) -> str:
    """The next line ``process`` prints, waiting at most ``timeout`` seconds."""
    assert process.stdout is not None
    ready, _, _ = select.select([process.stdout], [], [], timeout)
    line = process.stdout.readline().decode().strip() if ready else ""
    if not line:
        raise RuntimeError(f"{what} did not start")
    return line


def stop(process: subprocess.Popen[bytes]) -> None:
    """Ends a helper process and closes its pipe."""
    process.terminate()
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    if process.stdout is not None:
        process.stdout.close()


@contextmanager
def private_bus_or_skip() -> Iterator[str]:
    """The address of a D-Bus daemon of the test's own, stopped afterwards."""
    if shutil.which("dbus-daemon") is None:
        pytest.skip("dbus-daemon not installed (apt-get install dbus)")
    daemon = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield read_line(daemon, "dbus-daemon")
    finally:
        stop(daemon)
