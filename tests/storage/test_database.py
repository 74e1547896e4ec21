import sqlite3
import stat
from pathlib import Path

import pytest
import sqlite_utils

from wellbeing_app.storage import migrations
from wellbeing_app.storage.database import DatabaseProblem, database_path, open_database


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_new_data_folder_is_private_and_in_wal_mode(data_dir: Path) -> None:
    db = open_database(data_dir)
    try:
        assert _mode(data_dir) == 0o700
        assert _mode(database_path(data_dir)) == 0o600
        assert db.journal_mode == "wal"
        db["settings"].insert({"name": "x", "value": "1"})
        for suffix in ("-wal", "-shm"):
            side = database_path(data_dir).with_name("wellbeing.db" + suffix)
            if side.exists():
                assert _mode(side) & 0o077 == 0
    finally:
        db.close()


def test_every_feature_table_is_created(data_dir: Path) -> None:
    db = open_database(data_dir)
    expected = {
        "usage_periods",
        "usage_windows",
        "usage_hours",
        "active_days",
        "community_app_choices",
        "user_rules",
        "mood_entries",
        "mood_tags",
        "gratitude_entries",
        "gratitude_items",
        "checkins",
        "checkin_answers",
        "limits",
        "break_events",
        "activities",
        "activity_preferences",
        "activity_log",
        "people",
        "settings",
    }
    assert expected <= set(db.table_names())
    assert "usage_spans" in db.view_names()  # over usage_periods and usage_windows
    indexes = {tuple(i.columns) for i in db["usage_periods"].indexes}
    assert ("start",) in indexes
    db.close()


def test_reopening_applies_no_migration_twice(data_dir: Path) -> None:
    open_database(data_dir).close()
    db = open_database(data_dir)
    assert migrations.applied(db) == [name for name, _ in migrations.MIGRATIONS]
    db.close()


def test_garbage_file_is_reported_and_left_untouched(data_dir: Path) -> None:
    data_dir.mkdir()
    path = database_path(data_dir)
    path.write_bytes(b"this is my diary, not a database\n" * 10)
    before = path.read_bytes()
    with pytest.raises(DatabaseProblem, match="not a Wellbeing database"):
        open_database(data_dir)
    assert path.read_bytes() == before


def test_damaged_sqlite_file_is_reported_and_left_untouched(data_dir: Path) -> None:
    open_database(data_dir).close()
    path = database_path(data_dir)
    raw = bytearray(path.read_bytes())
    raw[100:4096] = b"\xff" * (4096 - 100)  # wreck the first page's b-tree
    path.write_bytes(bytes(raw))
    for side in ("-wal", "-shm"):
        path.with_name("wellbeing.db" + side).unlink(missing_ok=True)
    with pytest.raises(DatabaseProblem, match="damaged"):
        open_database(data_dir)
    assert path.read_bytes() == bytes(raw)


def test_another_programs_database_is_not_taken_over(data_dir: Path) -> None:
    data_dir.mkdir()
    other = sqlite_utils.Database(database_path(data_dir))
    other["recipes"].insert({"name": "soup"})
    other.close()
    with pytest.raises(DatabaseProblem, match="another program"):
        open_database(data_dir)


def test_database_from_a_newer_version_is_refused(data_dir: Path) -> None:
    db = open_database(data_dir)
    db["_migrations"].insert({"name": "9999_future", "applied_at": 0})
    db.close()
    with pytest.raises(DatabaseProblem, match="newer version"):
        open_database(data_dir)


def test_locked_database_gives_a_clear_sentence(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_database(data_dir).close()
    monkeypatch.setattr("wellbeing_app.storage.database._BUSY_TIMEOUT_MS", 50)
    holder = sqlite3.connect(database_path(data_dir), isolation_level=None)
    holder.execute("PRAGMA journal_mode=DELETE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(DatabaseProblem, match="locked"):
            open_database(data_dir)
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_data_dir_that_is_a_file_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_text("x")
    with pytest.raises(DatabaseProblem, match="is a file"):
        open_database(target)


def test_commits_are_durable_without_an_fsync_each(data_dir: Path) -> None:
    db = open_database(data_dir)
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL, with WAL
    db.close()


def test_another_programs_database_is_left_byte_for_byte_untouched(data_dir: Path) -> None:
    data_dir.mkdir()
    path = database_path(data_dir)
    with sqlite3.connect(path) as other:
        other.execute("CREATE TABLE recipes (name TEXT)")
        other.execute("INSERT INTO recipes VALUES ('soup')")
    other.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseProblem, match="left untouched"):
        open_database(data_dir)
    assert path.read_bytes() == before  # the header's journal-mode bytes too: not switched to WAL
    assert sorted(p.name for p in data_dir.iterdir()) == ["wellbeing.db"]
    with sqlite3.connect(path) as other:
        assert other.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    other.close()


@pytest.mark.parametrize("content", ["empty", "ours"])
def test_an_existing_data_folder_is_made_private(data_dir: Path, content: str) -> None:
    data_dir.mkdir(mode=0o755)
    data_dir.chmod(0o755)
    if content == "ours":
        open_database(data_dir).close()
        data_dir.chmod(0o755)
    open_database(data_dir).close()
    assert _mode(data_dir) == 0o700


def test_a_shared_folder_is_not_changed_but_the_person_is_told(
    data_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    data_dir.mkdir()
    data_dir.chmod(0o755)
    (data_dir / "holiday.jpg").write_bytes(b"\xff\xd8")
    with caplog.at_level("WARNING"):
        open_database(data_dir).close()
    assert _mode(data_dir) == 0o755
    assert _mode(database_path(data_dir)) == 0o600
    assert any("other users" in record.getMessage() for record in caplog.records)


def test_folders_made_for_a_nested_data_dir_are_private_whatever_the_umask(
    tmp_path: Path,
) -> None:
    import os

    nested = tmp_path / "a" / "b" / "c"
    old = os.umask(0)
    try:
        open_database(nested).close()
    finally:
        os.umask(old)
    for folder in (tmp_path / "a", tmp_path / "a" / "b", nested):
        assert _mode(folder) == 0o700, folder


def test_a_write_that_reads_first_is_not_undone_by_a_commit_in_between(data_dir: Path) -> None:
    """Every write transaction takes the write lock at its start: a commit by another program
    between its first read and its first write cannot make it fail with "database is locked"
    (SQLite's deferred BEGIN fails at once there; the busy timeout does not apply)."""
    from datetime import date, datetime, timedelta, timezone

    from wellbeing_app.core.journal import new_gratitude_entry
    from wellbeing_app.storage.repositories import open_repositories

    repos = open_repositories(data_dir)
    other = sqlite3.connect(database_path(data_dir), timeout=0.05)
    interfered: list[str] = []

    def between_read_and_write(statement: str) -> None:
        if interfered or not statement.lstrip().upper().startswith("SELECT"):
            return
        try:
            other.execute(
                "INSERT OR REPLACE INTO tracker_state (name, value) VALUES ('other', '1')"
            )
            other.commit()
            interfered.append("committed")
        except sqlite3.OperationalError as error:  # we hold the write lock: it must wait
            other.rollback()
            interfered.append(str(error))

    at = datetime(2026, 11, 21, 21, 0, tzinfo=timezone(timedelta(hours=1)))
    try:
        repos.db.conn.set_trace_callback(between_read_and_write)
        repos.gratitude.append(new_gratitude_entry(date(2026, 11, 21), at, ["tea"]))
        repos.db.conn.set_trace_callback(None)
        assert [
            i.text
            for e in repos.gratitude.between(date(2026, 11, 21), date(2026, 11, 21))
            for i in e.items
        ] == ["tea"]
        assert interfered == ["database is locked"]
    finally:
        other.close()
        repos.close()
