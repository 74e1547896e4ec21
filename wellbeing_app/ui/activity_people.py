"""The People tab of the Activities page: the people you would like a nudge to reach out to."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wellbeing_app.core.activities import Person, new_person
from wellbeing_app.core.errors import InvalidInput
from wellbeing_app.storage.activities import ActivityRepository
from wellbeing_app.ui import design
from wellbeing_app.ui.activity_empty import EmptyState
from wellbeing_app.ui.activity_models import PeopleModel
from wellbeing_app.ui.limit_dialog import error_label, show_error


class PeopleTab(QWidget):
    """Adds and removes people through ``activities``; emits ``edited`` after a change, and
    ``undo_offered`` (message, callback) after a removal."""

    edited = Signal()
    undo_offered = Signal(str, object)

    def __init__(self, activities: ActivityRepository, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._activities = activities
        intro = QLabel(
            self.tr(
                "People you would like a nudge to reach out to. Suggestions like “Message Sam” "
                "use these names; the note is just for you."
            )
        )
        intro.setWordWrap(True)
        self.people = PeopleModel(self)
        self.people_list = QListView()
        self.people_list.setAccessibleName(self.tr("People to reach out to"))
        self.people_list.setModel(self.people)
        self.people_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.people_list.setSpacing(design.SPACE_XS)  # lines of a list, a small step apart
        self.people_list.selectionModel().selectionChanged.connect(
            self._on_people_selection_changed
        )
        self.people_empty = EmptyState("gratitude", self.tr("No one on the list yet."))
        self.person_name = QLineEdit()
        self.person_name.setPlaceholderText(self.tr("Name"))
        self.person_name.setAccessibleName(self.tr("Name"))
        self.person_note = QLineEdit()
        self.person_note.setPlaceholderText(
            self.tr("Note (optional): their birthday is soon, ask about…")
        )
        self.person_note.setAccessibleName(self.tr("Note"))
        self.add_person_button = QPushButton(self.tr("Add"))
        self.add_person_button.setAccessibleName(self.tr("Add this person"))
        self.remove_person_button = QPushButton(self.tr("Remove"))
        self.remove_person_button.setAccessibleName(self.tr("Remove the selected person"))
        self.add_person_button.clicked.connect(self._on_add_person_button_clicked)
        self.person_name.returnPressed.connect(self._on_add_person_button_clicked)
        self.person_note.returnPressed.connect(self._on_add_person_button_clicked)
        self.remove_person_button.clicked.connect(self._on_remove_person_button_clicked)
        self.person_error = error_label()

        add_row = QHBoxLayout()
        add_row.setSpacing(design.SPACE_S)
        add_row.addWidget(self.person_name, 1)
        add_row.addWidget(self.person_note, 2)
        add_row.addWidget(self.add_person_button)
        remove_row = QHBoxLayout()
        remove_row.addStretch(1)
        remove_row.addWidget(self.remove_person_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, design.SPACE_L, 0, 0)
        layout.setSpacing(design.SPACE_S)
        layout.addWidget(intro)
        layout.addWidget(self.people_list, 1)
        layout.addWidget(self.people_empty)
        layout.addLayout(remove_row)
        layout.addLayout(add_row)
        layout.addWidget(self.person_error)
        layout.addStretch(0)  # takes up the slack only while the list is hidden

    def show_people(self, people: Sequence[Person]) -> None:
        self.people.set_people(people)
        self.people_list.setVisible(bool(people))
        self.people_empty.setVisible(not people)
        self.remove_person_button.setVisible(bool(people))  # nothing to remove yet
        self._on_people_selection_changed()

    def _on_people_selection_changed(self) -> None:
        self.remove_person_button.setEnabled(bool(self.people_list.selectionModel().selectedRows()))

    def _on_add_person_button_clicked(self) -> None:
        try:
            person = new_person(self.person_name.text(), self.person_note.text())
        except InvalidInput as error:
            show_error(self.person_error, error)
            return
        show_error(self.person_error, None)
        self._activities.add_person(person)
        self.person_name.clear()
        self.person_note.clear()
        self.person_name.setFocus()
        self.edited.emit()

    def _on_remove_person_button_clicked(self) -> None:
        rows = self.people_list.selectionModel().selectedRows()
        if not rows:
            return
        person = self.people.person(rows[0].row())
        if person.id is None:
            return
        self._activities.remove_person(person.id)
        self.edited.emit()

        def undo() -> None:
            self._activities.add_person(person)
            self.edited.emit()

        self.undo_offered.emit(
            self.tr("Removed {person} from your list.").format(person=person.name), undo
        )
