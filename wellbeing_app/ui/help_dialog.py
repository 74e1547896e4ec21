"""'Get help now': crisis lines and support, one click (or F1) from every screen."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from wellbeing_app.core.crisis import CrisisLine


def crisis_html(lines: Sequence[CrisisLine]) -> str:
    items = "".join(
        f"<li><b>{line.name}</b>: {line.contact}"
        + (f"<br><span>{line.note}</span>" if line.note else "")
        + "</li>"
        for line in lines
    )
    return f"<ul>{items}</ul>"


class HelpDialog(QDialog):
    def __init__(
        self, lines: Sequence[CrisisLine], note: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Get help now")
        self.setAccessibleName("Get help now")
        intro = QLabel(
            "<h3>You don't have to handle this alone.</h3>"
            "<p><b>If you are in danger or might act on thoughts of harming yourself, call your "
            "local emergency number now.</b> Otherwise, these people are there to listen, any "
            "time:</p>"
        )
        intro.setWordWrap(True)
        self.lines = QLabel(crisis_html(lines))
        self.lines.setWordWrap(True)
        self.lines.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.lines.setAccessibleName("Crisis lines")
        caveat = QLabel(
            f"<small>{note} Set your country and your own contacts in Settings "
            "(or with <code>wellbeing settings set crisis_country GB</code>).</small>"
        )
        caveat.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.lines)
        layout.addWidget(caveat)
        layout.addWidget(buttons)
        self.resize(560, self.sizeHint().height())
