"""A person's own rule, added or changed: ``RuleEditorDialog`` checks it with
``validate_rule`` on Save and stays open, saying what is wrong in one sentence, until the rule
can be used."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from wellbeing_app.core.classifier import CATEGORIES, RuleError, UserRule, validate_rule
from wellbeing_app.ui.rule_community_apps import category_name
from wellbeing_app.ui.settings_widgets import note_label, problem_label


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
            self.category.addItem(category_name(category), category)
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
