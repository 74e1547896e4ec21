"""Settings > Tracking > "How Wellbeing sees your desktop": the probe in use and, when tracking
is limited on this desktop, what to do about it (a link and steps)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from wellbeing_app.platform.sessions import TrackingAdvice


def advice_html(advice: TrackingAdvice) -> str:
    """The advice as rich text: the summary, numbered steps, the link made clickable."""
    steps = []
    for step in advice.steps:
        text = escape(step)
        if advice.link:
            link = escape(advice.link)
            text = text.replace(link, f'<a href="{link}">{link}</a>')
        steps.append(f"<li>{text}</li>")
    listed = f"<ol>{''.join(steps)}</ol>" if steps else ""
    return f"<p>{escape(advice.summary)}</p>{listed}"


class TrackingStatusPanel(QWidget):
    """Shows how tracking works here; ``show_tracking`` is connected to the tracker's status."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status = QLabel(self.tr("Not tracking yet."))
        self.status.setObjectName("trackingProbe")
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("How Wellbeing sees your desktop"))
        self.advice = QLabel()
        self.advice.setObjectName("trackingAdvice")
        self.advice.setWordWrap(True)
        self.advice.setTextFormat(Qt.TextFormat.RichText)
        self.advice.setOpenExternalLinks(True)
        self.advice.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.advice.setAccessibleName(self.tr("What to do for exact tracking"))
        self.advice.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status)
        layout.addWidget(self.advice)

    def show_tracking(self, status: str, advice: TrackingAdvice | None) -> None:
        """The tracker's status line, and the advice for this desktop if there is any."""
        self.status.setText(status)
        if advice is None:
            self.advice.clear()
            self.advice.hide()
            return
        self.advice.setText(advice_html(advice))
        self.advice.show()
