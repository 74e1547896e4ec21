"""Three good things: one to three items, each with an optional 'why it happened'."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from wellbeing_app.core.errors import InvalidInput
from wellbeing_app.core.journal import MAX_GRATITUDE_ITEMS, new_gratitude_entry
from wellbeing_app.core.models import GratitudeEntry, GratitudeItem


class GratitudeDialog(QDialog):
    def __init__(
        self,
        day: date,
        at: datetime,
        prompt: str,
        streak: str,
        existing: GratitudeEntry | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Three good things"))
        self._day, self._at = day, at
        self._entry: GratitudeEntry | None = None
        heading = QLabel(self.tr("<b>{prompt}</b>").format(prompt=prompt))
        heading.setWordWrap(True)
        note = QLabel(streak)
        note.setWordWrap(True)
        form = QFormLayout()
        self.items: list[tuple[QLineEdit, QLineEdit]] = []
        for number in range(1, MAX_GRATITUDE_ITEMS + 1):
            text = QLineEdit()
            text.setPlaceholderText(self.tr("Something that went well, however small"))
            text.setAccessibleName(self.tr("Good thing {number}").format(number=number))
            why = QLineEdit()
            why.setPlaceholderText(self.tr("Why did it happen? (optional)"))
            why.setAccessibleName(self.tr("Why good thing {number} happened").format(number=number))
            form.addRow(f"{number}.", text)
            form.addRow("", why)
            self.items.append((text, why))
        if existing is not None:
            for (text, why), item in zip(self.items, existing.items, strict=False):
                text.setText(item.text)
                why.setText(item.why)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(520, self.sizeHint().height())

    def accept(self) -> None:
        items = [GratitudeItem(text.text(), why.text()) for text, why in self.items]
        try:
            self._entry = new_gratitude_entry(self._day, self._at, items)
        except InvalidInput as error:
            QMessageBox.warning(self, self.tr("Wellbeing"), str(error))
            return
        super().accept()

    def entry(self) -> GratitudeEntry | None:
        return self._entry
