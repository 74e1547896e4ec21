"""A full disk never stops tracking: what cannot be written is kept in memory, written when
there is room again, once, and the person is told once.

Two ways to fill the disk, both deterministic:

* ``FullDisk``: the connection as a full file system leaves it: in WAL mode every transaction
  appends to the -wal file when it commits, so every COMMIT fails with "database or disk is
  full" and SQLite rolls the transaction back, even one that only updates a row in place;
* ``fill_database``: SQLite's own limit, ``PRAGMA max_page_count``, lowered to the database's
  size with every free page filled: any write that needs a new page really fails with
  "database or disk is full". Writes that fit in a page's slack still succeed, so this one
  is used where hundreds of new spans are written.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from datetime import date
from typing import Any

import pytest
import sqlite_utils
from pytestqt.qtbot import QtBot

from tests.fakes import FakeForegroundProbe, FakeIdleProbe
from tests.services.fake_wait import FakeWait
from wellbeing_app.app import build_sampler, load_catalog
from wellbeing_app.core.clock import FixedClock
from wellbeing_app.services.headless import run_headless
from wellbeing_app.services.sampler import Sampler
from wellbeing_app.services.sampler_service import SamplerService
from wellbeing_app.storage.repositories import Repositories, memory_repositories
from wellbeing_app.storage.tracking_store import PauseStore

TODAY = date(2026, 11, 21)
PLENTY = 1_073_741_823  # SQLite's largest max_page_count


class FullDisk:
    """Stands in for the database's connection; while ``full``, every COMMIT fails."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self._conn = db.conn
        self.full = False
        db.conn = self  # type: ignore[assignment]

    def execute(self, sql: str, *args: Any) -> sqlite3.Cursor:
        if self.full and sql.lstrip().upper().startswith(("COMMIT", "END")):
            raise sqlite3.OperationalError("database or disk is full")
        return self._conn.execute(sql, *args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)


@pytest.fixture
def disk(repos: Repositories) -> FullDisk:
    return FullDisk(repos.db)


def fill_database(db: sqlite_utils.Database) -> None:
    """Fills every page: from now on a write that needs a new page fails."""
    db.execute("CREATE TABLE IF NOT EXISTS ballast (data BLOB)")
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages}")
    for size in (4096, 512, 64, 8, 1):
        with contextlib.suppress(sqlite3.OperationalError):
            while True:
                with db.atomic():
                    db.execute("INSERT INTO ballast VALUES (zeroblob(?))", (size,))


def free_database(db: sqlite_utils.Database) -> None:
    db.execute(f"PRAGMA max_page_count = {PLENTY}")


def run_for(sampler: Sampler, clock: FixedClock, seconds: int) -> None:
    for _ in range(seconds):
        sampler.tick()
        clock.advance(1)


def by_app(repos: Repositories, day: date = TODAY) -> dict[str, float]:
    return {t.app: t.seconds for t in repos.usage.by_app(day, day)}


def active(repos: Repositories) -> float:
    return sum(d.seconds for d in repos.usage.active_days(TODAY, TODAY))


SCRIPT = [
    ("Discord", "general | Discord", 20),
    ("Discord", "general | Discord", 30),  # the disk fills before this one
    ("slack", "#random - Slack", 20),
    ("firefox", "r/AskReddit - Reddit — Mozilla Firefox", 25),
    ("gedit", "notes.txt - Text Editor", 15),
    ("Discord", "general | Discord", 10),
]


def play(sampler: Sampler, clock: FixedClock, foreground: FakeForegroundProbe, part: slice) -> None:
    for app, title, seconds in SCRIPT[part]:
        foreground.show(app, title)
        run_for(sampler, clock, seconds)


@pytest.fixture
def sampler(
    repos: Repositories, clock: FixedClock, foreground: FakeForegroundProbe, idle: FakeIdleProbe
) -> Sampler:
    return build_sampler(repos, clock, foreground, idle, load_catalog())


def test_tracking_goes_on_while_the_disk_is_full_and_everything_is_written_after(
    sampler: Sampler,
    repos: Repositories,
    disk: FullDisk,
    clock: FixedClock,
    foreground: FakeForegroundProbe,
) -> None:
    play(sampler, clock, foreground, slice(0, 1))
    assert by_app(repos) == {"Discord": 15.0}  # committed at the sample 15 s in
    disk.full = True
    play(sampler, clock, foreground, slice(1, None))  # 100 s, 20 failed commits: no exception
    assert sampler.storage_problem is not None
    assert "database or disk is full" in sampler.storage_problem
    assert by_app(repos)["Discord"] <= 50.0  # the open row may still grow in place
    assert "Slack" not in by_app(repos)

    disk.full = False
    foreground.show("Discord", "general | Discord")
    run_for(sampler, clock, 5)  # the next commit writes everything kept
    assert sampler.storage_problem is None
    sampler.close()
    # Exactly what was in front: nothing lost, nothing counted twice.
    # Discord: 50 s, then from the last switch to the last sample 14 s.
    assert by_app(repos) == {"Discord": 64.0, "Slack": 20.0, "Reddit": 25.0}
    assert active(repos) == 124.0  # every second up to the last sample


def test_the_same_seconds_are_stored_as_without_a_full_disk(
    sampler: Sampler,
    repos: Repositories,
    disk: FullDisk,
    clock: FixedClock,
    foreground: FakeForegroundProbe,
    idle: FakeIdleProbe,
) -> None:
    fine = memory_repositories()
    try:
        control_clock = FixedClock(clock.now())
        control_probe = FakeForegroundProbe()
        control = build_sampler(fine, control_clock, control_probe, FakeIdleProbe(), load_catalog())
        play(control, control_clock, control_probe, slice(None))
        control.close()

        disk.full = True  # full from the first sample on
        play(sampler, clock, foreground, slice(None))
        disk.full = False
        sampler.close()

        assert by_app(repos) == by_app(fine)
        assert active(repos) == active(fine)
        assert repos.db["usage_spans"].count == fine.db["usage_spans"].count
    finally:
        fine.close()


def test_a_long_outage_is_held_in_bounded_memory_and_hour_totals_stay_exact(
    repos: Repositories, clock: FixedClock, foreground: FakeForegroundProbe, idle: FakeIdleProbe
) -> None:
    sampler = build_sampler(repos, clock, foreground, idle, load_catalog())
    sampler.max_unsaved_spans = 50
    fill_database(repos.db)
    switches = 0
    for second in range(3 * 3600):  # three hours, a different app every 4 s: 2,700 spans
        if second % 4 == 0:
            switches += 1
            foreground.show(*(("Discord", "x | Discord"), ("slack", "y - Slack"))[switches % 2])
        sampler.tick()
        clock.advance(1)
        assert sampler.unsaved_spans <= 50
    assert sampler.storage_problem is not None
    free_database(repos.db)
    sampler.close()
    assert sampler.storage_problem is None
    # 3 h minus the last sample's second, split evenly; per-hour totals exact too.
    assert by_app(repos) == {"Discord": 5399.0, "Slack": 5400.0}
    hours = repos.db.execute(
        "SELECT sum(seconds) FROM usage_hours GROUP BY hour ORDER BY hour"
    ).fetchall()
    assert [round(row[0]) for row in hours] == [3600, 3600, 3599]


def test_past_the_bound_the_oldest_time_is_dropped_and_the_person_is_told(
    repos: Repositories,
    disk: FullDisk,
    clock: FixedClock,
    foreground: FakeForegroundProbe,
    idle: FakeIdleProbe,
) -> None:
    sampler = build_sampler(repos, clock, foreground, idle, load_catalog())
    sampler.max_unsaved_spans = 4
    disk.full = True
    for _ in range(3):  # six app-hours: more than four spans even when merged per hour
        for app, title in (("Discord", "x | Discord"), ("slack", "y - Slack")):
            foreground.show(app, title)
            run_for(sampler, clock, 1800)
    assert sampler.unsaved_spans <= 4
    assert sampler.storage_problem is not None
    assert sampler.lost_seconds == 1800  # the oldest half hour could not be held
    disk.full = False
    sampler.tick()
    assert "30 min" in sampler.recovery_note()
    sampler.close()
    assert sum(by_app(repos).values()) == 6 * 1800 - 1800


def test_the_app_is_told_once_when_saving_fails_and_once_when_it_works_again(
    qtbot: QtBot,
    sampler: Sampler,
    repos: Repositories,
    disk: FullDisk,
    clock: FixedClock,
    foreground: FakeForegroundProbe,
) -> None:
    service = SamplerService(sampler, 1.0)
    failed: list[str] = []
    recovered: list[str] = []
    service.storage_failed.connect(failed.append)
    service.storage_recovered.connect(recovered.append)
    foreground.show("Discord", "general | Discord")
    disk.full = True
    foreground.show("slack", "#random - Slack")
    for second in range(60):  # twelve failed commits
        if second % 7 == 0:
            foreground.show(*(("Discord", "x | Discord"), ("slack", "y - Slack"))[second % 2])
        service._on_timer_timeout()
        clock.advance(1)
    assert len(failed) == 1
    assert "database or disk is full" in failed[0]
    assert recovered == []
    disk.full = False
    for _ in range(20):
        service._on_timer_timeout()
        clock.advance(1)
    assert len(failed) == 1
    assert recovered == ["Tracked time is saved again; nothing was lost."]
    service.stop()


def test_the_headless_tracker_says_it_once_on_stderr_and_keeps_going(
    sampler: Sampler,
    repos: Repositories,
    disk: FullDisk,
    clock: FixedClock,
    foreground: FakeForegroundProbe,
    capsys: pytest.CaptureFixture[str],
) -> None:
    foreground.show("Discord", "general | Discord")
    stop = threading.Event()

    def fill() -> None:
        disk.full = True

    def free() -> None:
        disk.full = False

    run_headless(sampler, 1.0, stop, wait=FakeWait(clock, 100, {10: fill, 70: free}))
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 2
    assert "database or disk is full" in lines[0]
    assert "saved again" in lines[1]
    assert by_app(repos)["Discord"] == pytest.approx(100, abs=1)


def test_time_that_could_not_be_saved_by_exit_is_reported(
    sampler: Sampler,
    repos: Repositories,
    disk: FullDisk,
    clock: FixedClock,
    foreground: FakeForegroundProbe,
    capsys: pytest.CaptureFixture[str],
) -> None:
    foreground.show("Discord", "general | Discord")
    stop = threading.Event()

    def fill() -> None:
        disk.full = True

    wait = FakeWait(clock, 45, {1: fill})  # a commit after 30 s fails, and the one at exit
    run_headless(sampler, 1.0, stop, wait=wait)  # exits normally, disk still full
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 2
    assert "could not be saved" in lines[1]
    assert "Discord" not in by_app(repos) or by_app(repos)["Discord"] < 45


def test_a_pause_asked_for_or_ending_while_the_disk_is_full_is_kept_and_written_later(
    sampler: Sampler,
    repos: Repositories,
    disk: FullDisk,
    clock: FixedClock,
    foreground: FakeForegroundProbe,
) -> None:
    foreground.show("Discord", "general | Discord")
    run_for(sampler, clock, 10)
    disk.full = True
    until = clock.now().timestamp() + 60
    sampler.pause_until(until)  # from the tray: applies at once, though not yet written
    assert sampler.paused_until == until
    run_for(sampler, clock, 30)
    disk.full = False
    run_for(sampler, clock, 5)
    assert PauseStore(repos.db).paused_until() == until  # written when there was room
    disk.full = True
    run_for(sampler, clock, 40)  # the pause ends while the disk is full
    assert sampler.paused_until is None
    disk.full = False
    run_for(sampler, clock, 5)
    sampler.close()
    assert PauseStore(repos.db).paused_until() is None
    # 9 s before the pause; after it from 70 s to the last sample at 89 s.
    assert by_app(repos) == {"Discord": pytest.approx(9 + 19, abs=1)}
