"""Small facts about the app's own life on this computer (not settings): first run done, where
the window was. Kept in ``tracker_state``, which exports leave out: they mean nothing elsewhere."""

from __future__ import annotations

from wellbeing_app.storage.db import Db


class AppState:
    def __init__(self, db: Db) -> None:
        self._db = db

    def flag(self, name: str) -> bool:
        row = self._db.execute(
            "SELECT value FROM tracker_state WHERE name = ?", (f"flag:{name}",)
        ).fetchone()
        return row is not None and row[0] == "1"

    def set_flag(self, name: str, value: bool = True) -> None:
        with self._db.atomic():
            self._db.execute(
                "INSERT OR REPLACE INTO tracker_state (name, value) VALUES (?, ?)",
                (f"flag:{name}", "1" if value else "0"),
            )

    def value(self, name: str) -> str | None:
        row = self._db.execute(
            "SELECT value FROM tracker_state WHERE name = ?", (f"value:{name}",)
        ).fetchone()
        return None if row is None else str(row[0])

    def set_value(self, name: str, value: str) -> None:
        with self._db.atomic():
            self._db.execute(
                "INSERT OR REPLACE INTO tracker_state (name, value) VALUES (?, ?)",
                (f"value:{name}", value),
            )
