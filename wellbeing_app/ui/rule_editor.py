"""What counts as an online community: the catalog apps a person counts, and their own rules.

``CommunityAppsModel`` is the catalog grouped by category with a check box per app (used by the
settings page and the first-run wizard); ``CountedAppsPanel`` stores each change at once.
``RuleTableModel`` lists the person's own rules, ``RuleEditorDialog`` adds or changes one,
refusing an invalid rule with one sentence, and ``RulesPanel`` puts them together.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import replace
from typing import Any, overload

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableView,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from wellbeing_app.core.classifier import (
    CATEGORIES,
    Catalog,
    CommunityApp,
    RuleError,
    UserRule,
    validate_rule,
)
from wellbeing_app.core.errors import InvalidInput
from wellbeing_app.storage.rules import RuleRepository
from wellbeing_app.ui.i18n import QT_TRANSLATE_NOOP, shown_number, translate_core
from wellbeing_app.ui.rows_model import RowsModel
from wellbeing_app.ui.settings_widgets import note_label, problem_label

APP_NAME_ROLE = Qt.ItemDataRole.UserRole + 1  # an app row's display name; None on a category
RULE_ROLE = Qt.ItemDataRole.UserRole + 2  # the UserRule of a row

_Index = QModelIndex | QPersistentModelIndex


def _check_state(value: Any) -> Qt.CheckState:
    return value if isinstance(value, Qt.CheckState) else Qt.CheckState(int(value))


class CommunityAppsModel(QAbstractItemModel):
    """The catalog's community apps under their categories, each checked when it counts.

    Checking a category checks every app in it; a category is partly checked when some are.
    Top-level rows are categories (internal id 0); an app row's internal id is its category's
    row plus one.
    """

    counted_changed = Signal(str, bool)  # app name, whether it counts now

    def __init__(
        self,
        apps: Sequence[CommunityApp],
        uncounted: Collection[str] = (),
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        order = [*CATEGORIES, *sorted({a.category for a in apps} - set(CATEGORIES))]
        self._groups: list[tuple[str, tuple[CommunityApp, ...]]] = [
            (category, tuple(a for a in apps if a.category == category))
            for category in order
            if any(a.category == category for a in apps)
        ]
        off = {name.casefold() for name in uncounted}
        self._counted = {
            a.name for a in apps if a.name.casefold() not in off and a.id.casefold() not in off
        }

    # -- reading

    def counted(self) -> set[str]:
        return set(self._counted)

    def uncounted(self) -> set[str]:
        return {a.name for _, apps in self._groups for a in apps} - self._counted

    def app_index(self, name: str) -> QModelIndex:
        for row, (_category, apps) in enumerate(self._groups):
            for child, app in enumerate(apps):
                if app.name == name:
                    return self.index(child, 0, self.index(row, 0))
        return QModelIndex()

    # -- changing

    def set_counted(self, names: Collection[str], counted: bool) -> None:
        """Counts (or stops counting) these apps, announcing each one that changed."""
        changed = [n for n in names if (n in self._counted) != counted]
        for name in changed:
            if counted:
                self._counted.add(name)
            else:
                self._counted.discard(name)
        for name in changed:
            index = self.app_index(name)
            if index.isValid():
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
                parent = index.parent()
                self.dataChanged.emit(parent, parent, [Qt.ItemDataRole.CheckStateRole])
            self.counted_changed.emit(name, counted)

    # -- the model

    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        return self.createIndex(row, column, 0 if not parent.isValid() else parent.row() + 1)

    @overload
    def parent(self) -> QObject | None: ...

    @overload
    def parent(self, child: _Index) -> QModelIndex: ...

    def parent(self, child: _Index | None = None) -> QObject | QModelIndex | None:
        if child is None:
            return super().parent()
        if not child.isValid() or child.internalId() == 0:
            return QModelIndex()
        return self.createIndex(child.internalId() - 1, 0, 0)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._groups)
        if parent.column() == 0 and parent.internalId() == 0:
            return len(self._groups[parent.row()][1])
        return 0

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 1

    def _app(self, index: _Index) -> CommunityApp | None:
        if not index.isValid() or index.internalId() == 0:
            return None
        return self._groups[index.internalId() - 1][1][index.row()]

    def _category_state(self, row: int) -> Qt.CheckState:
        apps = self._groups[row][1]
        on = sum(a.name in self._counted for a in apps)
        if on == len(apps):
            return Qt.CheckState.Checked
        return Qt.CheckState.Unchecked if on == 0 else Qt.CheckState.PartiallyChecked

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        app = self._app(index)
        if app is None:
            category, apps = self._groups[index.row()]
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{translate_core(category).capitalize()} ({shown_number(len(apps))})"
            if role == Qt.ItemDataRole.CheckStateRole:
                return self._category_state(index.row())
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.tr("Check or clear every {category} app at once.").format(
                    category=translate_core(category)
                )
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return app.name
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if app.name in self._counted else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr(
                "Time in {app}, its app or its website, counts as {category} time."
            ).format(app=app.name, category=translate_core(app.category))
        if role == APP_NAME_ROLE:
            return app.name
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole:
            return False
        on = _check_state(value) != Qt.CheckState.Unchecked
        app = self._app(index)
        if app is None:
            names = [a.name for a in self._groups[index.row()][1]]
            self.set_counted(names, on)
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        else:
            self.set_counted([app.name], on)
        return True

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsUserCheckable
        )
        if index.internalId() == 0:
            flags |= Qt.ItemFlag.ItemIsAutoTristate
        return flags


def filtered_apps(
    model: CommunityAppsModel, parent: QObject | None = None
) -> QSortFilterProxyModel:
    """A proxy that keeps apps whose name contains the filter text (and whole categories when
    the category's name does)."""
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setRecursiveFilteringEnabled(True)
    proxy.setAutoAcceptChildRows(True)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    return proxy


class RuleTableModel(RowsModel[UserRule]):
    """The person's own rules, one row each, over an immutable snapshot."""

    HEADERS = (
        QT_TRANSLATE_NOOP("RuleTableModel", "Name"),
        QT_TRANSLATE_NOOP("RuleTableModel", "Counts as"),
        QT_TRANSLATE_NOOP("RuleTableModel", "App pattern"),
        QT_TRANSLATE_NOOP("RuleTableModel", "Title pattern"),
        QT_TRANSLATE_NOOP("RuleTableModel", "In use"),
    )

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
            category = translate_core(rule.category)
            if rule.always_active:
                return self.tr("{category}, even when idle").format(category=category)
            return category
        if index.column() == 2:
            return rule.app_pattern or self.tr("any app")
        if index.column() == 3:
            return rule.title_pattern or self.tr("any title")
        return self.tr("Yes") if rule.enabled else self.tr("Off")


class RuleEditorDialog(QDialog):
    """Adds or changes one rule. Save checks it with ``validate_rule`` and stays open, saying
    what is wrong in one sentence, until the rule can be used."""

    def __init__(self, existing: UserRule | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Change rule") if existing else self.tr("New rule"))
        self._existing = existing
        self._rule: UserRule | None = None

        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("What to record the time under, e.g. Chess club"))
        self.counts = QRadioButton(self.tr("Count matching windows as time in a community"))
        self.never = QRadioButton(self.tr("Never count them (this is not a community for me)"))
        self.choice = QButtonGroup(self)
        self.choice.addButton(self.counts)
        self.choice.addButton(self.never)
        self.counts.setChecked(True)
        self.category = QComboBox()
        for category in CATEGORIES:
            self.category.addItem(translate_core(category).capitalize(), category)
        self.app_pattern = QLineEdit()
        self.app_pattern.setPlaceholderText(self.tr("Part of the program's name, e.g. slack"))
        self.title_pattern = QLineEdit()
        self.title_pattern.setPlaceholderText(self.tr("Part of the window title, e.g. Chess Club"))
        self.always_active = QCheckBox(
            self.tr("Count it even while I am not typing (calls, streams)")
        )
        self.enabled = QCheckBox(self.tr("Use this rule"))
        self.enabled.setChecked(True)
        self.error = problem_label()
        for widget, name, help in (
            (
                self.name,
                self.tr("Rule name"),
                self.tr("Matching windows are recorded under this name."),
            ),
            (
                self.counts,
                self.tr("Count matching windows"),
                self.tr("Matching windows count as community time."),
            ),
            (
                self.never,
                self.tr("Never count matching windows"),
                self.tr("Wins over the built-in catalog."),
            ),
            (
                self.category,
                self.tr("Category"),
                self.tr("Which kind of community this is, for limits."),
            ),
            (
                self.app_pattern,
                self.tr("App pattern"),
                self.tr(
                    "A regular expression searched in the program's "
                    "name, ignoring case; empty matches any program."
                ),
            ),
            (
                self.title_pattern,
                self.tr("Title pattern"),
                self.tr(
                    "A regular expression searched in the window "
                    "title, ignoring case; empty matches any title."
                ),
            ),
            (
                self.always_active,
                self.tr("Count even when idle"),
                self.tr("For calls and streams you watch."),
            ),
            (
                self.enabled,
                self.tr("Use this rule"),
                self.tr("A rule that is off is kept but not used."),
            ),
        ):
            widget.setAccessibleName(name)
            widget.setToolTip(help)
        self.never.toggled.connect(self._on_never_toggled)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(self.tr("Name:"), self.name)
        form.addRow(self.counts)
        form.addRow(self.never)
        form.addRow(self.tr("Category:"), self.category)
        form.addRow(self.tr("App pattern:"), self.app_pattern)
        form.addRow(self.tr("Title pattern:"), self.title_pattern)
        form.addRow(self.always_active)
        form.addRow(self.enabled)
        layout = QVBoxLayout(self)
        layout.addWidget(
            note_label(
                self.tr(
                    "A window matches when both patterns are found in it (an empty one matches "
                    "anything). Your rules are tried before the built-in list, first one first."
                )
            )
        )
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        if existing is not None:
            self._fill(existing)
        self.resize(max(520, self.sizeHint().width()), self.sizeHint().height())

    def _fill(self, rule: UserRule) -> None:
        self.name.setText(rule.name)
        (self.counts if rule.counted else self.never).setChecked(True)
        if rule.category in CATEGORIES:
            self.category.setCurrentIndex(self.category.findData(rule.category))
        self.app_pattern.setText(rule.app_pattern)
        self.title_pattern.setText(rule.title_pattern)
        self.always_active.setChecked(rule.always_active)
        self.enabled.setChecked(rule.enabled)

    def _on_never_toggled(self, never: bool) -> None:
        self.category.setEnabled(not never)
        self.always_active.setEnabled(not never)

    def edited_rule(self) -> UserRule:
        """The rule as filled in now, not yet checked."""
        counted = self.counts.isChecked()
        return UserRule(
            name=self.name.text().strip(),
            category=self.category.currentData() if counted else "",
            app_pattern=self.app_pattern.text().strip(),
            title_pattern=self.title_pattern.text().strip(),
            enabled=self.enabled.isChecked(),
            always_active=counted and self.always_active.isChecked(),
            counted=counted,
            id=self._existing.id if self._existing else None,
        )

    def accept(self) -> None:
        rule = self.edited_rule()
        try:
            validate_rule(rule)
        except RuleError as error:
            self.error.setText(str(error))
            self.error.setVisible(True)
            return
        self._rule = rule
        super().accept()

    def rule(self) -> UserRule | None:
        """The checked rule once saved, else ``None``."""
        return self._rule


class CountedAppsPanel(QWidget):
    """The catalog's community apps, checked when they count; a filter narrows the list."""

    changed = Signal()

    def __init__(self, catalog: Catalog, rules: RuleRepository) -> None:
        super().__init__()
        self._rules = rules
        self.model = CommunityAppsModel(catalog.apps, rules.uncounted_apps(), self)
        self.proxy = filtered_apps(self.model, self)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Filter, e.g. reddit or chat"))
        self.filter.setAccessibleName(self.tr("Filter community apps"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._on_filter_text_changed)
        self.view = QTreeView()
        self.view.setModel(self.proxy)
        self.view.setHeaderHidden(True)
        self.view.setAccessibleName(self.tr("Community apps that count"))
        self.view.setToolTip(self.tr("Checked apps and sites count toward your time and limits."))
        self.view.setMinimumHeight(self.view.fontMetrics().height() * 12)
        self.view.expandAll()
        self.model.counted_changed.connect(self._on_model_counted_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(
            note_label(
                self.tr(
                    "Time counts when one of these is in front, as an app or a website in your "
                    "browser. Clear the ones that are not a community for you (work chat, say)."
                )
            )
        )
        layout.addWidget(self.filter)
        layout.addWidget(self.view)

    def _on_filter_text_changed(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        self.view.expandAll()

    def _on_model_counted_changed(self, app: str, counted: bool) -> None:
        self._rules.set_counted(app, counted)
        self.changed.emit()


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
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.view.setMinimumHeight(self.view.fontMetrics().height() * 7)
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
        for button in (self.add_button, self.edit_button, self.toggle_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.undo_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(
            note_label(
                self.tr(
                    "Your rules come before the list above: count a forum it does not know, or "
                    "never count a window (your work Slack, say)."
                )
            )
        )
        layout.addWidget(self.view)
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
