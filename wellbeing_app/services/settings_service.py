"""Changing a setting from the window: validated, stored, and announced to every service."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal

from wellbeing_app.core.settings import Settings
from wellbeing_app.storage.settings_store import SettingsStore


class SettingsService(QObject):
    changed = Signal(object)  # Settings now in force

    def __init__(self, store: SettingsStore, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store

    @property
    def settings(self) -> Settings:
        return self._store.current

    def set(self, name: str, value: Any) -> Settings:
        """Stores one setting (raises ``InvalidInput`` with one sentence when it does not fit)."""
        before = self._store.current
        after = self._store.set(name, value)
        if after != before:
            self.changed.emit(after)
        return after

    def reset(self, name: str) -> Settings:
        before = self._store.current
        after = self._store.reset(name)
        if after != before:
            self.changed.emit(after)
        return after
