"""Spans stored as times plus the id of what they were spent in (migration 0008)."""

import sqlite3
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
import sqlite_utils

from wellbeing_app.core.models import UsageSpan
from wellbeing_app.storage import migrations
from wellbeing_app.storage.database import configure, database_path, open_database
from wellbeing_app.storage.repositories import Repositories
from wellbeing_app.storage.tracking_store import SpanWriter

PLUS1 = timezone(timedelta(hours=1))
T0 = datetime(2026, 11, 21, 20, 0, tzinfo=PLUS1).timestamp()

_SPAN_COLUMNS = "id, start, end, utc_offset, app, category, title, approximate, source"


def _spans(db: sqlite_utils.Database) -> list[tuple[object, ...]]:
    return db.execute(f"SELECT {_SPAN_COLUMNS} FROM usage_spans ORDER BY id").fetchall()


def _hours(db: sqlite_utils.Database) -> list[tuple[object, ...]]:
    return db.execute("SELECT * FROM usage_hours ORDER BY 1, 2, 3").fetchall()


def _at_0007(db: sqlite_utils.Database) -> sqlite_utils.Database:
    """``db`` as version 0007 left it: spans in a usage_spans table."""
    configure(db)
    upto = [name for name, _ in migrations.MIGRATIONS].index("0007_usage_hours") + 1
    with db.atomic():
        db.table("_migrations").create({"name": str, "applied_at": float}, pk="name")
        for name, function in migrations.MIGRATIONS[:upto]:
            function(db)
            db.table("_migrations").insert({"name": name, "applied_at": 0.0})
    return db


def test_upgrading_a_0007_database_keeps_every_span_and_total() -> None:
    db = _at_0007(sqlite_utils.Database(memory=True))
    old_rows = [
        (1, T0, T0 + 60.5, 3600, "Discord", "chat", "general | Discord", 0, "tracker"),
        (2, T0 + 60.5, T0 + 90, 3600, "Reddit", "forum", None, 0, "tracker"),
        (3, T0 + 100, T0 + 160, 3600, "Discord", "chat", "general | Discord", 0, "tracker"),
        (5, T0 + 200, T0 + 260, 3600, "Discord", "chat", None, 1, "tracker"),
        (7, T0 - 7200, T0 - 7000, 3600, "Reddit", "forum", None, 0, "activitywatch"),
    ]
    db.conn.executemany(
        f"INSERT INTO usage_spans ({_SPAN_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", old_rows
    )
    hours_before = _hours(db)

    assert migrations.apply(db)[0] == "0008_usage_windows"  # and any later ones

    assert _spans(db) == old_rows  # same ids, times and text, through the view
    assert _hours(db) == hours_before
    assert db["usage_windows"].count == 4  # rows 1 and 3 share a window
    assert "usage_spans" in db.view_names()
    db.close()


def test_the_upgrade_gives_the_freed_space_back(data_dir: Path) -> None:
    data_dir.mkdir()
    db = _at_0007(sqlite_utils.Database(database_path(data_dir)))
    db.conn.executemany(
        "INSERT INTO usage_spans (start, end, utc_offset, app, category, title)"
        " VALUES (?, ?, 3600, 'Firefox', 'browser', ?)",
        [(T0 + i * 10, T0 + i * 10 + 5, f"Tab {i % 50} - Mozilla Firefox") for i in range(30_000)],
    )
    db.conn.commit()
    db.close()
    before = database_path(data_dir).stat().st_size

    db = open_database(data_dir)
    assert db.execute("PRAGMA freelist_count").fetchone()[0] == 0
    assert db["usage_spans"].count == 30_000
    db.close()
    assert database_path(data_dir).stat().st_size < before / 2


def test_each_window_is_stored_once_however_many_spans(repos: Repositories) -> None:
    spans = [
        UsageSpan(T0 + i * 10, T0 + i * 10 + 5, 3600, app, "chat", f"{app} title")
        for i in range(200)
        for app in ["Discord" if i % 2 else "Slack"]
    ]
    assert repos.usage.add_spans(spans) == 200
    writer = SpanWriter(repos.db)
    writer.commit(spans[:1], None)
    assert repos.db["usage_periods"].count == 201
    assert repos.db["usage_windows"].count == 2
    day = date(2026, 11, 21)
    assert {t.app: t.seconds for t in repos.usage.by_app(day, day)} == {
        "Discord": 500,
        "Slack": 505,
    }


def test_a_failed_commit_is_written_whole_by_the_next(repos: Repositories) -> None:
    writer = SpanWriter(repos.db)
    first = UsageSpan(T0, T0 + 5, 3600, "Discord", "chat", "general | Discord")
    repos.db.execute(
        "CREATE TRIGGER full_disk BEFORE INSERT ON usage_periods"
        " BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END"
    )
    with pytest.raises(sqlite3.IntegrityError):
        writer.commit([], first)  # adds the window, then fails: all of it is rolled back
    repos.db.execute("DROP TRIGGER full_disk")
    writer.commit([], UsageSpan(T0, T0 + 10, 3600, "Discord", "chat", "general | Discord"))
    writer.commit([], UsageSpan(T0, T0 + 15, 3600, "Discord", "chat", "general | Discord"))
    assert _spans(repos.db) == [
        (1, T0, T0 + 15, 3600, "Discord", "chat", "general | Discord", 0, "tracker")
    ]
    day = date(2026, 11, 21)
    assert [(t.app, t.seconds) for t in repos.usage.by_app(day, day)] == [("Discord", 15)]


def test_importing_the_same_spans_twice_adds_them_once(repos: Repositories) -> None:
    spans = [
        UsageSpan(T0 + i * 60, T0 + i * 60 + 30, 3600, "Reddit", "forum", source="activitywatch")
        for i in range(5)
    ]
    assert repos.usage.add_spans(spans, skip_existing=True) == 5
    assert repos.usage.add_spans(spans, skip_existing=True) == 0
    # The same start and app from another source is another span.
    other = [UsageSpan(T0, T0 + 30, 3600, "Reddit", "forum", source="demo")]
    assert repos.usage.add_spans(other, skip_existing=True) == 1
    assert repos.db["usage_periods"].count == 6


def test_the_view_takes_inserts_updates_and_deletes(repos: Repositories) -> None:
    db = repos.db
    db.execute(
        "INSERT INTO usage_spans (start, end, utc_offset, app, category) VALUES (?, ?, ?, ?, ?)",
        (T0, T0 + 60, 3600, "Discord", "chat"),
    )
    db.execute("UPDATE usage_spans SET title = 'dm', end = end + 60 WHERE app = 'Discord'")
    assert _spans(db) == [(1, T0, T0 + 120, 3600, "Discord", "chat", "dm", 0, "tracker")]
    day = date(2026, 11, 21)
    assert [(t.app, t.seconds) for t in repos.usage.by_app(day, day)] == [("Discord", 120)]
    db.execute("DELETE FROM usage_spans WHERE id = 1")
    assert _spans(db) == [] and _hours(db) == []
