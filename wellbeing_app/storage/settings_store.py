"""Settings live in the database, one JSON value per name; only non-default values are kept."""

from __future__ import annotations

from typing import Any

from wellbeing_app.core.settings import Settings, check_value, encode, settings_from, spec_for
from wellbeing_app.storage.db import Db


class SettingsStore:
    """Reads and writes settings; ``current`` is always the settings in force."""

    def __init__(self, db: Db) -> None:
        self._db = db
        self.current = self.load()

    def load(self) -> Settings:
        rows = self._db.execute("SELECT name, value FROM settings").fetchall()
        self.current = settings_from(dict(rows))
        return self.current

    def set(self, name: str, value: Any) -> Settings:
        """Validates and stores one setting; returns the settings now in force."""
        spec = spec_for(name)
        checked = check_value(spec, value)
        with self._db.atomic():
            if checked == spec.default:
                self._db.execute("DELETE FROM settings WHERE name = ?", (name,))
            else:
                self._db.execute(
                    "INSERT OR REPLACE INTO settings (name, value) VALUES (?, ?)",
                    (name, encode(checked)),
                )
        return self.load()

    def reset(self, name: str) -> Settings:
        spec_for(name)
        with self._db.atomic():
            self._db.execute("DELETE FROM settings WHERE name = ?", (name,))
        return self.load()
