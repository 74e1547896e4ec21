"""The break itself: a large countdown, the idea chosen, and "I'm back"."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from wellbeing_app.ui.break_parts import button, clock_text, label


class BreakCountdown(QWidget):
    """Counts a break down once a second; ``finished`` at zero, ``back_pressed`` on "I'm back"."""

    finished = Signal()
    back_pressed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._left = 0
        self._minutes = 0
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self._on_timer_timeout)

        self.heading = label(scale=1.4, bold=True)
        self.countdown = QLabel()
        self.countdown.setAccessibleName(self.tr("Time left in your break"))
        font = self.countdown.font()
        font.setPointSizeF(font.pointSizeF() * 4.5)
        font.setWeight(QFont.Weight.Light)
        font.setFeature(QFont.Tag("tnum"), 1)  # digits that do not jump as they change
        self.countdown.setFont(font)
        self.caption = label(quiet=True)
        self.activity = label(scale=1.2, bold=True)
        self.note = label(self.tr("Wellbeing will tell you when it's over."), 0.95, quiet=True)
        self.back_button = button(self.tr("&I'm back"), self.tr("I'm back from my break"))
        self.back_button.clicked.connect(self.back_pressed)
        centred_page(
            self,
            [self.heading, self.countdown, self.caption, self.activity, self.note],
            self.back_button,
        )

    @property
    def left(self) -> int:
        """Seconds left."""
        return self._left

    def start(self, minutes: int, activity_title: str) -> None:
        self._minutes = minutes
        self._left = minutes * 60
        self.activity.setText(activity_title)
        self._show()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def _on_timer_timeout(self) -> None:
        self._left = max(0, self._left - 1)
        self._show()
        if self._left == 0:
            self.timer.stop()
            self.finished.emit()

    def _show(self) -> None:
        if self._left > 0:
            self.heading.setText(self.tr("Enjoy your break"))
            self.countdown.setText(clock_text(self._left))
            self.caption.setText(
                self.tr("left of your {minutes}-minute break").format(minutes=self._minutes)
            )
        else:
            self.heading.setText(self.tr("That's your break"))
            self.caption.setText(self.tr("Welcome back whenever you're ready."))
        self.countdown.setVisible(self._left > 0)
        self.note.setVisible(self._left > 0)


def centred_page(page: QWidget, lines: Sequence[QLabel], default: QPushButton) -> QWidget:
    """Lays ``page`` out as a few centred lines and one button (the default) under them."""
    default.setDefault(True)
    default.setObjectName("primary")
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(default)
    row.addStretch(1)
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(12)
    for line in lines:
        line.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(line)
    layout.addSpacing(8)
    layout.addLayout(row)
    return page
