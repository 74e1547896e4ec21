"""The History tab of the Activities page: what happened after each suggestion, newest first,
and how each activity went over time."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QHeaderView, QLabel, QVBoxLayout, QWidget

from wellbeing_app.ui import design
from wellbeing_app.ui.activity_empty import EmptyState
from wellbeing_app.ui.activity_ideas import table_view
from wellbeing_app.ui.activity_models import (
    ActivitySummaryModel,
    HistoryRow,
    OutcomeHistoryModel,
    SummaryRow,
)


class HistoryTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.history = OutcomeHistoryModel(self)
        self.history_table = table_view(self.tr("What happened after each suggestion"))
        self.history_table.setModel(self.history)
        # Two faces and an arrow between them (``mood_change_icon``), as tall as an icon in text.
        self.history_table.setIconSize(QSize(round(design.ICON_S * 2.6), design.ICON_S))
        header = self.history_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(OutcomeHistoryModel.TITLE, QHeaderView.ResizeMode.Stretch)
        self.summary = ActivitySummaryModel(self)
        self.summary_table = table_view(self.tr("How each activity went"))
        self.summary_table.setModel(self.summary)
        summary_header = self.summary_table.horizontalHeader()
        summary_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        summary_header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.history_empty = EmptyState(
            "idea",
            self.tr(
                "Nothing logged yet. After a break, Wellbeing asks whether you did the activity "
                "and how you feel; your answers show here and teach the suggestions what helps you."
            ),
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, design.SPACE_L, 0, 0)
        layout.setSpacing(design.SPACE_S)
        self.history_heading = QLabel(self.tr("<b>After each suggestion</b> (newest first)"))
        self.summary_heading = QLabel(self.tr("<b>By activity</b>"))
        self.summary_heading.setContentsMargins(0, design.SPACE_M, 0, 0)
        layout.addWidget(self.history_heading)
        layout.addWidget(self.history_table, 3)
        layout.addWidget(self.summary_heading)
        layout.addWidget(self.summary_table, 2)
        layout.addWidget(self.history_empty)
        layout.addStretch(0)  # takes up the slack only while there is nothing to show

    def show_history(self, history: Sequence[HistoryRow], summary: Sequence[SummaryRow]) -> None:
        self.history.set_rows(history)
        self.summary.set_rows(summary)
        for widget in (
            self.history_heading,
            self.history_table,
            self.summary_heading,
            self.summary_table,
        ):
            widget.setVisible(bool(history))
        self.history_empty.setVisible(not history)
