"""The Settings page's Privacy tab: what is kept of window titles, windows never recorded, and
pausing tracking for a private moment."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from wellbeing_app.ui import design
from wellbeing_app.ui.i18n import QT_TRANSLATE_NOOP, shown_datetime
from wellbeing_app.ui.icons import icon
from wellbeing_app.ui.settings_control import SettingControl, note_label
from wellbeing_app.ui.settings_sections import SettingsTab, group

# The pause buttons: what they say, what a screen reader says, and for how many minutes
# (English sources, translated where shown, context "PrivacyTab").
PAUSE_CHOICES: tuple[tuple[str, str, float | None], ...] = (
    (
        QT_TRANSLATE_NOOP("PrivacyTab", "For 15 minutes"),
        QT_TRANSLATE_NOOP("PrivacyTab", "Pause tracking for 15 minutes"),
        15.0,
    ),
    (
        QT_TRANSLATE_NOOP("PrivacyTab", "For 1 hour"),
        QT_TRANSLATE_NOOP("PrivacyTab", "Pause tracking for 1 hour"),
        60.0,
    ),
    (
        QT_TRANSLATE_NOOP("PrivacyTab", "Until tomorrow"),
        QT_TRANSLATE_NOOP("PrivacyTab", "Pause tracking until tomorrow"),
        None,
    ),
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
        row.setSpacing(design.SPACE_S)
        for text, spoken, minutes in PAUSE_CHOICES:
            button = QPushButton(self.tr(text))
            button.setAccessibleName(self.tr(spoken))
            button.setToolTip(self.tr("Nothing is recorded while tracking is paused."))
            button.clicked.connect(lambda _=False, m=minutes: self.pause_requested.emit(m))
            self.pause_buttons.append(button)
            row.addWidget(button)
        row.addStretch(1)
        self.pause_status = QLabel()
        self.resume_button = QPushButton(self.tr("Resume now"))
        self.resume_button.setAccessibleName(self.tr("Resume tracking now"))
        self.resume_button.clicked.connect(self.resume_requested)
        status = QHBoxLayout()
        status.addWidget(self.pause_status)
        status.addWidget(self.resume_button)
        status.addStretch(1)
        pause = QWidget()
        pause_layout = QVBoxLayout(pause)
        pause_layout.setContentsMargins(0, 0, 0, 0)
        pause_layout.setSpacing(design.SPACE_S)
        pause_layout.addWidget(
            note_label(self.tr("Take a private moment: nothing is recorded meanwhile."))
        )
        pause_layout.addLayout(row)
        pause_layout.addLayout(status)
        self._show_icons()
        self.show_paused_until(paused_until)
        self.set_sections(
            group(self.tr("What is kept of window titles"), controls["window_titles"]),
            group(self.tr("Never record"), controls["exclude_patterns"]),
            group(self.tr("Pause tracking"), pause),
        )

    def _show_icons(self) -> None:
        for button in self.pause_buttons:
            button.setIcon(icon("pause"))
        self.resume_button.setIcon(icon("resume"))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.ApplicationPaletteChange:
            self._show_icons()  # drawn in the new palette's text colour

    def show_paused_until(self, until: datetime | None) -> None:
        """Shows whether tracking is paused; call it when the tray or this page paused it."""
        if until is None:
            self.pause_status.setText(self.tr("Tracking is on."))
        else:
            self.pause_status.setText(
                self.tr("Paused until {time}.").format(time=shown_datetime(until, self.tr("HH:mm")))
            )
        self.resume_button.setVisible(until is not None)
