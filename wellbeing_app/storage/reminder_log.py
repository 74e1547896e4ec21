"""Which reminders have fired, so a restart never repeats one and none comes twice a day."""

from __future__ import annotations

from wellbeing_app.storage.db import Db

_PREFIX = "reminder:"


class ReminderLog:
    def __init__(self, db: Db) -> None:
        self._db = db

    def fired(self) -> frozenset[str]:
        return frozenset(
            name[len(_PREFIX) :]
            for (name,) in self._db.execute(
                "SELECT name FROM tracker_state WHERE name LIKE 'reminder:%'"
            )
        )

    def mark_fired(self, slot: str, at: float) -> None:
        with self._db.atomic():
            self._db.execute(
                "INSERT OR REPLACE INTO tracker_state (name, value) VALUES (?, ?)",
                (_PREFIX + slot, repr(at)),
            )

    def forget_before(self, at: float) -> None:
        """Drops records older than ``at`` (they can no longer matter)."""
        with self._db.atomic():
            self._db.execute(
                "DELETE FROM tracker_state"
                " WHERE name LIKE 'reminder:%' AND CAST(value AS REAL) < ?",
                (at,),
            )
