"""The rule editor's layout: fields in one column, the examples in full, and on a small screen
the rule scrolls while the refusal and the buttons stay in view; the rules table as tall as the
rules, and a note when there are none."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from wellbeing_app.core.classifier import UserRule
from wellbeing_app.storage.repositories import Repositories
from wellbeing_app.storage.rules import RuleRepository
from wellbeing_app.ui.rule_editor import RuleEditorDialog


def _left(dialog: RuleEditorDialog, widget: QWidget) -> int:
    return widget.mapTo(dialog, QPoint(0, 0)).x()


def test_the_fields_start_in_one_column_and_show_their_examples_in_full(qtbot: QtBot) -> None:
    dialog = RuleEditorDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    fields = (dialog.name, dialog.app_pattern, dialog.title_pattern, dialog.category)
    assert len({_left(dialog, field) for field in fields}) == 1
    for edit in (dialog.name, dialog.app_pattern, dialog.title_pattern):
        assert edit.width() > edit.fontMetrics().horizontalAdvance(edit.placeholderText())


def test_the_kind_of_app_and_idle_time_belong_to_counting(qtbot: QtBot) -> None:
    dialog = RuleEditorDialog(UserRule("Work Slack", "", "slack", "", counted=False))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.never.isChecked()
    assert not dialog.category.isEnabled() and not dialog.always_active.isEnabled()
    dialog.counts.click()
    assert dialog.category.isEnabled() and dialog.always_active.isEnabled()
    # Indented under the "count" choice's text.
    assert _left(dialog, dialog.always_active) > _left(dialog, dialog.counts)


def test_on_a_short_screen_the_rule_scrolls_and_the_buttons_stay(qtbot: QtBot) -> None:
    dialog = RuleEditorDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setText("Chess club")
    dialog.accept()  # no pattern: refused in one sentence
    assert dialog.error.isVisible()
    full = dialog.body.sizeHint().height()
    assert dialog.minimumSizeHint().height() < full / 2
    dialog.resize(dialog.width(), full // 2)
    qtbot.waitUntil(lambda: dialog.height() == full // 2)
    assert dialog.rule_area.verticalScrollBar().maximum() > 0
    for part in (dialog.buttons, dialog.error):
        bottom = part.mapTo(dialog, QPoint(0, part.height())).y()
        assert part.isVisible() and bottom <= dialog.height()


def test_the_dialog_opens_no_larger_than_its_screen(qtbot: QtBot) -> None:
    dialog = RuleEditorDialog()
    qtbot.addWidget(dialog)
    available = dialog.screen().availableGeometry()
    assert dialog.width() <= available.width()
    assert dialog.height() <= available.height()


def test_the_rules_table_says_when_there_are_none_and_grows_with_the_rules(
    qtbot: QtBot, repos: Repositories
) -> None:
    from wellbeing_app.ui.rule_editor import SHOWN_ROWS, RulesPanel

    rules = RuleRepository(repos.db)
    panel = RulesPanel(rules)
    qtbot.addWidget(panel)
    panel.show()
    assert panel.empty.isVisible() and not panel.view.isVisible()
    heights = []
    for number in range(SHOWN_ROWS[1] + 2):
        rules.add(UserRule(f"Forum {number}", "forum", "", f"forum {number}"))
        panel._reload()
        heights.append(panel.view.height())
    assert panel.view.isVisible() and not panel.empty.isVisible()
    row = panel.view.verticalHeader().defaultSectionSize()
    grown = SHOWN_ROWS[1] - SHOWN_ROWS[0]
    assert heights[SHOWN_ROWS[1] - 1] - heights[0] == grown * row
    assert heights[-1] == heights[SHOWN_ROWS[1] - 1]  # then it scrolls
