"""Time per community app today, as bars against each app's daily limit.

One row per app, largest first: its name, a bar and its time, and under the bar how it stands
("12 min left", "over by 5 min", "no limit"). A bar with a limit fills toward the tightest
limit the app counts against; without one it is measured against the day's largest app. Near
and over are told by the words and a mark, and over by a hatched bar too, never by colour
alone. The top apps show; "and N more" opens the rest.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPainterPath, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from wellbeing_app.core.text import duration_text
from wellbeing_app.core.today import AppBar, BarState, TodaySnapshot, app_bars
from wellbeing_app.ui import design
from wellbeing_app.ui.mood_palette import blend
from wellbeing_app.ui.today_style import (
    PALETTE_CHANGES,
    secondary,
    status_mark,
    track_colour,
    type_font,
)

TOP_APPS = 5


def bar_colours(palette: QPalette, state: BarState) -> tuple[QColor, QColor]:
    """The fill of a bar's own part and of the rest of its category's part."""
    highlight = palette.color(QPalette.ColorRole.Highlight)
    base = palette.color(QPalette.ColorRole.Base)
    text = palette.color(QPalette.ColorRole.Text)
    if state == "none":
        fill = blend(base, text, 0.38)
    elif state == "over":
        fill = blend(highlight, text, 0.45)
    else:
        fill = highlight
    return fill, blend(base, fill, 0.45)


class LimitBar(QWidget):
    """A rounded bar: the app's own part solid, the rest of its category's use lighter, and
    diagonal hatching once the limit is passed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fraction = 0.0
        self.own_fraction = 0.0
        self.state: BarState = "none"
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_bar(self, bar: AppBar) -> None:
        self.fraction, self.own_fraction, self.state = bar.fraction, bar.own_fraction, bar.state
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(160, max(10, round(self.fontMetrics().height() * 0.62)))

    def minimumSizeHint(self) -> QSize:
        return QSize(60, self.sizeHint().height())

    def filled_width(self) -> float:
        """How wide the filled part is drawn, in pixels."""
        return self.width() * max(0.0, min(self.fraction, 1.0))

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect())
        radius = rect.height() / 2
        clip = QPainterPath()
        clip.addRoundedRect(rect, radius, radius)
        painter.setClipPath(clip)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.fillRect(rect, track_colour(self.palette()))
        own, rest = bar_colours(self.palette(), self.state)
        painter.fillRect(QRectF(0, 0, self.filled_width(), rect.height()), rest)
        painter.fillRect(QRectF(0, 0, self.width() * self.own_fraction, rect.height()), own)
        if self.state == "over":
            hatch = QBrush(
                self.palette().color(QPalette.ColorRole.Base), Qt.BrushStyle.BDiagPattern
            )
            painter.fillRect(rect, hatch)
        painter.end()


class LimitRow:
    """The widgets of one app's row, laid into the grid of :class:`TodayLimits`."""

    def __init__(self, parent: QWidget) -> None:
        self.name = QLabel(parent)
        self.name.setFont(type_font(design.LABEL, self.name))
        self.name.setMinimumWidth(self.name.fontMetrics().horizontalAdvance("Instagram") + 8)
        self.duration = QLabel(parent)
        self.duration.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.duration.setMinimumWidth(self.duration.fontMetrics().horizontalAdvance("00 h 00 min"))
        self.bar = LimitBar(parent)
        self.mark = QLabel(parent)
        self.status = secondary(QLabel(parent))
        self.status.setFont(type_font(design.CAPTION, self.status))
        self.status.setWordWrap(True)
        self.under = QWidget(parent)
        under = QHBoxLayout(self.under)
        under.setContentsMargins(0, 0, 0, design.SPACE_S)
        under.setSpacing(design.SPACE_XS)
        under.addWidget(self.mark)
        under.addWidget(self.status, 1)

    def widgets(self) -> tuple[QWidget, ...]:
        return (self.name, self.duration, self.bar, self.under)

    def show_bar(self, bar: AppBar, approximate: bool, owner: QWidget) -> None:
        self.name.setText(bar.app.app)
        self.name.setToolTip(bar.app.category)
        self.duration.setText(duration_text(bar.app.seconds))
        self.bar.set_bar(bar)
        self.status.setText(status_text(bar, approximate, owner))
        colour = owner.palette().color(QPalette.ColorRole.WindowText)
        size = self.status.fontMetrics().height()
        ink = owner.palette().color(QPalette.ColorRole.Base)
        self.mark.setPixmap(status_mark(bar.state, colour, ink, size))
        self.mark.setVisible(bar.state in ("near", "over"))
        alarm = bar.state in ("near", "over")
        weight = QFont.Weight.DemiBold if alarm else QFont.Weight.Normal
        self.status.setFont(type_font(design.CAPTION, owner, weight=weight))
        self.bar.setAccessibleName(
            owner.tr("{app}: {time} today, {status}").format(
                app=bar.app.app, time=duration_text(bar.app.seconds), status=self.status.text()
            )
        )

    def set_visible(self, visible: bool) -> None:
        for widget in self.widgets():
            widget.setVisible(visible)


def status_text(bar: AppBar, approximate: bool, owner: QWidget) -> str:
    """How a bar stands, in words: what is left, or by how much it is over."""
    standing = bar.standing
    if standing is None:
        text = owner.tr("no limit set")
    else:
        limit = standing.limit
        if bar.state == "over":
            over = -bar.seconds_left
            text = (
                owner.tr("limit reached")
                if over < 60
                else owner.tr("over by {time}").format(time=duration_text(over))
            )
        else:
            text = owner.tr("{time} left").format(time=duration_text(bar.seconds_left))
        of = owner.tr("limit {minutes} min").format(minutes=limit.minutes)
        if limit.kind == "category":
            of = owner.tr("{category} limit {minutes} min").format(
                minutes=limit.minutes, category=limit.target
            )
        text = f"{text} · {of}"
    if approximate:
        text += owner.tr(" · approximate")
    return text


class TodayLimits(QWidget):
    """The rows of today's apps; ``set_snapshot`` fills them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[LimitRow] = []
        self.bars: tuple[AppBar, ...] = ()
        self._snapshot: TodaySnapshot | None = None
        self._expanded = False
        self._grid = QGridLayout()
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(design.SPACE_M)
        self._grid.setVerticalSpacing(2)
        self._grid.setColumnStretch(1, 1)
        self.more_button = QPushButton()
        self.more_button.setObjectName("todayMore")
        self.more_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.more_button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.more_button.clicked.connect(self._on_more_clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(design.SPACE_S)
        layout.addLayout(self._grid)
        layout.addWidget(self.more_button)

    def set_snapshot(self, snapshot: TodaySnapshot) -> None:
        self._snapshot = snapshot
        self.bars = app_bars(snapshot)
        approximate = {app.app for app in snapshot.approximate_apps}
        while len(self.rows) < len(self.bars):
            self._add_row()
        for row, bar in zip(self.rows, self.bars, strict=False):
            row.show_bar(bar, bar.app.app in approximate, self)
        self._show_rows()

    def _add_row(self) -> None:
        row = LimitRow(self)
        line = len(self.rows) * 2
        self._grid.addWidget(row.name, line, 0)
        self._grid.addWidget(row.bar, line, 1, Qt.AlignmentFlag.AlignVCenter)
        self._grid.addWidget(row.duration, line, 2)
        self._grid.addWidget(row.under, line + 1, 1, 1, 2)
        self.rows.append(row)

    def visible_rows(self) -> list[LimitRow]:
        return [row for row in self.rows if not row.bar.isHidden()]

    def _show_rows(self) -> None:
        shown = len(self.bars) if self._expanded else min(TOP_APPS, len(self.bars))
        for index, row in enumerate(self.rows):
            row.set_visible(index < shown)
        hidden = len(self.bars) - TOP_APPS
        self.more_button.setVisible(hidden > 0)
        if self._expanded:
            self.more_button.setText(self.tr("Show fewer"))
        else:
            self.more_button.setText(self.tr("and {count} more").format(count=hidden))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in PALETTE_CHANGES and self._snapshot is not None:
            self.set_snapshot(self._snapshot)  # the marks are drawn in the palette's colours

    def _on_more_clicked(self) -> None:
        self._expanded = not self._expanded
        self._show_rows()
