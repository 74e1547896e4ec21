"""The Ideas tab of the Activities page: search, filters, the table of activities and the
buttons under it, with rows that fold into columns when the window is narrow.

The tab shows and selects; what the buttons do (favourites, hiding, your own activities) is the
page's, which stores it and refreshes the tab.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QCoreApplication,
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
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from wellbeing_app.core.activities import CATEGORIES, Activity
from wellbeing_app.ui import design
from wellbeing_app.ui.activity_table import (
    ActivityFilter,
    ActivityFilterModel,
    ActivityRow,
    ActivityTableModel,
)
from wellbeing_app.ui.activity_text import theme_text
from wellbeing_app.ui.i18n import QT_TRANSLATE_NOOP
from wellbeing_app.ui.limit_dialog import error_label

OWN_ACTIVITIES = "your own"  # the theme filter's choice for a person's own activities
# The filters' choices: English sources, translated where shown (context "IdeasTab").
LENGTHS: tuple[tuple[str, int | None], ...] = (
    (QT_TRANSLATE_NOOP("IdeasTab", "Any length"), None),
    (QT_TRANSLATE_NOOP("IdeasTab", "5 min or less"), 5),
    (QT_TRANSLATE_NOOP("IdeasTab", "15 min or less"), 15),
    (QT_TRANSLATE_NOOP("IdeasTab", "30 min or less"), 30),
    (QT_TRANSLATE_NOOP("IdeasTab", "1 hour or less"), 60),
)
COMPANY: tuple[tuple[str, str | None], ...] = (
    (QT_TRANSLATE_NOOP("IdeasTab", "Alone or with others"), None),
    (QT_TRANSLATE_NOOP("IdeasTab", "On your own"), "solo"),
    (QT_TRANSLATE_NOOP("IdeasTab", "With others"), "social"),
)
PLACES: tuple[tuple[str, str | None], ...] = (
    (QT_TRANSLATE_NOOP("IdeasTab", "Indoors or outdoors"), None),
    (QT_TRANSLATE_NOOP("IdeasTab", "Indoors"), "indoors"),
    (QT_TRANSLATE_NOOP("IdeasTab", "Outdoors"), "outdoors"),
)


def table_view(name: str) -> QTableView:
    """A read-only table of whole rows, one selected at a time."""
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
    row.setSpacing(design.SPACE_S)
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


class IdeasTab(QWidget):
    """Emits ``star_clicked`` when a row's star is clicked (the row is selected by then), and
    ``edit_asked`` on a double click on one of your own activities."""

    star_clicked = Signal()
    edit_asked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme_width = self._title_width = 0  # what the columns' words need (_fit_columns)
        self._build()

    # ---------------------------------------------------------------------------- building

    def _translated(self, choices: Sequence[tuple[str, object]]) -> list[tuple[str, object]]:
        return [(self.tr(text), value) for text, value in choices]

    def _build(self) -> None:
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
        for combo in self.filters():
            combo.currentIndexChanged.connect(self._on_filter_changed)
        self.show_hidden.toggled.connect(self._on_filter_changed)

        self.model = ActivityTableModel(self)
        self.proxy = ActivityFilterModel(self)
        self.proxy.setSourceModel(self.model)
        self.table = table_view(self.tr("Activities"))
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(ActivityTableModel.STAR, Qt.SortOrder.AscendingOrder)
        header = self.table.horizontalHeader()
        # Every column keeps its whole text where it can: the title takes the room left, the
        # title and the theme giving way together when that is too little (see _fit_title);
        # a very narrow window scrolls sideways. Sizes
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
        layout = self._layout = QVBoxLayout(self)
        layout.setContentsMargins(0, design.SPACE_L, 0, 0)
        layout.setSpacing(design.SPACE_S)
        layout.addLayout(self._search_row)
        layout.addLayout(self._filter_row)
        layout.addWidget(self.table, 1)
        layout.addLayout(self._buttons_row)
        layout.addWidget(self.activity_error)

    def filters(self) -> tuple[QComboBox, ...]:
        return (self.theme_filter, self.length_filter, self.company_filter, self.place_filter)

    # ----------------------------------------------------------------------------- folding

    def _fold(self, *, wide: bool) -> None:
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        for row in self._folding:
            if row.direction() != direction:
                row.setDirection(direction)

    def row_widths(self) -> tuple[int, int]:
        """The width the rows need side by side, and folded, with this tab's margins.

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
        margins = self._layout.contentsMargins()
        overhead = margins.left() + margins.right()
        return wide + overhead, narrow + overhead

    def minimumSizeHint(self) -> QSize:
        # The rows fold when the tab gets narrow, so it may be narrower than its wide layout.
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), self.row_widths()[1]), hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._fold(wide=event.size().width() >= self._wide_width())
        super().resizeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        # Sizes are only final once the style has polished every widget.
        self._fold(wide=self.width() >= self._wide_width())
        super().showEvent(event)

    def _wide_width(self) -> int:
        return self.row_widths()[0] + 8  # a little slack, so the rows do not flicker

    # ----------------------------------------------------------------------------- showing

    def show_rows(self, rows: Sequence[ActivityRow]) -> None:
        """Shows ``rows``, keeping the selected activity selected when it is still there."""
        selected = self.selected_activity()
        self.model.set_rows(rows)
        if selected is not None:
            self.select_activity(selected.id)
        self._on_table_selection_changed()
        self._show_count()

    def _show_count(self) -> None:
        # In the page's context, where the translation template has it.
        shown = QCoreApplication.translate(
            "ActivitiesPage", "Showing {shown} of {total} activities"
        )
        self.shown_count.setText(
            shown.format(
                shown=QLocale().toString(self.proxy.rowCount()),
                total=QLocale().toString(self.model.rowCount()),
            )
        )
        self._fit_columns()

    def _fit_columns(self) -> None:
        for column in range(self.table.horizontalHeader().count()):
            if column != ActivityTableModel.TITLE:
                self.table.resizeColumnToContents(column)
        self._theme_width = self.table.horizontalHeader().sectionSize(ActivityTableModel.THEME)
        self._title_width = self.table.sizeHintForColumn(ActivityTableModel.TITLE)
        self._fit_title()

    def _fit_title(self) -> None:
        """Gives the title column the room the other columns leave, but never too little.

        When the room is short, the title and the theme give way together, each by the same
        share of what its words need (the theme not below its header, the title not below a
        short title), so neither column alone is cut to a stub.
        """
        header = self.table.horizontalHeader()
        title, theme = ActivityTableModel.TITLE, ActivityTableModel.THEME
        others = sum(
            header.sectionSize(c) for c in range(header.count()) if c not in (title, theme)
        )
        room = self.table.viewport().width() - others
        needed = self._title_width + self._theme_width
        share = min(1.0, room / needed) if needed > 0 else 1.0
        theme_least = min(header.sectionSizeFromContents(theme).width(), self._theme_width)
        theme_wanted = max(round(self._theme_width * share), theme_least)
        least = self.table.fontMetrics().horizontalAdvance("Walk around the block")
        wanted = max(room - theme_wanted, least)
        if header.sectionSize(theme) != theme_wanted:
            header.resizeSection(theme, theme_wanted)
        if header.sectionSize(title) != wanted:
            header.resizeSection(title, wanted)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_title()
        return super().eventFilter(watched, event)

    def clear_filters(self) -> None:
        self.search.clear()
        for combo in self.filters():
            combo.setCurrentIndex(0)

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
            self.star_clicked.emit()

    def _on_table_double_clicked(self, index: QModelIndex) -> None:
        if index.column() != ActivityTableModel.STAR and self.edit_button.isEnabled():
            self.edit_asked.emit()
