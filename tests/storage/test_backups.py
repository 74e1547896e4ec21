import sqlite3
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlite_utils

from wellbeing_app.app import fill_demo
from wellbeing_app.core.clock import FixedClock
from wellbeing_app.core.errors import InvalidInput
from wellbeing_app.core.journal import new_mood_entry
from wellbeing_app.platform.instance_lock import LOCK_NAME, TrackerLock
from wellbeing_app.storage.backups import (
    LOCK_FILE_NAME,
    backup_now,
    backups,
    delete_all_data,
    is_due,
    prune,
    restore_backup,
)
from wellbeing_app.storage.database import database_path, open_database
from wellbeing_app.storage.repositories import open_repositories

STAMP = datetime(2026, 11, 21, 20, 0, 5, tzinfo=UTC)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _moods(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return int(conn.execute("SELECT count(*) FROM mood_entries").fetchone()[0])


@pytest.fixture
def demo_dir(data_dir: Path, clock: FixedClock) -> Path:
    fill_demo(data_dir, clock, days=20)
    return data_dir


def test_a_backup_is_a_private_complete_single_file(demo_dir: Path, clock: FixedClock) -> None:
    db = open_database(demo_dir)
    try:
        path = backup_now(db, demo_dir, clock.now())
        expected = db["mood_entries"].count
    finally:
        db.close()
    assert path == demo_dir / "backups" / "wellbeing-20261121-200000.db"  # 21:00 at UTC+1
    assert _mode(path) == 0o600
    assert _mode(path.parent) == 0o700
    assert _moods(path) == expected > 0
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # no -wal, no partial
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_backups_are_listed_newest_first_and_pruned(demo_dir: Path) -> None:
    db = open_database(demo_dir)
    try:
        made = [backup_now(db, demo_dir, STAMP + timedelta(hours=h)) for h in (0, 48, 24, 72, 96)]
        twin = backup_now(db, demo_dir, STAMP + timedelta(hours=96))  # same second
    finally:
        db.close()
    (demo_dir / "backups" / "notes.txt").write_text("not a backup", encoding="utf-8")
    assert twin.name == "wellbeing-20261125-200005-2.db"
    listed = backups(demo_dir)
    assert [info.path for info in listed] == [twin, made[4], made[3], made[1], made[2], made[0]]
    assert listed[1].created == STAMP + timedelta(hours=96)
    assert listed[-1].created == STAMP
    assert all(info.size == info.path.stat().st_size > 0 for info in listed)

    removed = prune(demo_dir, keep=3)
    assert removed == [made[1], made[2], made[0]]
    assert [info.path for info in backups(demo_dir)] == [twin, made[4], made[3]]
    assert (demo_dir / "backups" / "notes.txt").exists()
    assert prune(demo_dir, keep=3) == []
    with pytest.raises(InvalidInput, match="Keep at least one backup"):
        prune(demo_dir, keep=0)


def test_no_backups_yet(data_dir: Path) -> None:
    assert backups(data_dir) == []
    assert prune(data_dir, keep=2) == []


def test_is_due() -> None:
    now = STAMP
    assert is_due(None, now, 24)
    assert not is_due(now - timedelta(hours=23, minutes=59), now, 24)
    assert is_due(now - timedelta(hours=24), now, 24)
    assert is_due(now + timedelta(days=3), now, 24)  # the clock was set back
    assert not is_due(None, now, 0)  # automatic backups turned off


def test_restore_puts_the_backup_in_place_and_keeps_the_replaced_database(
    demo_dir: Path, clock: FixedClock
) -> None:
    repos = open_repositories(demo_dir)
    before = repos.moods.count()
    backup = backup_now(repos.db, demo_dir, clock.now())
    repos.moods.add(new_mood_entry(clock.now(), 5, note="zanzibar after the backup"))
    repos.close()

    aside = restore_backup(backup, demo_dir, now=STAMP)

    assert aside == demo_dir / "wellbeing.db.before-restore-20261121-200005"
    assert _moods(aside) == before + 1  # nothing of the replaced database is lost
    assert _mode(database_path(demo_dir)) == 0o600
    assert backup.exists()
    repos = open_repositories(demo_dir)
    try:
        assert repos.moods.count() == before
        assert repos.moods.search("zanzibar") == []
    finally:
        repos.close()
    assert not list(demo_dir.glob(".wellbeing.db.restoring-*"))


def test_restore_moves_the_wal_aside_with_its_database(demo_dir: Path, clock: FixedClock) -> None:
    db = open_database(demo_dir)
    backup = backup_now(db, demo_dir, clock.now())
    db.close()
    live = database_path(demo_dir)
    Path(f"{live}-wal").write_bytes(b"pretend uncheckpointed transactions")
    restore_backup(backup, demo_dir, now=STAMP)
    restore_backup(backup, demo_dir, now=STAMP)  # twice in a second: a second, distinct name
    assert not Path(f"{live}-wal").exists()  # never replayed into the restored file
    first = demo_dir / "wellbeing.db.before-restore-20261121-200005"
    assert Path(f"{first}-wal").read_bytes() == b"pretend uncheckpointed transactions"
    assert (demo_dir / "wellbeing.db.before-restore-20261121-200005-2").exists()


def test_restore_into_a_folder_without_a_database(demo_dir: Path, tmp_path: Path) -> None:
    db = open_database(demo_dir)
    backup = backup_now(db, demo_dir, STAMP)
    db.close()
    fresh = tmp_path / "fresh"
    assert restore_backup(backup, fresh, now=STAMP) is None
    assert _mode(fresh) == 0o700
    assert _moods(database_path(fresh)) == _moods(backup)


def _fingerprint(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"just some text, not a database at all" * 50, "is not a Wellbeing backup"),
        (b"SQLite format 3\x00" + b"\xff" * 8000, "is damaged"),
    ],
)
def test_garbage_is_refused_and_the_database_left_alone(
    demo_dir: Path, tmp_path: Path, content: bytes, message: str
) -> None:
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(content)
    before = _fingerprint(demo_dir)
    with pytest.raises(InvalidInput, match=message):
        restore_backup(garbage, demo_dir, now=STAMP)
    assert _fingerprint(demo_dir) == before


def test_a_backup_with_damaged_pages_fails_the_integrity_check(
    demo_dir: Path, tmp_path: Path
) -> None:
    db = open_database(demo_dir)
    backup = backup_now(db, demo_dir, STAMP)
    db.close()
    damaged = tmp_path / "damaged.db"
    data = bytearray(backup.read_bytes())
    page = 4096
    for start in range(2 * page, len(data) - page, 3 * page):
        data[start + 100 : start + 400] = b"\x07" * 300  # scribble inside b-tree pages
    damaged.write_bytes(bytes(data))
    before = _fingerprint(demo_dir)
    with pytest.raises(InvalidInput, match=r"is damaged \(it"):
        restore_backup(damaged, demo_dir, now=STAMP)
    assert _fingerprint(demo_dir) == before
    assert not list(demo_dir.glob(".wellbeing.db.restoring-*"))


def test_other_sqlite_files_and_newer_versions_are_refused(demo_dir: Path, tmp_path: Path) -> None:
    foreign = tmp_path / "foreign.db"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
    with pytest.raises(InvalidInput, match="an SQLite file, but not a Wellbeing database"):
        restore_backup(foreign, demo_dir, now=STAMP)

    newer = tmp_path / "newer.db"
    db = sqlite_utils.Database(newer)
    db["_migrations"].insert({"name": "0099_teleport", "applied_at": 0.0})
    db.close()
    with pytest.raises(InvalidInput, match="newer version of Wellbeing"):
        restore_backup(newer, demo_dir, now=STAMP)
    with pytest.raises(InvalidInput, match="There is no backup file"):
        restore_backup(tmp_path / "missing.db", demo_dir, now=STAMP)


def test_delete_all_data_leaves_nothing_readable(demo_dir: Path, clock: FixedClock) -> None:
    assert LOCK_FILE_NAME == LOCK_NAME
    db = open_database(demo_dir)
    backup = backup_now(db, demo_dir, clock.now())
    backup_now(db, demo_dir, clock.now())
    db.close()
    restore_backup(backup, demo_dir, now=STAMP)  # leaves a before-restore copy
    lock = TrackerLock(demo_dir)
    lock.acquire()
    lock.release()
    Path(f"{database_path(demo_dir)}-wal").write_bytes(b"wal")
    (demo_dir / "wellbeing.db.before-restore-20261121-200005-shm").write_bytes(b"shm")

    removed = delete_all_data(demo_dir)

    assert demo_dir.is_dir()
    assert list(demo_dir.iterdir()) == []
    assert {p.name for p in removed} >= {"wellbeing.db", "backups", LOCK_NAME}
    assert delete_all_data(demo_dir) == []
    repos = open_repositories(demo_dir)  # a fresh start works
    try:
        assert repos.is_empty()
    finally:
        repos.close()


def test_delete_all_data_keeps_files_that_are_not_wellbeings(demo_dir: Path) -> None:
    (demo_dir / "my-notes.txt").write_text("mine", encoding="utf-8")
    delete_all_data(demo_dir)
    assert [p.name for p in demo_dir.iterdir()] == ["my-notes.txt"]
    assert delete_all_data(demo_dir / "nowhere") == []
