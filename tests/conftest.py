"""Shared fixtures: an in-memory database with migrations applied, a fake clock, fake probes.

The offscreen Qt platform is set here, before anything imports Qt, so GUI tests never need a
display (the X11 tests start their own Xvfb).
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("WELLBEING_DATA_DIR", None)

from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from tests.fakes import FakeForegroundProbe, FakeIdleProbe
from wellbeing_app.core.clock import FixedClock
from wellbeing_app.storage.repositories import Repositories, memory_repositories
from wellbeing_app.ui.main_thread_gc import MainThreadCollector

CET = timezone(timedelta(hours=1))


@pytest.fixture(scope="session", autouse=True)
def _one_qapplication(qapp: object) -> object:
    """One QApplication for the whole session, made first: code that prints PDFs creates a bare
    QGuiApplication when none exists, after which no widget could be made."""
    return qapp


@pytest.fixture(scope="session", autouse=True)
def _collector(_one_qapplication: object) -> Iterator[MainThreadCollector]:
    """Garbage collection on the GUI thread only, as in the app: chart and report workers
    must never destroy another test's widgets."""
    collector = MainThreadCollector()
    collector.start()
    yield collector
    collector.stop()


@pytest.fixture(autouse=True)
def _collect_between_tests(_collector: MainThreadCollector) -> Iterator[None]:
    yield
    _collector.check()  # tests that never spin the event loop


@pytest.fixture
def clock() -> FixedClock:
    """Saturday 2026-11-21 21:00 at UTC+1; move it with ``clock.advance(seconds)``."""
    return FixedClock(datetime(2026, 11, 21, 21, 0, tzinfo=CET))


@pytest.fixture
def repos() -> Iterator[Repositories]:
    """A fresh in-memory database with every migration applied."""
    opened = memory_repositories()
    yield opened
    opened.close()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def foreground() -> FakeForegroundProbe:
    return FakeForegroundProbe()


@pytest.fixture
def idle() -> FakeIdleProbe:
    return FakeIdleProbe()
