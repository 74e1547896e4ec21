"""A questionnaire check-in: the items, then the result — crisis resources first when needed.

Results are screening, never diagnosis; the wording comes from ``core.questionnaires``. The
result page keeps the PHQ-9 item-9 statement (with the crisis lines) and the total's band in
separate widgets, so no severity label ever reads as a grade of those thoughts, and offers
"Get help now" where ``offers_help_now`` says so.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
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
from wellbeing_app.ui.score_scale import ScoreScale
from wellbeing_app.ui.screen_fit import fit_to_screen


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
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(0)
        columns = len(questionnaire.answers) + 1
        for column, label in enumerate(questionnaire.answers, start=1):
            header = QLabel(label)
            header.setWordWrap(True)
            header.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom)
            header.setMinimumWidth(72)
            grid.addWidget(header, 0, column)
            grid.setColumnStretch(column, 1)
        grid.setColumnStretch(0, 3)
        self.groups: list[QButtonGroup] = []
        for row, item in enumerate(questionnaire.items, start=1):
            # Every other row shaded, so the eye follows an item across to its answers.
            band = QFrame()
            band.setAutoFillBackground(row % 2 == 1)
            band.setBackgroundRole(QPalette.ColorRole.AlternateBase)
            grid.addWidget(band, row, 0, 1, columns)
            text = QLabel(f"{row}. {item}")
            text.setWordWrap(True)
            text.setMinimumWidth(220)
            text.setContentsMargins(8, 8, 8, 8)
            grid.addWidget(text, row, 0)
            group = QButtonGroup(self)
            for value, label in enumerate(questionnaire.answers):
                button = QRadioButton()
                button.setAccessibleName(f"{item}: {label}")
                button.setToolTip(label)
                group.addButton(button, value)
                grid.addWidget(button, row, value + 1, alignment=Qt.AlignmentFlag.AlignCenter)
            group.idToggled.connect(self._on_answer_toggled)
            self.groups.append(group)
        self.difficulty = QButtonGroup(self)
        if questionnaire.follow_up:
            row = len(questionnaire.items) + 1
            follow = QLabel(questionnaire.follow_up)
            follow.setWordWrap(True)
            follow.setContentsMargins(8, 16, 8, 8)
            grid.addWidget(follow, row, 0)
            for value, label in enumerate(questionnaire.follow_up_answers):
                button = QRadioButton(label)
                self.difficulty.addButton(button, value)
                grid.addWidget(button, row + 1 + value // 2, 1 + (value % 2) * 2, 1, 2)

        questions = QWidget()
        questions_layout = QVBoxLayout(questions)
        intro = QLabel(intro_text(questionnaire))
        intro.setWordWrap(True)
        questions_layout.setContentsMargins(16, 16, 16, 8)
        questions_layout.setSpacing(12)
        questions_layout.addWidget(intro)
        questions_layout.addLayout(grid)
        questions_layout.addStretch(1)  # the questions keep together at the top
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(questions)
        self._questions_scroll = scroll

        self.crisis = QLabel()
        self.crisis.setWordWrap(True)
        self.crisis.setAccessibleName(self.tr("Support first"))
        self.crisis.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.crisis.setOpenExternalLinks(True)
        self.crisis.hide()
        self.help_now = QPushButton(self.tr("Get help now"))
        self.help_now.setAccessibleName(self.tr("Get help now: crisis lines and support"))
        self.help_now.clicked.connect(self._on_help_now_clicked)
        self.help_now.hide()
        # Between the crisis lines and the score, so the band never reads as part of them.
        self.apart = QFrame()
        self.apart.setFrameShape(QFrame.Shape.HLine)
        self.apart.hide()
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.outcome.setAccessibleName(self.tr("Your result"))
        self.scale: ScoreScale | None = None
        result_page = self._result_page = QWidget()
        self._result_layout = QVBoxLayout(result_page)
        self._result_layout.setContentsMargins(20, 16, 20, 8)
        self._result_layout.setSpacing(12)
        self._result_layout.addWidget(self.crisis)
        self._result_layout.addWidget(self.apart)
        self._result_layout.addWidget(self.outcome)
        self._result_layout.addStretch(1)

        self.stack = QStackedWidget()
        self.stack.addWidget(scroll)
        self.stack.addWidget(result_page)
        self.buttons = QDialogButtonBox()
        self.submit = self.buttons.addButton(
            self.tr("See my result"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.later = self.buttons.addButton(
            self.tr("Not now"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.submit.setEnabled(False)
        self.submit.clicked.connect(self._on_submit_clicked)
        self.later.clicked.connect(self.reject)
        self.progress = QLabel()
        self.progress.setAccessibleName(self.tr("Questions answered"))
        footer = QHBoxLayout()
        footer.addWidget(
            QLabel(self.tr("<small>A screening questionnaire, not a diagnosis.</small>")), 1
        )
        footer.addWidget(self.progress)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack, 1)
        layout.addLayout(footer)
        layout.addWidget(self.buttons)
        self._show_progress()
        # As big as the questions need, and no bigger than the screen (they scroll there).
        wanted = questions.sizeHint()
        margins = layout.contentsMargins()
        below = (  # the footer line and the buttons under the questions, with the gaps between
            max(self.progress.sizeHint().height(), footer.sizeHint().height())
            + self.buttons.sizeHint().height()
            + 2 * max(0, layout.spacing())
            + margins.top()
            + margins.bottom()
            + 12  # room for wrapped question text being a line taller than its hint
        )
        fit_to_screen(self, max(640, wanted.width() + 40), wanted.height() + below)

    def _on_answer_toggled(self, _value: int, _checked: bool) -> None:
        self.submit.setEnabled(all(group.checkedId() != -1 for group in self.groups))
        self._show_progress()

    def _show_progress(self) -> None:
        answered = sum(group.checkedId() != -1 for group in self.groups)
        total = len(self.groups)
        self.progress.setText(
            self.tr("All answered")
            if answered == total
            else self.tr("{answered} of {total} answered").format(
                answered=QLocale().toString(answered), total=QLocale().toString(total)
            )
        )

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
                self.tr("<h3>Thank you for answering honestly.</h3>")
                + f"<p>{statement}</p><p>"
                + self.tr(
                    "If you are in danger, call your local emergency number now. These people are "
                    "there to listen:"
                )
                + f"</p>{crisis_html(self._crisis_lines)}"
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
        # The band drawn: where the score falls among the published ranges (and last time's).
        previous = self._previous.score if self._previous is not None else None
        self.scale = ScoreScale(self._questionnaire.bands, checkin.score, previous)
        self._result_layout.insertWidget(self._result_layout.indexOf(self.outcome) + 1, self.scale)
        self.stack.setCurrentIndex(1)
        self.submit.setText(self.tr("Done"))
        self.later.hide()
        self.progress.hide()
        # Laid out to the result, not left at the questions' size with an empty box below.
        self._questions_scroll.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        fit_to_screen(self, self.width(), self._result_page.sizeHint().height() + 110)

    def _on_help_now_clicked(self) -> None:
        self._show_help()


def intro_text(questionnaire: Questionnaire) -> str:
    """The question above the items: the questionnaire's own wording when its period is a whole
    question (PHQ-9, GAD-7), else the period and WHO-5's question."""
    if questionnaire.period.endswith("?"):
        return f"<b>{questionnaire.period}</b>"
    return f"<b>{questionnaire.period}</b>, {WHO5_QUESTION}"


# WHO-5's published question: questionnaire wording, never translated freely (see ui/i18n.py).
WHO5_QUESTION = "which is closest to how you have been feeling?"
