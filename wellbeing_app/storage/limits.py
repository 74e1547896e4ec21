"""Daily limits and the break events they cause."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import sqlite_utils

from wellbeing_app.core.clock import utc_offset_seconds
from wellbeing_app.core.days import to_datetime
from wellbeing_app.core.models import BreakEvent, DailyLimit


def _weekdays_text(weekdays: frozenset[int]) -> str:
    return "".join(str(day) for day in sorted(weekdays))


class LimitRepository:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db

    def set(self, limit: DailyLimit) -> DailyLimit:
        """Creates or replaces the limit for this target and set of weekdays."""
        with self._db.atomic():
            self._db.execute(
                "INSERT INTO limits (target, kind, minutes, weekdays) VALUES (?, ?, ?, ?)"
                " ON CONFLICT(target, weekdays) DO UPDATE SET kind = excluded.kind,"
                " minutes = excluded.minutes",
                (limit.target, limit.kind, limit.minutes, _weekdays_text(limit.weekdays)),
            )
            row = self._db.execute(
                "SELECT id FROM limits WHERE target = ? AND weekdays = ?",
                (limit.target, _weekdays_text(limit.weekdays)),
            ).fetchone()
        return DailyLimit(limit.target, limit.kind, limit.minutes, limit.weekdays, int(row[0]))

    def remove_limit(self, limit_id: int) -> None:
        """Removes one limit (one target on some weekdays), leaving the target's others."""
        with self._db.atomic():
            self._db.execute("DELETE FROM limits WHERE id = ?", (limit_id,))

    def remove(self, target: str) -> int:
        with self._db.atomic():
            cursor = self._db.execute("DELETE FROM limits WHERE target = ?", (target,))
        return int(cursor.rowcount)

    def all(self) -> list[DailyLimit]:
        rows = self._db.execute(
            "SELECT id, target, kind, minutes, weekdays FROM limits ORDER BY target, weekdays"
        ).fetchall()
        return [
            DailyLimit(target, kind, minutes, frozenset(int(c) for c in weekdays), lid)
            for lid, target, kind, minutes, weekdays in rows
        ]


class BreakEventRepository:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db

    def add(self, event: BreakEvent) -> BreakEvent:
        """Stores one event; returns it with its id (activity outcomes point to it)."""
        with self._db.atomic():
            cursor = self._db.execute(
                "INSERT INTO break_events (at, utc_offset, kind, outcome, target, reason,"
                " activity_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    event.at.timestamp(),
                    utc_offset_seconds(event.at),
                    event.kind,
                    event.outcome,
                    event.target,
                    event.reason,
                    event.activity_id,
                ),
            )
        return BreakEvent(
            event.at,
            event.kind,
            event.outcome,
            event.target,
            event.reason,
            event.activity_id,
            int(cursor.lastrowid or 0),
        )

    def add_many(self, events: Sequence[BreakEvent]) -> None:
        with self._db.atomic():
            self._db.conn.executemany(
                "INSERT INTO break_events (at, utc_offset, kind, outcome, target, reason,"
                " activity_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        e.at.timestamp(),
                        utc_offset_seconds(e.at),
                        e.kind,
                        e.outcome,
                        e.target,
                        e.reason,
                        e.activity_id,
                    )
                    for e in events
                ],
            )

    def between(self, start: datetime, end: datetime) -> list[BreakEvent]:
        rows = self._db.execute(
            "SELECT id, at, utc_offset, kind, outcome, target, reason, activity_id"
            " FROM break_events WHERE at >= ? AND at < ? ORDER BY at, id",
            (start.timestamp(), end.timestamp()),
        ).fetchall()
        return [
            BreakEvent(to_datetime(at, off), kind, outcome, target, reason, activity, bid)
            for bid, at, off, kind, outcome, target, reason, activity in rows
        ]
