"""A settings row that cannot be used never stops the app: its default is used, with a warning."""

import logging

import pytest

from wellbeing_app.core.settings import Settings
from wellbeing_app.storage.database import open_memory_database
from wellbeing_app.storage.settings_store import SettingsStore


@pytest.mark.parametrize("stored", ["1e999", "Infinity", "NaN", "-1e999", "[" * 50_000])
def test_a_tampered_row_falls_back_to_the_default_and_can_be_set_again(
    stored: str, caplog: pytest.LogCaptureFixture
) -> None:
    db = open_memory_database()
    db.execute("INSERT INTO settings (name, value) VALUES ('idle_threshold_seconds', ?)", (stored,))
    db.execute("INSERT INTO settings (name, value) VALUES ('day_start_hour', '6')")
    with caplog.at_level(logging.WARNING):
        store = SettingsStore(db)
    assert store.current == Settings(day_start_hour=6)
    assert any("idle_threshold_seconds" in r.getMessage() for r in caplog.records)
    assert store.set("idle_threshold_seconds", 300).idle_threshold_seconds == 300
    db.close()
