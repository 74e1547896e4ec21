"""The breathing pause on a break prompt: one slow breath together before the choice.

On the third prompt in a row the break card holds its choices for a few seconds and breathes
with the person: "Breathe in…" for a short count, "…and breathe out." for a longer one (a long
exhale is what calms), the seconds left in words and as a bar. When the seconds are over the
pause says a kind word, hides its count and emits ``finished``; the card then offers every
choice again.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QProgressBar, QVBoxLayout, QWidget

from wellbeing_app.ui.break_parts import label

# One slow breath: a short in, a longer out (a long exhale is what calms).
BREATH_IN_SECONDS = 4
BREATH_SECONDS = 10


class BreathingPause(QWidget):
    """The pause's words, count and bar, and the timer that moves them once a second."""

    finished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._left = 0
        self._total = 0
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self._on_timer_timeout)
        self.intro = label()
        self.text = label(scale=1.6)
        self.count = label(quiet=True)
        self.bar = QProgressBar()
        self.bar.setTextVisible(False)
        self.bar.setAccessibleName(self.tr("Breathing pause, seconds left"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for part in (self.intro, self.text, self.count):
            part.setAlignment(Qt.AlignmentFlag.AlignCenter)
        for widget in (self.intro, self.text, self.bar, self.count):
            layout.addWidget(widget)

    @property
    def left(self) -> int:
        """Seconds of the pause still to go (0: none, or over)."""
        return self._left

    def start(self, seconds: int) -> None:
        """Begins a pause of ``seconds`` (none, and hidden, when it is 0)."""
        self.timer.stop()
        self._left = self._total = max(0, seconds)
        self.setVisible(self._left > 0)
        self.bar.setRange(0, max(1, self._left))
        self._show()
        if self._left > 0:
            self.timer.start()

    def stop(self) -> None:
        """Ends the pause at once, without ``finished``."""
        self.timer.stop()
        self._left = 0

    def _on_timer_timeout(self) -> None:
        if self._left > 0:
            self._left -= 1
        if self._left == 0:
            self.timer.stop()
        self._show()
        if self._left == 0:
            self.finished.emit()

    def _show(self) -> None:
        left = self._left
        if left > 0:
            inhaling = (self._total - left) % BREATH_SECONDS < BREATH_IN_SECONDS
            self.intro.setText(self.tr("Before you choose, one slow breath together."))
            self.text.setText(self.tr("Breathe in…") if inhaling else self.tr("…and breathe out."))
            self.count.setText(
                self.tr("%n second", "", left) if left == 1 else self.tr("%n seconds", "", left)
            )
            self.bar.setValue(left)
        else:
            self.intro.setText(self.tr("Thank you. Whatever you choose now is okay."))
        for part in (self.text, self.bar, self.count):
            part.setVisible(left > 0)
