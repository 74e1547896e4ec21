"""Daily limits and the break events they cause."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from wellbeing_app.core.clock import utc_offset_seconds
from wellbeing_app.core.days import to_datetime
from wellbeing_app.core.limit_history import LimitChange
from wellbeing_app.core.models import BreakEvent, DailyLimit
from wellbeing_app.storage.db import Db


def _weekdays_text(weekdays: frozenset[int]) -> str:
    return "".join(str(day) for day in sorted(weekdays))


def _wall_clock() -> datetime:
    return datetime.now(UTC).astimezone()


class LimitRepository:
    """The daily limits in force, and the history of every change to them (``limit_history``).

    Each write records when it took effect: ``at`` when given (imports, sample data), else
    ``now()``.
    """

    def __init__(self, db: Db, now: Callable[[], datetime] = _wall_clock) -> None:
        self._db = db
        self._now = now

    def _record(
        self, at: datetime | None, target: str, kind: str, minutes: int | None, weekdays: str
    ) -> None:
        moment = at or self._now()
        self._db.execute(
            "INSERT INTO limit_history (at, utc_offset, target, kind, minutes, weekdays)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (moment.timestamp(), utc_offset_seconds(moment), target, kind, minutes, weekdays),
        )

    def _record_removals(self, at: datetime | None, where: str, value: object) -> None:
        rows = self._db.execute(
            f"SELECT target, kind, weekdays FROM limits WHERE {where} = ?", (value,)
        ).fetchall()
        for target, kind, weekdays in rows:
            self._record(at, target, kind, None, weekdays)

    def set(self, limit: DailyLimit, *, at: datetime | None = None) -> DailyLimit:
        """Creates or replaces the limit for this target and set of weekdays."""
        with self._db.atomic():
            self._record(
                at, limit.target, limit.kind, limit.minutes, _weekdays_text(limit.weekdays)
            )
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

    def remove_limit(self, limit_id: int, *, at: datetime | None = None) -> None:
        """Removes one limit (one target on some weekdays), leaving the target's others."""
        with self._db.atomic():
            self._record_removals(at, "id", limit_id)
            self._db.execute("DELETE FROM limits WHERE id = ?", (limit_id,))

    def remove(self, target: str, *, at: datetime | None = None) -> int:
        with self._db.atomic():
            self._record_removals(at, "target", target)
            cursor = self._db.execute("DELETE FROM limits WHERE target = ?", (target,))
        return int(cursor.rowcount)

    def history(self, until: datetime | None = None) -> list[LimitChange]:
        """Every recorded change up to ``until`` (all when ``None``), oldest first."""
        bound = until.timestamp() if until is not None else float("inf")
        rows = self._db.execute(
            "SELECT at, utc_offset, target, kind, minutes, weekdays FROM limit_history"
            " WHERE at <= ? ORDER BY at, id",
            (bound,),
        ).fetchall()
        return [
            LimitChange(
                to_datetime(at, offset),
                target,
                kind,
                minutes,
                frozenset(int(c) for c in weekdays),
            )
            for at, offset, target, kind, minutes, weekdays in rows
        ]

    def history_since(self) -> datetime | None:
        """When the history began: its first record, or when this database started keeping it."""
        first = self._db.execute(
            "SELECT at, utc_offset FROM limit_history ORDER BY at, id LIMIT 1"
        ).fetchone()
        from wellbeing_app.storage import migrations  # sqlite-utils: only where it is needed
        from wellbeing_app.storage.transactions import as_sqlite_utils

        started = migrations.applied_at(as_sqlite_utils(self._db), "0009_limit_history")
        found = [to_datetime(first[0], first[1])] if first else []
        if started is not None:
            found.append(started.astimezone())
        return min(found) if found else None

    def all(self) -> list[DailyLimit]:
        rows = self._db.execute(
            "SELECT id, target, kind, minutes, weekdays FROM limits ORDER BY target, weekdays"
        ).fetchall()
        return [
            DailyLimit(target, kind, minutes, frozenset(int(c) for c in weekdays), lid)
            for lid, target, kind, minutes, weekdays in rows
        ]


class BreakEventRepository:
    def __init__(self, db: Db) -> None:
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
