"""The cards on the Today page beside the bars: time since the last break, mood and good
things logged in place, an offline idea, and the welcome shown before there is any time."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QPainter, QPainterPath, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from wellbeing_app.core.models import MOOD_LABELS, MoodEntry
from wellbeing_app.core.text import duration_text
from wellbeing_app.ui import design
from wellbeing_app.ui.faces import style_face_button
from wellbeing_app.ui.mood_palette import blend
from wellbeing_app.ui.today_style import (
    Card,
    clock_text,
    secondary,
    track_colour,
    type_font,
)


class MeterBar(QWidget):
    """A thick rounded bar toward the break; hatched once the break is due."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fraction = 0.0
        self.due = False
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(200, round(self.fontMetrics().height() * 0.8))

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect())
        clip = QPainterPath()
        clip.addRoundedRect(rect, rect.height() / 2, rect.height() / 2)
        painter.setClipPath(clip)
        palette = self.palette()
        painter.fillRect(rect, track_colour(palette))
        fill = palette.color(QPalette.ColorRole.Highlight)
        if self.due:
            fill = blend(fill, palette.color(QPalette.ColorRole.Text), 0.45)
        painter.fillRect(QRectF(0, 0, rect.width() * self.fraction, rect.height()), fill)
        if self.due:
            base = palette.color(QPalette.ColorRole.Base)
            painter.fillRect(rect, QBrush(base, Qt.BrushStyle.BDiagPattern))
        painter.end()


class BreakMeterCard(Card):
    """How long since the last break, against the continuous-use limit."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", "timer", parent)
        self.title.setText(self.tr("Time since your last break"))
        self.value_label = QLabel()
        self.value_label.setFont(type_font(design.HEADLINE, self))
        self.bar = MeterBar()
        self.caption = secondary(QLabel())
        self.caption.setWordWrap(True)
        self.body.addWidget(self.value_label)
        self.body.addWidget(self.bar)
        self.body.addWidget(self.caption)
        self.setAccessibleName(self.tr("Time since your last break"))
        self.show_use(0, 0)

    @property
    def fraction(self) -> float:
        return self.bar.fraction

    def show_use(self, seconds: float, limit_minutes: int) -> None:
        limit = limit_minutes * 60
        self.value_label.setText(
            duration_text(seconds) if seconds >= 60 else self.tr("under a minute")
        )
        self.bar.fraction = min(seconds / limit, 1.0) if limit > 0 else 0.0
        self.bar.due = limit > 0 and seconds >= limit
        if limit <= 0:
            self.caption.setText(self.tr("A few minutes away from the screen resets this."))
        elif self.bar.due:
            self.caption.setText(
                self.tr("Time for a break: {over} past the {limit} min you chose.").format(
                    over=duration_text(max(seconds - limit, 60)), limit=limit_minutes
                )
            )
        else:
            self.caption.setText(
                self.tr("A break is due at {limit} min; a few minutes away resets this.").format(
                    limit=limit_minutes
                )
            )
        self.bar.update()
        self.setAccessibleDescription(f"{self.value_label.text()}. {self.caption.text()}")


class MoodCard(Card):
    """Five faces; a click asks to log that mood (``mood_chosen``). Below, today's entries."""

    mood_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", "mood", parent)
        self.title.setText(self.tr("How are you feeling?"))
        row = QHBoxLayout()
        row.setSpacing(design.SPACE_XS)
        self.faces: dict[int, QToolButton] = {}
        for score, label in MOOD_LABELS.items():
            face = QToolButton()
            style_face_button(face, score)
            face.setIconSize(QSize(36, 36))
            face.setText(label)
            face.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
            face.setAccessibleName(
                self.tr("Log mood {score}: {label}").format(score=score, label=label)
            )
            face.setToolTip(self.tr("Log “{label}” now…").format(label=label))
            face.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            face.clicked.connect(lambda _=False, s=score: self.mood_chosen.emit(s))
            self.faces[score] = face
            row.addWidget(face)
        self.logged = secondary(QLabel())
        self.logged.setWordWrap(True)
        self.body.addLayout(row)
        self.body.addWidget(self.logged)
        self.show_moods(())

    def show_moods(self, moods: tuple[MoodEntry, ...]) -> None:
        if not moods:
            self.logged.setText(self.tr("Not logged yet today. Pick a face to add a note or tags."))
            return
        entries = ", ".join(
            self.tr("{label} at {time}").format(label=MOOD_LABELS[m.score], time=clock_text(m.at))
            for m in moods[-3:]
        )
        self.logged.setText(self.tr("Today: {entries}").format(entries=entries))


class GoodThingsCard(Card):
    """Today's good things, and a button to write some (``gratitude_requested``)."""

    gratitude_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", "gratitude", parent)
        self.title.setText(self.tr("Good things today"))
        self.items = QLabel()
        self.items.setWordWrap(True)
        self.items.setTextFormat(Qt.TextFormat.PlainText)
        self.write_button = QPushButton(self.tr("Write good things…"))
        self.write_button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.write_button.clicked.connect(self.gratitude_requested)
        self.body.addWidget(self.items)
        self.body.addWidget(self.write_button)
        self.show_items(())

    def show_items(self, items: tuple[str, ...]) -> None:
        if items:
            self.items.setProperty("secondary", False)
            self.items.setText("\n".join(f"•  {item}" for item in items))
            self.write_button.setText(self.tr("Add or edit…"))
        else:
            self.items.setProperty("secondary", True)
            self.items.setText(self.tr("Nothing written yet. One small thing is enough."))
            self.write_button.setText(self.tr("Write good things…"))
        self.items.style().unpolish(self.items)
        self.items.style().polish(self.items)


class IdeaCard(Card):
    """An offline idea for now: what, for how long, and why it was picked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", "idea", parent)
        self.title.setText(self.tr("An offline idea"))
        self.idea = QLabel()
        self.idea.setFont(type_font(design.TITLE, self))
        self.idea.setWordWrap(True)
        self.minutes = secondary(QLabel())
        self.why = QLabel()
        self.why.setWordWrap(True)
        self.body.addWidget(self.idea)
        self.body.addWidget(self.minutes)
        self.body.addWidget(self.why)
        self.body.addSpacing(design.SPACE_XS)

    def show_idea(self, title: str, minutes: int, why: str) -> None:
        self.idea.setText(title)
        self.minutes.setText(self.tr("about {minutes} min").format(minutes=minutes))
        self.why.setText(why)
        self.setAccessibleDescription(f"{title}, {self.minutes.text()}. {why}")


class WelcomeCard(Card):
    """Shown while there is no time in online communities today."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", "today", parent)
        self.title.setText(self.tr("Welcome to your day"))
        self.title.setFont(type_font(design.TITLE, self))
        text = QLabel(
            self.tr(
                "No time in online communities yet today. As you use Discord, Reddit and the "
                "like, this page fills in: the time in each against the limits you set, when "
                "in the day it happened, and how long since your last break."
            )
        )
        text.setWordWrap(True)
        hint = secondary(
            QLabel(self.tr("Meanwhile, you can log how you feel or a good thing any time."))
        )
        hint.setWordWrap(True)
        self.body.addWidget(text)
        self.body.addWidget(hint)
