"""Usage spans and daily active time: batched writes and range queries.

Range queries take local days. Spans never cross a local hour boundary (the merge ends them
there), so filtering and grouping by a span's local start is exact. Totals come from the
``usage_hours`` rollup (seconds per local hour, app and category, kept by triggers); span lists
come from the ``usage_spans`` view, whose index on start bounds the scan while the local filter
trims it; spans are written straight into ``usage_periods`` with ids of ``usage_windows``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date

import sqlite_utils

from wellbeing_app.core.days import day_of, local_day_range
from wellbeing_app.core.models import (
    ActiveDay,
    AppTotal,
    CategoryTotal,
    DayAppTotal,
    HourTotal,
    UsageSpan,
)
from wellbeing_app.storage.usage_windows import WindowIds

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


class UsageRepository:
    """``day_start_hour`` is a number, or a function giving the one in force now."""

    def __init__(self, db: sqlite_utils.Database, day_start_hour: int | Callable[[], int]) -> None:
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
        """Seconds per community app over the days ``first..last`` (inclusive), largest first."""
        rows = self._db.execute(
            "SELECT app, category, sum(seconds) AS seconds"
            + _HOURS
            + " GROUP BY app, category ORDER BY seconds DESC, app",
            self._hour_params(first, last),
        ).fetchall()
        return [AppTotal(app, category, seconds) for app, category, seconds in rows]

    def by_category(self, first: date, last: date) -> list[CategoryTotal]:
        rows = self._db.execute(
            "SELECT category, sum(seconds) AS seconds"
            + _HOURS
            + " GROUP BY category ORDER BY seconds DESC, category",
            self._hour_params(first, last),
        ).fetchall()
        return [CategoryTotal(category, seconds) for category, seconds in rows]

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
