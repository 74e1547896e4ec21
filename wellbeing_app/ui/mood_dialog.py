"""Log or edit a mood check-in: a face, optional energy, feelings, own tags and a note."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QLocale, QSize, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from wellbeing_app.core.errors import InvalidInput
from wellbeing_app.core.journal import EMOTIONS, new_mood_entry
from wellbeing_app.core.models import ENERGY_LABELS, MOOD_LABELS, MoodEntry
from wellbeing_app.ui.faces import style_chip, style_face_button
from wellbeing_app.ui.i18n import translate_core


class MoodDialog(QDialog):
    """Returns the entry through ``entry()`` once accepted. Save needs a chosen face."""

    def __init__(
        self, at: datetime, existing: MoodEntry | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit mood") if existing else self.tr("How are you feeling?"))
        self._at = existing.at if existing else at
        self._existing = existing
        self._entry: MoodEntry | None = None

        self.faces = QButtonGroup(self)
        faces_row = QHBoxLayout()
        for score, english in MOOD_LABELS.items():
            label = translate_core(english)
            face = QToolButton()
            face.setCheckable(True)
            style_face_button(face, score)
            face.setIconSize(QSize(44, 44))
            face.setText(label)
            face.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
            face.setAccessibleName(
                self.tr("Mood {score}: {label}").format(score=score, label=label)
            )
            face.setMinimumWidth(72)
            self.faces.addButton(face, score)
            faces_row.addWidget(face)
        self.faces.idToggled.connect(self._on_faces_toggled)

        self.energy = QButtonGroup(self)
        self.energy.setExclusive(False)
        energy_row = QHBoxLayout()
        energy_row.addWidget(QLabel(self.tr("Energy (optional):")))
        for level, english in ENERGY_LABELS.items():
            label = translate_core(english)
            energy = QPushButton(f"{QLocale().toString(level)} {label}")
            energy.setCheckable(True)
            energy.setAccessibleName(
                self.tr("Energy {level}: {label}").format(level=level, label=label)
            )
            style_chip(energy)
            self.energy.addButton(energy, level)
            energy_row.addWidget(energy)
        self.energy.idClicked.connect(self._on_energy_clicked)
        energy_row.addStretch(1)

        emotions_grid = QGridLayout()
        self.emotion_buttons: dict[str, QPushButton] = {}
        for index, word in enumerate(EMOTIONS):
            button = QPushButton(translate_core(word))
            button.setCheckable(True)
            button.setAccessibleName(self.tr("Feeling: {word}").format(word=translate_core(word)))
            style_chip(button)
            self.emotion_buttons[word] = button
            emotions_grid.addWidget(button, index // 6, index % 6)

        self.tags = QLineEdit()
        self.tags.setPlaceholderText(
            self.tr("Your own tags, separated by commas (work, family, sleep…)")
        )
        self.tags.setAccessibleName(self.tr("Your own tags"))
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(self.tr("A note, if you like. Only you can see it."))
        self.note.setAccessibleName(self.tr("Note"))
        self.note.setTabChangesFocus(True)
        self.note.setMaximumHeight(110)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setEnabled(False)

        layout = QVBoxLayout(self)
        layout.addLayout(faces_row)
        layout.addLayout(energy_row)
        layout.addWidget(QLabel(self.tr("Feelings (pick any):")))
        layout.addLayout(emotions_grid)
        layout.addWidget(self.tags)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        if existing is not None:
            self._fill(existing)

    def _fill(self, entry: MoodEntry) -> None:
        self.faces.button(entry.score).setChecked(True)
        if entry.energy is not None:
            self.energy.button(entry.energy).setChecked(True)
        own = []
        for tag in entry.tags:
            if tag in self.emotion_buttons:
                self.emotion_buttons[tag].setChecked(True)
            else:
                own.append(tag)
        self.tags.setText(", ".join(own))
        self.note.setPlainText(entry.note)

    def _on_faces_toggled(self, _score: int, _checked: bool) -> None:
        self.save_button.setEnabled(self.faces.checkedId() != -1)

    def _on_energy_clicked(self, level: int) -> None:
        # One energy at most, and a second click clears it.
        for button in self.energy.buttons():
            if self.energy.id(button) != level:
                button.setChecked(False)

    def _energy(self) -> int | None:
        for button in self.energy.buttons():
            if button.isChecked():
                return self.energy.id(button)
        return None

    def accept(self) -> None:
        feelings = [word for word, button in self.emotion_buttons.items() if button.isChecked()]
        try:
            entry = new_mood_entry(
                self._at,
                self.faces.checkedId(),
                self._energy(),
                [*feelings, *self.tags.text().split(",")],
                self.note.toPlainText(),
            )
        except InvalidInput as error:
            QMessageBox.warning(self, self.tr("Wellbeing"), str(error))
            return
        if self._existing is not None:
            entry = MoodEntry(
                entry.at, entry.score, entry.energy, entry.tags, entry.note, self._existing.id
            )
        self._entry = entry
        super().accept()

    def entry(self) -> MoodEntry | None:
        return self._entry
