"""What the tracker writes: spans in batches, with the open span kept crash-safe, and pauses."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import sqlite_utils

from wellbeing_app.core.models import UsageSpan

_INSERT = (
    "INSERT INTO usage_spans (start, end, utc_offset, app, category, title, approximate, source)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)


def _row(span: UsageSpan) -> tuple[object, ...]:
    return (
        span.start,
        span.end,
        span.utc_offset,
        span.app,
        span.category,
        span.title,
        int(span.approximate),
        span.source,
    )


class SpanWriter:
    """Writes closed spans and the open span's progress in one transaction per commit.

    The open span is inserted on its first commit and its end updated on later ones, so a crash
    (even SIGKILL) loses at most one commit interval, without a new row every few seconds.
    """

    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db
        self._open_ident: tuple[float, str, int] | None = None
        self._open_rowid: int | None = None
        self.commits = 0

    def commit(
        self,
        closed: Sequence[UsageSpan],
        open_span: UsageSpan | None,
        active: Sequence[tuple[date, float]] = (),
    ) -> None:
        conn = self._db.conn
        with self._db.atomic():
            for span in closed:
                if self._matches_open(span):
                    conn.execute(
                        "UPDATE usage_spans SET end = ? WHERE id = ?", (span.end, self._open_rowid)
                    )
                    self._open_ident = self._open_rowid = None
                else:
                    conn.execute(_INSERT, _row(span))
            if open_span is not None:
                if self._matches_open(open_span):
                    conn.execute(
                        "UPDATE usage_spans SET end = ? WHERE id = ?",
                        (open_span.end, self._open_rowid),
                    )
                else:
                    cursor = conn.execute(_INSERT, _row(open_span))
                    self._open_rowid = cursor.lastrowid
                    self._open_ident = (open_span.start, open_span.app, open_span.utc_offset)
            else:
                self._open_ident = self._open_rowid = None
            if active:
                conn.executemany(
                    "INSERT INTO active_days (day, seconds) VALUES (?, ?)"
                    " ON CONFLICT(day) DO UPDATE SET seconds = max(0, seconds + excluded.seconds)",
                    [(day.isoformat(), seconds) for day, seconds in active if seconds],
                )
        self.commits += 1

    def _matches_open(self, span: UsageSpan) -> bool:
        return self._open_ident == (span.start, span.app, span.utc_offset)


class PauseStore:
    """'Paused until' shared between the window's tray menu and a headless tracker."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db

    def paused_until(self) -> float | None:
        row = self._db.execute(
            "SELECT value FROM tracker_state WHERE name = 'paused_until'"
        ).fetchone()
        return None if row is None else float(row[0])

    def pause_until(self, until: float) -> None:
        with self._db.atomic():
            self._db.execute(
                "INSERT OR REPLACE INTO tracker_state (name, value) VALUES ('paused_until', ?)",
                (repr(until),),
            )

    def resume(self) -> None:
        with self._db.atomic():
            self._db.execute("DELETE FROM tracker_state WHERE name = 'paused_until'")
