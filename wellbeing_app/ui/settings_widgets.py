"""One control per setting, generated from the registry or hand-made where a setting deserves it.

Every control shows a value (``show_value``) and asks for a new one (``edited``); it never stores
anything itself. The settings page stores through ``SettingsService`` and answers with
``show_result``: an empty string, or the one sentence that says why the value was refused.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QSignalBlocker, QStringListModel, Qt, QTime, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from wellbeing_app.core.errors import InvalidInput
from wellbeing_app.core.patterns import compile_user_pattern
from wellbeing_app.core.settings import SettingSpec
from wellbeing_app.ui.i18n import QT_TRANSLATE_NOOP, translate_core

TIME_FORMAT = "HH:mm"
# Units shown after a number: English sources, translated where shown (context "SettingControl").
_UNITS = {
    "_seconds": QT_TRANSLATE_NOOP("SettingControl", " s"),
    "_minutes": QT_TRANSLATE_NOOP("SettingControl", " min"),
    "_hours": QT_TRANSLATE_NOOP("SettingControl", " h"),
    "_days": QT_TRANSLATE_NOOP("SettingControl", " days"),
    "_percent": QT_TRANSLATE_NOOP("SettingControl", " %"),
}


def problem_label() -> QLabel:
    """A label for one sentence saying what is wrong; hidden until there is something to say."""
    label = QLabel()
    label.setWordWrap(True)
    label.setAccessibleName(QCoreApplication.translate("SettingControl", "Problem"))
    label.setTextFormat(Qt.TextFormat.PlainText)
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, Qt.GlobalColor.darkRed)
    label.setPalette(palette)
    label.setVisible(False)
    return label


def text_label(text: str) -> QLabel:
    """An explanation in plain words, wrapped."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def note_label(text: str) -> QLabel:
    """Quiet explanatory text under a control."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    palette = label.palette()
    palette.setColor(
        QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.PlaceholderText)
    )
    label.setPalette(palette)
    return label


def english_label_for(spec: SettingSpec) -> str:
    """A readable label made from a setting's name, for settings nobody wrote a label for."""
    name = spec.name
    for ending in _UNITS:
        name = name.removesuffix(ending)
    return name.replace("_", " ").capitalize()


def label_for(spec: SettingSpec) -> str:
    """``english_label_for`` translated: it is listed for lupdate with the core catalogue."""
    return translate_core(english_label_for(spec))


def unit_suffix(spec: SettingSpec) -> str:
    unit = next((unit for ending, unit in _UNITS.items() if spec.name.endswith(ending)), "")
    return QCoreApplication.translate("SettingControl", unit) if unit else ""


def _describe(widget: QWidget, name: str, help: str) -> None:
    widget.setAccessibleName(name)
    widget.setAccessibleDescription(help)
    widget.setToolTip(help)


class SettingControl(QWidget):
    """The control for one setting: the editor, its help in plain words, and a problem line."""

    edited = Signal(str, object)  # setting name, the value the person asked for

    def __init__(
        self, spec: SettingSpec, label: str, *, show_help: bool = True, note: str = ""
    ) -> None:
        """``note`` replaces the registry's help under the control (its tooltip keeps the help);
        ``show_help=False`` shows no note at all."""
        super().__init__()
        self.spec = spec
        self.label = label
        self.help_text = translate_core(spec.help)  # the registry's help: core catalogue text
        self.error = problem_label()
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(3)
        self.note = note_label(note or self.help_text)
        self.note.setVisible(show_help)
        self.setToolTip(self.help_text)

    def _finish(self, *editors: QWidget) -> None:
        for editor in editors:
            _describe(editor, self.label, self.help_text)
        self._layout.addWidget(self.note)
        self._layout.addWidget(self.error)

    @property
    def focus_widget(self) -> QWidget:
        """The widget a form label points to."""
        return self

    @property
    def inline_label(self) -> bool:
        """``True`` when the control shows its own label (a checkbox), so a form needs none."""
        return False

    def show_value(self, value: Any) -> None:
        """Shows the stored ``value``; every kind of control overrides this."""
        raise NotImplementedError(f"{type(self).__name__} must show its value")

    def show_result(self, error: str) -> None:
        """Shows why the last value was refused, or clears that when ``error`` is empty."""
        self.error.setText(error)
        self.error.setVisible(bool(error))

    def _ask(self, value: Any) -> None:
        self.edited.emit(self.spec.name, value)


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
            explained.setContentsMargins(24, 0, 0, 4)
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


class TextListControl(SettingControl):
    """A list of texts: add one from the field below, remove the selected ones.

    ``check_item`` may refuse a new item with a friendlier sentence than the registry's.
    """

    def __init__(
        self,
        spec: SettingSpec,
        label: str,
        *,
        placeholder: str = "",
        check_item: Callable[[str], None] | None = None,
        **options: Any,
    ) -> None:
        super().__init__(spec, label, **options)
        self.model = QStringListModel(self)
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setMaximumHeight(self.view.fontMetrics().height() * 5)
        self._check_item = check_item
        self._adding = False
        self.input = self._make_input(placeholder)
        self.add_button = QPushButton(self.tr("Add"))
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.setEnabled(False)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.view.selectionModel().selectionChanged.connect(self._on_view_selection_changed)
        _describe(
            self.add_button, self.tr("Add to {list}").format(list=label.lower()), self.help_text
        )
        _describe(
            self.remove_button,
            self.tr("Remove the selected {list}").format(list=label.lower()),
            self.help_text,
        )
        row = QHBoxLayout()
        stretch_input = isinstance(self.input, QLineEdit)
        row.addWidget(self.input, 1 if stretch_input else 0)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        if not stretch_input:
            row.addStretch(1)
        self._layout.addWidget(self.view)
        self._layout.addLayout(row)
        self._finish(self.view, self.input)
        self.input.setAccessibleName(self.tr("New entry for {list}").format(list=label.lower()))

    def _make_input(self, placeholder: str) -> QWidget:
        line = QLineEdit()
        line.setPlaceholderText(placeholder)
        line.returnPressed.connect(self._on_add_button_clicked)
        self.line = line
        return line

    def _new_item(self) -> str:
        return self.line.text().strip()

    def _clear_input(self) -> None:
        self.line.clear()

    def _arranged(self, items: list[str]) -> list[str]:
        return items

    @property
    def focus_widget(self) -> QWidget:
        return self.view

    def items(self) -> list[str]:
        return self.model.stringList()

    def show_value(self, value: Any) -> None:
        self.model.setStringList(list(value))

    def show_result(self, error: str) -> None:
        super().show_result(error)
        if not error and self._adding:
            self._clear_input()
        self._adding = False

    def _on_add_button_clicked(self) -> None:
        item = self._new_item()
        if not item:
            self.show_result(self.tr("Type an entry first, then press Add."))
            return
        if item in self.items():
            self.show_result(self.tr("'{item}' is already in the list.").format(item=item))
            return
        if self._check_item is not None:
            try:
                self._check_item(item)
            except InvalidInput as error:
                self.show_result(str(error))
                return
        self._adding = True
        self._ask(tuple(self._arranged([*self.items(), item])))

    def _on_remove_button_clicked(self) -> None:
        chosen = {index.row() for index in self.view.selectionModel().selectedRows()}
        if chosen:
            kept = [item for row, item in enumerate(self.items()) if row not in chosen]
            self._ask(tuple(kept))

    def _on_view_selection_changed(self) -> None:
        self.remove_button.setEnabled(self.view.selectionModel().hasSelection())


class TimeListControl(TextListControl):
    """Times of day, kept in order; new ones are picked with a time editor."""

    def _make_input(self, placeholder: str) -> QWidget:
        self.time = QTimeEdit(QTime(12, 0))
        self.time.setDisplayFormat(TIME_FORMAT)
        return self.time

    def _new_item(self) -> str:
        return self.time.time().toString(TIME_FORMAT)

    def _clear_input(self) -> None:
        return None  # the next time is usually near the last one

    def _arranged(self, items: list[str]) -> list[str]:
        return sorted(items)


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
