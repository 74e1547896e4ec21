"""Activities: the offline ideas (shipped and your own), the people you like to reach out to,
and what happened after each suggestion."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QLocale,
    QModelIndex,
    QObject,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QStyle,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from wellbeing_app.core.activities import CATEGORIES, Activity, new_person
from wellbeing_app.core.clock import Clock
from wellbeing_app.core.errors import InvalidInput
from wellbeing_app.storage.activities import ActivityRepository
from wellbeing_app.storage.repositories import Repositories
from wellbeing_app.ui.activity_dialog import ActivityDialog
from wellbeing_app.ui.activity_models import (
    ActivityFilter,
    ActivityFilterModel,
    ActivityRow,
    ActivitySummaryModel,
    ActivityTableModel,
    HistoryRow,
    OutcomeHistoryModel,
    PeopleModel,
    activity_title,
    summary_rows,
    theme_text,
)
from wellbeing_app.ui.i18n import QT_TRANSLATE_NOOP
from wellbeing_app.ui.limit_dialog import error_label, show_error

OWN_ACTIVITIES = "your own"  # the theme filter's choice for a person's own activities
# The filters' choices: English sources, translated where shown (context "ActivitiesPage").
LENGTHS: tuple[tuple[str, int | None], ...] = (
    (QT_TRANSLATE_NOOP("ActivitiesPage", "Any length"), None),
    (QT_TRANSLATE_NOOP("ActivitiesPage", "5 min or less"), 5),
    (QT_TRANSLATE_NOOP("ActivitiesPage", "15 min or less"), 15),
    (QT_TRANSLATE_NOOP("ActivitiesPage", "30 min or less"), 30),
    (QT_TRANSLATE_NOOP("ActivitiesPage", "1 hour or less"), 60),
)
COMPANY: tuple[tuple[str, str | None], ...] = (
    (QT_TRANSLATE_NOOP("ActivitiesPage", "Alone or with others"), None),
    (QT_TRANSLATE_NOOP("ActivitiesPage", "On your own"), "solo"),
    (QT_TRANSLATE_NOOP("ActivitiesPage", "With others"), "social"),
)
PLACES: tuple[tuple[str, str | None], ...] = (
    (QT_TRANSLATE_NOOP("ActivitiesPage", "Indoors or outdoors"), None),
    (QT_TRANSLATE_NOOP("ActivitiesPage", "Indoors"), "indoors"),
    (QT_TRANSLATE_NOOP("ActivitiesPage", "Outdoors"), "outdoors"),
)


def _table(name: str) -> QTableView:
    table = QTableView()
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.setShowGrid(False)
    table.setAlternatingRowColors(True)
    return table


def _row(*items: QWidget | QBoxLayout | None) -> QBoxLayout:
    """Items left to right; ``None`` is a stretch."""
    row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
    for item in items:
        if item is None:
            row.addStretch(1)
        elif isinstance(item, QBoxLayout):
            row.addLayout(item)
        else:
            row.addWidget(item)
    return row


def _combo(name: str, choices: Sequence[tuple[str, object]]) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    for text, value in choices:
        combo.addItem(text, value)
    return combo


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

        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_ideas(), self.tr("Ideas"))
        self.tabs.addTab(self._build_people(), self.tr("People to reach out to"))
        self.tabs.addTab(self._build_history(), self.tr("History"))
        layout = self._page_layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(self.tabs)
        self.refresh()

    # ---------------------------------------------------------------------------- building

    def _fold(self, *, wide: bool) -> None:
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        for row in self._folding:
            if row.direction() != direction:
                row.setDirection(direction)

    def _row_widths(self) -> tuple[int, int]:
        """The width the Ideas rows need side by side, and folded.

        Summed from the controls' own size hints: the layouts' cached minimums lag behind a
        change of direction, so they cannot be asked.
        """
        filters = (self.length_filter, self.company_filter, self.place_filter, self.show_hidden)
        buttons = (
            self.favourite_button,
            self.hide_button,
            self.add_button,
            self.edit_button,
            self.remove_button,
        )
        spacing = max(self._search_row.spacing(), 0)

        def width(*widgets: QWidget) -> int:
            return sum(w.sizeHint().width() + spacing for w in widgets)

        wide = max(width(self.search, self.theme_filter, self.shown_count), width(*filters))
        wide = max(wide, width(*buttons))
        narrow = max(
            width(self.theme_filter, self.shown_count),
            width(*filters[:2]),
            width(*filters[2:]),
            width(*buttons[:2]),
            width(*buttons[2:]),
        )
        outer, inner = self._page_layout.contentsMargins(), self._ideas_layout.contentsMargins()
        frame = 2 * self.tabs.style().pixelMetric(
            QStyle.PixelMetric.PM_DefaultFrameWidth, None, self.tabs
        )
        overhead = outer.left() + outer.right() + inner.left() + inner.right() + frame + 8
        return wide + overhead, narrow + overhead

    def minimumSizeHint(self) -> QSize:
        # The rows fold when the page gets narrow, so it may be narrower than its wide layout.
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), self._row_widths()[1]), hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._fold(wide=event.size().width() >= self._row_widths()[0])
        super().resizeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        # Sizes are only final once the style has polished every widget.
        self._fold(wide=self.width() >= self._row_widths()[0])
        super().showEvent(event)

    def _translated(self, choices: Sequence[tuple[str, object]]) -> list[tuple[str, object]]:
        return [(self.tr(text), value) for text, value in choices]

    def _build_ideas(self) -> QWidget:
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search activities…"))
        self.search.setAccessibleName(self.tr("Search activities"))
        self.search.setClearButtonEnabled(True)
        self.theme_filter = _combo(
            self.tr("Theme"),
            [
                (self.tr("All themes"), None),
                *((theme_text(c), c) for c in CATEGORIES),
                (self.tr("Your own activities"), OWN_ACTIVITIES),
            ],
        )
        self.length_filter = _combo(self.tr("Length"), self._translated(LENGTHS))
        self.company_filter = _combo(self.tr("With whom"), self._translated(COMPANY))
        self.place_filter = _combo(self.tr("Where"), self._translated(PLACES))
        self.show_hidden = QCheckBox(self.tr("Show hidden"))
        self.show_hidden.setToolTip(
            self.tr("Show the activities you hid, greyed, so you can bring them back")
        )
        self.shown_count = QLabel()
        self.search.textChanged.connect(self._on_filter_changed)
        for combo in (
            self.theme_filter,
            self.length_filter,
            self.company_filter,
            self.place_filter,
        ):
            combo.currentIndexChanged.connect(self._on_filter_changed)
        self.show_hidden.toggled.connect(self._on_filter_changed)

        self.model = ActivityTableModel(self)
        self.proxy = ActivityFilterModel(self)
        self.proxy.setSourceModel(self.model)
        self.table = _table(self.tr("Activities"))
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(ActivityTableModel.STAR, Qt.SortOrder.AscendingOrder)
        header = self.table.horizontalHeader()
        # Every column keeps its whole text: the title takes the room left and wraps when
        # that is too little (see _fit_title); a very narrow window scrolls sideways. Sizes
        # are measured once per change of data or width (see _fit_columns), not on every
        # layout pass: content-sized sections re-read every cell each time, which took over a
        # second to show this page.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows = self.table.verticalHeader()
        rows.setMinimumSectionSize(rows.defaultSectionSize())
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        # One line a row, long titles elided (the whole title is the tooltip): measuring
        # wrapped rows cost ~170 ms on every show, more than a page switch may take.
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.viewport().installEventFilter(self)
        self.table.clicked.connect(self._on_table_clicked)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)

        self.favourite_button = QPushButton(self.tr("Add to favourites"))
        self.hide_button = QPushButton(self.tr("Hide"))
        self.hide_button.setToolTip(self.tr("Never suggest this one"))
        self.add_button = QPushButton(self.tr("Add your own…"))
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.favourite_button.clicked.connect(self._on_favourite_button_clicked)
        self.hide_button.clicked.connect(self._on_hide_button_clicked)
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.edit_button.clicked.connect(self._on_edit_button_clicked)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.activity_error = error_label()

        # Rows that fold into columns in a narrow window, so no text is ever cut off.
        self._search_row = _row(self.search, _row(self.theme_filter, None, self.shown_count))
        self._filter_row = _row(
            _row(self.length_filter, self.company_filter, None),
            _row(self.place_filter, self.show_hidden, None),
        )
        self._buttons_row = _row(
            _row(self.favourite_button, self.hide_button, None),
            _row(None, self.add_button, self.edit_button, self.remove_button),
        )
        for row in (self._search_row, self._buttons_row):
            row.setStretch(0, 1)
        self._filter_row.setStretch(1, 1)
        self._folding = (self._search_row, self._filter_row, self._buttons_row)
        page = QWidget()
        layout = self._ideas_layout = QVBoxLayout(page)
        layout.addLayout(self._search_row)
        layout.addLayout(self._filter_row)
        layout.addWidget(self.table, 1)
        layout.addLayout(self._buttons_row)
        layout.addWidget(self.activity_error)
        return page

    def _build_people(self) -> QWidget:
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
        self.people_list.selectionModel().selectionChanged.connect(
            self._on_people_selection_changed
        )
        self.people_empty = QLabel(self.tr("No one on the list yet."))
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
        add_row.addWidget(self.person_name, 1)
        add_row.addWidget(self.person_note, 2)
        add_row.addWidget(self.add_person_button)
        remove_row = QHBoxLayout()
        remove_row.addStretch(1)
        remove_row.addWidget(self.remove_person_button)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addWidget(self.people_list, 1)
        layout.addWidget(self.people_empty)
        layout.addLayout(remove_row)
        layout.addLayout(add_row)
        layout.addWidget(self.person_error)
        layout.addStretch(0)  # takes up the slack only while the list is hidden
        return page

    def _build_history(self) -> QWidget:
        self.history = OutcomeHistoryModel(self)
        self.history_table = _table(self.tr("What happened after each suggestion"))
        self.history_table.setModel(self.history)
        self.history_table.setIconSize(QSize(52, 20))
        header = self.history_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(OutcomeHistoryModel.TITLE, QHeaderView.ResizeMode.Stretch)
        self.summary = ActivitySummaryModel(self)
        self.summary_table = _table(self.tr("How each activity went"))
        self.summary_table.setModel(self.summary)
        summary_header = self.summary_table.horizontalHeader()
        summary_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        summary_header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.history_empty = QLabel(
            self.tr(
                "Nothing logged yet. After a break, Wellbeing asks whether you did the activity "
                "and how you feel; your answers show here and teach the suggestions what helps you."
            )
        )
        self.history_empty.setWordWrap(True)
        page = QWidget()
        layout = QVBoxLayout(page)
        self.history_heading = QLabel(self.tr("<b>After each suggestion</b> (newest first)"))
        self.summary_heading = QLabel(self.tr("<b>By activity</b>"))
        layout.addWidget(self.history_heading)
        layout.addWidget(self.history_table, 3)
        layout.addWidget(self.summary_heading)
        layout.addWidget(self.summary_table, 2)
        layout.addWidget(self.history_empty)
        layout.addStretch(0)  # takes up the slack only while there is nothing to show
        return page

    # ----------------------------------------------------------------------------- showing

    def all_activities(self) -> tuple[Activity, ...]:
        return self._activities.all(self._catalog)

    def refresh(self) -> None:
        """Reloads activities, preferences, people and history from storage."""
        selected = self.selected_activity()
        activities = self.all_activities()
        preferences = self._activities.preferences()
        self.model.set_rows(
            [
                ActivityRow(a, a.id in preferences.favourites, a.id in preferences.hidden)
                for a in activities
            ]
        )
        if selected is not None:
            self.select_activity(selected.id)
        self._on_table_selection_changed()
        self._show_count()

        people = self._activities.people()
        self.people.set_people(people)
        self.people_list.setVisible(bool(people))
        self.people_empty.setVisible(not people)
        self._on_people_selection_changed()

        titles = {a.id: activity_title(a) for a in activities}
        removed = self.tr("{activity} (removed)")
        history = [
            HistoryRow(o, titles.get(o.activity_id, removed.format(activity=o.activity_id)), at)
            for at, o in self._activities.logged_outcomes()
        ]
        self.history.set_rows(history)
        self.summary.set_rows(summary_rows(self._activities.history(), titles))
        for widget in (
            self.history_heading,
            self.history_table,
            self.summary_heading,
            self.summary_table,
        ):
            widget.setVisible(bool(history))
        self.history_empty.setVisible(not history)

    def _show_count(self) -> None:
        self.shown_count.setText(
            self.tr("Showing {shown} of {total} activities").format(
                shown=QLocale().toString(self.proxy.rowCount()),
                total=QLocale().toString(self.model.rowCount()),
            )
        )
        self._fit_columns()

    def _fit_columns(self) -> None:
        for column in range(self.table.horizontalHeader().count()):
            if column != ActivityTableModel.TITLE:
                self.table.resizeColumnToContents(column)
        self._fit_title()

    def _fit_title(self) -> None:
        """Gives the title column the room the other columns leave, but never too little."""
        header = self.table.horizontalHeader()
        others = sum(
            header.sectionSize(c) for c in range(header.count()) if c != ActivityTableModel.TITLE
        )
        room = self.table.viewport().width() - others
        least = self.table.fontMetrics().horizontalAdvance("Walk around the block")
        wanted = max(room, least)
        if header.sectionSize(ActivityTableModel.TITLE) != wanted:
            header.resizeSection(ActivityTableModel.TITLE, wanted)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_title()
        return super().eventFilter(watched, event)

    def _on_filter_changed(self) -> None:
        theme = self.theme_filter.currentData()
        self.proxy.set_filter(
            ActivityFilter(
                text=self.search.text(),
                category=None if theme == OWN_ACTIVITIES else theme,
                own_only=theme == OWN_ACTIVITIES,
                max_minutes=self.length_filter.currentData(),
                social=self.company_filter.currentData(),
                outdoors=self.place_filter.currentData(),
                show_hidden=self.show_hidden.isChecked(),
            )
        )
        self._on_table_selection_changed()
        self._show_count()

    # ---------------------------------------------------------------------------- selection

    def selected_row(self) -> ActivityRow | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.row(self.proxy.mapToSource(rows[0]).row())

    def selected_activity(self) -> Activity | None:
        row = self.selected_row()
        return None if row is None else row.activity

    def select_activity(self, activity_id: str) -> bool:
        source_row = self.model.row_of(activity_id)
        index = self.proxy.mapFromSource(self.model.index(source_row, 0))
        if not index.isValid():
            self.table.clearSelection()
            return False
        self.table.selectionModel().select(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        return True

    def _on_table_selection_changed(self) -> None:
        row = self.selected_row()
        for button in (self.favourite_button, self.hide_button):
            button.setEnabled(row is not None)
        own = row is not None and row.activity.custom
        self.edit_button.setEnabled(own)
        self.remove_button.setEnabled(own)
        favourite = row is not None and row.favourite
        self.favourite_button.setText(
            self.tr("Remove from favourites") if favourite else self.tr("Add to favourites")
        )
        hidden = row is not None and row.hidden
        self.hide_button.setText(self.tr("Unhide") if hidden else self.tr("Hide"))

    def _on_table_clicked(self, index: QModelIndex) -> None:
        if index.column() == ActivityTableModel.STAR:
            self._on_favourite_button_clicked()

    def _on_table_double_clicked(self, index: QModelIndex) -> None:
        if index.column() != ActivityTableModel.STAR and self.edit_button.isEnabled():
            self._on_edit_button_clicked()

    # ------------------------------------------------------------------------- preferences

    def _after_edit(self) -> None:
        self.refresh()
        self.changed.emit()

    def _on_favourite_button_clicked(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        self._activities.set_favourite(row.activity.id, not row.favourite)
        self._after_edit()

    def _on_hide_button_clicked(self) -> None:
        row = self.selected_row()
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
            show_error(self.activity_error, error)
            return
        show_error(self.activity_error, None)
        self.refresh()
        if not self.select_activity(activity.id):
            # Make sure the person sees what they just added, whatever the filters said.
            self.search.clear()
            for combo in (
                self.theme_filter,
                self.length_filter,
                self.company_filter,
                self.place_filter,
            ):
                combo.setCurrentIndex(0)
            self.select_activity(activity.id)
        self.changed.emit()

    def _on_activity_dialog_finished(self, dialog: ActivityDialog, _result: int) -> None:
        if self.activity_dialog is dialog:
            self.activity_dialog = None
        dialog.deleteLater()

    def _on_remove_button_clicked(self) -> None:
        row = self.selected_row()
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

    # ------------------------------------------------------------------------------ people

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
        self._after_edit()

    def _on_remove_person_button_clicked(self) -> None:
        rows = self.people_list.selectionModel().selectedRows()
        if not rows:
            return
        person = self.people.person(rows[0].row())
        if person.id is None:
            return
        self._activities.remove_person(person.id)
        self._after_edit()

        def undo() -> None:
            self._activities.add_person(person)
            self._after_edit()

        self.undo_offered.emit(
            self.tr("Removed {person} from your list.").format(person=person.name), undo
        )
