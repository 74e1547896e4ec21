"""Imports and other writers: short writes get through while an import runs, and an import
never fails or counts twice because someone else wrote meanwhile.

Each test hooks into the import through SQLite's trace callback on the import's connection
(called before every statement it runs, on its own thread), so what happens "during" the
import is exact: no sleeping, no timing.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from wellbeing_app.app import load_catalog
from wellbeing_app.core.classifier import Classifier
from wellbeing_app.core.journal import new_mood_entry
from wellbeing_app.importers import activitywatch
from wellbeing_app.importers.activitywatch import import_activitywatch
from wellbeing_app.storage.database import _BUSY_TIMEOUT_MS
from wellbeing_app.storage.repositories import Repositories, open_repositories
from wellbeing_app.storage.transactions import DatabaseBusy

CET = 3600
APPS = [
    ("Discord", "general"),
    ("slack", "Slack | team"),
    ("firefox", "r/python — Mozilla Firefox"),
]


def export_of(events: int) -> dict[str, Any]:
    """``events`` one-minute events, cycling through three community apps, from 09:00 UTC."""
    window_events = []
    for index in range(events):
        app, title = APPS[index % len(APPS)]
        minute = 9 * 60 + index
        window_events.append(
            {
                "timestamp": f"2024-03-{1 + minute // 1440:02d}T"
                f"{minute % 1440 // 60:02d}:{minute % 60:02d}:00Z",
                "duration": 60.0,
                "data": {"app": app, "title": title},
            }
        )
    bucket = {"type": "currentwindow", "hostname": "laptop", "events": window_events}
    return {"buckets": {"aw-watcher-window_laptop": bucket}}


@pytest.fixture
def on_disk(tmp_path: Path) -> Iterator[Repositories]:
    """A real database file in WAL mode, as the command opens it."""
    repos = open_repositories(tmp_path / "data")
    yield repos
    repos.db.conn.set_trace_callback(None)
    repos.close()


def connect(path: Path, timeout_ms: int) -> sqlite3.Connection:
    """Another connection to the database file, as another process would open it."""
    conn = sqlite3.connect(path, timeout=timeout_ms / 1000, isolation_level=None)
    conn.execute(f"PRAGMA busy_timeout = {timeout_ms}")
    return conn


def path_of(repos: Repositories) -> Path:
    return Path(repos.db.execute("PRAGMA database_list").fetchone()[2])


def run_import(
    repos: Repositories, tmp_path: Path, events: int
) -> activitywatch.ActivityWatchImport:
    path = tmp_path / f"export-{events}.json"
    path.write_text(json.dumps(export_of(events)), encoding="utf-8")
    return import_activitywatch(path, repos, Classifier(load_catalog()), local_offset=lambda _: CET)


def add_mood(data_dir: Path) -> None:
    """``wellbeing mood add 3``: its own connection, the app's busy timeout, its own write."""
    repos = open_repositories(data_dir)
    try:
        repos.moods.add(new_mood_entry(datetime(2024, 3, 1, 12, tzinfo=UTC), 3))
    finally:
        repos.close()


class Watcher:
    """Called before each statement the import runs inside a transaction: finds out whether
    the import holds the write lock (a probe with no busy timeout), then writes a mood
    entry from another connection -- at once when the lock is free, from a thread that waits
    with the normal busy timeout when it is held."""

    def __init__(self, repos: Repositories) -> None:
        self._path = path_of(repos)
        self._import = repos.db.conn
        self._probe = connect(self._path, 0)
        self.held: set[str] = set()  # statements run while holding the lock
        self.free_writes = 0
        self.waiting: list[threading.Thread] = []
        self.failures: list[BaseException] = []
        self._seen: set[str] = set()

    def __call__(self, statement: str) -> None:
        if not self._import.in_transaction:
            return
        try:
            self._probe.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError:
            self.held.add(statement)
            if len(self.waiting) < 2:
                thread = threading.Thread(target=self._write)
                self.waiting.append(thread)
                thread.start()
            return
        self._probe.execute("ROLLBACK")
        shape = statement[:30]  # one write per kind of statement is enough
        if shape not in self._seen:
            self._seen.add(shape)
            self._write()
            self.free_writes += 1

    def _write(self) -> None:
        try:
            add_mood(self._path.parent)
        except BaseException as error:  # reported by the test, on its own thread
            self.failures.append(error)

    def finish(self) -> None:
        for thread in self.waiting:
            thread.join()
        self._probe.close()


def watched(repos: Repositories, run: Callable[[], object]) -> tuple[Watcher, object]:
    watcher = Watcher(repos)
    repos.db.conn.set_trace_callback(watcher)
    try:
        result = run()
    finally:
        repos.db.conn.set_trace_callback(None)
        watcher.finish()
    return watcher, result


def test_short_writes_get_through_while_an_import_runs(
    on_disk: Repositories, tmp_path: Path
) -> None:
    run_import(on_disk, tmp_path, 30)  # a newer export below grows on this one
    watcher, result = watched(on_disk, lambda: run_import(on_disk, tmp_path, 300))
    assert watcher.failures == []
    assert isinstance(result, activitywatch.ActivityWatchImport)
    assert result.spans_added > 0
    # Both cases happened: writes while the import worked, and writes that waited for it.
    assert watcher.free_writes > 0 and watcher.waiting
    assert on_disk.moods.count() == watcher.free_writes + len(watcher.waiting)
    assert sum(s.seconds for s in on_disk.usage.spans(*DAYS)) == 300 * 60.0


DAYS = (date(2024, 2, 1), date(2024, 4, 1))


def test_the_write_lock_is_held_for_a_fixed_number_of_statements(
    tmp_path: Path,
) -> None:
    # The import holds the lock for a few set-based statements, however big it is: nothing
    # row by row, no Python work in between.
    held = []
    for events in (30, 600):
        repos = open_repositories(tmp_path / f"data-{events}")
        try:
            watcher, _ = watched(repos, lambda r=repos, n=events: run_import(r, tmp_path, n))
        finally:
            repos.close()
        assert watcher.failures == []
        held.append(len(watcher.held))
    assert held[0] == held[1] and held[0] <= 8


def test_an_import_that_raced_another_plans_again_and_counts_each_moment_once(
    on_disk: Repositories, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Another import lands between this one's planning and its write: it must be seen.
    planned = []
    original = activitywatch.plan_merge

    def plan_after_another_import(*args: Any) -> Any:
        if not planned:
            other = connect(path_of(on_disk), _BUSY_TIMEOUT_MS)
            other.execute(
                "INSERT INTO usage_spans (start, end, utc_offset, app, category, title, source)"
                " VALUES (?, ?, 3600, 'Discord', 'chat', 'general', 'activitywatch')",
                (1709283600.0, 1709283660.0),  # 2024-03-01 09:00-09:01 UTC
            )
            other.close()
        planned.append(True)
        return original(*args)

    monkeypatch.setattr(activitywatch, "plan_merge", plan_after_another_import)
    result = run_import(on_disk, tmp_path, 3)
    assert len(planned) == 2
    assert result.seconds_added == 120.0  # 09:00-09:01 was already counted
    assert sum(s.seconds for s in on_disk.usage.spans(*DAYS)) == 180.0


def test_an_import_that_never_gets_the_lock_writes_nothing_and_says_so(
    on_disk: Repositories, tmp_path: Path
) -> None:
    on_disk.db.execute("PRAGMA busy_timeout = 0")  # wait for nobody, to fail at once
    other = connect(path_of(on_disk), 0)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(DatabaseBusy) as caught:
            run_import(on_disk, tmp_path, 3)
    finally:
        other.execute("ROLLBACK")
        other.close()
    message = str(caught.value)
    assert "busy" in message and "nothing was written" in message and "\n" not in message
    assert on_disk.usage.spans(*DAYS) == []
    run_import(on_disk, tmp_path, 3)  # and the connection is usable afterwards
    assert len(on_disk.usage.spans(*DAYS)) == 3


def test_a_mood_entry_waits_for_the_write_lock_instead_of_failing_at_once(
    on_disk: Repositories,
) -> None:
    # The journal's full-text triggers read before they write: in a transaction begun with a
    # plain BEGIN that fails at once ("database is locked") while another program writes,
    # whatever the busy timeout. Held here for good, the lock makes the add wait the whole
    # timeout and then say so in one sentence.
    other = connect(path_of(on_disk), 0)
    other.execute("BEGIN IMMEDIATE")
    on_disk.db.execute("PRAGMA busy_timeout = 200")
    began = time.perf_counter()
    try:
        with pytest.raises(DatabaseBusy, match="nothing was written"):
            on_disk.moods.add(new_mood_entry(datetime(2024, 3, 1, 12, tzinfo=UTC), 3))
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert time.perf_counter() - began >= 0.2  # it waited: SQLite's busy timeout was used
    assert on_disk.moods.count() == 0
