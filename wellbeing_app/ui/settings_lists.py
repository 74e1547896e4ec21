"""Settings that hold a list: texts added from a field (patterns, crisis contacts) and times of
day kept in order (mood reminders)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QStringListModel, QTime
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QPushButton,
    QTimeEdit,
    QWidget,
)

from wellbeing_app.core.errors import InvalidInput
from wellbeing_app.core.settings import SettingSpec
from wellbeing_app.ui.settings_control import TIME_FORMAT, SettingControl, describe


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
        describe(
            self.add_button, self.tr("Add to {list}").format(list=label.lower()), self.help_text
        )
        describe(
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
