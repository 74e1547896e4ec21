"""The Settings page's Privacy tab: what is kept of window titles, windows never recorded, and
pausing tracking for a private moment."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from wellbeing_app.ui.settings_control import SettingControl, note_label
from wellbeing_app.ui.settings_sections import SettingsTab, group

PAUSE_CHOICES: tuple[tuple[str, float | None], ...] = (
    ("For 15 minutes", 15.0),
    ("For 1 hour", 60.0),
    ("Until tomorrow", None),
)


class PrivacyTab(SettingsTab):
    """Emits ``pause_requested`` (minutes, or ``None`` for "until tomorrow") and
    ``resume_requested``; whoever pauses says so with ``show_paused_until``."""

    pause_requested = Signal(object)
    resume_requested = Signal()

    def __init__(
        self,
        controls: Mapping[str, SettingControl],
        paused_until: datetime | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.pause_buttons: list[QPushButton] = []
        row = QHBoxLayout()
        for text, minutes in PAUSE_CHOICES:
            button = QPushButton(text)
            button.setAccessibleName(f"Pause tracking {text.lower()}")
            button.setToolTip("Nothing is recorded while tracking is paused.")
            button.clicked.connect(lambda _=False, m=minutes: self.pause_requested.emit(m))
            self.pause_buttons.append(button)
            row.addWidget(button)
        row.addStretch(1)
        self.pause_status = QLabel()
        self.resume_button = QPushButton("Resume now")
        self.resume_button.setAccessibleName("Resume tracking now")
        self.resume_button.clicked.connect(self.resume_requested)
        status = QHBoxLayout()
        status.addWidget(self.pause_status)
        status.addWidget(self.resume_button)
        status.addStretch(1)
        pause = QWidget()
        pause_layout = QVBoxLayout(pause)
        pause_layout.setContentsMargins(0, 0, 0, 0)
        pause_layout.addWidget(note_label("Take a private moment: nothing is recorded meanwhile."))
        pause_layout.addLayout(row)
        pause_layout.addLayout(status)
        self.show_paused_until(paused_until)
        self.set_sections(
            group("What is kept of window titles", controls["window_titles"]),
            group("Never record", controls["exclude_patterns"]),
            group("Pause tracking", pause),
        )

    def show_paused_until(self, until: datetime | None) -> None:
        """Shows whether tracking is paused; call it when the tray or this page paused it."""
        self.pause_status.setText(
            f"Paused until {until:%H:%M}." if until is not None else "Tracking is on."
        )
        self.resume_button.setVisible(until is not None)
