"""One open data folder: the database and every repository over it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from wellbeing_app.core.settings import Settings
from wellbeing_app.storage.database import open_database, open_memory_database
from wellbeing_app.storage.journal import CheckInRepository, GratitudeRepository, MoodRepository
from wellbeing_app.storage.limits import BreakEventRepository, LimitRepository
from wellbeing_app.storage.settings_store import SettingsStore
from wellbeing_app.storage.usage import UsageRepository


@dataclass(frozen=True, slots=True)
class Repositories:
    db: sqlite_utils.Database
    settings_store: SettingsStore
    usage: UsageRepository
    moods: MoodRepository
    gratitude: GratitudeRepository
    checkins: CheckInRepository
    limits: LimitRepository
    breaks: BreakEventRepository

    @property
    def settings(self) -> Settings:
        """The settings in force now (changes through ``settings_store`` show at once)."""
        return self.settings_store.current

    def close(self) -> None:
        self.db.close()

    def is_empty(self) -> bool:
        tables = ("usage_periods", "mood_entries", "gratitude_entries", "checkins", "break_events")
        return all(self.db[name].count == 0 for name in tables)


def repositories_for(db: sqlite_utils.Database) -> Repositories:
    store = SettingsStore(db)
    return Repositories(
        db=db,
        settings_store=store,
        usage=UsageRepository(db, lambda: store.current.day_start_hour),
        moods=MoodRepository(db),
        gratitude=GratitudeRepository(db),
        checkins=CheckInRepository(db),
        limits=LimitRepository(db),
        breaks=BreakEventRepository(db),
    )


def open_repositories(data_dir: Path) -> Repositories:
    """Opens the data folder (creating it privately if needed). Raises ``DatabaseProblem``."""
    return repositories_for(open_database(data_dir))


def memory_repositories() -> Repositories:
    return repositories_for(open_memory_database())
