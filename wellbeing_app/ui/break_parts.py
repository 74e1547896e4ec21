"""The small pieces the break card is made of: its style, the offline idea, the skip reasons, and
text helpers.

Sizes are relative to the system font and colours come from the application palette, so the
card stays readable at any scale and in light and dark themes.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wellbeing_app.core.suggestions import Suggestion
from wellbeing_app.ui.activity_models import suggestion_title, theme_text
from wellbeing_app.ui.i18n import QT_TRANSLATE_NOOP, shown_number

# Palette roles only, so the card follows a light or dark theme; the kind choice stands out.
CARD_STYLE = """
#breakCard { background: palette(window); border: 1px solid palette(mid); border-radius: 18px; }
#breakCard QPushButton {
    padding: 7px 18px; border-radius: 8px; border: 1px solid palette(mid);
    background: palette(button); color: palette(button-text);
}
#breakCard QPushButton:hover { border-color: palette(highlight); }
#breakCard QPushButton:focus { border: 2px solid palette(highlight); }
#breakCard QPushButton:disabled { color: palette(mid); }
#breakCard QPushButton#primary {
    background: palette(highlight); color: palette(highlighted-text);
    border-color: palette(highlight); font-weight: bold;
}
#breakCard QPushButton#primary:focus { border: 2px solid palette(highlighted-text); }
"""

# Stored as written here (English); shown translated (context "SkipReasons").
SKIP_REASONS = (
    QT_TRANSLATE_NOOP("SkipReasons", "Talking with friends"),
    QT_TRANSLATE_NOOP("SkipReasons", "Finishing something"),
    QT_TRANSLATE_NOOP("SkipReasons", "It's work"),
    QT_TRANSLATE_NOOP("SkipReasons", "Not now"),
)


class IdeaPanel(QFrame):
    """ "An idea for your break": one offline idea at a time; "Something else" shows the next."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("idea")
        self.setStyleSheet("#idea { background: palette(alternate-base); border-radius: 10px; }")
        self._suggestions: tuple[Suggestion, ...] = ()
        self._index = 0
        self.caption = label(self.tr("An idea for your break"), 0.9, quiet=True)
        self.title = label(scale=1.25, bold=True)
        self.meta = label(scale=0.95)
        self.why = label(scale=0.95, quiet=True)
        self.something_else_button = button(
            self.tr("Something &else"), self.tr("Suggest something else")
        )
        self.something_else_button.clicked.connect(self._on_something_else_button_clicked)
        caption_row = QHBoxLayout()
        caption_row.addWidget(self.caption, 1)
        caption_row.addWidget(self.something_else_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 12, 18, 16)
        layout.setSpacing(6)
        layout.addLayout(caption_row)
        for line in (self.title, self.meta, self.why):
            layout.addWidget(line)

    def set_suggestions(self, suggestions: Sequence[Suggestion]) -> None:
        self._suggestions = tuple(suggestions)
        self._index = 0
        self._show()

    @property
    def current(self) -> Suggestion | None:
        return self._suggestions[self._index] if self._suggestions else None

    def title_of(self, activity_id: str) -> str:
        found = (s for s in self._suggestions if s.activity.id == activity_id)
        return next((suggestion_title(s) for s in found), "")

    def _on_something_else_button_clicked(self) -> None:
        if self._suggestions:
            self._index = (self._index + 1) % len(self._suggestions)
            self._show()

    def _show(self) -> None:
        suggestion = self.current
        if suggestion is None:
            self.title.setText(self.tr("Step away from the screen for a moment"))
            self.meta.setText("")
            self.why.setText(
                self.tr(
                    "Stretch, look out of a window, get a glass of water — anything offline counts."
                )
            )
        else:
            activity = suggestion.activity
            category = theme_text(activity.category).lower()
            self.title.setText(suggestion_title(suggestion))
            self.meta.setText(
                self.tr("{minutes} min · {category}").format(
                    minutes=shown_number(activity.minutes), category=category
                )
            )
            self.why.setText(suggestion.why)
        self.meta.setVisible(bool(self.meta.text()))
        self.why.setVisible(bool(self.why.text()))
        self.something_else_button.setVisible(len(self._suggestions) > 1)


class SkipReasons(QWidget):
    """ "What's keeping you?": a few common reasons, or the person's own words (all optional)."""

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout()
        grid.setSpacing(8)
        self.buttons: dict[str, QPushButton] = {}
        self.group = QButtonGroup(self)
        self.group.idClicked.connect(self._on_group_clicked)
        for index, reason in enumerate(SKIP_REASONS):
            shown = self.tr(reason)
            reason_button = button(shown, self.tr("Skip: {reason}").format(reason=shown))
            self.group.addButton(reason_button, index)
            self.buttons[reason] = reason_button
            grid.addWidget(reason_button, index // 2, index % 2)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(self.tr("Or in your own words"))
        self.edit.setAccessibleName(self.tr("Your own reason for skipping (optional)"))
        self.edit.returnPressed.connect(self._on_confirm)
        self.confirm_button = button(self.tr("S&kip"), self.tr("Skip this break"))
        self.confirm_button.clicked.connect(self._on_confirm)
        own = QHBoxLayout()
        own.addWidget(self.edit, 1)
        own.addWidget(self.confirm_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(label(self.tr("That's okay. What's keeping you? (optional)")))
        layout.addLayout(grid)
        layout.addLayout(own)

    def _on_group_clicked(self, index: int) -> None:
        self.chosen.emit(SKIP_REASONS[index])

    def _on_confirm(self) -> None:
        self.chosen.emit(self.edit.text().strip())


def label(text: str = "", scale: float = 1.0, bold: bool = False, quiet: bool = False) -> QLabel:
    """A wrapping plain-text label, sized relative to the system font."""
    widget = QLabel(text)
    widget.setWordWrap(True)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    if scale != 1.0 or bold:
        font = widget.font()
        font.setPointSizeF(font.pointSizeF() * scale)
        font.setBold(bold)
        widget.setFont(font)
    if quiet:
        widget.setForegroundRole(QPalette.ColorRole.PlaceholderText)  # gentle, in any theme
    return widget


def button(text: str, accessible_name: str) -> QPushButton:
    widget = QPushButton(text)
    widget.setAccessibleName(accessible_name)
    widget.setAutoDefault(True)  # Enter presses the focused button, as in a dialog
    return widget


def duration_words(minutes: int) -> str:
    """``1 minute``, ``30 minutes``, ``1 hour 20 minutes``."""
    hours, rest = divmod(minutes, 60)
    parts = []
    if hours:
        if hours == 1:
            parts.append(QCoreApplication.translate("IdeaPanel", "%n hour", None, hours))
        else:
            parts.append(QCoreApplication.translate("IdeaPanel", "%n hours", None, hours))
    if rest or not hours:
        if rest == 1:
            parts.append(QCoreApplication.translate("IdeaPanel", "%n minute", None, rest))
        else:
            parts.append(QCoreApplication.translate("IdeaPanel", "%n minutes", None, rest))
    return " ".join(parts)


def clock_text(seconds: int) -> str:
    """``4:58``: minutes and seconds, as a countdown reads."""
    minutes, rest = divmod(max(0, seconds), 60)
    return f"{minutes}:{rest:02d}"
