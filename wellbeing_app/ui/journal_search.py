"""Pieces of the Journal page: the good things a search found, day by day (the page runs the
search; its heading, with plurals, stays in the page where lupdate marks them), and the frameless
scroll area its views sit in."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

from wellbeing_app.core.models import GratitudeEntry
from wellbeing_app.ui.i18n import shown_date


def search_good_things(days: Sequence[GratitudeEntry]) -> str:
    """The good things that matched, a line per day, or that none did."""
    if not days:
        return QCoreApplication.translate("JournalPage", "<b>Good things:</b> no match.")
    date_format = QCoreApplication.translate("JournalPage", "d MMMM yyyy")
    line = QCoreApplication.translate("JournalPage", "{day}: {things}")
    found = "".join(
        "<li>"
        + line.format(
            day=shown_date(entry.day, date_format),
            things="; ".join(item.text for item in entry.items),
        )
        + "</li>"
        for entry in days
    )
    return QCoreApplication.translate("JournalPage", "<b>Good things:</b><ul>{items}</ul>").format(
        items=found
    )


def scrolling(page: QWidget) -> QScrollArea:
    """``page`` in a frameless scroll area that fits its width and scrolls what does not fit."""
    scroll = QScrollArea()
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidgetResizable(True)
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to what is in it
    scroll.setWidget(page)
    return scroll
