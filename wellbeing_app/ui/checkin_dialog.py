"""A questionnaire check-in: the items, then the result — crisis resources first when needed.

Results are screening, never diagnosis; the wording comes from ``core.questionnaires``. The
result page keeps the PHQ-9 item-9 statement (with the crisis lines) and the total's band in
separate widgets, so no severity label ever reads as a grade of those thoughts, and offers
"Get help now" where ``offers_help_now`` says so.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from wellbeing_app.core.crisis import CrisisLine
from wellbeing_app.core.models import CheckIn
from wellbeing_app.core.questionnaires import (
    Questionnaire,
    crisis_statement,
    offers_help_now,
    score,
    screening_band,
    summary,
)
from wellbeing_app.ui.help_dialog import crisis_html


class CheckInDialog(QDialog):
    """Submit is enabled once every item has an answer; ``save`` stores the result.

    ``show_help`` opens "Get help now" (the same dialog as the main window's button).
    """

    def __init__(
        self,
        questionnaire: Questionnaire,
        at: datetime,
        previous: CheckIn | None,
        crisis_lines: Sequence[CrisisLine],
        save: Callable[[CheckIn], CheckIn],
        show_help: Callable[[], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(questionnaire.title)
        self._questionnaire = questionnaire
        self._at = at
        self._previous = previous
        self._crisis_lines = crisis_lines
        self._save = save
        self._show_help = show_help
        self.saved: CheckIn | None = None

        grid = QGridLayout()
        for column, label in enumerate(questionnaire.answers, start=1):
            header = QLabel(label)
            header.setWordWrap(True)
            grid.addWidget(header, 0, column)
        self.groups: list[QButtonGroup] = []
        for row, item in enumerate(questionnaire.items, start=1):
            text = QLabel(f"{row}. {item}")
            text.setWordWrap(True)
            text.setMinimumWidth(260)
            grid.addWidget(text, row, 0)
            group = QButtonGroup(self)
            for value, label in enumerate(questionnaire.answers):
                button = QRadioButton()
                button.setAccessibleName(f"{item}: {label}")
                group.addButton(button, value)
                grid.addWidget(button, row, value + 1)
            group.idToggled.connect(self._on_answer_toggled)
            self.groups.append(group)
        self.difficulty = QButtonGroup(self)
        if questionnaire.follow_up:
            row = len(questionnaire.items) + 1
            follow = QLabel(questionnaire.follow_up)
            follow.setWordWrap(True)
            grid.addWidget(follow, row, 0)
            for value, label in enumerate(questionnaire.follow_up_answers):
                button = QRadioButton(label)
                self.difficulty.addButton(button, value)
                grid.addWidget(button, row + 1 + value // 2, 1 + (value % 2) * 2, 1, 2)

        questions = QWidget()
        questions_layout = QVBoxLayout(questions)
        intro = QLabel(
            f"<b>{questionnaire.period}</b>, how often have you been bothered by the following?"
            if questionnaire.name != "WHO-5"
            else f"<b>{questionnaire.period}</b>, which is closest to how you have been feeling?"
        )
        intro.setWordWrap(True)
        questions_layout.addWidget(intro)
        questions_layout.addLayout(grid)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(questions)

        self.crisis = QLabel()
        self.crisis.setWordWrap(True)
        self.crisis.setAccessibleName("Support first")
        self.crisis.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.crisis.setOpenExternalLinks(True)
        self.crisis.hide()
        self.help_now = QPushButton("Get help now")
        self.help_now.setAccessibleName("Get help now: crisis lines and support")
        self.help_now.clicked.connect(self._on_help_now_clicked)
        self.help_now.hide()
        # Between the crisis lines and the score, so the band never reads as part of them.
        self.apart = QFrame()
        self.apart.setFrameShape(QFrame.Shape.HLine)
        self.apart.hide()
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.outcome.setAccessibleName("Your result")
        result_page = QWidget()
        self._result_layout = QVBoxLayout(result_page)
        self._result_layout.addWidget(self.crisis)
        self._result_layout.addWidget(self.apart)
        self._result_layout.addWidget(self.outcome)
        self._result_layout.addStretch(1)

        self.stack = QStackedWidget()
        self.stack.addWidget(scroll)
        self.stack.addWidget(result_page)
        self.buttons = QDialogButtonBox()
        self.submit = self.buttons.addButton(
            "See my result", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.later = self.buttons.addButton("Not now", QDialogButtonBox.ButtonRole.RejectRole)
        self.submit.setEnabled(False)
        self.submit.clicked.connect(self._on_submit_clicked)
        self.later.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack, 1)
        layout.addWidget(QLabel("<small>A screening questionnaire, not a diagnosis.</small>"))
        layout.addWidget(self.buttons)
        self.resize(900, 560)

    def _on_answer_toggled(self, _value: int, _checked: bool) -> None:
        self.submit.setEnabled(all(group.checkedId() != -1 for group in self.groups))

    def answers(self) -> list[int]:
        return [group.checkedId() for group in self.groups]

    def _on_submit_clicked(self) -> None:
        if self.saved is not None:
            self.accept()
            return
        difficulty = self.difficulty.checkedId()
        checkin = score(
            self._questionnaire.name,
            self._at,
            self.answers(),
            difficulty if difficulty != -1 else None,
        )
        self.saved = self._save(checkin)
        statement = crisis_statement(checkin)
        if statement is not None:
            # Before any score, and apart from it: someone to talk to, right now.
            self.crisis.setText(
                f"<h3>Thank you for answering honestly.</h3><p>{statement}</p><p>If you are in "
                "danger, call your local emergency number now. These people are there to "
                f"listen:</p>{crisis_html(self._crisis_lines)}"
            )
            self.crisis.show()
            self.apart.show()
        if offers_help_now(checkin):
            # Under the crisis lines when there are any, else right under the result.
            below = self.crisis if statement is not None else self.outcome
            self._result_layout.insertWidget(
                self._result_layout.indexOf(below) + 1,
                self.help_now,
                alignment=Qt.AlignmentFlag.AlignLeft,
            )
            self.help_now.show()
        band = screening_band(checkin)
        self.outcome.setText(f"<h3>{band.label}</h3><p>{summary(checkin, self._previous)}</p>")
        self.stack.setCurrentIndex(1)
        self.submit.setText("Done")
        self.later.hide()

    def _on_help_now_clicked(self) -> None:
        self._show_help()
