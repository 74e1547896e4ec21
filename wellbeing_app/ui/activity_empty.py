"""What an Activities tab shows while it has nothing to list: one of the app's line icons in
the empty-state size and a sentence saying what will show there, centred and quiet."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from wellbeing_app.ui import design
from wellbeing_app.ui.today_style import PALETTE_CHANGES, IconLabel, secondary_text


class EmptyState(QWidget):
    """``icon_name`` (one of ``ui.icons.ICON_NAMES``) above ``text``, in secondary text."""

    def __init__(self, icon_name: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.icon = IconLabel(icon_name, design.ICON_L)
        self.text = QLabel(text)
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(
            design.SPACE_XL, design.SPACE_XXL, design.SPACE_XL, design.SPACE_XL
        )
        layout.setSpacing(design.SPACE_M)
        layout.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.text)
        self._colour_text()

    def _colour_text(self) -> None:
        palette = self.text.palette()
        palette.setColor(QPalette.ColorRole.WindowText, secondary_text(self.palette()))
        self.text.setPalette(palette)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in PALETTE_CHANGES:
            self._colour_text()
