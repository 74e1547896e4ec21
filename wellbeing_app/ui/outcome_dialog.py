"""After a break: "Did you do it? How do you feel now?" — the answer the suggestions learn from."""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPalette, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from wellbeing_app.core.models import MOOD_LABELS
from wellbeing_app.core.suggestions import Outcome, new_outcome
from wellbeing_app.ui.faces import style_face_button
from wellbeing_app.ui.i18n import translate_core

_YES, _NO = 1, 0


@dataclass(frozen=True, slots=True)
class OutcomeAnswer:
    """What the person said: did they do it, how they feel now (1..5), did it help."""

    done: bool
    mood_after: int | None = None
    helped: bool | None = None

    def to_outcome(self, activity_id: str, mood_before: int | None = None) -> Outcome:
        """The answer as the suggestion engine's :class:`Outcome` for ``activity_id``."""
        return new_outcome(activity_id, self.done, mood_before, self.mood_after, self.helped)


class OutcomeDialog(QDialog):
    """Asks how a suggested activity went; ``outcome()`` returns the answer once saved.

    Only "did you do it?" needs an answer. A second click on a face or on a "did it help?"
    button clears it again, so nothing optional is forced.
    """

    def __init__(
        self, activity_title: str = "", lead: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("How did it go?"))
        self._answer: OutcomeAnswer | None = None

        self.lead = QLabel(lead)
        self.lead.setWordWrap(True)
        font = self.lead.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.lead.setFont(font)
        self.lead.setVisible(bool(lead))

        self.activity = QLabel(
            self.tr("Your idea was: <b>{activity}</b>").format(activity=html.escape(activity_title))
        )
        self.activity.setWordWrap(True)
        self.activity.setVisible(bool(activity_title))
        self.done_question = QLabel(self.tr("Did you do it?"))
        self.done_group = QButtonGroup(self)
        done_row = QHBoxLayout()
        done_row.addWidget(self.done_question, 1)
        for answer, text, name in (
            (_YES, self.tr("&Yes"), self.tr("Yes, I did it")),
            (_NO, self.tr("&Not this time"), self.tr("No")),
        ):
            button = QPushButton(text)
            button.setCheckable(True)
            button.setAccessibleName(name)
            self.done_group.addButton(button, answer)
            done_row.addWidget(button)
        self.done_group.idToggled.connect(self._on_done_group_toggled)

        self.faces = QButtonGroup(self)
        self.faces.setExclusive(False)
        faces_row = QHBoxLayout()
        for score, english in MOOD_LABELS.items():
            label = translate_core(english)
            face = QToolButton()
            face.setCheckable(True)
            style_face_button(face, score)
            face.setIconSize(QSize(40, 40))
            face.setText(label)
            face.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
            face.setAccessibleName(
                self.tr("I feel {label} now (mood {score} of 5)").format(label=label, score=score)
            )
            self.faces.addButton(face, score)
            faces_row.addWidget(face, 1)
        self.faces.idClicked.connect(self._on_faces_clicked)

        self.helped_question = QLabel(self.tr("Did it help? (optional)"))
        self.helped_group = QButtonGroup(self)
        self.helped_group.setExclusive(False)
        helped_row = QHBoxLayout()
        helped_row.addWidget(self.helped_question, 1)
        for answer, text, name in (
            (_YES, self.tr("It &helped"), self.tr("It helped")),
            (_NO, self.tr("Not &really"), self.tr("It did not really help")),
        ):
            button = QPushButton(text)
            button.setCheckable(True)
            button.setAccessibleName(name)
            self.helped_group.addButton(button, answer)
            helped_row.addWidget(button)
        self.helped_group.idClicked.connect(self._on_helped_group_clicked)

        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(
            self.tr("&Save"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.later_button = self.buttons.addButton(
            self.tr("Not no&w"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.later_button.setAccessibleName(self.tr("Close without answering"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        note = QLabel(
            self.tr("Your answer stays on this computer and helps pick better ideas next time.")
        )
        note.setWordWrap(True)
        note_font = note.font()
        note_font.setPointSizeF(note_font.pointSizeF() * 0.9)
        note.setFont(note_font)
        note.setForegroundRole(QPalette.ColorRole.PlaceholderText)  # gentle, in any theme

        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(self.lead)
        layout.addWidget(self.activity)
        layout.addLayout(done_row)
        layout.addWidget(QLabel(self.tr("How do you feel now?")))
        layout.addLayout(faces_row)
        layout.addLayout(helped_row)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self._on_done_group_toggled(_YES, False)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 58)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        fit_to_wrapped_text(self)

    def _on_done_group_toggled(self, _answer: int, _checked: bool) -> None:
        done = self.done_group.checkedId()
        self.save_button.setEnabled(done != -1)
        self.save_button.setDefault(done != -1)
        # Only something done can have helped.
        can_help = done == _YES
        if not can_help:
            for button in self.helped_group.buttons():
                button.setChecked(False)
        for button in self.helped_group.buttons():
            button.setEnabled(can_help)
        self.helped_question.setEnabled(can_help)

    def _on_faces_clicked(self, score: int) -> None:
        _keep_one(self.faces, score)

    def _on_helped_group_clicked(self, answer: int) -> None:
        _keep_one(self.helped_group, answer)

    def accept(self) -> None:
        done = self.done_group.checkedId()
        if done == -1:
            return
        mood = _checked_id(self.faces)
        helped = _checked_id(self.helped_group)
        self._answer = OutcomeAnswer(done == _YES, mood, None if helped is None else helped == _YES)
        super().accept()

    def outcome(self) -> OutcomeAnswer | None:
        """The answer once saved; ``None`` when closed without one."""
        return self._answer


def fit_to_wrapped_text(window: QWidget) -> None:
    """Gives a window the height its wrapped labels need at its width.

    ``adjustSize`` stops at two thirds of the screen, and a window's minimum size ignores
    height-for-width, so at 200 % on a small screen text would be cut off.
    """
    window.adjustSize()
    needed = window.heightForWidth(window.width())
    if window.height() < needed:
        available = window.screen().availableGeometry().height()
        window.resize(window.width(), min(needed, available))


def _keep_one(group: QButtonGroup, clicked: int) -> None:
    """At most one checked button, and a second click on it clears the choice."""
    for button in group.buttons():
        if group.id(button) != clicked:
            button.setChecked(False)


def _checked_id(group: QButtonGroup) -> int | None:
    for button in group.buttons():
        if button.isChecked():
            return group.id(button)
    return None
