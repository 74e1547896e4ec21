"""The break card's stages, buttons and keys, shown through :class:`BreakScreens`."""

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
from wellbeing_app.ui.break_card import BreakCard, Stage
from wellbeing_app.ui.break_prompt import SKIP_REASONS, BreakScreens
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
def screens(qtbot: QtBot) -> Iterator[BreakScreens]:
    shown = BreakScreens()
    yield shown
    shown.shutdown()


@pytest.fixture
def card(screens: BreakScreens) -> BreakCard:
    return screens.card


def test_continuous_use_prompt_offers_one_idea_and_all_three_buttons(
    screens: BreakScreens, card: BreakCard, clock: FixedClock
) -> None:
    screens.show_prompt(continuous(clock.now()), SUGGESTIONS, used_minutes=30)
    assert screens.overlay.shown and card.isVisible()
    assert card.heading.text() == "You've been in online communities for 30 minutes"
    assert card.subheading.text() == "Time for a short break?"
    assert card.idea.title.text() == "Walk around the block"
    assert card.idea.meta.text() == "15 min · nature and the outdoors"
    assert card.idea.why.text() == SUGGESTIONS[0].why
    for button in (card.take_break_button, card.snooze_button, card.skip_button):
        assert button.isVisible() and button.isEnabled()
        assert button.accessibleName()
    assert card.take_break_button.isDefault()
    assert not card.reasons.isVisible()


def test_daily_limit_prompt_names_the_limit(
    screens: BreakScreens, card: BreakCard, clock: FixedClock
) -> None:
    due = BreakDue(clock.now(), "daily_limit", "Reddit", 5, limit_minutes=45)
    screens.show_prompt(due, SUGGESTIONS)
    assert card.heading.text() == "You've reached today's limit for Reddit (45 min)"


def test_something_else_cycles_through_the_suggestions(
    screens: BreakScreens, card: BreakCard, clock: FixedClock, qtbot: QtBot
) -> None:
    screens.show_prompt(continuous(clock.now()), SUGGESTIONS)
    titles = []
    for _ in range(4):
        titles.append(card.idea.title.text())
        card.idea.something_else_button.click()
    assert titles == [
        "Walk around the block",
        "Stretch for five minutes",
        "Call someone",
        "Walk around the block",
    ]
    with qtbot.waitSignal(screens.break_taken) as taken:
        card.take_break_button.click()
    assert taken.args == ["stretch"]


def test_something_else_is_hidden_with_a_single_idea_and_none_still_works(
    screens: BreakScreens, card: BreakCard, clock: FixedClock, qtbot: QtBot
) -> None:
    screens.show_prompt(continuous(clock.now()), SUGGESTIONS[:1])
    assert not card.idea.something_else_button.isVisible()
    screens.show_prompt(continuous(clock.now()), [])
    assert card.idea.title.text()
    with qtbot.waitSignal(screens.break_taken) as taken:
        card.take_break_button.click()
    assert taken.args == [""]


def test_take_a_break_shows_a_large_countdown_and_consistent_copy(
    screens: BreakScreens, card: BreakCard, clock: FixedClock, qtbot: QtBot
) -> None:
    screens.show_prompt(continuous(clock.now()), SUGGESTIONS)
    with qtbot.waitSignal(screens.break_taken) as taken:
        card.take_break_button.click()
    assert taken.args == ["walk-around-the-block"]
    assert screens.overlay.shown and card.break_page.isVisible()
    assert not card.prompt_page.isVisible()
    assert card.break_page.countdown.text() == "5:00"
    assert (
        card.break_page.countdown.font().pointSizeF()
        >= 3 * card.break_page.heading.font().pointSizeF() / 1.4
    )
    assert card.break_page.activity.text() == "Walk around the block"
    shown = " ".join(
        label.text()
        for label in (card.break_page.heading, card.break_page.caption, card.break_page.note)
        if label.isVisible()
    )
    assert "watch the clock" not in shown  # a countdown beside "no need to watch the clock"
    card.break_page._on_timer_timeout()
    assert card.break_page.countdown.text() == "4:59"
    for _ in range(5 * 60 - 1):
        card.break_page._on_timer_timeout()
    assert not card.break_page.countdown.isVisible()
    assert card.break_page.heading.text() == "That's your break"
    assert not card.break_timer.isActive()
    with qtbot.waitSignal(screens.returned):
        card.back_button.click()
    assert not screens.overlay.shown


def test_snooze_emits_and_hides(
    screens: BreakScreens, card: BreakCard, clock: FixedClock, qtbot: QtBot
) -> None:
    screens.show_prompt(continuous(clock.now()), SUGGESTIONS)
    with qtbot.waitSignal(screens.snoozed):
        card.snooze_button.click()
    assert not screens.overlay.shown


def test_snooze_is_hidden_when_it_cannot_be_used(
    screens: BreakScreens, card: BreakCard, clock: FixedClock
) -> None:
    screens.show_prompt(continuous(clock.now(), can_snooze=False), SUGGESTIONS)
    assert not card.snooze_button.isVisible()
    assert card.skip_button.isVisible()


@pytest.mark.parametrize("reason", SKIP_REASONS)
def test_skip_asks_for_an_optional_reason(
    screens: BreakScreens, card: BreakCard, clock: FixedClock, qtbot: QtBot, reason: str
) -> None:
    screens.show_prompt(continuous(clock.now()), SUGGESTIONS)
    with qtbot.assertNotEmitted(screens.skipped):
        card.skip_button.click()
    assert card.reasons.isVisible()
    assert not card.skip_button.isVisible()
    with qtbot.waitSignal(screens.skipped) as skipped:
        card.reasons.buttons[reason].click()
    assert skipped.args == [reason]
    assert not screens.overlay.shown


def test_skip_with_own_words_or_none(
    screens: BreakScreens, card: BreakCard, clock: FixedClock, qtbot: QtBot
) -> None:
    screens.show_prompt(continuous(clock.now()), SUGGESTIONS)
    card.skip_button.click()
    qtbot.keyClicks(card.reasons.edit, "  Helping a friend  ")
    with qtbot.waitSignal(screens.skipped) as skipped:
        qtbot.keyClick(card.reasons.edit, Qt.Key.Key_Return)
    assert skipped.args == ["Helping a friend"]

    screens.show_prompt(continuous(clock.now()), SUGGESTIONS)
    assert not card.reasons.isVisible()
    assert card.reasons.edit.text() == ""
    card.skip_button.click()
    with qtbot.waitSignal(screens.skipped) as skipped:
        card.reasons.confirm_button.click()
    assert skipped.args == [""]


def test_closing_a_screen_window_dismisses_the_prompt(
    screens: BreakScreens, clock: FixedClock, qtbot: QtBot
) -> None:
    screens.show_prompt(continuous(clock.now()), SUGGESTIONS)
    with qtbot.waitSignal(screens.dismissed):
        screens.overlay.windows[0].close()  # the window manager's close, e.g. Alt+F4
    assert not screens.overlay.shown


def test_escape_dismisses_and_enter_takes_the_break(
    screens: BreakScreens, card: BreakCard, clock: FixedClock, qtbot: QtBot
) -> None:
    screens.show_prompt(continuous(clock.now()), SUGGESTIONS)
    with qtbot.waitSignal(screens.dismissed):
        qtbot.keyClick(card, Qt.Key.Key_Escape)
    screens.show_prompt(continuous(clock.now()), SUGGESTIONS)
    with qtbot.waitSignal(screens.break_taken):
        qtbot.keyClick(card, Qt.Key.Key_Return)


def test_unlock_after_two_snoozes_keeps_snooze_hidden(
    screens: BreakScreens, card: BreakCard, clock: FixedClock
) -> None:
    screens.show_prompt(continuous(clock.now(), can_skip=False, can_snooze=False), SUGGESTIONS)
    screens.unlock(PromptUnlocked(clock.now(), "continuous_use", "Discord", can_snooze=False))
    assert card.skip_button.isVisible()
    assert not card.snooze_button.isVisible()


def test_breathing_pause_holds_skip_and_escape_for_exactly_its_seconds(
    screens: BreakScreens, card: BreakCard, clock: FixedClock, qtbot: QtBot
) -> None:
    due = continuous(clock.now(), breathing_seconds=BREATHING_SECONDS, snoozes=2)
    screens.show_prompt(due, SUGGESTIONS)
    assert card.breathing_pause.isVisible()
    assert card.breathing_pause.timer.isActive()
    assert card.breathing_pause.text.text() == "Breathe in…"
    for tick in range(BREATHING_SECONDS):
        assert card.breathing
        assert card.skip_button.isVisible() and not card.skip_button.isEnabled()
        with qtbot.assertNotEmitted(screens.skipped), qtbot.assertNotEmitted(screens.dismissed):
            card.skip_button.click()
            qtbot.keyClick(card, Qt.Key.Key_Escape)
        assert screens.overlay.shown
        assert card.breathing_pause.count.text().startswith(f"{BREATHING_SECONDS - tick} second")
        card.breathing_pause._on_timer_timeout()
        if tick == 4:
            assert card.breathing_pause.text.text() == "…and breathe out."
    assert not card.breathing
    assert not card.breathing_pause.timer.isActive()
    assert card.skip_button.isEnabled()
    assert not card.breathing_pause.count.isVisible()
    with qtbot.waitSignal(screens.dismissed):
        qtbot.keyClick(card, Qt.Key.Key_Escape)


def test_breathing_pause_disables_a_snooze_offered_with_it(
    screens: BreakScreens, card: BreakCard, clock: FixedClock
) -> None:
    screens.show_prompt(continuous(clock.now(), breathing_seconds=3), SUGGESTIONS)
    assert card.snooze_button.isVisible() and not card.snooze_button.isEnabled()
    for _ in range(3):
        card.breathing_pause._on_timer_timeout()
    assert card.snooze_button.isEnabled()


def test_take_a_break_is_open_during_the_breathing_pause(
    screens: BreakScreens, card: BreakCard, clock: FixedClock, qtbot: QtBot
) -> None:
    screens.show_prompt(continuous(clock.now(), breathing_seconds=10), SUGGESTIONS)
    with qtbot.waitSignal(screens.break_taken):
        card.take_break_button.click()
    assert not card.breathing_pause.timer.isActive()
    assert card.break_timer.isActive()


def test_a_break_without_an_idea_ends_with_a_kind_word(
    screens: BreakScreens, card: BreakCard, clock: FixedClock, qtbot: QtBot
) -> None:
    screens.show_prompt(continuous(clock.now()), SUGGESTIONS)
    screens.show_break_result(BreakTaken(clock.now(), "continuous_use", "Discord", 300.0))
    assert card.result_heading.text() == "Nice — you took a 5-minute break."
    assert screens.overlay.shown and card.stage is Stage.RESULT
    assert screens.outcome_dialog is None
    card.close_button.click()
    assert not screens.overlay.shown

    screens.show_break_result(BreakCutShort(clock.now(), "continuous_use", "Discord", 40.0))
    assert card.result_heading.text() == "Back already? That's okay."
    qtbot.keyClick(card, Qt.Key.Key_Escape)
    assert not screens.overlay.shown


def test_a_break_with_an_idea_asks_how_it_went(
    screens: BreakScreens, card: BreakCard, clock: FixedClock, qtbot: QtBot
) -> None:
    screens.show_prompt(continuous(clock.now()), SUGGESTIONS)
    card.take_break_button.click()
    screens.show_break_result(
        BreakCutShort(clock.now(), "continuous_use", "Discord", 120.0, "walk-around-the-block")
    )
    dialog = screens.outcome_dialog
    assert dialog is not None and dialog.isVisible()
    assert not screens.overlay.shown
    assert "Back already?" in dialog.lead.text()
    assert "Walk around the block" in dialog.activity.text()
    dialog.done_group.button(1).click()
    dialog.faces.button(4).click()
    dialog.helped_group.button(1).click()
    with qtbot.waitSignal(screens.outcome_answered) as answered:
        dialog.save_button.click()
    assert answered.args == ["walk-around-the-block", OutcomeAnswer(True, 4, True)]
    assert screens.outcome_dialog is None


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
