"""Usage spans and daily active time: batched writes and range queries.

Range queries take local days. Spans never cross a local hour boundary (the merge ends them
there), so filtering and grouping by a span's local start is exact. Totals come from the
``usage_hours`` rollup (seconds per local hour, app and category, kept by triggers); span lists
come from the ``usage_spans`` view, whose index on start bounds the scan while the local filter
trims it; spans are written straight into ``usage_periods`` with ids of ``usage_windows``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from wellbeing_app.core.days import day_of, local_day_range
from wellbeing_app.core.errors import WellbeingError
from wellbeing_app.core.limits import approximate_totals, exact_totals
from wellbeing_app.core.models import (
    ActiveDay,
    AppTotal,
    CategoryTotal,
    DayAppTotal,
    HourTotal,
    UsageSpan,
)
from wellbeing_app.storage.db import Db, immediate
from wellbeing_app.storage.usage_windows import WindowIds, window_key

# The largest UTC offsets in use (UTC-12 .. UTC+14): widen the UTC range by this much so the
# index range covers every span whose *local* start is inside the requested days.
_MAX_OFFSET = 14 * 3600

_RANGE = f"""
    FROM usage_spans
    WHERE start >= :lo - {_MAX_OFFSET} AND start < :hi + {_MAX_OFFSET}
      AND start + utc_offset >= :lo AND start + utc_offset < :hi
"""

# Totals read the per-(local hour, app, category) rollup kept by triggers (migration 0007).
# Local days start on a whole hour, so whole local hours cover a range of days exactly.
_HOURS = """
    FROM usage_hours
    WHERE hour >= :lo / 3600 AND hour < :hi / 3600
"""


@dataclass(frozen=True, slots=True)
class StoredSpan:
    """An imported span as stored, with its row id (so an import can lengthen it)."""

    id: int
    span: UsageSpan


@dataclass(frozen=True, slots=True)
class SpanChanges:
    """What an import writes: new spans, and new ``(id, start, end)`` for stored ones."""

    added: tuple[UsageSpan, ...] = ()
    moved: tuple[tuple[int, float, float], ...] = ()


# Imported spans are read from this long before the first new span starts: a stored span that
# overlaps a new one starts at most an hour before it (spans never cross a local hour).
_LOOK_BACK = 2 * 3600
_STORED = """
    FROM usage_spans WHERE start >= :lo AND start <= :hi AND source = :source
"""
# The same SQL both times, so the same plan sums in the same order: equal unless changed.
_FINGERPRINT = "SELECT count(*), total(id), total(start), total(end)" + _STORED
_ATTEMPTS = 3


class ImportRaced(WellbeingError):
    """Another import kept changing the same time while this one was being written."""


class _Changed(Exception):
    """The stored spans changed between planning and writing: plan again."""


class UsageRepository:
    """``day_start_hour`` is a number, or a function giving the one in force now."""

    def __init__(self, db: Db, day_start_hour: int | Callable[[], int]) -> None:
        self._db = db
        self._day_start = day_start_hour if callable(day_start_hour) else lambda: day_start_hour

    @property
    def _day_start_hour(self) -> int:
        return self._day_start()

    def add_spans(self, spans: Sequence[UsageSpan], *, skip_existing: bool = False) -> int:
        """Writes spans in one transaction; returns how many rows were added.

        With ``skip_existing``, an imported span already present (same source, start and app)
        is left alone, so importing the same file twice adds nothing.
        """
        if not spans:
            return 0
        values = "SELECT ?1, ?2, ?3, ?4"
        if skip_existing:
            values += (
                " WHERE NOT EXISTS (SELECT 1 FROM usage_periods AS p JOIN usage_windows AS w"
                " ON w.id = p.window_id WHERE p.start = ?1 AND w.source = ?5 AND w.app = ?6)"
            )
        windows = WindowIds(self._db)
        try:
            with self._db.atomic():
                cursor = self._db.conn.executemany(
                    f"INSERT INTO usage_periods (start, end, utc_offset, window_id) {values}",
                    [
                        (s.start, s.end, s.utc_offset, windows.id_of(s))
                        + ((s.source, s.app) if skip_existing else ())
                        for s in spans
                    ],
                )
                # Rows the statement itself added (not those the usage_hours triggers change).
                return cursor.rowcount
        finally:
            windows.settle(committed=False)  # used for this call only

    def merge_imported(
        self,
        source: str,
        first: float,
        last: float,
        plan: Callable[[list[StoredSpan]], SpanChanges],
    ) -> SpanChanges:
        """Writes what ``plan`` makes of the stored spans of ``source`` near ``first..last``
        (UTC), all or nothing, holding the write lock only for one short final step.

        The stored spans are read without locking anything, ``plan`` runs, and its rows are
        staged in TEMP tables (the connection's own temporary database: no lock on the main
        file). Then one ``BEGIN IMMEDIATE`` transaction checks that no other writer changed
        the stored spans of ``source`` in the range meanwhile (else it reads and plans again),
        and moves the staged rows in with three set-based statements. Other writers wait for
        that step only (~0.3 s for 170,000 spans); the busy timeout covers it.

        Raises:
            DatabaseBusy: the write lock did not come within the busy timeout.
            ImportRaced: another import kept changing the same spans.
        """
        bounds: dict[str, float | str] = {"lo": first - _LOOK_BACK, "hi": last, "source": source}
        conn = self._db.conn
        for _attempt in range(_ATTEMPTS):
            conn.execute("BEGIN")  # one snapshot for the spans and their fingerprint
            try:
                stored = self._stored(bounds)
                mark = conn.execute(_FINGERPRINT, bounds).fetchone()
            finally:
                conn.execute("COMMIT")
            changes = plan(stored)
            if not changes.added and not changes.moved:
                return changes
            try:
                self._stage(changes)
                with immediate(self._db.conn, "The import") as locked:
                    if locked.execute(_FINGERPRINT, bounds).fetchone() != mark:
                        raise _Changed
                    self._move_in(locked)
                return changes
            except _Changed:
                continue
            finally:
                conn.execute("DROP TABLE IF EXISTS temp.import_added")
                conn.execute("DROP TABLE IF EXISTS temp.import_moved")
        raise ImportRaced(
            "Another import kept changing the same time while this one was saved;"
            " nothing was imported, try again."
        )

    def _stored(self, bounds: dict[str, float | str]) -> list[StoredSpan]:
        rows = self._db.execute(
            "SELECT id, start, end, utc_offset, app, category, title, approximate, source"
            + _STORED
            + " ORDER BY start",
            bounds,
        ).fetchall()
        return [
            StoredSpan(i, UsageSpan(s, e, o, a, c, t, bool(approx), src))
            for i, s, e, o, a, c, t, approx, src in rows
        ]

    def _stage(self, changes: SpanChanges) -> None:
        conn = self._db.conn
        conn.execute(
            "CREATE TEMP TABLE IF NOT EXISTS import_added (start REAL, end REAL,"
            " utc_offset INTEGER, app TEXT, category TEXT, title TEXT, approximate INTEGER,"
            " source TEXT)"
        )
        conn.execute(
            "CREATE TEMP TABLE IF NOT EXISTS import_moved (id INTEGER PRIMARY KEY, start, end)"
        )
        conn.execute("BEGIN")  # touches the temporary database only
        try:
            conn.executemany(
                "INSERT INTO temp.import_added VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [(s.start, s.end, s.utc_offset, *window_key(s)) for s in changes.added],
            )
            conn.executemany("INSERT INTO temp.import_moved VALUES (?, ?, ?)", changes.moved)
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    @staticmethod
    def _move_in(conn: sqlite3.Connection) -> None:
        # Triggers keep usage_hours exact: insert adds, a longer end extends, a moved start
        # takes the old stretch out and adds the new one.
        conn.execute(
            "INSERT OR IGNORE INTO usage_windows (app, category, title, approximate, source)"
            " SELECT DISTINCT app, category, title, approximate, source FROM temp.import_added"
        )
        conn.execute(
            "INSERT INTO usage_periods (start, end, utc_offset, window_id)"
            " SELECT a.start, a.end, a.utc_offset, w.id FROM temp.import_added AS a"
            " JOIN usage_windows AS w ON w.app = a.app AND w.category = a.category"
            " AND w.title = a.title AND w.approximate = a.approximate AND w.source = a.source"
            " ORDER BY a.rowid"
        )
        conn.execute(
            "UPDATE usage_periods SET start = m.start, end = m.end FROM temp.import_moved AS m"
            " WHERE usage_periods.id = m.id"
        )

    def add_active_seconds(self, by_day: Iterable[tuple[date, float]]) -> None:
        """Adds to each day's total of active computer time."""
        rows = [(day.isoformat(), seconds) for day, seconds in by_day if seconds]
        if not rows:
            return
        with self._db.atomic():
            self._db.conn.executemany(
                "INSERT INTO active_days (day, seconds) VALUES (?, ?)"
                " ON CONFLICT(day) DO UPDATE SET seconds = seconds + excluded.seconds",
                rows,
            )

    def set_active_seconds(self, by_day: Iterable[tuple[date, float]]) -> None:
        with self._db.atomic():
            self._db.conn.executemany(
                "INSERT OR REPLACE INTO active_days (day, seconds) VALUES (?, ?)",
                [(day.isoformat(), seconds) for day, seconds in by_day],
            )

    def _params(self, first: date, last: date) -> dict[str, float]:
        lo, hi = local_day_range(first, last, self._day_start_hour)
        return {"lo": lo, "hi": hi, "dsh": self._day_start_hour * 3600}

    def _hour_params(self, first: date, last: date) -> dict[str, int]:
        lo, hi = local_day_range(first, last, self._day_start_hour)
        return {"lo": int(lo), "hi": int(hi), "dsh": self._day_start_hour * 3600}

    def by_app(self, first: date, last: date) -> list[AppTotal]:
        """Seconds per community app over the days ``first..last`` (inclusive), largest first.

        A range that holds much of the data reads the ``usage_hours_by_app`` index (0010) from
        end to end, already in app order, so the cost grows linearly with the data; a shorter
        range reads only its own hours through the primary key and sorts those few.
        """
        params = self._hour_params(first, last)
        source = (
            "FROM usage_hours INDEXED BY usage_hours_by_app"
            if self._holds_much(params)
            else "FROM usage_hours NOT INDEXED"
        )
        rows = self._db.execute(
            "SELECT app, category, sum(seconds) AS seconds "
            + source
            + " WHERE hour >= :lo / 3600 AND hour < :hi / 3600"
            " GROUP BY app, category ORDER BY seconds DESC, app",
            params,
        ).fetchall()
        return [AppTotal(app, category, seconds) for app, category, seconds in rows]

    def _holds_much(self, params: dict[str, int]) -> bool:
        """Whether the range spans a quarter or more of the hours that hold any time.

        Reading the whole index costs about a quarter of what sorting the same rows by app
        does (benchmarks/bench_queries.py), so from a quarter on it is the cheaper way.
        """
        first, last = self._db.execute(
            "SELECT (SELECT min(hour) FROM usage_hours), (SELECT max(hour) FROM usage_hours)"
        ).fetchone()
        if first is None:
            return False
        lo = max(params["lo"] // 3600, first)
        hi = min(params["hi"] // 3600, last + 1)
        return hi > lo and 4 * (hi - lo) >= last + 1 - first

    def by_category(self, first: date, last: date) -> list[CategoryTotal]:
        """Seconds per category, largest first: the (app, category) totals of ``by_app`` summed."""
        totals: dict[str, float] = {}
        for total in self.by_app(first, last):
            totals[total.category] = totals.get(total.category, 0.0) + total.seconds
        ranked = sorted(totals.items(), key=lambda item: (-item[1], item[0]))
        return [CategoryTotal(category, seconds) for category, seconds in ranked]

    def by_day(self, first: date, last: date) -> list[DayAppTotal]:
        """Seconds per (local day, app), days in order, apps largest first within a day."""
        rows = self._db.execute(
            "SELECT date(hour * 3600 - :dsh, 'unixepoch') AS day, app, category,"
            " sum(seconds) AS seconds"
            + _HOURS
            + " GROUP BY day, app, category ORDER BY day, seconds DESC, app",
            self._hour_params(first, last),
        ).fetchall()
        return [DayAppTotal(date.fromisoformat(d), a, c, s) for d, a, c, s in rows]

    def by_week(self, first: date, last: date) -> list[DayAppTotal]:
        """Seconds per (week, app); ``day`` is the Monday the week starts on."""
        rows = self._db.execute(
            "SELECT date(hour * 3600 - :dsh, 'unixepoch', '-6 days', 'weekday 1') AS week,"
            " app, category, sum(seconds) AS seconds"
            + _HOURS
            + " GROUP BY week, app, category ORDER BY week, seconds DESC, app",
            self._hour_params(first, last),
        ).fetchall()
        return [DayAppTotal(date.fromisoformat(w), a, c, s) for w, a, c, s in rows]

    def by_hour(self, first: date, last: date) -> list[HourTotal]:
        """Seconds per local (weekday, hour of the clock), Monday = 0."""
        rows = self._db.execute(
            "SELECT (CAST(strftime('%w', hour * 3600, 'unixepoch') AS INTEGER) + 6) % 7,"
            " hour % 24 AS clock_hour,"
            " sum(seconds)" + _HOURS + " GROUP BY 1, 2 ORDER BY 1, 2",
            self._hour_params(first, last),
        ).fetchall()
        return [HourTotal(w, h, s) for w, h, s in rows]

    def spans(self, first: date, last: date) -> list[UsageSpan]:
        rows = self._db.execute(
            "SELECT start, end, utc_offset, app, category, title, approximate, source"
            + _RANGE
            + " ORDER BY start",
            self._params(first, last),
        ).fetchall()
        return [
            UsageSpan(s, e, o, a, c, t, bool(approx), src) for s, e, o, a, c, t, approx, src in rows
        ]

    def active_days(self, first: date, last: date) -> list[ActiveDay]:
        rows = self._db.execute(
            "SELECT day, seconds FROM active_days WHERE day >= ? AND day <= ? ORDER BY day",
            (first.isoformat(), last.isoformat()),
        ).fetchall()
        return [ActiveDay(date.fromisoformat(d), s) for d, s in rows]

    def limit_totals(self, first: date, last: date) -> list[AppTotal]:
        """``by_app`` without approximate time: what limits and break prompts are measured on.

        Approximate time (a probe that saw only that an app was running) is recorded and shown,
        labelled, but never held against a limit, wherever a limit is shown or enforced.
        """
        totals = self.by_app(first, last)
        if not self.has_approximate(first, last):
            return totals
        return exact_totals(totals, approximate_totals(self.spans(first, last)))

    def has_approximate(self, first: date, last: date) -> bool:
        row = self._db.execute(
            "SELECT 1" + _RANGE + " AND approximate = 1 LIMIT 1", self._params(first, last)
        ).fetchone()
        return row is not None

    def day_of(self, ts: float, utc_offset: int) -> date:
        return day_of(ts, utc_offset, self._day_start_hour)

    def first_day(self) -> date | None:
        row = self._db.execute(
            "SELECT start, utc_offset FROM usage_periods ORDER BY start LIMIT 1"
        ).fetchone()
        return None if row is None else self.day_of(row[0], row[1])

    def known_apps(self) -> list[str]:
        # Every app with time in it has rows in the rollup, which is far smaller than the spans.
        return [row[0] for row in self._db.execute("SELECT DISTINCT app FROM usage_hours")]
