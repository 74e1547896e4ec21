"""A quiet in-app banner: the fallback for notifications, and the place for 'Undo'."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget


class Banner(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#banner { background: palette(alternate-base); border-radius: 6px; }")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.action = QPushButton()
        self.close_button = QPushButton(self.tr("Dismiss"))
        self.close_button.setAccessibleName(self.tr("Dismiss this message"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.action)
        layout.addWidget(self.close_button)
        self.close_button.clicked.connect(self.hide)
        self.action.clicked.connect(self._on_action_clicked)
        self._callback: Callable[[], None] | None = None
        self.hide()

    def show_message(
        self, text: str, action: str = "", callback: Callable[[], None] | None = None
    ) -> None:
        self.text.setText(text)
        self.action.setText(action)
        self.action.setVisible(bool(action and callback))
        self._callback = callback
        self.show()

    def _on_action_clicked(self) -> None:
        callback, self._callback = self._callback, None
        self.hide()
        if callback is not None:
            callback()
