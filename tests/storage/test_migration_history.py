"""sqlite-utils' migrations in place of our own runner, with existing files' history carried over.

A database made before the switch recorded its migrations in ``_migrations`` (name, epoch
seconds); it is built here the way that runner built it.
"""

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlite_utils
from sqlite_utils.migrations import Migrations

from wellbeing_app.core.clock import FixedClock
from wellbeing_app.core.errors import InvalidInput
from wellbeing_app.storage import migrations
from wellbeing_app.storage.backups import restore_backup
from wellbeing_app.storage.database import (
    DatabaseProblem,
    configure,
    database_path,
    open_database,
)
from wellbeing_app.storage.transactions import WellbeingDatabase

NAMES = [name for name, _ in migrations.MIGRATIONS]
LEGACY_AT = datetime(2026, 3, 1, 12, 0, tzinfo=UTC).timestamp()


def _old_runner_database(path: Path, upto: str = NAMES[-1]) -> None:
    """A file as the hand-written runner left it, migrated up to ``upto``, with one mood."""
    db = sqlite_utils.Database(path)
    configure(db)
    with db.atomic():
        db.table("_migrations").create({"name": str, "applied_at": float}, pk="name")
        for name, function in migrations.MIGRATIONS[: NAMES.index(upto) + 1]:
            function(db)
            db.table("_migrations").insert({"name": name, "applied_at": LEGACY_AT})
        db.table("mood_entries").insert({"at": LEGACY_AT, "utc_offset": 0, "score": 4})
    db.close()


def _recorded(db: sqlite_utils.Database) -> list[str]:
    rows = db.execute(
        "SELECT name FROM _sqlite_migrations WHERE migration_set = 'wellbeing' ORDER BY id"
    )
    return [name for (name,) in rows.fetchall()]


def test_an_old_runner_database_opens_with_its_history_carried_over(data_dir: Path) -> None:
    data_dir.mkdir()
    _old_runner_database(database_path(data_dir))
    db = open_database(data_dir)  # 0001 run twice would fail: "table usage_spans already exists"
    assert _recorded(db) == NAMES
    assert "_migrations" not in db.table_names()
    assert migrations.applied(db) == NAMES and not migrations.pending(db)
    assert migrations.applied_at(db, "0009_limit_history") == datetime.fromtimestamp(LEGACY_AT, UTC)
    assert db.execute("SELECT count(*) FROM mood_entries").fetchone()[0] == 1
    db.close()
    db = open_database(data_dir)
    assert _recorded(db) == NAMES
    db.close()


def test_an_old_runner_database_part_way_gets_the_rest(data_dir: Path) -> None:
    data_dir.mkdir()
    _old_runner_database(database_path(data_dir), upto="0006_report_presets")
    db = open_database(data_dir)
    assert _recorded(db) == NAMES
    assert {"usage_hours", "usage_windows", "limit_history"} <= set(db.table_names())
    at_0006 = migrations.applied_at(db, "0006_report_presets")
    at_0009 = migrations.applied_at(db, "0009_limit_history")
    assert at_0006 == datetime.fromtimestamp(LEGACY_AT, UTC)
    assert at_0009 is not None and at_0009 > at_0006
    db.close()


def test_a_new_database_records_its_migrations_in_sqlite_utils_table(data_dir: Path) -> None:
    db = open_database(data_dir)
    assert _recorded(db) == NAMES
    assert "_migrations" not in db.table_names()
    db.close()


def test_a_database_from_a_newer_version_is_refused_and_left_alone(data_dir: Path) -> None:
    db = open_database(data_dir)
    db["_sqlite_migrations"].insert(
        {"migration_set": "wellbeing", "name": "0099_teleport", "applied_at": "2030-01-01"}
    )
    db.close()
    with pytest.raises(DatabaseProblem, match="newer version of Wellbeing"):
        open_database(data_dir)


def test_another_migration_set_in_the_file_is_not_ours_to_judge(data_dir: Path) -> None:
    db = open_database(data_dir)
    db["_sqlite_migrations"].insert(
        {"migration_set": "someplugin", "name": "m001", "applied_at": "2030-01-01"}
    )
    db.close()
    open_database(data_dir).close()


def test_a_failing_migration_leaves_nothing_and_stays_pending(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db = WellbeingDatabase(memory=True, execute_plugins=False)
    steps = Migrations(migrations.MIGRATION_SET)

    def half_done(db: sqlite_utils.Database) -> None:
        db.table("first_half").create({"id": int}, pk="id")
        raise sqlite3.OperationalError("disk I/O error")

    steps(name="0001_half_done")(half_done)
    monkeypatch.setattr(migrations, "_SET", steps)
    monkeypatch.setattr(migrations, "MIGRATIONS", [("0001_half_done", half_done)])
    with pytest.raises(sqlite3.OperationalError):
        migrations.apply(db)
    assert "first_half" not in db.table_names()
    assert migrations.applied(db) == []
    assert [name for name, _ in migrations.pending(db)] == ["0001_half_done"]


def test_a_backup_made_by_the_old_runner_restores_and_is_carried_over(
    data_dir: Path, tmp_path: Path
) -> None:
    backup = tmp_path / "old-backup.db"
    _old_runner_database(backup)
    open_database(data_dir).close()
    restore_backup(backup, data_dir, now=datetime(2026, 11, 21, 20, tzinfo=UTC))
    db = open_database(data_dir)
    assert _recorded(db) == NAMES
    assert db.execute("SELECT count(*) FROM mood_entries").fetchone()[0] == 1
    db.close()


def test_a_backup_from_a_newer_version_is_refused(
    data_dir: Path, tmp_path: Path, clock: FixedClock
) -> None:
    newer = tmp_path / "newer.db"
    db = sqlite_utils.Database(newer)
    db["_sqlite_migrations"].insert(
        {"migration_set": "wellbeing", "name": "0099_teleport", "applied_at": "2030-01-01"}
    )
    db.close()
    open_database(data_dir).close()
    with pytest.raises(InvalidInput, match="newer version of Wellbeing"):
        restore_backup(newer, data_dir, now=clock.now())
