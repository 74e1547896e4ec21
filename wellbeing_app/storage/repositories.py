"""One open data folder: the database and every repository over it.

``open_repositories`` opens the folder as the app and every writing command do: it creates,
checks and migrates the file (through sqlite-utils). ``open_current_repositories`` is the read
commands' way in: a file that is already Wellbeing's, private and current is read through a
bare ``sqlite3`` connection, without importing sqlite-utils at all (see ``db``); any other
folder takes the full way, so the answer and every message are the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from wellbeing_app.core.settings import Settings
from wellbeing_app.storage.db import Db, count, open_current
from wellbeing_app.storage.journal import CheckInRepository, GratitudeRepository, MoodRepository
from wellbeing_app.storage.limits import BreakEventRepository, LimitRepository
from wellbeing_app.storage.settings_store import SettingsStore
from wellbeing_app.storage.usage import UsageRepository


@dataclass(frozen=True, slots=True)
class Repositories:
    db: Db
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
        return all(count(self.db, name) == 0 for name in tables)


def repositories_for(db: Db) -> Repositories:
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
    from wellbeing_app.storage.database import open_database

    return repositories_for(open_database(data_dir))


def open_current_repositories(data_dir: Path) -> Repositories:
    """``open_repositories`` for commands that only read: quick on a current file."""
    db = open_current(data_dir)
    return repositories_for(db) if db is not None else open_repositories(data_dir)


def memory_repositories() -> Repositories:
    from wellbeing_app.storage.database import open_memory_database

    return repositories_for(open_memory_database())
