"""The break screens: prompts, the break itself and the follow-up, one at a time, never stacked.

:class:`BreakScreens` is what the app talks to. It shows a
:class:`~wellbeing_app.ui.break_card.BreakCard` on a
:class:`~wellbeing_app.ui.break_overlay.BreakOverlay` (every screen dimmed, the card in the
middle of one), and after a break with a chosen idea asks "How did it go?"
(:class:`~wellbeing_app.ui.outcome_dialog.OutcomeDialog`).

**One at a time.** Whatever comes while something shows waits in a
:class:`~wellbeing_app.ui.break_queue.BreakQueue` and is shown when it closes: a limit prompt
never opens on top of the last break's follow-up. A newer prompt for the break on the card
(same kind and target) updates the card in place instead of waiting.

**The follow-up waits for the break.** When the scheduler says the break was taken while the
countdown still runs (time away before "Take a break" can count), the result waits until the
countdown ends or the person says "I'm back". A break cut short ends it at once.

Strictness is the scheduler's: the card hides Skip and "5 more minutes" and refuses Escape
while a prompt is strict-locked or in its breathing pause. Only what the person pressed is
reported; the scheduler decides what that means.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QCursor, QGuiApplication

from wellbeing_app.core.breaks import BreakCutShort, BreakDue, BreakTaken, PromptUnlocked
from wellbeing_app.core.suggestions import Suggestion
from wellbeing_app.ui.activity_models import suggestion_title
from wellbeing_app.ui.break_card import BreakCard, Stage
from wellbeing_app.ui.break_overlay import BreakOverlay
from wellbeing_app.ui.break_parts import SKIP_REASONS
from wellbeing_app.ui.break_queue import (
    BreakQueue,
    Waiting,
    WaitingPrompt,
    WaitingResult,
    same_break,
)
from wellbeing_app.ui.i18n import QT_TRANSLATE_NOOP, shown_number
from wellbeing_app.ui.outcome_dialog import OutcomeDialog

__all__ = ["SKIP_REASONS", "BreakScreens"]

# The line on the screens around the card: English sources, translated where shown.
_LINES = {
    Stage.PROMPT: QT_TRANSLATE_NOOP("BreakScreens", "Time for a short break"),
    Stage.BREAK: QT_TRANSLATE_NOOP("BreakScreens", "On a break"),
    Stage.RESULT: QT_TRANSLATE_NOOP("BreakScreens", "Welcome back"),
}


class BreakScreens(QObject):
    """Shows break prompts and results and reports the person's choices through its signals.

    Signals:
        break_taken(activity_id): "Take a break"; ``""`` when no idea was on offer.
        snoozed: "5 more minutes".
        skipped(reason): "Skip", with the reason picked or typed (``""`` for none).
        dismissed: Escape (or the window manager's close) while a prompt showed.
        returned: "I'm back" (or Escape) during the break.
        outcome_answered(activity_id, OutcomeAnswer): the follow-up after a break was saved.
    """

    break_taken = Signal(str)
    snoozed = Signal()
    skipped = Signal(str)
    dismissed = Signal()
    returned = Signal()
    outcome_answered = Signal(str, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.card = BreakCard()
        self.overlay = BreakOverlay(self.card, self)
        self.queue = BreakQueue()
        self.outcome_dialog: OutcomeDialog | None = None
        self._outcome_for = ""
        self._ended: WaitingResult | None = None  # the card's break ended; shown when it's over
        card = self.card
        card.break_taken.connect(self._on_card_break_taken)
        card.snoozed.connect(self._on_card_snoozed)
        card.skipped.connect(self._on_card_skipped)
        card.dismissed.connect(self._on_card_dismissed)
        card.returned.connect(self._on_card_returned)
        card.break_over.connect(self._on_card_break_over)
        card.closed.connect(self._on_card_closed)

    # ------------------------------------------------------------------------------- the API

    @property
    def busy(self) -> bool:
        """Something is on screen (the overlay or the follow-up)."""
        return self.overlay.shown or self.outcome_dialog is not None

    def show_prompt(
        self, due: BreakDue, suggestions: Sequence[Suggestion], used_minutes: int | None = None
    ) -> None:
        """Shows a break prompt now, or when what is on screen closes.

        Args:
            due: the scheduler's prompt.
            suggestions: offline ideas; the first is shown, "Something else" cycles.
            used_minutes: for continuous use, the minutes of use so far (else "a while").
        """
        prompt = WaitingPrompt(due, tuple(suggestions), used_minutes)
        on_card = self.card.due
        if (
            self.card.stage is Stage.PROMPT
            and on_card is not None
            and same_break(on_card, due.kind, due.target)
        ):
            self._show(prompt)  # the same break again: the card shows the newer state
        elif self.busy:
            self.queue.add_prompt(prompt)
        else:
            self._show(prompt)

    def unlock(self, update: PromptUnlocked) -> None:
        """Strict mode is over for a prompt: Skip (and maybe snooze) are allowed."""
        on_card = self.card.due
        if (
            self.card.stage is Stage.PROMPT
            and on_card is not None
            and same_break(on_card, update.kind, update.target)
        ):
            self.card.unlock(update.can_snooze)
        else:
            self.queue.unlock(update)

    def show_break_result(self, update: BreakTaken | BreakCutShort) -> None:
        """A kind word about the break that ended, or the follow-up if an idea was chosen."""
        waiting = self.queue.prompt_for(update.kind, update.target)
        ideas = waiting.suggestions if waiting is not None else ()
        title = next(
            (suggestion_title(s) for s in ideas if s.activity.id == update.activity_id), ""
        )
        result = WaitingResult(update, title or self.card.idea.title_of(update.activity_id))
        on_card = self.card.due
        about_card = (
            self.card.stage in (Stage.PROMPT, Stage.BREAK)
            and on_card is not None
            and same_break(on_card, update.kind, update.target)
        )
        if about_card:
            if (
                self.card.stage is Stage.BREAK
                and isinstance(update, BreakTaken)
                and self.card.break_left > 0
            ):
                self._ended = result  # the countdown still runs: the result waits for it
                return
            self._close_card()
            self._show(result)
        elif self.busy:
            self.queue.add_result(result)
        else:
            self._show(result)

    @property
    def current_suggestion(self) -> Suggestion | None:
        return self.card.current_suggestion

    def shutdown(self) -> None:
        """The app is quitting: no timer runs, nothing waits, every window goes."""
        self.queue.clear()
        self._ended = None
        self.card.stop()
        if self.outcome_dialog is not None:
            self.outcome_dialog.finished.disconnect(self._on_outcome_dialog_finished)
            self.outcome_dialog.close()
            self.outcome_dialog.deleteLater()
            self.outcome_dialog = None
        self.overlay.shutdown()

    # -------------------------------------------------------------------------------- slots

    def _on_card_break_taken(self, activity_id: str) -> None:
        self.overlay.set_line(self.tr(_LINES[Stage.BREAK]))
        self.card.back_button.setFocus()
        self.break_taken.emit(activity_id)

    def _on_card_snoozed(self) -> None:
        self._close_card()
        self.snoozed.emit()
        self._next()

    def _on_card_skipped(self, reason: str) -> None:
        self._close_card()
        self.skipped.emit(reason)
        self._next()

    def _on_card_dismissed(self) -> None:
        self._close_card()
        self.dismissed.emit()
        self._next()

    def _on_card_returned(self) -> None:
        self._close_card()
        self.returned.emit()
        self._show_ended_or_next()

    def _on_card_break_over(self) -> None:
        if self._ended is not None:
            self._close_card()
            self._show_ended_or_next()

    def _on_card_closed(self) -> None:
        self._close_card()
        self._next()

    def _on_outcome_dialog_finished(self, _result: int) -> None:
        dialog = self.outcome_dialog
        if dialog is None:
            return
        self.outcome_dialog = None
        dialog.deleteLater()
        answer = dialog.outcome()
        if answer is not None:
            self.outcome_answered.emit(self._outcome_for, answer)
        self._next()

    # ---------------------------------------------------------------------------- helpers

    def _show(self, item: Waiting) -> None:
        if isinstance(item, WaitingPrompt):
            self.card.show_prompt(item.due, item.suggestions, item.used_minutes)
            self.overlay.show(self.tr(_LINES[Stage.PROMPT]))
            return
        update = item.update
        if isinstance(update, BreakTaken):
            minutes = max(1, round(update.away_seconds / 60))
            heading = self.tr("Nice — you took a {minutes}-minute break.").format(
                minutes=shown_number(minutes)
            )
            text = self.tr("Welcome back.")
        else:
            heading = self.tr("Back already? That's okay.")
            text = self.tr("Every pause counts, even a short one.")
        if update.activity_id:
            self._ask_outcome(update.activity_id, item.title, heading)
        else:
            self.card.show_result(heading, text)
            self.overlay.show(self.tr(_LINES[Stage.RESULT]))

    def _ask_outcome(self, activity_id: str, title: str, lead: str) -> None:
        self._outcome_for = activity_id
        dialog = OutcomeDialog(title, lead)
        dialog.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint)
        dialog.finished.connect(self._on_outcome_dialog_finished)
        self.outcome_dialog = dialog
        screen = QGuiApplication.screenAt(QCursor.pos()) or QGuiApplication.primaryScreen()
        dialog.setScreen(screen)
        dialog.show()
        frame = dialog.frameGeometry()
        frame.moveCenter(screen.availableGeometry().center())
        dialog.move(frame.topLeft())

    def _close_card(self) -> None:
        self.card.stop()
        self.overlay.hide()

    def _show_ended_or_next(self) -> None:
        ended, self._ended = self._ended, None
        if ended is not None and not self.busy:
            self._show(ended)
        elif ended is not None:
            self.queue.add_result(ended)
        else:
            self._next()

    def _next(self) -> None:
        if self.busy:
            return
        item = self.queue.pop()
        if item is not None:
            self._show(item)
