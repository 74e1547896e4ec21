"""The break prompt: the app's own small always-on-top window, kind and never nagging.

One window goes through three stages. **Prompt**: why a break now, one offline idea (with
"Something else"), and "Take a break" / "5 more minutes" / "Skip" — the last two hidden in
strict mode until :meth:`BreakPromptWindow.unlock`, and disabled during the breathing pause of
a third prompt in a row. **Break**: a quiet countdown with "I'm back". **Result**: a kind word
when the break is over, then "Did you do it? How do you feel now?" (:class:`OutcomeDialog`)
when an activity was chosen.

The window never takes the keyboard focus when it appears (someone may be typing), and it only
reports what the person pressed; the break scheduler decides what that means.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wellbeing_app.core.activities import CATEGORY_LABELS
from wellbeing_app.core.breaks import BreakCutShort, BreakDue, BreakTaken, PromptUnlocked
from wellbeing_app.core.suggestions import Suggestion
from wellbeing_app.ui.outcome_dialog import OutcomeDialog, fit_to_wrapped_text

SKIP_REASONS = ("Talking with friends", "Finishing something", "It's work", "Not now")
# One slow breath: a short in, a longer out (a long exhale is what calms).
BREATH_IN_SECONDS = 4
BREATH_SECONDS = 10


class _Stage(Enum):
    HIDDEN = "hidden"
    PROMPT = "prompt"
    BREAK = "break"
    RESULT = "result"


class BreakPromptWindow(QWidget):
    """Shows a :class:`BreakDue` and reports the person's choice through its signals.

    Signals:
        break_taken(activity_id): "Take a break"; ``""`` when no idea was on offer.
        snoozed: "5 more minutes".
        skipped(reason): "Skip", with the reason picked or typed (``""`` for none).
        dismissed: closed with the window's close button (or Escape) while a prompt showed.
        returned: "I'm back" during the break.
        outcome_answered(activity_id, OutcomeAnswer): the follow-up after a break was saved.
    """

    break_taken = Signal(str)
    snoozed = Signal()
    skipped = Signal(str)
    dismissed = Signal()
    returned = Signal()
    outcome_answered = Signal(str, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window | Qt.WindowType.WindowStaysOnTopHint)
        self.setWindowTitle("A short break — Wellbeing")
        self.setAccessibleName("Break prompt")
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self._stage = _Stage.HIDDEN
        self._due: BreakDue | None = None
        self._suggestions: tuple[Suggestion, ...] = ()
        self._index = 0
        self._chosen: Suggestion | None = None
        self._locked = False
        self._can_snooze = True
        self._breathing_left = 0
        self._break_left = 0
        self._outcome_for = ""
        self.outcome_dialog: OutcomeDialog | None = None

        self.breathing_timer = QTimer(self)
        self.breathing_timer.setInterval(1000)
        self.breathing_timer.timeout.connect(self._on_breathing_timer_timeout)
        self.break_timer = QTimer(self)
        self.break_timer.setInterval(1000)
        self.break_timer.timeout.connect(self._on_break_timer_timeout)

        self.prompt_page = self._build_prompt_page()
        self.break_page = self._build_break_page()
        self.result_page = self._build_result_page()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 18)
        for page in (self.prompt_page, self.break_page, self.result_page):
            page.hide()
            layout.addWidget(page)
        # Wide enough for the buttons in a row and short wrapped lines, in any font or scale.
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 62)

    # ------------------------------------------------------------------------------ building

    def _build_prompt_page(self) -> QWidget:
        page = QWidget()
        self.heading = _label(scale=1.3, bold=True)
        self.subheading = _label()
        self.strict_note = _label(scale=0.9, quiet=True)

        self.breathing_panel = QWidget()
        self.breathing_intro = _label()
        self.breathing_text = _label(scale=1.5)
        self.breathing_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.breathing_count = _label(quiet=True)
        self.breathing_count.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.breathing_bar = QProgressBar()
        self.breathing_bar.setTextVisible(False)
        self.breathing_bar.setAccessibleName("Breathing pause, seconds left")
        breathing = QVBoxLayout(self.breathing_panel)
        breathing.setContentsMargins(0, 6, 0, 6)
        breathing.addWidget(self.breathing_intro)
        breathing.addWidget(self.breathing_text)
        breathing.addWidget(self.breathing_bar)
        breathing.addWidget(self.breathing_count)

        card = QFrame()
        card.setObjectName("suggestion")
        card.setStyleSheet(
            "#suggestion { background: palette(alternate-base); border-radius: 8px; }"
        )
        self.suggestion_caption = _label(scale=0.9, quiet=True)
        self.suggestion_caption.setText("An idea for your break")
        self.suggestion_title = _label(scale=1.15, bold=True)
        self.suggestion_meta = _label(scale=0.95)
        self.suggestion_why = _label(scale=0.9, quiet=True)
        self.something_else_button = _button("Something &else", "Suggest something else")
        self.something_else_button.clicked.connect(self._on_something_else_button_clicked)
        caption_row = QHBoxLayout()
        caption_row.addWidget(self.suggestion_caption, 1)
        caption_row.addWidget(self.something_else_button)
        card_layout = QVBoxLayout(card)
        card_layout.setContentsMargins(14, 8, 14, 12)
        card_layout.addLayout(caption_row)
        for line in (self.suggestion_title, self.suggestion_meta, self.suggestion_why):
            card_layout.addWidget(line)

        self.reason_panel = QWidget()
        reasons = QGridLayout()
        self.reason_buttons: dict[str, QPushButton] = {}
        self.reason_group = QButtonGroup(self)
        self.reason_group.idClicked.connect(self._on_reason_group_clicked)
        for index, reason in enumerate(SKIP_REASONS):
            button = _button(reason, f"Skip: {reason}")
            self.reason_group.addButton(button, index)
            self.reason_buttons[reason] = button
            reasons.addWidget(button, index // 2, index % 2)
        self.reason_edit = QLineEdit()
        self.reason_edit.setPlaceholderText("Or in your own words")
        self.reason_edit.setAccessibleName("Your own reason for skipping (optional)")
        self.reason_edit.returnPressed.connect(self._on_skip_confirm_button_clicked)
        self.skip_confirm_button = _button("S&kip", "Skip this break")
        self.skip_confirm_button.clicked.connect(self._on_skip_confirm_button_clicked)
        own = QHBoxLayout()
        own.addWidget(self.reason_edit, 1)
        own.addWidget(self.skip_confirm_button)
        reason_layout = QVBoxLayout(self.reason_panel)
        reason_layout.setContentsMargins(0, 0, 0, 0)
        reason_layout.addWidget(_label("That's okay. What's keeping you? (optional)"))
        reason_layout.addLayout(reasons)
        reason_layout.addLayout(own)

        self.take_break_button = _button("&Take a break", "Take a break")
        self.take_break_button.setDefault(True)
        self.take_break_button.clicked.connect(self._on_take_break_button_clicked)
        self.snooze_button = _button("&5 more minutes", "Remind me in 5 more minutes")
        self.snooze_button.clicked.connect(self._on_snooze_button_clicked)
        self.skip_button = _button("&Skip", "Skip this break")
        self.skip_button.clicked.connect(self._on_skip_button_clicked)
        buttons = QHBoxLayout()
        buttons.addWidget(self.skip_button)
        buttons.addStretch(1)
        buttons.addWidget(self.snooze_button)
        buttons.addWidget(self.take_break_button)

        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        for part in (self.heading, self.subheading, self.strict_note, self.breathing_panel):
            layout.addWidget(part)
        layout.addWidget(card)
        layout.addWidget(self.reason_panel)
        layout.addStretch(1)  # when the breathing pause ends, the buttons stay where they are
        layout.addLayout(buttons)
        # Keyboard order: the kind choice first, then the others, then the idea.
        QWidget.setTabOrder(self.take_break_button, self.snooze_button)
        QWidget.setTabOrder(self.snooze_button, self.skip_button)
        QWidget.setTabOrder(self.skip_button, self.something_else_button)
        return page

    def _build_break_page(self) -> QWidget:
        self.timer_heading = _label(scale=1.3, bold=True)
        self.timer_activity = _label()
        self.timer_note = _label("No need to watch the clock.", 0.9, quiet=True)
        self.back_button = _button("&I'm back", "I'm back from my break")
        self.back_button.clicked.connect(self._on_back_button_clicked)
        return _page([self.timer_heading, self.timer_activity, self.timer_note], self.back_button)

    def _build_result_page(self) -> QWidget:
        self.result_heading = _label(scale=1.3, bold=True)
        self.result_text = _label()
        self.close_button = _button("&Close", "Close")
        self.close_button.clicked.connect(self._on_close_button_clicked)
        return _page([self.result_heading, self.result_text], self.close_button)

    # ------------------------------------------------------------------------------- the API

    def show_prompt(
        self, due: BreakDue, suggestions: Sequence[Suggestion], used_minutes: int | None = None
    ) -> None:
        """Shows a break prompt with ``suggestions`` (best first).

        Args:
            due: the scheduler's prompt.
            suggestions: offline ideas; the first is shown, "Something else" cycles.
            used_minutes: for continuous use, the minutes of use so far (else "a while").
        """
        self._stop_timers()
        self._due = due
        self._suggestions = tuple(suggestions)
        self._index = 0
        self._chosen = None
        self._locked = not due.can_skip
        self._can_snooze = due.can_snooze
        self._breathing_left = max(0, due.breathing_seconds)
        if due.kind == "daily_limit":
            limit = f" ({due.limit_minutes} min)" if due.limit_minutes else ""
            self.heading.setText(f"You've reached today's limit for {due.target}{limit}")
            self.subheading.setText("How about some time offline for a while?")
        else:
            used = _duration(used_minutes) if used_minutes else "a while"
            self.heading.setText(f"You've been in online communities for {used}")
            self.subheading.setText("Time for a short break?")
        self.setAccessibleDescription(self.heading.text())
        self.strict_note.setText(
            f"You chose strict breaks, so Skip comes back after {_duration(due.break_minutes)}."
        )
        self.strict_note.setVisible(self._locked)
        self.reason_edit.clear()
        self.reason_panel.hide()
        self.breathing_panel.setVisible(self._breathing_left > 0)
        self.breathing_bar.setRange(0, max(1, self._breathing_left))
        self._show_breathing()
        if self._breathing_left > 0:
            self.breathing_timer.start()
        self._show_suggestion()
        self._show_buttons()
        self._set_stage(_Stage.PROMPT)
        self.take_break_button.setFocus()

    def unlock(self, update: PromptUnlocked) -> None:
        """Strict mode is over for the prompt on screen: Skip (and maybe snooze) are allowed."""
        self._locked = False
        self._can_snooze = update.can_snooze
        self.strict_note.hide()
        self._show_buttons()
        fit_to_wrapped_text(self)

    def show_break_result(self, update: BreakTaken | BreakCutShort) -> None:
        """A kind word about the break that ended; then the follow-up if an idea was chosen."""
        self._stop_timers()
        if isinstance(update, BreakTaken):
            minutes = max(1, round(update.away_seconds / 60))
            heading = f"Nice — you took a {minutes}-minute break."
            text = "Welcome back."
        else:
            heading = "Back already? That's okay."
            text = "Every pause counts, even a short one."
        if update.activity_id:
            self._finish()  # the follow-up says it all, in one window
            self._ask_outcome(update.activity_id, heading)
            return
        self.result_heading.setText(heading)
        self.result_text.setText(text)
        self._set_stage(_Stage.RESULT)
        self.close_button.setFocus()

    @property
    def current_suggestion(self) -> Suggestion | None:
        """The idea on offer, if there is one."""
        return self._suggestions[self._index] if self._suggestions else None

    @property
    def breathing(self) -> bool:
        return self._breathing_left > 0

    # -------------------------------------------------------------------------------- slots

    def _on_breathing_timer_timeout(self) -> None:
        if self._breathing_left > 0:
            self._breathing_left -= 1
        if self._breathing_left == 0:
            self.breathing_timer.stop()
            self._show_buttons()
        self._show_breathing()

    def _on_break_timer_timeout(self) -> None:
        self._break_left = max(0, self._break_left - 1)
        if self._break_left == 0:
            self.break_timer.stop()
        self._show_break_left()

    def _on_something_else_button_clicked(self) -> None:
        if self._suggestions:
            self._index = (self._index + 1) % len(self._suggestions)
            self._show_suggestion()

    def _on_take_break_button_clicked(self) -> None:
        if self._due is None or self._stage is not _Stage.PROMPT:
            return
        self._stop_timers()
        self._breathing_left = 0
        self._chosen = self.current_suggestion
        self._break_left = self._due.break_minutes * 60
        self.timer_activity.setText(
            self._chosen.title if self._chosen else "Some time away from the screen"
        )
        self._show_break_left()
        self._set_stage(_Stage.BREAK)
        self.back_button.setFocus()
        self.break_timer.start()
        self.break_taken.emit(self._chosen.activity.id if self._chosen else "")

    def _on_snooze_button_clicked(self) -> None:
        if self._may_leave() and self._can_snooze:
            self._finish()
            self.snoozed.emit()

    def _on_skip_button_clicked(self) -> None:
        if not self._may_leave():
            return
        self.skip_button.hide()
        self.reason_panel.show()
        fit_to_wrapped_text(self)
        self.reason_edit.setFocus()

    def _on_reason_group_clicked(self, index: int) -> None:
        self._skip(SKIP_REASONS[index])

    def _on_skip_confirm_button_clicked(self) -> None:
        self._skip(self.reason_edit.text().strip())

    def _on_back_button_clicked(self) -> None:
        self._finish()
        self.returned.emit()

    def _on_close_button_clicked(self) -> None:
        self._finish()

    def _on_outcome_dialog_finished(self, _result: int) -> None:
        answer = self.outcome_dialog.outcome() if self.outcome_dialog else None
        if answer is not None:
            self.outcome_answered.emit(self._outcome_for, answer)

    # ----------------------------------------------------------------------------- events

    def shutdown(self) -> None:
        """The app is quitting: stop every timer and let the window close whatever its stage."""
        self._stop_timers()
        self._stage = _Stage.HIDDEN

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._stage is _Stage.PROMPT and not self._may_leave():
            event.ignore()
            return
        was_prompt = self._stage is _Stage.PROMPT
        self._stop_timers()
        self._stage = _Stage.HIDDEN
        event.accept()
        if was_prompt:
            self.dismissed.emit()
        # During the break, closing only hides the countdown: the break goes on.

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Escape:
            self.close()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not isinstance(
            self.focusWidget(), QLineEdit
        ):
            default = self._default_button()
            if default is not None and default.isVisible() and default.isEnabled():
                default.click()
        else:
            super().keyPressEvent(event)

    # ---------------------------------------------------------------------------- helpers

    def _may_leave(self) -> bool:
        """Skip, snooze and close are allowed: not strict-locked, not breathing."""
        return self._stage is _Stage.PROMPT and not self._locked and self._breathing_left == 0

    def _skip(self, reason: str) -> None:
        if self._may_leave():
            self._finish()
            self.skipped.emit(reason)

    def _show_buttons(self) -> None:
        calm = self._breathing_left == 0
        self.skip_button.setVisible(not self._locked and not self.reason_panel.isVisibleTo(self))
        self.skip_button.setEnabled(calm)
        self.snooze_button.setVisible(not self._locked and self._can_snooze)
        self.snooze_button.setEnabled(calm)

    def _show_suggestion(self) -> None:
        suggestion = self.current_suggestion
        if suggestion is None:
            self.suggestion_title.setText("Step away from the screen for a moment")
            self.suggestion_meta.setText("")
            self.suggestion_why.setText(
                "Stretch, look out of a window, get a glass of water — anything offline counts."
            )
        else:
            activity = suggestion.activity
            category = CATEGORY_LABELS.get(activity.category, activity.category)
            self.suggestion_title.setText(suggestion.title)
            self.suggestion_meta.setText(f"{activity.minutes} min · {category}")
            self.suggestion_why.setText(suggestion.why)
        self.suggestion_meta.setVisible(bool(self.suggestion_meta.text()))
        self.suggestion_why.setVisible(bool(self.suggestion_why.text()))
        self.something_else_button.setVisible(len(self._suggestions) > 1)

    def _show_breathing(self) -> None:
        left = self._breathing_left
        total = self._due.breathing_seconds if self._due else 0
        if left > 0:
            inhaling = (total - left) % BREATH_SECONDS < BREATH_IN_SECONDS
            self.breathing_intro.setText("Before you choose, one slow breath together.")
            self.breathing_text.setText("Breathe in…" if inhaling else "…and breathe out.")
            self.breathing_count.setText(f"{left} second{'s' if left != 1 else ''}")
            self.breathing_bar.setValue(left)
        else:
            self.breathing_intro.setText("Thank you. Whatever you choose now is okay.")
        for part in (self.breathing_text, self.breathing_bar, self.breathing_count):
            part.setVisible(left > 0)

    def _show_break_left(self) -> None:
        minutes, seconds = divmod(self._break_left, 60)
        if self._break_left > 0:
            self.timer_heading.setText(f"Enjoy it — {minutes}:{seconds:02d} left")
        else:
            self.timer_heading.setText("That's your break. Welcome back whenever you're ready.")

    def _ask_outcome(self, activity_id: str, lead: str) -> None:
        title = next(
            (s.title for s in self._suggestions if s.activity.id == activity_id),
            "",
        )
        if self.outcome_dialog is not None:
            self.outcome_dialog.finished.disconnect(self._on_outcome_dialog_finished)
            self.outcome_dialog.close()
            self.outcome_dialog.deleteLater()
        self._outcome_for = activity_id
        self.outcome_dialog = OutcomeDialog(title, lead, self)
        self.outcome_dialog.finished.connect(self._on_outcome_dialog_finished)
        self.outcome_dialog.show()

    def _default_button(self) -> QPushButton | None:
        return {
            _Stage.PROMPT: self.take_break_button,
            _Stage.BREAK: self.back_button,
            _Stage.RESULT: self.close_button,
        }.get(self._stage)

    def _set_stage(self, stage: _Stage) -> None:
        self._stage = stage
        self.prompt_page.setVisible(stage is _Stage.PROMPT)
        self.break_page.setVisible(stage is _Stage.BREAK)
        self.result_page.setVisible(stage is _Stage.RESULT)
        if stage is _Stage.HIDDEN:
            self.hide()
            return
        fit_to_wrapped_text(self)
        self.show()
        self.raise_()

    def _finish(self) -> None:
        self._stop_timers()
        self._set_stage(_Stage.HIDDEN)

    def _stop_timers(self) -> None:
        self.breathing_timer.stop()
        self.break_timer.stop()


def _label(text: str = "", scale: float = 1.0, bold: bool = False, quiet: bool = False) -> QLabel:
    """A wrapping label; sizes are relative to the system font, so scaling keeps them readable."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if scale != 1.0 or bold:
        font = label.font()
        font.setPointSizeF(font.pointSizeF() * scale)
        font.setBold(bold)
        label.setFont(font)
    if quiet:
        label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


def _page(lines: Sequence[QLabel], button: QPushButton) -> QWidget:
    """A few lines of text and one button (the default) at the bottom right."""
    page = QWidget()
    button.setDefault(True)
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(button)
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(10)
    for line in lines:
        layout.addWidget(line)
    layout.addLayout(row)
    return page


def _button(text: str, accessible_name: str) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(accessible_name)
    button.setAutoDefault(True)  # Enter presses the focused button, as in a dialog
    return button


def _duration(minutes: int) -> str:
    """``1 minute``, ``30 minutes``, ``1 hour 20 minutes``."""
    hours, rest = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if rest or not hours:
        parts.append(f"{rest} minute{'s' if rest != 1 else ''}")
    return " ".join(parts)
