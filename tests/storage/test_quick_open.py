"""The read commands' quick way in (``db.open_current``): only on a file that needs nothing."""

import os
import sqlite3
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from wellbeing_app.core.models import UsageSpan
from wellbeing_app.storage import migrations
from wellbeing_app.storage.database import DatabaseProblem, database_path, open_database
from wellbeing_app.storage.db import SCHEMA_VERSION, DatabaseBusy, PlainDatabase, open_current
from wellbeing_app.storage.repositories import (
    open_current_repositories,
    open_repositories,
    repositories_for,
)

CET = timezone(timedelta(hours=1))
START = datetime(2026, 11, 20, 10, 0, tzinfo=CET).timestamp()


def _filled(data_dir: Path) -> None:
    repos = open_repositories(data_dir)
    repos.usage.add_spans(
        [
            UsageSpan(START, START + 600, 3600, "Discord", "chat"),
            UsageSpan(START + 3600, START + 3900, 3600, "Reddit", "forum"),
        ]
    )
    repos.close()


def _user_version(data_dir: Path) -> int:
    with sqlite3.connect(database_path(data_dir)) as conn:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])


def test_schema_version_counts_every_migration() -> None:
    assert len(migrations.MIGRATIONS) == SCHEMA_VERSION


def test_opening_marks_a_current_file_and_the_quick_way_reads_the_same(data_dir: Path) -> None:
    _filled(data_dir)
    assert _user_version(data_dir) == SCHEMA_VERSION
    quick = open_current(data_dir)
    assert isinstance(quick, PlainDatabase)
    plain = repositories_for(quick)
    full = open_repositories(data_dir)
    day = date(2026, 11, 20)
    assert plain.usage.by_app(day, day) == full.usage.by_app(day, day)
    assert [t.app for t in plain.usage.by_app(day, day)] == ["Discord", "Reddit"]
    assert plain.settings == full.settings
    plain.close()
    full.close()


def test_an_older_file_takes_the_full_way_and_is_brought_up_to_date(data_dir: Path) -> None:
    _filled(data_dir)
    with sqlite3.connect(database_path(data_dir)) as conn:
        conn.execute("PRAGMA user_version = 8")
    assert open_current(data_dir) is None
    repos = open_current_repositories(data_dir)
    assert not isinstance(repos.db, PlainDatabase)
    repos.close()
    assert _user_version(data_dir) == SCHEMA_VERSION


def test_a_missing_folder_or_file_takes_the_full_way(tmp_path: Path) -> None:
    assert open_current(tmp_path / "nothing") is None
    (tmp_path / "empty").mkdir(mode=0o700)
    assert open_current(tmp_path / "empty") is None
    repos = open_current_repositories(tmp_path / "nothing")  # created, as before
    assert repos.usage.by_app(date(2026, 11, 20), date(2026, 11, 20)) == []
    repos.close()


@pytest.mark.parametrize("which", ["folder", "file", "wal"])
def test_files_others_could_read_take_the_full_way_which_tightens_them(
    data_dir: Path, which: str
) -> None:
    _filled(data_dir)
    path = database_path(data_dir)
    target = {"folder": data_dir, "file": path, "wal": Path(f"{path}-wal")}[which]
    if not target.exists():
        target.touch()
    os.chmod(target, 0o755 if which == "folder" else 0o644)
    assert open_current(data_dir) is None
    repos = open_current_repositories(data_dir)
    assert not isinstance(repos.db, PlainDatabase)
    assert os.stat(target).st_mode & 0o077 == 0
    repos.close()


def test_a_file_that_is_not_a_database_gets_the_full_ways_sentence(data_dir: Path) -> None:
    data_dir.mkdir(mode=0o700)
    path = database_path(data_dir)
    path.write_bytes(b"my diary, not a database " * 50)
    os.chmod(path, 0o600)
    assert open_current(data_dir) is None
    with pytest.raises(DatabaseProblem, match="not a Wellbeing database"):
        open_current_repositories(data_dir)
    assert path.read_bytes().startswith(b"my diary")


def test_a_file_from_a_newer_version_is_refused_as_before(data_dir: Path) -> None:
    _filled(data_dir)
    with sqlite3.connect(database_path(data_dir)) as conn:
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
            " VALUES ('wellbeing', '0099_future', NULL)"
        )
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    assert open_current(data_dir) is None
    with pytest.raises(DatabaseProblem, match="newer version"):
        open_current_repositories(data_dir)


def test_a_file_not_in_wal_mode_takes_the_full_way(data_dir: Path) -> None:
    _filled(data_dir)
    with sqlite3.connect(database_path(data_dir)) as conn:
        conn.execute("PRAGMA journal_mode = DELETE")
    assert open_current(data_dir) is None
    open_current_repositories(data_dir).close()
    assert open_current(data_dir) is not None


def _plain(data_dir: Path) -> PlainDatabase:
    open_database(data_dir).close()
    db = open_current(data_dir)
    assert db is not None
    return db


def test_plain_atomic_commits_or_rolls_back_all_of_it(data_dir: Path) -> None:
    db = _plain(data_dir)
    with db.atomic():
        db.execute("INSERT INTO settings (name, value) VALUES ('a', '1')")

    def insert_then_fail(name: str) -> None:
        with db.atomic():
            db.execute("INSERT INTO settings (name, value) VALUES (?, '2')", (name,))
            raise RuntimeError("stop")

    with pytest.raises(RuntimeError):
        insert_then_fail("b")
    with db.atomic():
        db.execute("INSERT INTO settings (name, value) VALUES ('c', '3')")
        with pytest.raises(RuntimeError):
            insert_then_fail("d")  # a savepoint inside: only its part goes
    names = [row[0] for row in db.execute("SELECT name FROM settings ORDER BY name")]
    assert names == ["a", "c"]
    assert not db.conn.in_transaction
    db.close()


def test_plain_atomic_says_so_when_another_program_holds_the_lock(data_dir: Path) -> None:
    db = _plain(data_dir)
    db.execute("PRAGMA busy_timeout = 50")
    other = sqlite3.connect(database_path(data_dir), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(DatabaseBusy, match="nothing was written"), db.atomic():
            db.execute("INSERT INTO settings (name, value) VALUES ('a', '1')")
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert db.execute("SELECT count(*) FROM settings").fetchone()[0] == 0
    db.close()
