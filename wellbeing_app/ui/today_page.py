"""The Today page, a glance at the day: the total in online communities at the top, a
timeline of the day with mood check-ins on it, time per community against its limit (the bars,
``today_limits``), and beside them the time since the last break, mood and good things to log
in place, and an offline idea. Before there is any time today, a welcome takes the bars' place.

The page scrolls rather than clipping, and its two columns stack into one on a narrow window.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, QEvent, QLocale, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from wellbeing_app.core.text import duration_text
from wellbeing_app.core.today import TodaySnapshot
from wellbeing_app.ui import design
from wellbeing_app.ui.day_timeline import DayTimeline
from wellbeing_app.ui.today_cards import (
    BreakMeterCard,
    GoodThingsCard,
    IdeaCard,
    MoodCard,
    WelcomeCard,
)
from wellbeing_app.ui.today_limits import TodayLimits
from wellbeing_app.ui.today_style import (
    PALETTE_CHANGES,
    Card,
    page_style,
    secondary,
    type_font,
)
from wellbeing_app.ui.usage_model import LimitBarDelegate

__all__ = ["LimitBarDelegate", "TodayPage"]  # the delegate stays importable from here

_ONE_COLUMN_BELOW = 700  # content width (logical px) under which the columns stack


class TodayPage(QWidget):
    mood_chosen = Signal(int)  # a face was clicked: log this mood (1..5)
    gratitude_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("todayPage")
        self.content = QWidget()
        self.content.setObjectName("todayContent")
        self._setup_header()
        self.empty_state = WelcomeCard()
        self.empty_state.hide()
        self.timeline = DayTimeline()
        self.timeline_card = Card(self.tr("Your day"), "calendar")
        self.timeline_card.body.addWidget(self.timeline)
        self.limits = TodayLimits()
        self.limits.setAccessibleName(self.tr("Time per community app today"))
        self.limits_card = Card(self.tr("Time per community, against your limits"), "boundaries")
        self.limits_card.body.addWidget(self.limits)
        self.continuous = BreakMeterCard()
        self.mood = MoodCard()
        self.mood.mood_chosen.connect(self.mood_chosen)
        self.good_things = GoodThingsCard()
        self.good_things.gratitude_requested.connect(self.gratitude_requested)
        self.suggestion = IdeaCard()
        self.suggestion.hide()
        self._setup_layout()
        self._restyle()

    def _setup_header(self) -> None:
        self._heading = secondary(QLabel())
        self._heading.setFont(type_font(design.LABEL, self))
        self._total = QLabel()
        self._total.setObjectName("todayTotal")
        self._total.setFont(type_font(design.DISPLAY, self))
        self._summary = secondary(QLabel())
        self._summary.setWordWrap(True)
        self.approximate_label = QLabel()
        self.approximate_label.setObjectName("todayApproximate")
        self.approximate_label.setWordWrap(True)
        self.approximate_label.setVisible(False)

    def _setup_layout(self) -> None:
        layout = QVBoxLayout(self.content)
        layout.setContentsMargins(design.SPACE_XL, design.SPACE_L, design.SPACE_XL, design.SPACE_XL)
        layout.setSpacing(design.SPACE_L)
        header = QVBoxLayout()
        header.setSpacing(design.SPACE_XS)
        header.addWidget(self._heading)
        header.addWidget(self._total)
        header.addWidget(self._summary)
        layout.addLayout(header)
        layout.addWidget(self.approximate_label)
        layout.addWidget(self.timeline_card)
        self.columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.columns.setSpacing(design.SPACE_L)
        left = QVBoxLayout()
        left.setSpacing(design.SPACE_L)
        left.addWidget(self.empty_state)  # where the bars will be
        left.addWidget(self.limits_card)
        left.addWidget(self.suggestion)
        left.addStretch(1)
        right = QVBoxLayout()
        right.setSpacing(design.SPACE_L)
        for card in (self.continuous, self.mood, self.good_things):
            right.addWidget(card)
        right.addStretch(1)
        self.columns.addLayout(left, 3)
        self.columns.addLayout(right, 2)
        layout.addLayout(self.columns)
        layout.addStretch(1)

        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("todayScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setWidget(self.content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll_area)

    def _restyle(self) -> None:
        sheet = page_style(self.palette())
        if self.content.styleSheet() != sheet:
            self.content.setStyleSheet(sheet)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in PALETTE_CHANGES:
            self._restyle()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        narrow = event.size().width() < _ONE_COLUMN_BELOW
        direction = QBoxLayout.Direction.TopToBottom if narrow else QBoxLayout.Direction.LeftToRight
        if self.columns.direction() != direction:
            self.columns.setDirection(direction)

    # ----- what desktop.py and the main window call

    def show_continuous_use(self, seconds: float, limit_minutes: int) -> None:
        """The meter toward the next continuous-use break (a pause of a few minutes resets it)."""
        self.continuous.show_use(seconds, limit_minutes)

    def show_suggestion(self, title: str, minutes: int, why: str) -> None:
        self.suggestion.show_idea(title, minutes, why)
        self.suggestion.show()

    def show_snapshot(self, snapshot: TodaySnapshot) -> None:
        day = snapshot.day
        self._heading.setText(
            self.tr("Today · {day}").format(
                day=QLocale().toString(QDate(day.year, day.month, day.day), "dddd d MMMM")
            )
        )
        has_time = bool(snapshot.apps)
        community = snapshot.community_seconds
        self._total.setText(duration_text(community))
        summary = self.tr("in online communities today")
        if snapshot.active_seconds > 0:
            share = community / snapshot.active_seconds
            summary += self.tr(" · {share:.0%} of {active} at the computer").format(
                share=share, active=duration_text(snapshot.active_seconds)
            )
        self._summary.setText(summary)
        self._total.setVisible(has_time)
        self._summary.setVisible(has_time)
        self._show_approximate(snapshot)
        self.limits.set_snapshot(snapshot)
        self.limits_card.setVisible(has_time)
        self.empty_state.setVisible(not has_time)
        self.timeline.set_snapshot(snapshot)
        self.mood.show_moods(snapshot.moods)
        self.good_things.show_items(snapshot.gratitude_items)

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
            self.tr(
                "<b>Approximate:</b> {apps}. On this desktop Wellbeing could only see that "
                "these apps were running while you were active, not which window was in front, "
                "so this time is shown but not counted toward limits or breaks."
            ).format(apps=apps)
        )
        label.setVisible(True)
