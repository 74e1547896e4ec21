"""What counts as an online community: the catalog apps a person counts, and their own rules.

``CommunityAppsModel`` is the catalog grouped by category with a check box per app (used by the
settings page and the first-run wizard); ``CountedAppsPanel`` stores each change at once (both in
``rule_community_apps``). ``RuleTableModel`` lists the person's own rules, ``RuleEditorDialog``
adds or changes one, refusing an invalid rule with one sentence (``rule_dialog``), and
``RulesPanel`` puts them together. Every public name is importable from here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from wellbeing_app.core.classifier import UserRule
from wellbeing_app.core.errors import InvalidInput
from wellbeing_app.storage.rules import RuleRepository
from wellbeing_app.ui import design
from wellbeing_app.ui.i18n import QT_TRANSLATE_NOOP
from wellbeing_app.ui.rows_model import RowsModel
from wellbeing_app.ui.rule_community_apps import (
    APP_NAME_ROLE,
    CommunityAppsModel,
    CountedAppsPanel,
    category_name,
    filtered_apps,
)
from wellbeing_app.ui.rule_dialog import RuleEditorDialog
from wellbeing_app.ui.settings_widgets import note_label, problem_label

RULE_ROLE = Qt.ItemDataRole.UserRole + 2  # the UserRule of a row
SHOWN_ROWS = (2, 6)  # the rules table is as tall as this many rows at least and at most

_Index = QModelIndex | QPersistentModelIndex


class RuleTableModel(RowsModel[UserRule]):
    """The person's own rules, one row each, over an immutable snapshot."""

    HEADERS = (
        QT_TRANSLATE_NOOP("RuleTableModel", "Name"),
        QT_TRANSLATE_NOOP("RuleTableModel", "Counts as"),
        QT_TRANSLATE_NOOP("RuleTableModel", "App pattern"),
        QT_TRANSLATE_NOOP("RuleTableModel", "Title pattern"),
        QT_TRANSLATE_NOOP("RuleTableModel", "In use"),
    )
    IN_USE = 4

    def set_rules(self, rules: Sequence[UserRule]) -> None:
        self.set_rows(rules)

    def rule(self, row: int) -> UserRule:
        return self.row(row)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        rule = self._rows[index.row()]
        if role == RULE_ROLE:
            return rule
        if role == Qt.ItemDataRole.ForegroundRole and not rule.enabled:
            return QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if index.column() == 0:
            return rule.name or self.tr("(no name)")
        if index.column() == 1:
            if not rule.counted:
                return self.tr("Never counted")
            category = category_name(rule.category)
            if rule.always_active:
                return self.tr("{category}, even when idle").format(category=category)
            return category
        if index.column() == 2:
            return rule.app_pattern or self.tr("any app")
        if index.column() == 3:
            return rule.title_pattern or self.tr("any title")
        return self.tr("Yes") if rule.enabled else self.tr("Off")


class RulesPanel(QWidget):
    """The person's own rules: add, change, turn off and remove (with undo)."""

    changed = Signal()

    def __init__(self, rules: RuleRepository) -> None:
        super().__init__()
        self._rules = rules
        self._removed: UserRule | None = None
        self.editor: RuleEditorDialog | None = None
        self.model = RuleTableModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName(self.tr("Your own rules"))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().setVisible(False)
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(RuleTableModel.IN_USE, QHeaderView.ResizeMode.ResizeToContents)
        rows = self.view.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 2 * design.SPACE_S)
        self.empty = note_label(self.tr("No rules of your own yet."))
        self.view.doubleClicked.connect(self._on_edit_button_clicked)
        self.add_button = QPushButton(self.tr("Add rule…"))
        self.edit_button = QPushButton(self.tr("Change…"))
        self.toggle_button = QPushButton(self.tr("Turn off"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.undo_button = QPushButton(self.tr("Undo remove"))
        self.undo_button.setVisible(False)
        for button, name in (
            (self.add_button, self.tr("Add a rule")),
            (self.edit_button, self.tr("Change the selected rule")),
            (self.toggle_button, self.tr("Turn the selected rule off or on")),
            (self.remove_button, self.tr("Remove the selected rule")),
            (self.undo_button, self.tr("Put the removed rule back")),
        ):
            button.setAccessibleName(name)
            button.setToolTip(name)
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.edit_button.clicked.connect(self._on_edit_button_clicked)
        self.toggle_button.clicked.connect(self._on_toggle_button_clicked)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.undo_button.clicked.connect(self._on_undo_button_clicked)
        self.error = problem_label()
        buttons = QHBoxLayout()
        buttons.setSpacing(design.SPACE_S)
        for button in (self.add_button, self.edit_button, self.toggle_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.undo_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(design.SPACE_S)
        layout.addWidget(
            note_label(
                self.tr(
                    "Your rules come before the list above: count a forum it does not know, or "
                    "never count a window (your work Slack, say)."
                )
            )
        )
        layout.addWidget(self.view)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        self.view.selectionModel().selectionChanged.connect(self._on_view_selection_changed)
        self._reload()

    def selected(self) -> UserRule | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.rule(rows[0].row()) if rows else None

    def select_row(self, row: int) -> None:
        self.view.selectRow(row)

    def _reload(self, select_id: int | None = None) -> None:
        rules = self._rules.all()
        self.model.set_rules(rules)
        self.view.setVisible(bool(rules))
        self.empty.setVisible(not rules)
        # As tall as the rules (a few at least, more scroll).
        shown = min(max(len(rules), SHOWN_ROWS[0]), SHOWN_ROWS[1])
        self.view.setFixedHeight(
            self.view.horizontalHeader().sizeHint().height()
            + shown * self.view.verticalHeader().defaultSectionSize()
            + 2 * self.view.frameWidth()
        )
        for row, rule in enumerate(rules):
            if rule.id == select_id:
                self.view.selectRow(row)
        self._on_view_selection_changed()

    def _on_view_selection_changed(self) -> None:
        rule = self.selected()
        for button in (self.edit_button, self.toggle_button, self.remove_button):
            button.setEnabled(rule is not None)
        self.toggle_button.setText(
            self.tr("Turn on") if rule is not None and not rule.enabled else self.tr("Turn off")
        )

    def _open_editor(self, rule: UserRule | None) -> None:
        # Window-modal and not blocking, so the page stays responsive (and testable).
        self.editor = RuleEditorDialog(rule, self)
        self.editor.accepted.connect(self._on_editor_accepted)
        self.editor.open()

    def _on_add_button_clicked(self) -> None:
        self._open_editor(None)

    def _on_edit_button_clicked(self) -> None:
        rule = self.selected()
        if rule is not None:
            self._open_editor(rule)

    def _on_editor_accepted(self) -> None:
        assert self.editor is not None
        rule = self.editor.rule()
        self.editor.deleteLater()
        self.editor = None
        if rule is not None:
            self._store(
                lambda: self._rules.add(rule) if rule.id is None else self._rules.update(rule)
            )

    def _on_toggle_button_clicked(self) -> None:
        rule = self.selected()
        if rule is not None:
            self._store(lambda: self._rules.update(replace(rule, enabled=not rule.enabled)))

    def _on_remove_button_clicked(self) -> None:
        rule = self.selected()
        if rule is None or rule.id is None:
            return
        rule_id = rule.id

        def remove() -> None:
            self._rules.remove(rule_id)

        if self._store(remove):
            self._removed = rule
            self.undo_button.setText(
                self.tr("Undo: put “{rule}” back").format(rule=rule.name or self.tr("rule"))
            )
            self.undo_button.setVisible(True)

    def _on_undo_button_clicked(self) -> None:
        removed, self._removed = self._removed, None
        self.undo_button.setVisible(False)
        if removed is not None:
            self._store(lambda: self._rules.add(replace(removed, id=None)))

    def _store(self, change: Callable[[], object]) -> bool:
        try:
            result = change()
        except InvalidInput as error:
            self.error.setText(str(error))
            self.error.setVisible(True)
            return False
        self.error.setVisible(False)
        self._reload(result.id if isinstance(result, UserRule) else None)
        self.changed.emit()
        return True


__all__ = [
    "APP_NAME_ROLE",
    "RULE_ROLE",
    "CommunityAppsModel",
    "CountedAppsPanel",
    "RuleEditorDialog",
    "RuleTableModel",
    "RulesPanel",
    "filtered_apps",
]
