"""The Today page: time per community app against its limit, computer time, mood, gratitude."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from wellbeing_app.core.models import MOOD_LABELS
from wellbeing_app.core.text import duration_text
from wellbeing_app.core.today import TodaySnapshot
from wellbeing_app.ui.usage_model import LIMIT_FRACTION_ROLE, AppUsageModel

_CALM = QColor("#3f8f7b")
_NEAR = QColor("#d9a441")
_OVER = QColor("#c8664f")


class LimitBarDelegate(QStyledItemDelegate):
    """Paints the limit column as a quiet bar behind its text: green, amber near, rust over."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        fraction = index.data(LIMIT_FRACTION_ROLE)
        if isinstance(fraction, float):
            rect: QRect = option.rect.adjusted(4, 6, -4, -6)
            color = _CALM if fraction < 0.8 else _NEAR if fraction < 1 else _OVER
            painter.save()
            painter.setPen(Qt.PenStyle.NoPen)
            track = QColor(color)
            track.setAlpha(40)
            painter.setBrush(track)
            painter.drawRoundedRect(rect, 4, 4)
            filled = QRect(rect)
            filled.setWidth(int(rect.width() * min(fraction, 1.0)))
            fill = QColor(color)
            fill.setAlpha(110)
            painter.setBrush(fill)
            painter.drawRoundedRect(filled, 4, 4)
            painter.restore()
        super().paint(painter, option, index)


class TodayPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("todayPage")
        self._heading = QLabel()
        heading_font = QFont(self._heading.font())
        heading_font.setPointSizeF(heading_font.pointSizeF() * 1.5)
        heading_font.setBold(True)
        self._heading.setFont(heading_font)
        self._total = QLabel()
        total_font = QFont(self._total.font())
        total_font.setPointSizeF(total_font.pointSizeF() * 1.2)
        self._total.setFont(total_font)
        self._total.setWordWrap(True)
        self.approximate_label = QLabel()
        self.approximate_label.setObjectName("todayApproximate")
        self.approximate_label.setWordWrap(True)
        self.approximate_label.setVisible(False)
        self.model = AppUsageModel()
        self.table = QTableView()
        self.table.setObjectName("todayApps")
        self.table.setAccessibleName("Time per community app today")
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(3, LimitBarDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(3, 240)
        self._empty = QLabel(
            "No time in online communities yet today. Wellbeing counts the time a community "
            "app or site is in front while you are at the computer."
        )
        self._empty.setWordWrap(True)
        self.continuous = QProgressBar()
        self.continuous.setAccessibleName("Continuous use since your last pause")
        self.continuous.setTextVisible(True)
        self.continuous.setMinimumWidth(
            self.continuous.fontMetrics().horizontalAdvance("000 of 000 min") * 2
        )
        self.continuous.setMaximumWidth(420)
        self.continuous_label = QLabel("Continuous use since your last pause:")
        self.suggestion = QLabel()
        self.suggestion.setWordWrap(True)
        self.suggestion.setAccessibleName("An offline idea for now")
        self.suggestion.hide()
        self._mood = QLabel()
        self._mood.setWordWrap(True)
        self._gratitude = QLabel()
        self._gratitude.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        layout.addWidget(self._heading)
        layout.addWidget(self._total)
        layout.addWidget(self.approximate_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self._empty)
        meter = QHBoxLayout()
        meter.addWidget(self.continuous_label)
        meter.addWidget(self.continuous)
        meter.addStretch(1)
        layout.addLayout(meter)
        layout.addWidget(self._mood)
        layout.addWidget(self._gratitude)
        layout.addWidget(self.suggestion)

    def show_continuous_use(self, seconds: float, limit_minutes: int) -> None:
        """The meter toward the next continuous-use break (a pause of a few minutes resets it)."""
        self.continuous.setRange(0, limit_minutes * 60)
        self.continuous.setValue(min(int(seconds), limit_minutes * 60))
        self.continuous.setFormat(f"{seconds / 60:.0f} of {limit_minutes} min")

    def show_suggestion(self, title: str, minutes: int, why: str) -> None:
        self.suggestion.setText(f"<b>An offline idea:</b> {title} ({minutes} min). <i>{why}</i>")
        self.suggestion.show()

    def _show_approximate(self, snapshot: TodaySnapshot) -> None:
        """Which apps' time today is approximate, and how much: shown, never enforced."""
        label = self.approximate_label
        if not snapshot.approximate_apps:
            label.setVisible(False)
            return
        apps = ", ".join(
            f"{app.app} {duration_text(app.seconds)}" for app in snapshot.approximate_apps
        )
        label.setText(
            f"<b>Approximate:</b> {apps}. On this desktop Wellbeing could only see that "
            "these apps were running while you were active, not which window was in front, "
            "so this time is shown but not counted toward limits or breaks."
        )
        label.setVisible(True)

    def show_snapshot(self, snapshot: TodaySnapshot) -> None:
        day = snapshot.day
        self._heading.setText(f"Today · {day:%A} {day.day} {day:%B}")
        community = snapshot.community_seconds
        text = f"<b>{duration_text(community)}</b> in online communities"
        if snapshot.active_seconds > 0:
            share = community / snapshot.active_seconds
            text += f" — {share:.0%} of {duration_text(snapshot.active_seconds)} at the computer"
        self._total.setText(text)
        self._show_approximate(snapshot)
        self.model.set_snapshot(snapshot)
        self.table.setVisible(bool(snapshot.apps))
        self._empty.setVisible(not snapshot.apps)
        if snapshot.moods:
            moods = " · ".join(
                f"{m.score} {MOOD_LABELS[m.score]} at {m.at:%H:%M}" for m in snapshot.moods
            )
            self._mood.setText(f"<b>Mood today:</b> {moods}")
        else:
            self._mood.setText("<b>Mood today:</b> not logged yet.")
        if snapshot.gratitude_items:
            items = "; ".join(snapshot.gratitude_items)
            self._gratitude.setText(f"<b>Good things today:</b> {items}")
        else:
            self._gratitude.setText("<b>Good things today:</b> none written yet.")
