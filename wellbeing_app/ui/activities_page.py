"""Activities: the offline ideas (shipped and your own), the people you like to reach out to,
and what happened after each suggestion.

Each of the three is a tab of its own module (``activity_ideas``, ``activity_people``,
``activity_history``); this page stores what the Ideas buttons ask for, opens the dialog for
your own activities, and refreshes every tab from storage.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from wellbeing_app.core.activities import Activity
from wellbeing_app.core.clock import Clock
from wellbeing_app.core.errors import InvalidInput
from wellbeing_app.storage.activities import ActivityRepository
from wellbeing_app.storage.repositories import Repositories
from wellbeing_app.ui import design
from wellbeing_app.ui.activity_dialog import ActivityDialog
from wellbeing_app.ui.activity_history import HistoryTab
from wellbeing_app.ui.activity_ideas import COMPANY, LENGTHS, OWN_ACTIVITIES, PLACES, IdeasTab
from wellbeing_app.ui.activity_models import (
    ActivityRow,
    HistoryRow,
    activity_title,
    summary_rows,
)
from wellbeing_app.ui.activity_people import PeopleTab
from wellbeing_app.ui.limit_dialog import show_error


class ActivitiesPage(QWidget):
    """Emits ``changed`` after any edit, and ``undo_offered`` (message, callback) after a
    removal."""

    changed = Signal()
    undo_offered = Signal(str, object)

    def __init__(
        self,
        repos: Repositories,
        catalog: Sequence[Activity],
        clock: Clock,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("activitiesPage")
        self._catalog = tuple(catalog)
        self._clock = clock
        self._activities = ActivityRepository(repos.db)
        self.activity_dialog: ActivityDialog | None = None

        self.ideas = IdeasTab()
        self.people_tab = PeopleTab(self._activities)
        self.history_tab = HistoryTab()
        self.history = self.history_tab.history  # the outcomes, newest first
        self._connect()
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)  # as on Settings and Report: the tabs head the page
        self.tabs.addTab(self.ideas, self.tr("Ideas"))
        self.tabs.addTab(self.people_tab, self.tr("People to reach out to"))
        self.tabs.addTab(self.history_tab, self.tr("History"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(design.SPACE_XL, design.SPACE_L, design.SPACE_XL, design.SPACE_L)
        layout.addWidget(self.tabs)
        self.refresh()

    def _connect(self) -> None:
        ideas = self.ideas
        ideas.favourite_button.clicked.connect(self._on_favourite_button_clicked)
        ideas.star_clicked.connect(self._on_favourite_button_clicked)
        ideas.hide_button.clicked.connect(self._on_hide_button_clicked)
        ideas.add_button.clicked.connect(self._on_add_button_clicked)
        ideas.edit_button.clicked.connect(self._on_edit_button_clicked)
        ideas.edit_asked.connect(self._on_edit_button_clicked)
        ideas.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.people_tab.edited.connect(self._after_edit)
        self.people_tab.undo_offered.connect(self.undo_offered)

    # ----------------------------------------------------------------------------- showing

    def all_activities(self) -> tuple[Activity, ...]:
        return self._activities.all(self._catalog)

    def refresh(self) -> None:
        """Reloads activities, preferences, people and history from storage."""
        activities = self.all_activities()
        preferences = self._activities.preferences()
        self.ideas.show_rows(
            [
                ActivityRow(a, a.id in preferences.favourites, a.id in preferences.hidden)
                for a in activities
            ]
        )
        self.people_tab.show_people(self._activities.people())
        titles = {a.id: activity_title(a) for a in activities}
        removed = self.tr("{activity} (removed)")
        history = [
            HistoryRow(o, titles.get(o.activity_id, removed.format(activity=o.activity_id)), at)
            for at, o in self._activities.logged_outcomes()
        ]
        self.history_tab.show_history(history, summary_rows(self._activities.history(), titles))

    def selected_activity(self) -> Activity | None:
        return self.ideas.selected_activity()

    def select_activity(self, activity_id: str) -> bool:
        return self.ideas.select_activity(activity_id)

    # ------------------------------------------------------------------------- preferences

    def _after_edit(self) -> None:
        self.refresh()
        self.changed.emit()

    def _on_favourite_button_clicked(self) -> None:
        row = self.ideas.selected_row()
        if row is None:
            return
        self._activities.set_favourite(row.activity.id, not row.favourite)
        self._after_edit()

    def _on_hide_button_clicked(self) -> None:
        row = self.ideas.selected_row()
        if row is None:
            return
        if row.hidden:
            self._activities.unhide(row.activity.id)
        else:
            self._activities.hide(row.activity.id)
        self._after_edit()

    # --------------------------------------------------------------------- own activities

    def open_activity_dialog(self, existing: Activity | None) -> ActivityDialog:
        """Opens the (window-modal) dialog; the activity is stored when it is saved."""
        taken = {a.id for a in self.all_activities()}
        dialog = ActivityDialog(taken, existing, self)
        dialog.accepted.connect(partial(self._on_activity_dialog_accepted, dialog, existing))
        dialog.finished.connect(partial(self._on_activity_dialog_finished, dialog))
        self.activity_dialog = dialog
        dialog.open()
        return dialog

    def _on_add_button_clicked(self) -> None:
        self.open_activity_dialog(None)

    def _on_edit_button_clicked(self) -> None:
        activity = self.selected_activity()
        if activity is not None and activity.custom:
            self.open_activity_dialog(activity)

    def _on_activity_dialog_accepted(self, dialog: ActivityDialog, old: Activity | None) -> None:
        activity = dialog.activity()
        if activity is None:
            return
        try:
            if old is None:
                self._activities.add_custom(activity)
            else:
                self._activities.update_custom(activity)
        except InvalidInput as error:
            show_error(self.ideas.activity_error, error)
            return
        show_error(self.ideas.activity_error, None)
        self.refresh()
        if not self.select_activity(activity.id):
            # Make sure the person sees what they just added, whatever the filters said.
            self.ideas.clear_filters()
            self.select_activity(activity.id)
        self.changed.emit()

    def _on_activity_dialog_finished(self, dialog: ActivityDialog, _result: int) -> None:
        if self.activity_dialog is dialog:
            self.activity_dialog = None
        dialog.deleteLater()

    def _on_remove_button_clicked(self) -> None:
        row = self.ideas.selected_row()
        if row is None or not row.activity.custom:
            return
        self._activities.remove_custom(row.activity.id)
        self._after_edit()

        def undo() -> None:
            self._activities.add_custom(row.activity)
            if row.favourite:
                self._activities.set_favourite(row.activity.id)
            if row.hidden:
                self._activities.hide(row.activity.id)
            self._after_edit()

        self.undo_offered.emit(
            self.tr("Removed “{activity}”.").format(activity=activity_title(row.activity)), undo
        )


__all__ = ["COMPANY", "LENGTHS", "OWN_ACTIVITIES", "PLACES", "ActivitiesPage"]
