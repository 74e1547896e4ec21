"""Prototypes of proposed storage changes, applied to a *copy* of a benchmark database.

Nothing here is used by the app. ``bench_queries.py --proposals`` and
``bench_throughput.py --proposals`` apply these to their own databases to measure what the
changes would give; RESULTS.md writes them up as the exact production diffs.

1. ``drop_start_end_index``: ``idx_usage_spans_start_end (start, end)`` is redundant -- every
   range query is served by ``idx_usage_spans_cover (start, utc_offset, app, category, end)``,
   which starts with the same column -- and costs space and a second index update per commit.
2. ``add_hour_rollup``: a ``usage_hours`` table of seconds per (local hour, app, category),
   kept exact by triggers on ``usage_spans``. Spans never cross a local hour boundary, so each
   span belongs to exactly one local hour, whatever hour the day starts at; a year has ~11-20k
   such rows instead of 80-290k spans, so per-app and per-week totals read and sort 15x fewer
   rows. ``by_app``/``by_week`` below are the proposed query methods.
"""

from __future__ import annotations

import sqlite3
from datetime import date

import sqlite_utils

from wellbeing_app.core.days import local_day_range
from wellbeing_app.core.models import AppTotal, DayAppTotal

# The local hour a span starts in (times are after 1970, so CAST's truncation is floor).
_HOUR_NEW = "CAST((new.start + new.utc_offset) / 3600 AS INTEGER)"
_HOUR_OLD = "CAST((old.start + old.utc_offset) / 3600 AS INTEGER)"

ROLLUP_SQL = f"""
CREATE TABLE usage_hours (
    hour INTEGER NOT NULL,
    app TEXT NOT NULL,
    category TEXT NOT NULL,
    seconds REAL NOT NULL,
    PRIMARY KEY (hour, app, category)
) WITHOUT ROWID;

CREATE TRIGGER usage_hours_insert AFTER INSERT ON usage_spans BEGIN
    INSERT INTO usage_hours (hour, app, category, seconds)
    VALUES ({_HOUR_NEW}, new.app, new.category, new.end - new.start)
    ON CONFLICT (hour, app, category) DO UPDATE SET seconds = seconds + excluded.seconds;
END;

-- The tracker's commit: only the open span's end moves.
CREATE TRIGGER usage_hours_extend AFTER UPDATE OF end ON usage_spans
WHEN new.start = old.start AND new.utc_offset = old.utc_offset
     AND new.app = old.app AND new.category = old.category
BEGIN
    UPDATE usage_hours SET seconds = seconds + (new.end - old.end)
    WHERE hour = {_HOUR_NEW} AND app = new.app AND category = new.category;
END;

CREATE TRIGGER usage_hours_move AFTER UPDATE OF start, end, utc_offset, app, category
ON usage_spans
WHEN NOT (new.start = old.start AND new.utc_offset = old.utc_offset
          AND new.app = old.app AND new.category = old.category)
BEGIN
    UPDATE usage_hours SET seconds = seconds - (old.end - old.start)
    WHERE hour = {_HOUR_OLD} AND app = old.app AND category = old.category;
    DELETE FROM usage_hours
    WHERE hour = {_HOUR_OLD} AND app = old.app AND category = old.category
      AND abs(seconds) < 1e-6;
    INSERT INTO usage_hours (hour, app, category, seconds)
    VALUES ({_HOUR_NEW}, new.app, new.category, new.end - new.start)
    ON CONFLICT (hour, app, category) DO UPDATE SET seconds = seconds + excluded.seconds;
END;

CREATE TRIGGER usage_hours_delete AFTER DELETE ON usage_spans BEGIN
    UPDATE usage_hours SET seconds = seconds - (old.end - old.start)
    WHERE hour = {_HOUR_OLD} AND app = old.app AND category = old.category;
    DELETE FROM usage_hours
    WHERE hour = {_HOUR_OLD} AND app = old.app AND category = old.category
      AND abs(seconds) < 1e-6;
END;
"""

BACKFILL_SQL = """
INSERT INTO usage_hours (hour, app, category, seconds)
SELECT CAST((start + utc_offset) / 3600 AS INTEGER) AS hour, app, category, sum(end - start)
FROM usage_spans GROUP BY 1, 2, 3;
"""


def drop_start_end_index(db: sqlite_utils.Database) -> None:
    db.execute("DROP INDEX IF EXISTS idx_usage_spans_start_end")


def add_hour_rollup(db: sqlite_utils.Database) -> None:
    """The proposed migration ``0004_usage_hours``: table, triggers, backfill."""
    with db.atomic():
        for statement in _statements(ROLLUP_SQL):
            db.execute(statement)
        db.execute(BACKFILL_SQL)


def _statements(script: str) -> list[str]:
    """Splits the script into statements (trigger bodies keep their inner semicolons)."""
    statements: list[str] = []
    current = ""
    for line in script.splitlines():
        if line.strip().startswith("--"):
            continue
        current += line + "\n"
        if sqlite3.complete_statement(current):
            statements.append(current.strip())
            current = ""
    return statements


class RollupUsage:
    """The proposed ``UsageRepository.by_app``/``by_week``, reading ``usage_hours``."""

    def __init__(self, db: sqlite_utils.Database, day_start_hour: int) -> None:
        self._db = db
        self._day_start_hour = day_start_hour

    def _params(self, first: date, last: date) -> dict[str, int]:
        lo, hi = local_day_range(first, last, self._day_start_hour)
        # Day ranges start on a whole local hour, so whole hours cover them exactly.
        return {"lo": int(lo) // 3600, "hi": int(hi) // 3600, "dsh": self._day_start_hour * 3600}

    def by_app(self, first: date, last: date) -> list[AppTotal]:
        rows = self._db.execute(
            "SELECT app, category, sum(seconds) AS seconds FROM usage_hours"
            " WHERE hour >= :lo AND hour < :hi"
            " GROUP BY app, category ORDER BY seconds DESC, app",
            self._params(first, last),
        ).fetchall()
        return [AppTotal(app, category, seconds) for app, category, seconds in rows]

    def by_week(self, first: date, last: date) -> list[DayAppTotal]:
        rows = self._db.execute(
            "SELECT date(hour * 3600 - :dsh, 'unixepoch', '-6 days', 'weekday 1') AS week,"
            " app, category, sum(seconds) AS seconds FROM usage_hours"
            " WHERE hour >= :lo AND hour < :hi"
            " GROUP BY week, app, category ORDER BY week, seconds DESC, app",
            self._params(first, last),
        ).fetchall()
        return [DayAppTotal(date.fromisoformat(w), a, c, s) for w, a, c, s in rows]
