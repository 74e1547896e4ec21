from collections.abc import Iterator
from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from wellbeing_app.core.activities import Activity
from wellbeing_app.core.breaks import (
    BREATHING_SECONDS,
    BreakCutShort,
    BreakDue,
    BreakTaken,
    PromptUnlocked,
)
from wellbeing_app.core.clock import FixedClock
from wellbeing_app.core.suggestions import Suggestion
from wellbeing_app.ui.break_prompt import SKIP_REASONS, BreakPromptWindow
from wellbeing_app.ui.outcome_dialog import OutcomeAnswer, OutcomeDialog

WALK = Activity("walk-around-the-block", "Walk around the block", "nature", 15)
STRETCH = Activity("stretch", "Stretch for five minutes", "movement", 5)
CALL = Activity("call-someone", "Call someone", "friends-family", 10, person_title="Call {person}")

SUGGESTIONS = (
    Suggestion(WALK, "Fresh air helps after a long stretch online.", 0.9),
    Suggestion(STRETCH, "Quick and good for your back.", 0.7),
    Suggestion(CALL, "Talking helped you before.", 0.5),
)


def continuous(at: datetime, **changes: object) -> BreakDue:
    fields: dict[str, object] = {"at": at, "kind": "continuous_use", "target": "Discord"}
    fields["break_minutes"] = 5
    fields.update(changes)
    return BreakDue(**fields)  # type: ignore[arg-type]


@pytest.fixture
def window(qtbot: QtBot) -> Iterator[BreakPromptWindow]:
    prompt = BreakPromptWindow()
    qtbot.addWidget(prompt)
    yield prompt
    prompt.hide()


def test_window_stays_on_top_without_taking_focus(window: BreakPromptWindow) -> None:
    flags = window.windowFlags()
    assert flags & Qt.WindowType.WindowStaysOnTopHint
    assert flags & Qt.WindowType.Window
    assert window.testAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    assert window.windowTitle()


def test_continuous_use_prompt_offers_one_idea_and_all_three_buttons(
    window: BreakPromptWindow, clock: FixedClock
) -> None:
    window.show_prompt(continuous(clock.now()), SUGGESTIONS, used_minutes=30)
    assert window.isVisible()
    assert window.heading.text() == "You've been in online communities for 30 minutes"
    assert window.subheading.text() == "Time for a short break?"
    assert window.suggestion_title.text() == "Walk around the block"
    assert window.suggestion_meta.text() == "15 min · nature and the outdoors"
    assert window.suggestion_why.text() == SUGGESTIONS[0].why
    for button in (window.take_break_button, window.snooze_button, window.skip_button):
        assert button.isVisible() and button.isEnabled()
        assert button.accessibleName()
    assert window.take_break_button.isDefault()
    assert not window.reason_panel.isVisible()


def test_daily_limit_prompt_names_the_limit(window: BreakPromptWindow, clock: FixedClock) -> None:
    due = BreakDue(clock.now(), "daily_limit", "Reddit", 5, limit_minutes=45)
    window.show_prompt(due, SUGGESTIONS)
    assert window.heading.text() == "You've reached today's limit for Reddit (45 min)"


def test_something_else_cycles_through_the_suggestions(
    window: BreakPromptWindow, clock: FixedClock, qtbot: QtBot
) -> None:
    window.show_prompt(continuous(clock.now()), SUGGESTIONS)
    titles = []
    for _ in range(4):
        titles.append(window.suggestion_title.text())
        window.something_else_button.click()
    assert titles == [
        "Walk around the block",
        "Stretch for five minutes",
        "Call someone",
        "Walk around the block",
    ]
    with qtbot.waitSignal(window.break_taken) as taken:
        window.take_break_button.click()
    assert taken.args == ["stretch"]


def test_something_else_is_hidden_with_a_single_idea_and_none_still_works(
    window: BreakPromptWindow, clock: FixedClock, qtbot: QtBot
) -> None:
    window.show_prompt(continuous(clock.now()), SUGGESTIONS[:1])
    assert not window.something_else_button.isVisible()
    window.show_prompt(continuous(clock.now()), [])
    assert window.suggestion_title.text()
    with qtbot.waitSignal(window.break_taken) as taken:
        window.take_break_button.click()
    assert taken.args == [""]


def test_take_a_break_emits_the_activity_and_counts_down(
    window: BreakPromptWindow, clock: FixedClock, qtbot: QtBot
) -> None:
    window.show_prompt(continuous(clock.now()), SUGGESTIONS)
    with qtbot.waitSignal(window.break_taken) as taken:
        window.take_break_button.click()
    assert taken.args == ["walk-around-the-block"]
    assert window.isVisible() and window.break_page.isVisible()
    assert not window.prompt_page.isVisible()
    assert window.timer_heading.text() == "Enjoy it — 5:00 left"
    assert window.timer_activity.text() == "Walk around the block"
    window._on_break_timer_timeout()
    assert window.timer_heading.text() == "Enjoy it — 4:59 left"
    for _ in range(5 * 60 - 1):
        window._on_break_timer_timeout()
    assert "left" not in window.timer_heading.text()
    assert not window.break_timer.isActive()
    with qtbot.waitSignal(window.returned):
        window.back_button.click()
    assert not window.isVisible()


def test_snooze_emits_and_hides(window: BreakPromptWindow, clock: FixedClock, qtbot: QtBot) -> None:
    window.show_prompt(continuous(clock.now()), SUGGESTIONS)
    with qtbot.waitSignal(window.snoozed):
        window.snooze_button.click()
    assert not window.isVisible()


def test_snooze_is_hidden_when_it_cannot_be_used(
    window: BreakPromptWindow, clock: FixedClock
) -> None:
    window.show_prompt(continuous(clock.now(), can_snooze=False), SUGGESTIONS)
    assert not window.snooze_button.isVisible()
    assert window.skip_button.isVisible()


@pytest.mark.parametrize("reason", SKIP_REASONS)
def test_skip_asks_for_an_optional_reason(
    window: BreakPromptWindow, clock: FixedClock, qtbot: QtBot, reason: str
) -> None:
    window.show_prompt(continuous(clock.now()), SUGGESTIONS)
    with qtbot.assertNotEmitted(window.skipped):
        window.skip_button.click()
    assert window.reason_panel.isVisible()
    assert not window.skip_button.isVisible()
    with qtbot.waitSignal(window.skipped) as skipped:
        window.reason_buttons[reason].click()
    assert skipped.args == [reason]
    assert not window.isVisible()


def test_skip_with_own_words_or_none(
    window: BreakPromptWindow, clock: FixedClock, qtbot: QtBot
) -> None:
    window.show_prompt(continuous(clock.now()), SUGGESTIONS)
    window.skip_button.click()
    qtbot.keyClicks(window.reason_edit, "  Helping a friend  ")
    with qtbot.waitSignal(window.skipped) as skipped:
        qtbot.keyClick(window.reason_edit, Qt.Key.Key_Return)
    assert skipped.args == ["Helping a friend"]

    window.show_prompt(continuous(clock.now()), SUGGESTIONS)
    assert not window.reason_panel.isVisible()
    assert window.reason_edit.text() == ""
    window.skip_button.click()
    with qtbot.waitSignal(window.skipped) as skipped:
        window.skip_confirm_button.click()
    assert skipped.args == [""]


def test_closing_the_window_dismisses_the_prompt(
    window: BreakPromptWindow, clock: FixedClock, qtbot: QtBot
) -> None:
    window.show_prompt(continuous(clock.now()), SUGGESTIONS)
    with qtbot.waitSignal(window.dismissed):
        assert window.close()
    assert not window.isVisible()


def test_escape_dismisses_and_enter_takes_the_break(
    window: BreakPromptWindow, clock: FixedClock, qtbot: QtBot
) -> None:
    window.show_prompt(continuous(clock.now()), SUGGESTIONS)
    with qtbot.waitSignal(window.dismissed):
        qtbot.keyClick(window, Qt.Key.Key_Escape)
    window.show_prompt(continuous(clock.now()), SUGGESTIONS)
    with qtbot.waitSignal(window.break_taken):
        qtbot.keyClick(window, Qt.Key.Key_Return)


def test_strict_mode_hides_skip_and_snooze_until_unlocked(
    window: BreakPromptWindow, clock: FixedClock, qtbot: QtBot
) -> None:
    due = continuous(clock.now(), can_skip=False, can_snooze=False)
    window.show_prompt(due, SUGGESTIONS)
    assert not window.skip_button.isVisible()
    assert not window.snooze_button.isVisible()
    assert window.strict_note.isVisible()
    with qtbot.assertNotEmitted(window.dismissed):
        assert not window.close()
    assert window.isVisible()

    window.unlock(PromptUnlocked(clock.now(), "continuous_use", "Discord", can_snooze=True))
    assert window.skip_button.isVisible() and window.skip_button.isEnabled()
    assert window.snooze_button.isVisible() and window.snooze_button.isEnabled()
    assert not window.strict_note.isVisible()
    with qtbot.waitSignal(window.snoozed):
        window.snooze_button.click()


def test_unlock_after_two_snoozes_keeps_snooze_hidden(
    window: BreakPromptWindow, clock: FixedClock
) -> None:
    window.show_prompt(continuous(clock.now(), can_skip=False, can_snooze=False), SUGGESTIONS)
    window.unlock(PromptUnlocked(clock.now(), "continuous_use", "Discord", can_snooze=False))
    assert window.skip_button.isVisible()
    assert not window.snooze_button.isVisible()


def test_breathing_pause_holds_skip_and_close_for_exactly_its_seconds(
    window: BreakPromptWindow, clock: FixedClock, qtbot: QtBot
) -> None:
    due = continuous(clock.now(), breathing_seconds=BREATHING_SECONDS, snoozes=2)
    window.show_prompt(due, SUGGESTIONS)
    assert window.breathing_panel.isVisible()
    assert window.breathing_timer.isActive()
    assert window.breathing_text.text() == "Breathe in…"
    for tick in range(BREATHING_SECONDS):
        assert window.breathing
        assert window.skip_button.isVisible() and not window.skip_button.isEnabled()
        with qtbot.assertNotEmitted(window.skipped), qtbot.assertNotEmitted(window.dismissed):
            window.skip_button.click()
            assert not window.close()
        assert window.breathing_count.text().startswith(f"{BREATHING_SECONDS - tick} second")
        window._on_breathing_timer_timeout()
        if tick == 4:
            assert window.breathing_text.text() == "…and breathe out."
    assert not window.breathing
    assert not window.breathing_timer.isActive()
    assert window.skip_button.isEnabled()
    assert not window.breathing_count.isVisible()
    with qtbot.waitSignal(window.dismissed):
        assert window.close()


def test_breathing_pause_disables_a_snooze_offered_with_it(
    window: BreakPromptWindow, clock: FixedClock
) -> None:
    window.show_prompt(continuous(clock.now(), breathing_seconds=3), SUGGESTIONS)
    assert window.snooze_button.isVisible() and not window.snooze_button.isEnabled()
    for _ in range(3):
        window._on_breathing_timer_timeout()
    assert window.snooze_button.isEnabled()


def test_take_a_break_is_open_during_the_breathing_pause(
    window: BreakPromptWindow, clock: FixedClock, qtbot: QtBot
) -> None:
    window.show_prompt(continuous(clock.now(), breathing_seconds=10), SUGGESTIONS)
    with qtbot.waitSignal(window.break_taken):
        window.take_break_button.click()
    assert not window.breathing_timer.isActive()
    assert window.break_timer.isActive()


def test_a_break_without_an_idea_ends_with_a_kind_word(
    window: BreakPromptWindow, clock: FixedClock
) -> None:
    window.show_prompt(continuous(clock.now()), SUGGESTIONS)
    window.show_break_result(BreakTaken(clock.now(), "continuous_use", "Discord", 300.0))
    assert window.result_heading.text() == "Nice — you took a 5-minute break."
    assert window.isVisible() and window.result_page.isVisible()
    assert window.outcome_dialog is None
    window.close_button.click()
    assert not window.isVisible()

    window.show_break_result(BreakCutShort(clock.now(), "continuous_use", "Discord", 40.0))
    assert window.result_heading.text() == "Back already? That's okay."


def test_a_break_with_an_idea_asks_how_it_went(
    window: BreakPromptWindow, clock: FixedClock, qtbot: QtBot
) -> None:
    window.show_prompt(continuous(clock.now()), SUGGESTIONS)
    window.take_break_button.click()
    window.show_break_result(
        BreakCutShort(clock.now(), "continuous_use", "Discord", 120.0, "walk-around-the-block")
    )
    dialog = window.outcome_dialog
    assert dialog is not None and dialog.isVisible()
    assert not window.isVisible()
    assert "Back already?" in dialog.lead.text()
    assert "Walk around the block" in dialog.activity.text()
    dialog.done_group.button(1).click()
    dialog.faces.button(4).click()
    dialog.helped_group.button(1).click()
    with qtbot.waitSignal(window.outcome_answered) as answered:
        dialog.save_button.click()
    assert answered.args == ["walk-around-the-block", OutcomeAnswer(True, 4, True)]


def test_outcome_dialog_needs_an_answer_to_did_you_do_it(qtbot: QtBot) -> None:
    dialog = OutcomeDialog("Walk around the block")
    qtbot.addWidget(dialog)
    assert not dialog.save_button.isEnabled()
    dialog.done_group.button(1).click()
    assert dialog.save_button.isEnabled()
    dialog.save_button.click()
    assert dialog.outcome() == OutcomeAnswer(True, None, None)


def test_outcome_dialog_returns_the_chosen_values(qtbot: QtBot) -> None:
    dialog = OutcomeDialog("Walk around the block", "Nice — you took a 5-minute break.")
    qtbot.addWidget(dialog)
    dialog.done_group.button(1).click()
    dialog.faces.button(2).click()
    dialog.faces.button(5).click()  # one face at most
    dialog.helped_group.button(0).click()
    dialog.save_button.click()
    answer = dialog.outcome()
    assert answer == OutcomeAnswer(done=True, mood_after=5, helped=False)
    outcome = answer.to_outcome("walk-around-the-block", mood_before=3)
    assert outcome.verdict == "not_helped"


def test_outcome_dialog_not_done_cannot_have_helped(qtbot: QtBot) -> None:
    dialog = OutcomeDialog()
    qtbot.addWidget(dialog)
    dialog.done_group.button(1).click()
    dialog.helped_group.button(1).click()
    dialog.faces.button(3).click()
    dialog.faces.button(3).click()  # a second click clears the face
    dialog.done_group.button(0).click()
    assert not dialog.helped_group.button(1).isChecked()
    assert not dialog.helped_group.button(1).isEnabled()
    dialog.save_button.click()
    assert dialog.outcome() == OutcomeAnswer(False, None, None)


def test_outcome_dialog_closed_without_answer(qtbot: QtBot) -> None:
    dialog = OutcomeDialog()
    qtbot.addWidget(dialog)
    dialog.done_group.button(0).click()
    dialog.later_button.click()
    assert dialog.outcome() is None
