"""What counts as an online community: the catalog's apps, each checked when it counts.

``CommunityAppsModel`` is the catalog grouped by category with a check box per app (used by the
settings page and the first-run wizard); ``CountedAppsPanel`` shows it with a filter and stores
each change at once.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
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
from PySide6.QtWidgets import QLineEdit, QTreeView, QVBoxLayout, QWidget

from wellbeing_app.core.classifier import CATEGORIES, Catalog, CommunityApp
from wellbeing_app.storage.rules import RuleRepository
from wellbeing_app.ui import design
from wellbeing_app.ui.i18n import shown_number, translate_core
from wellbeing_app.ui.settings_widgets import note_label

APP_NAME_ROLE = Qt.ItemDataRole.UserRole + 1  # an app row's display name; None on a category

_Index = QModelIndex | QPersistentModelIndex


def category_name(category: str) -> str:
    """A kind of app as a name at the start of a line: translated, its first letter a capital.

    Only the first letter changes (``str.capitalize`` would lower the rest, and a translation's
    own capitals, like German nouns, must stay)."""
    text = translate_core(category)
    return text[:1].upper() + text[1:]


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
                return self.tr("{category} ({count})").format(
                    category=category_name(category), count=shown_number(len(apps))
                )
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
        layout.setSpacing(design.SPACE_S)
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
