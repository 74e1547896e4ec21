"""The break card: what the break overlay shows in the middle of one screen.

One card goes through three stages. **Prompt**: why a break now, one offline idea (with
"Something else"), and "Take a break" / "5 more minutes" / "Skip" — the last two hidden in
strict mode until :meth:`BreakCard.unlock`, and disabled during the breathing pause of a third
prompt in a row. **Break**: a large countdown with the idea and "I'm back". **Result**: a kind
word when the break is over.

The card only reports what the person pressed; the break scheduler decides what that means.
Keys follow the same rules as the buttons: Enter presses the default button, Escape leaves only
when leaving is allowed (never while strict-locked or during the breathing pause).

The breathing pause is ``break_breathing.BreathingPause``, the countdown
``break_countdown.BreakCountdown``.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wellbeing_app.core.breaks import BreakDue
from wellbeing_app.core.limits import CATEGORIES
from wellbeing_app.core.suggestions import Suggestion
from wellbeing_app.ui.activity_models import suggestion_title
from wellbeing_app.ui.break_breathing import BreathingPause
from wellbeing_app.ui.break_countdown import BreakCountdown, centred_page
from wellbeing_app.ui.break_parts import (
    CARD_STYLE,
    IdeaPanel,
    SkipReasons,
    button,
    duration_words,
    label,
)
from wellbeing_app.ui.i18n import shown_number, translate_core


class Stage(Enum):
    HIDDEN = "hidden"
    PROMPT = "prompt"
    BREAK = "break"
    RESULT = "result"


class BreakCard(QFrame):
    """The card's stages, the breathing pause and the break's countdown.

    Signals:
        break_taken(activity_id): "Take a break"; ``""`` when no idea was on offer.
        snoozed: "5 more minutes".
        skipped(reason): "Skip", with the reason picked or typed (``""`` for none).
        dismissed: Escape (or the window closed) while a prompt showed and leaving was allowed.
        returned: "I'm back" (or Escape) during the break.
        break_over: the countdown reached zero.
        closed: "Close" (or Escape) on the kind word.
    """

    break_taken = Signal(str)
    snoozed = Signal()
    skipped = Signal(str)
    dismissed = Signal()
    returned = Signal()
    break_over = Signal()
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("breakCard")
        self.setStyleSheet(CARD_STYLE)
        self.setAccessibleName(self.tr("Break"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # Escape and Enter work on arrival
        self._stage = Stage.HIDDEN
        self._due: BreakDue | None = None
        self._locked = False
        self._can_snooze = True

        self.prompt_page = self._build_prompt_page()
        self.break_page = self._build_break_page()
        self.result_page = self._build_result_page()
        layout = QVBoxLayout(self)
        space = self.fontMetrics().height()
        layout.setContentsMargins(2 * space, int(1.6 * space), 2 * space, int(1.6 * space))
        for page in (self.prompt_page, self.break_page, self.result_page):
            page.hide()
            layout.addWidget(page)
        chars = self.fontMetrics().averageCharWidth()
        self.setMinimumWidth(chars * 56)
        self.setMaximumWidth(chars * 72)

    # ------------------------------------------------------------------------------ building

    def _build_prompt_page(self) -> QWidget:
        self.heading = label(scale=1.6, bold=True)
        self.subheading = label(scale=1.1)
        self.strict_note = label(scale=0.95, quiet=True)
        for line in (self.heading, self.subheading, self.strict_note):
            line.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.breathing_pause = BreathingPause()
        self.breathing_pause.finished.connect(self._on_breathing_pause_finished)

        self.idea = IdeaPanel()
        self.reasons = SkipReasons()
        self.reasons.chosen.connect(self._skip)

        self.take_break_button = button(self.tr("&Take a break"), self.tr("Take a break"))
        self.take_break_button.setDefault(True)
        self.take_break_button.setObjectName("primary")
        self.take_break_button.clicked.connect(self._on_take_break_button_clicked)
        self.snooze_button = button(
            self.tr("&5 more minutes"), self.tr("Remind me in 5 more minutes")
        )
        self.snooze_button.clicked.connect(self._on_snooze_button_clicked)
        self.skip_button = button(self.tr("&Skip"), self.tr("Skip this break"))
        self.skip_button.clicked.connect(self._on_skip_button_clicked)
        buttons = QHBoxLayout()
        buttons.setSpacing(10)
        buttons.addWidget(self.skip_button)
        buttons.addStretch(1)
        buttons.addWidget(self.snooze_button)
        buttons.addWidget(self.take_break_button)
        self.keys_hint = label(scale=0.9, quiet=True)
        self.keys_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)

        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        for part in (self.heading, self.subheading, self.strict_note):
            layout.addWidget(part)
        layout.addWidget(self.breathing_pause)
        layout.addSpacing(8)
        layout.addWidget(self.idea)
        layout.addWidget(self.reasons)
        layout.addSpacing(8)
        layout.addLayout(buttons)
        layout.addWidget(self.keys_hint)
        # Keyboard order: the kind choice first, then the others, then the idea.
        QWidget.setTabOrder(self.take_break_button, self.snooze_button)
        QWidget.setTabOrder(self.snooze_button, self.skip_button)
        QWidget.setTabOrder(self.skip_button, self.idea.something_else_button)
        return page

    def _build_break_page(self) -> BreakCountdown:
        page = BreakCountdown()
        page.finished.connect(self.break_over)
        page.back_pressed.connect(self._on_back_button_clicked)
        self.break_timer = page.timer
        self.back_button = page.back_button
        return page

    def _build_result_page(self) -> QWidget:
        self.result_heading = label(scale=1.5, bold=True)
        self.result_text = label(scale=1.1)
        self.close_button = button(self.tr("&Close"), self.tr("Close"))
        self.close_button.clicked.connect(self._on_close_button_clicked)
        return centred_page(QWidget(), [self.result_heading, self.result_text], self.close_button)

    # ------------------------------------------------------------------------------- the API

    @property
    def stage(self) -> Stage:
        return self._stage

    @property
    def due(self) -> BreakDue | None:
        return self._due

    @property
    def breathing(self) -> bool:
        return self.breathing_pause.left > 0

    @property
    def break_left(self) -> int:
        """Seconds left in the break's countdown."""
        return self.break_page.left

    @property
    def current_suggestion(self) -> Suggestion | None:
        return self.idea.current

    def show_prompt(
        self, due: BreakDue, suggestions: Sequence[Suggestion], used_minutes: int | None
    ) -> None:
        self._stop_timers()
        self._due = due
        self.idea.set_suggestions(suggestions)
        self._locked = not due.can_skip
        self._can_snooze = due.can_snooze
        if due.kind == "daily_limit":
            # A limit is for an app (a name, kept) or a kind of app (the catalogue's word).
            target = translate_core(due.target) if due.target in CATEGORIES else due.target
            if due.limit_minutes:
                heading = self.tr("You've reached today's limit for {target} ({minutes} min)")
            else:
                heading = self.tr("You've reached today's limit for {target}")
            self.heading.setText(
                heading.format(target=target, minutes=shown_number(due.limit_minutes or 0))
            )
            self.subheading.setText(self.tr("How about some time offline for a while?"))
        else:
            used = duration_words(used_minutes) if used_minutes else self.tr("a while")
            self.heading.setText(
                self.tr("You've been in online communities for {used}").format(used=used)
            )
            self.subheading.setText(self.tr("Time for a short break?"))
        self.setAccessibleDescription(self.heading.text())
        self.strict_note.setText(
            self.tr("You chose strict breaks, so Skip comes back after {duration}.").format(
                duration=duration_words(due.break_minutes)
            )
        )
        self.strict_note.setVisible(self._locked)
        self.reasons.edit.clear()
        self.reasons.hide()
        self.breathing_pause.start(due.breathing_seconds)
        self._set_stage(Stage.PROMPT)
        self._show_buttons()

    def unlock(self, can_snooze: bool) -> None:
        """Strict mode is over for the prompt on the card: Skip (and maybe snooze) are allowed."""
        self._locked = False
        self._can_snooze = can_snooze
        self.strict_note.hide()
        self._show_buttons()

    def show_result(self, heading: str, text: str) -> None:
        self._stop_timers()
        self.result_heading.setText(heading)
        self.result_text.setText(text)
        self._set_stage(Stage.RESULT)

    def may_leave(self) -> bool:
        """Escape or closing is allowed: always, except for a strict-locked or breathing prompt."""
        if self._stage is Stage.PROMPT:
            return not self._locked and not self.breathing
        return True

    def leave(self) -> None:
        """What Escape does in each stage, when leaving is allowed."""
        if not self.may_leave():
            return
        stage = self._stage
        self.stop()
        if stage is Stage.PROMPT:
            self.dismissed.emit()
        elif stage is Stage.BREAK:
            self.returned.emit()  # the break goes on; only the countdown goes away
        elif stage is Stage.RESULT:
            self.closed.emit()

    def default_button(self) -> QPushButton | None:
        return {
            Stage.PROMPT: self.take_break_button,
            Stage.BREAK: self.back_button,
            Stage.RESULT: self.close_button,
        }.get(self._stage)

    def stop(self) -> None:
        """No timer runs and nothing is on the card any more."""
        self._stop_timers()
        self._set_stage(Stage.HIDDEN)

    # -------------------------------------------------------------------------------- slots

    def _on_breathing_pause_finished(self) -> None:
        self._show_buttons()

    def _on_take_break_button_clicked(self) -> None:
        if self._due is None or self._stage is not Stage.PROMPT:
            return
        self._stop_timers()
        chosen = self.current_suggestion
        self._set_stage(Stage.BREAK)
        title = suggestion_title(chosen) if chosen else self.tr("Some time away from the screen")
        self.break_page.start(self._due.break_minutes, title)
        self.break_taken.emit(chosen.activity.id if chosen else "")

    def _on_snooze_button_clicked(self) -> None:
        if self._stage is Stage.PROMPT and self.may_leave() and self._can_snooze:
            self.stop()
            self.snoozed.emit()

    def _on_skip_button_clicked(self) -> None:
        if self._stage is not Stage.PROMPT or not self.may_leave():
            return
        self.reasons.show()
        self._show_buttons()
        self.reasons.edit.setFocus()

    def _on_back_button_clicked(self) -> None:
        if self._stage is Stage.BREAK:
            self.stop()
            self.returned.emit()

    def _on_close_button_clicked(self) -> None:
        if self._stage is Stage.RESULT:
            self.stop()
            self.closed.emit()

    # ----------------------------------------------------------------------------- events

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Escape:
            self.leave()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not isinstance(
            self.focusWidget(), QLineEdit
        ):
            default = self.default_button()
            if default is not None and default.isVisible() and default.isEnabled():
                default.click()
        else:
            super().keyPressEvent(event)

    # ---------------------------------------------------------------------------- helpers

    def _skip(self, reason: str) -> None:
        if self._stage is Stage.PROMPT and self.may_leave():
            self.stop()
            self.skipped.emit(reason)

    def _show_buttons(self) -> None:
        calm = not self.breathing
        asking_why = self.reasons.isVisibleTo(self.prompt_page)
        self.skip_button.setVisible(not self._locked and not asking_why)
        self.skip_button.setEnabled(calm)
        self.snooze_button.setVisible(not self._locked and self._can_snooze)
        self.snooze_button.setEnabled(calm)
        if self.may_leave():
            self.keys_hint.setText(self.tr("Enter takes the break · Esc closes this for now"))
        else:
            self.keys_hint.setText(self.tr("Enter takes the break"))

    def _set_stage(self, stage: Stage) -> None:
        self._stage = stage
        self.prompt_page.setVisible(stage is Stage.PROMPT)
        self.break_page.setVisible(stage is Stage.BREAK)
        self.result_page.setVisible(stage is Stage.RESULT)

    def _stop_timers(self) -> None:
        self.breathing_pause.stop()
        self.break_page.stop()
