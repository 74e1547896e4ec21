"""Break screens people notice: an overlay on every screen, one thing at a time, strict rules kept,
and nothing left running after they close."""

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.test_break_prompt import SUGGESTIONS, continuous
from wellbeing_app.core.breaks import BreakCutShort, BreakDue, BreakTaken, PromptUnlocked
from wellbeing_app.core.clock import FixedClock
from wellbeing_app.ui.break_card import Stage
from wellbeing_app.ui.break_prompt import BreakScreens
from wellbeing_app.ui.outcome_dialog import OutcomeDialog

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def screens(qtbot: QtBot) -> Iterator[BreakScreens]:
    shown = BreakScreens()
    yield shown
    shown.shutdown()


def limit(clock: FixedClock, target: str = "Reddit", **changes: object) -> BreakDue:
    fields: dict[str, object] = {"limit_minutes": 30, **changes}
    return BreakDue(clock.now(), "daily_limit", target, 5, **fields)  # type: ignore[arg-type]


def taken_with_walk(clock: FixedClock, away: float = 300.0) -> BreakTaken:
    return BreakTaken(clock.now(), "continuous_use", "Discord", away, "walk-around-the-block")


def answer_later(dialog: OutcomeDialog | None) -> None:
    assert dialog is not None and dialog.isVisible()
    dialog.later_button.click()


# ------------------------------------------------------------------------------ the overlay


def test_the_overlay_is_a_frameless_window_covering_each_screen(
    screens: BreakScreens, clock: FixedClock
) -> None:
    screens.show_prompt(continuous(clock.now()), SUGGESTIONS)
    windows = screens.overlay.windows
    assert len(windows) == len(QGuiApplication.screens())
    for window in windows:
        assert window.isVisible() and window.isWindow()
        flags = window.windowFlags()
        assert flags & Qt.WindowType.FramelessWindowHint
        assert flags & Qt.WindowType.WindowStaysOnTopHint
        assert window.geometry() == window.screen_covered.geometry()
        assert window.windowOpacity() < 1.0  # the desktop shows through, dimmed
    card_window = screens.card.window()
    assert card_window in windows
    assert screens.card.geometry().center() == card_window.rect().center() or (
        abs(screens.card.geometry().center().x() - card_window.rect().center().x()) <= 1
    )


def test_the_keyboard_focus_goes_to_the_card(
    screens: BreakScreens, clock: FixedClock, qtbot: QtBot
) -> None:
    screens.show_prompt(continuous(clock.now()), SUGGESTIONS)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is screens.card)


def test_several_screens_each_get_a_window_and_follow_changes(tmp_path: Path) -> None:
    config = tmp_path / "screens.json"
    layout = [("Left", 0, 0, 1366, 768), ("Right", 1366, 0, 1920, 1080)]
    config.write_text(
        json.dumps(
            {
                "screens": [
                    {"name": name, "x": x, "y": y, "width": w, "height": h, "logicalDpi": 96}
                    for name, x, y, w, h in layout
                ]
            }
        )
    )
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}"}
    done = subprocess.run(
        [sys.executable, "-m", "tests.ui.break_overlay_screens"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout)
    assert seen["screens"] == ["Left", "Right"]
    shown = seen["shown"]
    assert [window["screen"] for window in shown] == ["Left", "Right"]
    for window in shown:
        assert window["visible"] and window["window"] == window["covers"]
    assert [window["card"] for window in shown].count(True) == 1
    others = [window for window in shown if not window["card"]]
    assert all(window["line"] == "Time for a short break" for window in others)

    left = [window for window in seen["after_removal"]]
    assert [window["screen"] for window in left] == [
        name for name in ("Left", "Right") if name != seen["removed"]
    ]
    assert left[0]["card"] and left[0]["window"] == left[0]["covers"]
    back = seen["after_adding"]
    assert sorted(window["screen"] for window in back) == ["Left", "Right"]
    assert all(window["visible"] and window["window"] == window["covers"] for window in back)
    assert [window["card"] for window in back].count(True) == 1
    assert seen["closed"] == []


# ---------------------------------------------------------------------------- one at a time


def test_a_second_prompt_waits_and_is_shown_after_the_first_closes(
    screens: BreakScreens, clock: FixedClock, qtbot: QtBot
) -> None:
    screens.show_prompt(continuous(clock.now()), SUGGESTIONS, used_minutes=45)
    screens.show_prompt(limit(clock), SUGGESTIONS)
    card = screens.card
    assert card.heading.text() == "You've been in online communities for 45 minutes"
    assert len(screens.queue) == 1
    assert len(screens.overlay.windows) == len(QGuiApplication.screens())  # not stacked

    with qtbot.waitSignal(screens.snoozed):
        card.snooze_button.click()
    assert screens.overlay.shown
    assert card.stage is Stage.PROMPT
    assert card.heading.text() == "You've reached today's limit for Reddit (30 min)"
    assert len(screens.queue) == 0


def test_a_newer_prompt_for_the_same_break_updates_the_card_instead_of_waiting(
    screens: BreakScreens, clock: FixedClock
) -> None:
    screens.show_prompt(limit(clock, can_skip=False, can_snooze=False), SUGGESTIONS)
    assert not screens.card.skip_button.isVisible()
    screens.show_prompt(limit(clock), SUGGESTIONS)
    assert len(screens.queue) == 0
    assert screens.card.skip_button.isVisible()


def test_a_limit_prompt_waits_for_the_last_breaks_follow_up(
    screens: BreakScreens, clock: FixedClock, qtbot: QtBot
) -> None:
    screens.show_prompt(continuous(clock.now()), SUGGESTIONS)
    screens.card.take_break_button.click()
    screens.show_break_result(
        BreakCutShort(clock.now(), "continuous_use", "Discord", 90.0, "walk-around-the-block")
    )
    follow_up = screens.outcome_dialog
    assert follow_up is not None and follow_up.isVisible()

    screens.show_prompt(limit(clock), SUGGESTIONS)
    assert not screens.overlay.shown  # not over the follow-up
    assert follow_up.isVisible()  # and the follow-up is not pushed under it

    answer_later(follow_up)
    assert screens.outcome_dialog is None
    assert screens.overlay.shown
    assert screens.card.heading.text() == "You've reached today's limit for Reddit (30 min)"


def test_a_waiting_prompt_unlocked_by_the_scheduler_shows_unlocked(
    screens: BreakScreens, clock: FixedClock
) -> None:
    screens.show_prompt(continuous(clock.now()), SUGGESTIONS)
    screens.show_prompt(limit(clock, can_skip=False, can_snooze=False), SUGGESTIONS)
    screens.unlock(PromptUnlocked(clock.now(), "daily_limit", "Reddit", can_snooze=True))
    assert screens.card.heading.text().startswith("You've been in online communities")
    screens.card.leave()
    assert screens.card.heading.text().startswith("You've reached today's limit")
    assert screens.card.skip_button.isVisible() and screens.card.snooze_button.isVisible()


def test_a_break_that_ended_before_its_waiting_prompt_was_seen_replaces_it(
    screens: BreakScreens, clock: FixedClock
) -> None:
    screens.show_prompt(continuous(clock.now()), SUGGESTIONS)
    screens.show_prompt(limit(clock), SUGGESTIONS)
    screens.show_break_result(BreakTaken(clock.now(), "daily_limit", "Reddit", 300.0))
    assert len(screens.queue) == 1
    screens.card.leave()
    assert screens.card.stage is Stage.RESULT
    assert screens.card.result_heading.text() == "Nice — you took a 5-minute break."


# ------------------------------------------------------------------- the follow-up waits


def test_the_follow_up_waits_until_the_countdown_is_over(
    screens: BreakScreens, clock: FixedClock
) -> None:
    screens.show_prompt(continuous(clock.now()), SUGGESTIONS)
    card = screens.card
    card.take_break_button.click()
    for _ in range(60):
        card.break_page._on_timer_timeout()
    # The scheduler counts the break as taken (time away before "Take a break" counts too).
    screens.show_break_result(taken_with_walk(clock))
    assert screens.outcome_dialog is None
    assert card.stage is Stage.BREAK and card.break_page.countdown.text() == "4:00"

    for _ in range(4 * 60):
        card.break_page._on_timer_timeout()
    assert not screens.overlay.shown
    answer_later(screens.outcome_dialog)


def test_im_back_ends_the_break_and_then_asks(screens: BreakScreens, clock: FixedClock) -> None:
    screens.show_prompt(continuous(clock.now()), SUGGESTIONS)
    screens.card.take_break_button.click()
    screens.show_break_result(taken_with_walk(clock))
    assert screens.outcome_dialog is None
    screens.card.back_button.click()
    assert not screens.overlay.shown
    follow_up = screens.outcome_dialog
    assert follow_up is not None and "Walk around the block" in follow_up.activity.text()
    answer_later(follow_up)


# ------------------------------------------------------------------------------ strictness


def test_strict_mode_refuses_escape_skip_and_the_window_close(
    screens: BreakScreens, clock: FixedClock, qtbot: QtBot
) -> None:
    screens.show_prompt(continuous(clock.now(), can_skip=False, can_snooze=False), SUGGESTIONS)
    card = screens.card
    assert not card.skip_button.isVisible() and not card.snooze_button.isVisible()
    assert card.strict_note.isVisible()
    assert "Esc" not in card.keys_hint.text()
    with (
        qtbot.assertNotEmitted(screens.dismissed),
        qtbot.assertNotEmitted(screens.skipped),
        qtbot.assertNotEmitted(screens.snoozed),
    ):
        qtbot.keyClick(card, Qt.Key.Key_Escape)
        card.skip_button.click()
        card.snooze_button.click()
        for window in screens.overlay.windows:
            qtbot.keyClick(window, Qt.Key.Key_Escape)
            window.close()
    assert screens.overlay.shown and card.stage is Stage.PROMPT
    assert all(window.isVisible() for window in screens.overlay.windows)

    screens.unlock(PromptUnlocked(clock.now(), "continuous_use", "Discord", can_snooze=True))
    assert not card.strict_note.isVisible()
    assert "Esc" in card.keys_hint.text()
    with qtbot.waitSignal(screens.dismissed):
        qtbot.keyClick(card, Qt.Key.Key_Escape)
    assert not screens.overlay.shown


def test_strict_mode_still_lets_the_break_be_taken(
    screens: BreakScreens, clock: FixedClock, qtbot: QtBot
) -> None:
    screens.show_prompt(continuous(clock.now(), can_skip=False, can_snooze=False), SUGGESTIONS)
    with qtbot.waitSignal(screens.break_taken):
        qtbot.keyClick(screens.card, Qt.Key.Key_Return)
    assert screens.card.stage is Stage.BREAK


def test_a_non_strict_prompt_is_dismissed_with_escape_on_any_screen(
    screens: BreakScreens, clock: FixedClock, qtbot: QtBot
) -> None:
    screens.show_prompt(continuous(clock.now()), SUGGESTIONS)
    with qtbot.waitSignal(screens.dismissed):
        qtbot.keyClick(screens.overlay.windows[-1], Qt.Key.Key_Escape)
    assert not screens.overlay.shown


# ------------------------------------------------------------------------ nothing left over


def test_nothing_runs_after_the_screens_close(
    screens: BreakScreens, clock: FixedClock, qtbot: QtBot
) -> None:
    card = screens.card
    screens.show_prompt(continuous(clock.now(), breathing_seconds=10), SUGGESTIONS)
    assert card.breathing_pause.timer.isActive()
    card.take_break_button.click()
    assert card.break_timer.isActive() and not card.breathing_pause.timer.isActive()
    with qtbot.waitSignal(screens.returned):
        qtbot.keyClick(card, Qt.Key.Key_Escape)
    assert not card.break_timer.isActive()
    assert card.stage is Stage.HIDDEN and not screens.overlay.shown

    screens.show_prompt(continuous(clock.now(), breathing_seconds=10), SUGGESTIONS)
    screens.show_prompt(limit(clock), SUGGESTIONS)
    screens.shutdown()
    assert not card.breathing_pause.timer.isActive() and not card.break_timer.isActive()
    assert screens.overlay.windows == [] and len(screens.queue) == 0
