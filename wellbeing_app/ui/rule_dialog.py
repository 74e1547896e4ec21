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
    QFrame,
    QLabel,
    QLineEdit,
    QRadioButton,
    QScrollArea,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from wellbeing_app.core.classifier import CATEGORIES, RuleError, UserRule, validate_rule
from wellbeing_app.ui import design
from wellbeing_app.ui.rule_community_apps import category_name
from wellbeing_app.ui.screen_fit import fit_to_screen
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

        labels = {
            self.name: QLabel(self.tr("Name:")),
            self.app_pattern: QLabel(self.tr("App pattern:")),
            self.title_pattern: QLabel(self.tr("Title pattern:")),
            self.category: QLabel(self.tr("Category:")),
        }
        for field, label in labels.items():
            label.setBuddy(field)
        for edit in (self.name, self.app_pattern, self.title_pattern):
            # Room for the example in full.
            edit.setMinimumWidth(
                edit.fontMetrics().horizontalAdvance(edit.placeholderText()) + design.SPACE_L
            )
        named = _form()
        named.addRow(labels[self.name], self.name)
        patterns = _form()
        patterns.addRow(labels[self.app_pattern], self.app_pattern)
        patterns.addRow(labels[self.title_pattern], self.title_pattern)
        matches = note_label(
            self.tr(
                "A window matches when both patterns are found in it (an empty one matches "
                "anything). Your rules are tried before the built-in list, first one first."
            )
        )
        matches.setFont(design.font(design.CAPTION, matches.font()))
        # Category and "even when idle" belong to "count": under its text, not its button.
        counted = _form()
        style = self.style()
        indent = style.pixelMetric(
            QStyle.PixelMetric.PM_ExclusiveIndicatorWidth, None, self.counts
        ) + style.pixelMetric(QStyle.PixelMetric.PM_RadioButtonLabelSpacing, None, self.counts)
        counted.setContentsMargins(indent, 0, 0, 0)
        counted.addRow(labels[self.category], self.category)
        counted.addRow(self.always_active)
        # The three forms' fields start in one column.
        widest = max(label.sizeHint().width() for label in labels.values())
        for field, label in labels.items():
            label.setMinimumWidth(widest - (indent if field is self.category else 0))

        self.body = QWidget()
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(design.SPACE_L, design.SPACE_L, design.SPACE_L, 0)
        layout.setSpacing(design.SPACE_S)
        layout.addLayout(named)
        layout.addSpacing(design.SPACE_M)
        layout.addWidget(self._heading(self.tr("Which windows")))
        layout.addLayout(patterns)
        layout.addWidget(matches)
        layout.addSpacing(design.SPACE_M)
        layout.addWidget(self._heading(self.tr("What their time is")))
        layout.addWidget(self.counts)
        layout.addLayout(counted)
        layout.addWidget(self.never)
        layout.addSpacing(design.SPACE_M)
        layout.addWidget(self.enabled)
        layout.addStretch(1)
        # On a small screen at a large scale the rule scrolls; the refusal and the buttons stay.
        self.rule_area = QScrollArea()
        self.rule_area.setWidgetResizable(True)
        self.rule_area.setFrameShape(QFrame.Shape.NoFrame)
        self.rule_area.setWidget(self.body)
        footer = QVBoxLayout()
        footer.setContentsMargins(design.SPACE_L, 0, design.SPACE_L, design.SPACE_L)
        footer.setSpacing(design.SPACE_M)
        footer.addWidget(self.error)
        footer.addWidget(self.buttons)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(design.SPACE_S)
        outer.addWidget(self.rule_area, 1)
        outer.addLayout(footer)
        if existing is not None:
            self._fill(existing)
        self.name.setFocus()
        # As wide as the examples and as tall as the content, or as the screen allows.
        scroll_bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        wanted = self.body.sizeHint()
        fit_to_screen(
            self,
            wanted.width() + scroll_bar,
            wanted.height() + design.SPACE_S + footer.sizeHint().height(),
        )

    def _heading(self, text: str) -> QLabel:
        """A group's name (the label step of the type scale)."""
        heading = QLabel(text)
        heading.setFont(design.font(design.LABEL, self.font()))
        heading.setAccessibleName(text)
        return heading

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


def _form() -> QFormLayout:
    """A form of label and field rows on the spacing scale."""
    form = QFormLayout()
    form.setContentsMargins(0, 0, 0, 0)
    form.setHorizontalSpacing(design.SPACE_M)
    form.setVerticalSpacing(design.SPACE_S)
    return form
