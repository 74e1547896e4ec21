"""Schema changes, append-only: never edit a released migration, add a new one.

The migrations are one ``sqlite_utils.Migrations`` set, ``wellbeing``: sqlite-utils (4.2.1 and
later) runs each one in a transaction together with its record in ``_sqlite_migrations`` (all of
it or none), and ``Database.atomic()`` there is ``WellbeingDatabase``'s ``BEGIN IMMEDIATE``.

Databases made before this (up to the 0009 migration) recorded their migrations in our own
``_migrations`` table (``name``, ``applied_at`` as epoch seconds). ``apply`` carries those names
over into ``_sqlite_migrations`` and drops ``_migrations`` in one transaction, so nothing runs
twice; until then (and in backups made before) ``applied`` reads both tables.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime

import sqlite_utils
from sqlite_utils.migrations import Migrations

Migration = Callable[[sqlite_utils.Database], None]
MIGRATIONS: list[tuple[str, Migration]] = []

MIGRATION_SET = "wellbeing"
TABLE = Migrations.migrations_table  # "_sqlite_migrations"
LEGACY_TABLE = "_migrations"  # our own runner's, before sqlite-utils 4
_SET = Migrations(MIGRATION_SET)


def migration(name: str) -> Callable[[Migration], Migration]:
    def register(function: Migration) -> Migration:
        MIGRATIONS.append((name, function))
        _SET(name=name)(function)
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


def _legacy(db: sqlite_utils.Database) -> list[tuple[str, float | None]]:
    """What our own runner recorded, before sqlite-utils' migrations replaced it."""
    if LEGACY_TABLE not in db.table_names():
        return []
    rows = db.execute(f"SELECT name, applied_at FROM [{LEGACY_TABLE}] ORDER BY rowid")
    return [(name, at) for name, at in rows.fetchall()]


def applied(db: sqlite_utils.Database) -> list[str]:
    """The names of the migrations this file has had, in the order they ran. Only reads."""
    recorded = [entry.name for entry in _SET.applied(db)]
    earlier = [name for name, _ in _legacy(db) if name not in set(recorded)]
    return earlier + recorded


def applied_at(db: sqlite_utils.Database, name: str) -> datetime | None:
    """When the migration ``name`` ran on this file (UTC), or ``None``."""
    for entry in _SET.applied(db):
        if entry.name == name and entry.applied_at:
            return datetime.fromisoformat(entry.applied_at).astimezone(UTC)
    for legacy_name, at in _legacy(db):
        if legacy_name == name and at is not None:
            return datetime.fromtimestamp(at, UTC)
    return None


def pending(db: sqlite_utils.Database) -> list[tuple[str, Migration]]:
    done = set(applied(db))
    return [(name, fn) for name, fn in MIGRATIONS if name not in done]


def unknown(db: sqlite_utils.Database) -> list[str]:
    """Migrations recorded in the file that this version does not know (a newer version ran)."""
    known = {name for name, _ in MIGRATIONS}
    return [name for name in applied(db) if name not in known]


def _carry_over(db: sqlite_utils.Database) -> None:
    """Records our own runner's migrations in sqlite-utils' table and drops ours, all at once."""
    if LEGACY_TABLE not in db.table_names():
        return
    legacy = _legacy(db)
    _SET.ensure_migrations_table(db)
    recorded = {entry.name for entry in _SET.applied(db)}
    with db.atomic():
        db.table(TABLE).insert_all(
            {
                "migration_set": MIGRATION_SET,
                "name": name,
                "applied_at": None if at is None else str(datetime.fromtimestamp(at, UTC)),
            }
            for name, at in legacy
            if name not in recorded
        )
        db.table(LEGACY_TABLE).drop()


def apply(db: sqlite_utils.Database) -> list[str]:
    """Applies pending migrations, each in its own transaction. Returns their names."""
    _carry_over(db)
    names = [migration.name for migration in _SET.pending(db)]
    _SET.apply(db)
    # Every migration has run: say so in the file's header, where a reader that does not
    # import this module (``db.open_current``) can see it at once.
    if db.execute("PRAGMA user_version").fetchone()[0] != len(MIGRATIONS):
        db.execute(f"PRAGMA user_version = {len(MIGRATIONS)}")
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


def _hour_triggers(
    db: sqlite_utils.Database, table: str, *, app: str, category: str, columns: str, same_what: str
) -> None:
    """Triggers on ``table`` that keep usage_hours equal to the sums of its spans.

    ``app`` and ``category`` are SQL giving a row's app and category, with ``{}`` standing for
    ``new`` or ``old``; ``same_what`` is true when an update kept what the span was spent in.
    Migrations 0007 and 0008 both create theirs with it, so it must keep making the same SQL.
    """
    app_new, app_old = app.format("new"), app.format("old")
    category_new, category_old = category.format("new"), category.format("old")
    add = (
        "INSERT INTO usage_hours (hour, app, category, seconds)"
        f" VALUES ({_HOUR_NEW}, {app_new}, {category_new}, new.end - new.start)"
        " ON CONFLICT (hour, app, category) DO UPDATE SET seconds = seconds + excluded.seconds;"
    )
    old_row = f"hour = {_HOUR_OLD} AND app = {app_old} AND category = {category_old}"
    take = (  # and forget an hour that has no time left
        f"UPDATE usage_hours SET seconds = seconds - (old.end - old.start) WHERE {old_row};"
        f" DELETE FROM usage_hours WHERE {old_row} AND abs(seconds) < 1e-6;"
    )
    same = f"new.start = old.start AND new.utc_offset = old.utc_offset AND {same_what}"
    db.execute(f"CREATE TRIGGER usage_hours_insert AFTER INSERT ON {table} BEGIN {add} END")
    # The tracker's commit moves only the open span's end: one upsert (an upsert, because the
    # hour's row may be gone with a zero-length span deleted beside this one).
    db.execute(
        f"CREATE TRIGGER usage_hours_extend AFTER UPDATE OF end ON {table} WHEN {same}"
        " BEGIN INSERT INTO usage_hours (hour, app, category, seconds)"
        f" VALUES ({_HOUR_NEW}, {app_new}, {category_new}, new.end - old.end)"
        " ON CONFLICT (hour, app, category) DO UPDATE SET seconds = seconds + excluded.seconds;"
        " END"
    )
    db.execute(
        f"CREATE TRIGGER usage_hours_move AFTER UPDATE OF {columns} ON {table}"
        f" WHEN NOT ({same}) BEGIN {take} {add} END"
    )
    db.execute(f"CREATE TRIGGER usage_hours_delete AFTER DELETE ON {table} BEGIN {take} END")


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
    _hour_triggers(
        db,
        "usage_spans",
        app="{}.app",
        category="{}.category",
        columns="start, end, utc_offset, app, category",
        same_what="new.app = old.app AND new.category = old.category",
    )
    db.execute(
        "INSERT INTO usage_hours (hour, app, category, seconds)"
        " SELECT CAST((start + utc_offset) / 3600 AS INTEGER), app, category, sum(end - start)"
        " FROM usage_spans GROUP BY 1, 2, 3"
    )
    # Every range query is served by idx_usage_spans_cover (start, utc_offset, app, category,
    # end), which starts with the same column; this one only cost space and commit time.
    db.execute("DROP INDEX IF EXISTS idx_usage_spans_start_end")


# The span columns every reader sees, in the order of the table that 0001 created.
_SPAN_VIEW = """
CREATE VIEW usage_spans AS
SELECT p.id AS id, p.start AS start, p.end AS end, p.utc_offset AS utc_offset, w.app AS app,
       w.category AS category, nullif(w.title, '') AS title, w.approximate AS approximate,
       w.source AS source
FROM usage_periods AS p JOIN usage_windows AS w ON w.id = p.window_id
"""
# What a span was spent in, as stored in usage_windows ('' for no title).
_WINDOW_OF_NEW = (
    "app = new.app AND category = new.category AND title = ifnull(new.title, '')"
    " AND approximate = ifnull(new.approximate, 0) AND source = ifnull(new.source, 'tracker')"
)
# The usage_windows row of a span written through the view, added if it is new.
_ADD_WINDOW = (
    "INSERT OR IGNORE INTO usage_windows (app, category, title, approximate, source)"
    " VALUES (new.app, new.category, ifnull(new.title, ''), ifnull(new.approximate, 0),"
    " ifnull(new.source, 'tracker'));"
)
_APP_OF = "(SELECT app FROM usage_windows WHERE id = {}.window_id)"
_CATEGORY_OF = "(SELECT category FROM usage_windows WHERE id = {}.window_id)"


@migration("0008_usage_windows")
def _usage_windows(db: sqlite_utils.Database) -> None:
    # A year of every app with titles kept is ~290,000 spans but a few hundred distinct windows:
    # each span now holds its times and the id of what it was spent in, instead of repeating
    # app, category, title and source (a 38.6 MB year becomes ~13 MB; the default year ~5 MB).
    # ``usage_spans`` stays as a view with the same columns, writable through triggers, so
    # exports, restores and readers see the same rows as before.
    db.execute(
        "CREATE TABLE usage_windows (id INTEGER PRIMARY KEY, app TEXT NOT NULL,"
        " category TEXT NOT NULL, title TEXT NOT NULL, approximate INTEGER NOT NULL,"
        " source TEXT NOT NULL, UNIQUE (app, category, title, approximate, source))"
    )
    db.execute(
        "INSERT INTO usage_windows (app, category, title, approximate, source)"
        " SELECT app, category, ifnull(title, ''), approximate, source FROM usage_spans"
        " GROUP BY 1, 2, 3, 4, 5 ORDER BY min(id)"
    )
    db.execute(
        "CREATE TABLE usage_periods (id INTEGER PRIMARY KEY, start REAL NOT NULL,"
        " end REAL NOT NULL, utc_offset INTEGER NOT NULL,"
        " window_id INTEGER NOT NULL REFERENCES usage_windows (id))"
    )
    db.execute(
        "INSERT INTO usage_periods (id, start, end, utc_offset, window_id)"
        " SELECT s.id, s.start, s.end, s.utc_offset, w.id FROM usage_spans AS s"
        " JOIN usage_windows AS w ON w.app = s.app AND w.category = s.category"
        " AND w.title = ifnull(s.title, '') AND w.approximate = s.approximate"
        " AND w.source = s.source ORDER BY s.id"
    )
    db.execute("DROP TABLE usage_spans")  # with its indexes and the usage_hours triggers
    # Range queries for span lists; totals read usage_hours.
    db.execute("CREATE INDEX idx_usage_periods_start ON usage_periods (start)")
    db.execute(_SPAN_VIEW)

    # Writes through the view, for restores, imports and anything else that speaks spans.
    db.execute(
        f"CREATE TRIGGER usage_spans_insert INSTEAD OF INSERT ON usage_spans BEGIN {_ADD_WINDOW}"
        " INSERT INTO usage_periods (id, start, end, utc_offset, window_id)"
        " VALUES (new.id, new.start, new.end, new.utc_offset,"
        f" (SELECT id FROM usage_windows WHERE {_WINDOW_OF_NEW})); END"
    )
    db.execute(
        f"CREATE TRIGGER usage_spans_update INSTEAD OF UPDATE ON usage_spans BEGIN {_ADD_WINDOW}"
        " UPDATE usage_periods SET id = new.id, start = new.start, end = new.end,"
        " utc_offset = new.utc_offset,"
        f" window_id = (SELECT id FROM usage_windows WHERE {_WINDOW_OF_NEW}) WHERE id = old.id;"
        " END"
    )
    db.execute(
        "CREATE TRIGGER usage_spans_delete INSTEAD OF DELETE ON usage_spans BEGIN"
        " DELETE FROM usage_periods WHERE id = old.id; END"
    )

    # The usage_hours rollup (0007), now kept from usage_periods.
    _hour_triggers(
        db,
        "usage_periods",
        app=_APP_OF,
        category=_CATEGORY_OF,
        columns="start, end, utc_offset, window_id",
        same_what="new.window_id = old.window_id",
    )


@migration("0009_limit_history")
def _limit_history(db: sqlite_utils.Database) -> None:
    # Every set, change and removal of a daily limit, with when it took effect, so a report can
    # score each day by the limits then in force. ``minutes`` NULL: the limit was removed. The
    # limits already set are recorded as set now: the history begins with this migration.
    db.table("limit_history").create(
        {
            "id": int,
            "at": float,
            "utc_offset": int,
            "target": str,
            "kind": str,
            "minutes": int,
            "weekdays": str,
        },
        pk="id",
        not_null={"at", "utc_offset", "target", "kind", "weekdays"},
        defaults={"weekdays": ""},
    )
    db.execute("CREATE INDEX idx_limit_history_at ON limit_history (at)")
    db.execute(
        "INSERT INTO limit_history (at, utc_offset, target, kind, minutes, weekdays)"
        " SELECT ?, 0, target, kind, minutes, weekdays FROM limits ORDER BY id",
        (time.time(),),
    )


@migration("0010_usage_hours_by_app")
def _usage_hours_by_app(db: sqlite_utils.Database) -> None:
    # Totals per app over a long range (a year, all of history) read this index in order
    # instead of sorting every hour of the range by app: one pass, linear in the data
    # (``UsageRepository.by_app`` chooses it for ranges that hold much of the data).
    db.execute("CREATE INDEX usage_hours_by_app ON usage_hours (app, category, hour, seconds)")
