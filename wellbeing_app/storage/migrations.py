"""Schema changes, append-only: never edit a released migration, add a new one.

Each migration runs in its own transaction and is recorded in ``_migrations``, the way the
sqlite-migrate plugin for sqlite-utils does it.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import sqlite_utils

Migration = Callable[[sqlite_utils.Database], None]
MIGRATIONS: list[tuple[str, Migration]] = []


def migration(name: str) -> Callable[[Migration], Migration]:
    def register(function: Migration) -> Migration:
        MIGRATIONS.append((name, function))
        return function

    return register


@migration("0001_initial")
def _initial(db: sqlite_utils.Database) -> None:
    # Times: UTC epoch seconds plus the UTC offset (seconds) in force at that moment.
    db.table("usage_spans").create(
        {
            "id": int,
            "start": float,
            "end": float,
            "utc_offset": int,
            "app": str,
            "category": str,
            "title": str,
            "approximate": int,
            "source": str,
        },
        pk="id",
        not_null={"start", "end", "utc_offset", "app", "category", "approximate", "source"},
        defaults={"approximate": 0, "source": "tracker"},
    )
    db.table("usage_spans").create_index(["start", "end"], index_name="idx_usage_spans_start_end")
    db.table("active_days").create({"day": str, "seconds": float}, pk="day", not_null={"seconds"})
    db.table("community_app_choices").create({"app": str, "counted": int}, pk="app")
    db.table("user_rules").create(
        {
            "id": int,
            "position": int,
            "name": str,
            "category": str,
            "app_pattern": str,
            "title_pattern": str,
            "enabled": int,
            "always_active": int,
            "counted": int,
        },
        pk="id",
        not_null={"name", "category", "app_pattern", "title_pattern"},
        defaults={
            "enabled": 1,
            "always_active": 0,
            "counted": 1,
            "app_pattern": "",
            "title_pattern": "",
        },
    )
    db.table("mood_entries").create(
        {"id": int, "at": float, "utc_offset": int, "score": int, "energy": int, "note": str},
        pk="id",
        not_null={"at", "utc_offset", "score", "note"},
        defaults={"note": ""},
    )
    db.table("mood_entries").create_index(["at"])
    db.table("mood_tags").create(
        {"mood_id": int, "tag": str},
        pk=("mood_id", "tag"),
        foreign_keys=[("mood_id", "mood_entries", "id")],
    )
    db.table("gratitude_entries").create(
        {"id": int, "day": str, "at": float, "utc_offset": int},
        pk="id",
        not_null={"day", "at", "utc_offset"},
    )
    db.table("gratitude_entries").create_index(["day"], unique=True)
    db.table("gratitude_items").create(
        {"entry_id": int, "position": int, "text": str, "why": str},
        pk=("entry_id", "position"),
        not_null={"text", "why"},
        defaults={"why": ""},
        foreign_keys=[("entry_id", "gratitude_entries", "id")],
    )
    db.table("checkins").create(
        {
            "id": int,
            "at": float,
            "utc_offset": int,
            "questionnaire": str,
            "version": str,
            "raw_score": int,
            "score": float,
        },
        pk="id",
        not_null={"at", "utc_offset", "questionnaire", "version", "raw_score", "score"},
    )
    db.table("checkin_answers").create(
        {"checkin_id": int, "item": int, "answer": int},
        pk=("checkin_id", "item"),
        not_null={"answer"},
        foreign_keys=[("checkin_id", "checkins", "id")],
    )
    db.table("limits").create(
        {"id": int, "target": str, "kind": str, "minutes": int, "weekdays": str},
        pk="id",
        not_null={"target", "kind", "minutes", "weekdays"},
        defaults={"weekdays": ""},
    )
    db.table("limits").create_index(["target", "weekdays"], unique=True)
    db.table("break_events").create(
        {
            "id": int,
            "at": float,
            "utc_offset": int,
            "kind": str,
            "outcome": str,
            "target": str,
            "reason": str,
            "activity_id": str,
        },
        pk="id",
        not_null={"at", "utc_offset", "kind", "outcome", "target", "reason", "activity_id"},
        defaults={"target": "", "reason": "", "activity_id": ""},
    )
    db.table("break_events").create_index(["at"])
    db.table("activities").create(
        {
            "id": str,
            "title": str,
            "category": str,
            "minutes": int,
            "social": int,
            "outdoors": int,
            "energy": int,
            "times_of_day": str,
            "description": str,
        },
        pk="id",
        not_null={"title", "category", "minutes"},
    )
    db.table("activity_preferences").create(
        {"activity_id": str, "hidden": int, "favourite": int}, pk="activity_id"
    )
    db.table("activity_log").create(
        {
            "id": int,
            "at": float,
            "utc_offset": int,
            "activity_id": str,
            "break_event_id": int,
            "done": int,
            "mood_before": int,
            "mood_after": int,
            "helped": int,
        },
        pk="id",
        not_null={"at", "utc_offset", "activity_id"},
        foreign_keys=[("break_event_id", "break_events", "id")],
    )
    db.table("people").create({"id": int, "name": str, "note": str}, pk="id", not_null={"name"})
    db.table("settings").create({"name": str, "value": str}, pk="name", not_null={"value"})


def applied(db: sqlite_utils.Database) -> list[str]:
    if "_migrations" not in db.table_names():
        return []
    return [row["name"] for row in db.table("_migrations").rows_where(order_by="rowid")]


def pending(db: sqlite_utils.Database) -> list[tuple[str, Migration]]:
    done = set(applied(db))
    return [(name, fn) for name, fn in MIGRATIONS if name not in done]


def unknown(db: sqlite_utils.Database) -> list[str]:
    """Migrations recorded in the file that this version does not know (a newer version ran)."""
    known = {name for name, _ in MIGRATIONS}
    return [name for name in applied(db) if name not in known]


def apply(db: sqlite_utils.Database) -> list[str]:
    """Applies pending migrations, each in its own transaction. Returns their names."""
    names = []
    for name, function in pending(db):
        with db.atomic():
            if "_migrations" not in db.table_names():
                db.table("_migrations").create({"name": str, "applied_at": float}, pk="name")
            function(db)
            db.table("_migrations").insert({"name": name, "applied_at": time.time()})
        names.append(name)
    return names


@migration("0002_tracker_state")
def _tracker_state(db: sqlite_utils.Database) -> None:
    # Running state shared by the GUI and a headless tracker (e.g. "paused until").
    db.table("tracker_state").create({"name": str, "value": str}, pk="name", not_null={"value"})
    # Per-app totals over a range read (start, utc_offset, app, category, end) from this
    # covering index alone, never touching the table.
    db.table("usage_spans").create_index(
        ["start", "utc_offset", "app", "category", "end"], index_name="idx_usage_spans_cover"
    )


@migration("0003_imported_span_identity")
def _imported_span_identity(db: sqlite_utils.Database) -> None:
    # Imports are idempotent: a span from another tool is identified by where it came from,
    # when it started and what it was. The tracker's own spans are not constrained.
    db.execute(
        "CREATE UNIQUE INDEX idx_usage_spans_imported ON usage_spans (source, start, app)"
        " WHERE source NOT IN ('tracker', 'demo')"
    )


@migration("0004_journal_import_identity")
def _journal_import_identity(db: sqlite_utils.Database) -> None:
    # Entries brought in from other apps (Daylio) carry a key naming their origin, so importing
    # the same export twice adds nothing.
    db.table("mood_entries").add_column("import_key", str)
    db.execute(
        "CREATE UNIQUE INDEX idx_mood_entries_import_key ON mood_entries (import_key)"
        " WHERE import_key IS NOT NULL"
    )


@migration("0005_journal_search")
def _journal_search(db: sqlite_utils.Database) -> None:
    # Full-text search over what people write; triggers keep the index in step with edits.
    db.table("mood_entries").enable_fts(["note"], create_triggers=True, tokenize="porter")
    db.table("gratitude_items").enable_fts(["text", "why"], create_triggers=True, tokenize="porter")


@migration("0006_report_presets")
def _report_presets(db: sqlite_utils.Database) -> None:
    # What a person chose to share with each recipient ("My therapist", "GP"), as JSON.
    db.table("report_presets").create(
        {"name": str, "options": str, "updated_at": float}, pk="name", not_null={"options"}
    )


# The local hour a span starts in: spans never cross a local hour boundary, so each span belongs
# to exactly one. (Times are after 1970, so CAST's truncation is the floor.)
_HOUR_NEW = "CAST((new.start + new.utc_offset) / 3600 AS INTEGER)"
_HOUR_OLD = "CAST((old.start + old.utc_offset) / 3600 AS INTEGER)"


@migration("0007_usage_hours")
def _usage_hours(db: sqlite_utils.Database) -> None:
    # Totals per (local hour, app, category), kept exact by triggers, so per-app, per-day and
    # per-week totals over long ranges read ~4x-15x fewer rows than there are spans (a year:
    # ~25,000 rows instead of ~83,000 spans), whatever hour the day starts at.
    db.execute(
        "CREATE TABLE usage_hours (hour INTEGER NOT NULL, app TEXT NOT NULL,"
        " category TEXT NOT NULL, seconds REAL NOT NULL, PRIMARY KEY (hour, app, category))"
        " WITHOUT ROWID"
    )
    add = (
        "INSERT INTO usage_hours (hour, app, category, seconds)"
        f" VALUES ({_HOUR_NEW}, new.app, new.category, new.end - new.start)"
        " ON CONFLICT (hour, app, category) DO UPDATE SET seconds = seconds + excluded.seconds;"
    )
    old_row = f"hour = {_HOUR_OLD} AND app = old.app AND category = old.category"
    take = (  # and forget an hour that has no time left
        f"UPDATE usage_hours SET seconds = seconds - (old.end - old.start) WHERE {old_row};"
        f" DELETE FROM usage_hours WHERE {old_row} AND abs(seconds) < 1e-6;"
    )
    same = (
        "new.start = old.start AND new.utc_offset = old.utc_offset"
        " AND new.app = old.app AND new.category = old.category"
    )
    db.execute(f"CREATE TRIGGER usage_hours_insert AFTER INSERT ON usage_spans BEGIN {add} END")
    # The tracker's commit moves only the open span's end: one update.
    # An upsert, because the hour's row may be gone (a zero-length span deleted beside this one).
    db.execute(
        f"CREATE TRIGGER usage_hours_extend AFTER UPDATE OF end ON usage_spans WHEN {same}"
        " BEGIN INSERT INTO usage_hours (hour, app, category, seconds)"
        f" VALUES ({_HOUR_NEW}, new.app, new.category, new.end - old.end)"
        " ON CONFLICT (hour, app, category) DO UPDATE SET seconds = seconds + excluded.seconds;"
        " END"
    )
    db.execute(
        "CREATE TRIGGER usage_hours_move AFTER UPDATE OF start, end, utc_offset, app, category"
        f" ON usage_spans WHEN NOT ({same}) BEGIN {take} {add} END"
    )
    db.execute(f"CREATE TRIGGER usage_hours_delete AFTER DELETE ON usage_spans BEGIN {take} END")
    db.execute(
        "INSERT INTO usage_hours (hour, app, category, seconds)"
        " SELECT CAST((start + utc_offset) / 3600 AS INTEGER), app, category, sum(end - start)"
        " FROM usage_spans GROUP BY 1, 2, 3"
    )
    # Every range query is served by idx_usage_spans_cover (start, utc_offset, app, category,
    # end), which starts with the same column; this one only cost space and commit time.
    db.execute("DROP INDEX IF EXISTS idx_usage_spans_start_end")
