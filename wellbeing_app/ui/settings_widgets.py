"""One control per setting, generated from the registry or hand-made where a setting deserves it.

Every control shows a value (``show_value``) and asks for a new one (``edited``); it never stores
anything itself. The settings page stores through ``SettingsService`` and answers with
``show_result``: an empty string, or the one sentence that says why the value was refused.

The base class and the small labels are in ``settings_control``, the list controls in
``settings_lists``; both are importable from here as before.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QSignalBlocker, QTime
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QStyle,
    QTimeEdit,
    QWidget,
)

from wellbeing_app.core.patterns import compile_user_pattern
from wellbeing_app.core.settings import SettingSpec
from wellbeing_app.ui import design
from wellbeing_app.ui.i18n import translate_core
from wellbeing_app.ui.settings_control import (
    TIME_FORMAT,
    SettingControl,
    english_label_for,
    label_for,
    note_label,
    problem_label,
    text_label,
    unit_suffix,
)
from wellbeing_app.ui.settings_control import describe as _describe
from wellbeing_app.ui.settings_lists import TextListControl, TimeListControl


class CheckControl(SettingControl):
    def __init__(self, spec: SettingSpec, label: str, **options: Any) -> None:
        super().__init__(spec, label, **options)
        self.box = QCheckBox(label)
        self.box.toggled.connect(self._ask)
        self._layout.addWidget(self.box)
        self._finish(self.box)

    @property
    def focus_widget(self) -> QWidget:
        return self.box

    @property
    def inline_label(self) -> bool:
        return True

    def show_value(self, value: Any) -> None:
        with QSignalBlocker(self.box):
            self.box.setChecked(bool(value))


class NumberControl(SettingControl):
    """A spin box bounded by the registry's minimum and maximum, with the unit from the name."""

    def __init__(self, spec: SettingSpec, label: str, **options: Any) -> None:
        super().__init__(spec, label, **options)
        box: QSpinBox | QDoubleSpinBox
        if spec.type is float:
            box = QDoubleSpinBox()
            box.setDecimals(1)
            box.setSingleStep(0.5)
            box.setRange(spec.minimum or 0.0, spec.maximum if spec.maximum is not None else 1e6)
        else:
            box = QSpinBox()
            box.setRange(int(spec.minimum or 0), int(spec.maximum or 1_000_000))
        box.setSuffix(unit_suffix(spec))
        # Only a finished number is stored, not every keystroke on the way to it.
        box.setKeyboardTracking(False)
        box.setMinimumWidth(110)
        box.valueChanged.connect(self._ask)
        self.box = box
        row = QHBoxLayout()
        row.addWidget(box)
        row.addStretch(1)
        self._layout.addLayout(row)
        self._finish(box)

    @property
    def focus_widget(self) -> QWidget:
        return self.box

    def show_value(self, value: Any) -> None:
        with QSignalBlocker(self.box):
            self.box.setValue(value)


class ChoiceControl(SettingControl):
    """A combo box over ``choices``: pairs of stored value and what the person reads."""

    def __init__(
        self,
        spec: SettingSpec,
        label: str,
        choices: Sequence[tuple[str, str]] = (),
        **options: Any,
    ) -> None:
        super().__init__(spec, label, **options)
        self.combo = QComboBox()
        for value, text in choices or [(c, translate_core(c)) for c in spec.choices]:
            self.combo.addItem(text, value)
        self.combo.currentIndexChanged.connect(self._on_combo_current_index_changed)
        row = QHBoxLayout()
        row.addWidget(self.combo)
        row.addStretch(1)
        self._layout.addLayout(row)
        self._finish(self.combo)

    @property
    def focus_widget(self) -> QWidget:
        return self.combo

    def show_value(self, value: Any) -> None:
        with QSignalBlocker(self.combo):
            index = self.combo.findData(value)
            if index < 0:
                self.combo.addItem(str(value), value)
                index = self.combo.count() - 1
            self.combo.setCurrentIndex(index)

    def _on_combo_current_index_changed(self, index: int) -> None:
        self._ask(self.combo.itemData(index))


def _radio_text_indent(button: QRadioButton) -> int:
    """How far a radio button's text starts from its left edge."""
    style = button.style()
    return style.pixelMetric(
        QStyle.PixelMetric.PM_ExclusiveIndicatorWidth, None, button
    ) + style.pixelMetric(QStyle.PixelMetric.PM_RadioButtonLabelSpacing, None, button)


class RadioChoiceControl(SettingControl):
    """One radio button per choice, each with a sentence saying what it means."""

    def __init__(
        self,
        spec: SettingSpec,
        label: str,
        choices: Sequence[tuple[str, str, str]],
        **options: Any,
    ) -> None:
        super().__init__(spec, label, **options)
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        for index, (value, text, explanation) in enumerate(choices):
            button = QRadioButton(text)
            _describe(button, f"{label}: {text}", self.help_text)
            button.setAccessibleDescription(explanation)
            self.group.addButton(button, index)
            self.buttons[value] = button
            self._layout.addWidget(button)
            explained = note_label(explanation)
            explained.setFont(design.font(design.CAPTION, explained.font()))
            # Under the button's text, not its circle; a step apart from the next choice.
            explained.setContentsMargins(_radio_text_indent(button), 0, 0, design.SPACE_S)
            self._layout.addWidget(explained)
        self._values = [value for value, _text, _why in choices]
        self.group.idClicked.connect(self._on_group_id_clicked)
        self._finish()

    @property
    def focus_widget(self) -> QWidget:
        return next(iter(self.buttons.values()))

    def show_value(self, value: Any) -> None:
        if value in self.buttons:
            with QSignalBlocker(self.group):
                self.buttons[value].setChecked(True)

    def _on_group_id_clicked(self, index: int) -> None:
        self._ask(self._values[index])


class TextControl(SettingControl):
    """Free text, stored when the person leaves the field or presses Enter."""

    def __init__(self, spec: SettingSpec, label: str, **options: Any) -> None:
        super().__init__(spec, label, **options)
        self.line = QLineEdit()
        self.line.editingFinished.connect(self._on_line_editing_finished)
        self._shown = ""
        self._layout.addWidget(self.line)
        self._finish(self.line)

    @property
    def focus_widget(self) -> QWidget:
        return self.line

    def show_value(self, value: Any) -> None:
        self._shown = str(value)
        self.line.setText(self._shown)

    def _on_line_editing_finished(self) -> None:
        text = self.line.text().strip()
        if text != self._shown:
            self._ask(text)


class OptionalTimeControl(SettingControl):
    """A time of day that can be switched off (stored as ``""``)."""

    def __init__(self, spec: SettingSpec, label: str, *, on_text: str, **options: Any) -> None:
        super().__init__(spec, label, **options)
        self.enabled_box = QCheckBox(on_text)
        self.time = QTimeEdit()
        self.time.setDisplayFormat(TIME_FORMAT)
        self.time.setKeyboardTracking(False)
        self.enabled_box.toggled.connect(self._on_enabled_box_toggled)
        self.time.timeChanged.connect(self._on_time_time_changed)
        row = QHBoxLayout()
        row.addWidget(self.enabled_box)
        row.addWidget(self.time)
        row.addStretch(1)
        self._layout.addLayout(row)
        self._finish(self.time)
        _describe(self.enabled_box, f"{label}: {on_text}", self.help_text)

    @property
    def focus_widget(self) -> QWidget:
        return self.enabled_box

    def value(self) -> str:
        return self.time.time().toString(TIME_FORMAT) if self.enabled_box.isChecked() else ""

    def show_value(self, value: Any) -> None:
        with QSignalBlocker(self.enabled_box), QSignalBlocker(self.time):
            self.enabled_box.setChecked(bool(value))
            if value:
                self.time.setTime(QTime.fromString(str(value), TIME_FORMAT))
        self.time.setEnabled(bool(value))

    def _on_enabled_box_toggled(self, on: bool) -> None:
        self.time.setEnabled(on)
        self._ask(self.value())

    def _on_time_time_changed(self, _time: QTime) -> None:
        self._ask(self.value())


def check_pattern(text: str) -> None:
    """Refuses a pattern that tracking could not compile, saying how to fix it."""
    compile_user_pattern(text)  # raises PatternError (an InvalidInput), one sentence


def control_for(spec: SettingSpec, label: str = "") -> SettingControl:
    """A control generated from the registry: check box, spin box, choice, time or text list."""
    label = label or label_for(spec)
    if spec.type is bool:
        return CheckControl(spec, label)
    if spec.type in (int, float):
        return NumberControl(spec, label)
    if spec.choices:
        return ChoiceControl(spec, label)
    if spec.type is tuple:
        if spec.kind == "time":
            return TimeListControl(spec, label)
        check = check_pattern if spec.kind == "regex" else None
        return TextListControl(spec, label, check_item=check)
    if spec.kind == "time":
        on_text = QCoreApplication.translate("SettingControl", "On, at")
        return OptionalTimeControl(spec, label, on_text=on_text)
    return TextControl(spec, label)


__all__ = [
    "TIME_FORMAT",
    "CheckControl",
    "ChoiceControl",
    "NumberControl",
    "OptionalTimeControl",
    "RadioChoiceControl",
    "SettingControl",
    "TextControl",
    "TextListControl",
    "TimeListControl",
    "check_pattern",
    "control_for",
    "english_label_for",
    "label_for",
    "note_label",
    "problem_label",
    "text_label",
    "unit_suffix",
]
