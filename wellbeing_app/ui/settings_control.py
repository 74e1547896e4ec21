"""What every setting's control shares: the base class with its note and problem line, the
labels made from a setting's name and unit, and the small labels the settings screens use.

Every control shows a value (``show_value``) and asks for a new one (``edited``); it never stores
anything itself. The settings page stores through ``SettingsService`` and answers with
``show_result``: an empty string, or the one sentence that says why the value was refused.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from wellbeing_app.core.settings import SettingSpec
from wellbeing_app.ui import design
from wellbeing_app.ui.i18n import QT_TRANSLATE_NOOP, translate_core
from wellbeing_app.ui.mood_palette import is_dark

TIME_FORMAT = "HH:mm"
# Units shown after a number: English sources, translated where shown (context "SettingControl").
_UNITS = {
    "_seconds": QT_TRANSLATE_NOOP("SettingControl", " s"),
    "_minutes": QT_TRANSLATE_NOOP("SettingControl", " min"),
    "_hours": QT_TRANSLATE_NOOP("SettingControl", " h"),
    "_days": QT_TRANSLATE_NOOP("SettingControl", " days"),
    "_percent": QT_TRANSLATE_NOOP("SettingControl", " %"),
}


class _ToneLabel(QLabel):
    """A label in a colour of its own that follows the application's palette, so it stays
    readable when the look changes between light and dark (a colour set once would keep the
    look it was made in)."""

    def __init__(self, tone: Callable[[QPalette], QColor], text: str = "") -> None:
        super().__init__(text)
        self._tone = tone
        self._colouring = False
        self._colour()

    def _colour(self) -> None:
        if self._colouring:  # setPalette below announces a palette change of its own
            return
        self._colouring = True
        try:
            palette = self.palette()
            palette.setColor(QPalette.ColorRole.WindowText, self._tone(QGuiApplication.palette()))
            self.setPalette(palette)
        finally:
            self._colouring = False

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._colour()


def problem_colour(palette: QPalette) -> QColor:
    """A red that keeps AA contrast on the window colour of a light or a dark look."""
    return QColor("#ff8f8f") if is_dark(palette) else QColor(Qt.GlobalColor.darkRed)


def note_colour(palette: QPalette) -> QColor:
    """The quiet colour of notes: the palette's placeholder text (AA on the window colour)."""
    return palette.color(QPalette.ColorRole.PlaceholderText)


def problem_label() -> QLabel:
    """A label for one sentence saying what is wrong; hidden until there is something to say."""
    label = _ToneLabel(problem_colour)
    label.setWordWrap(True)
    label.setAccessibleName(QCoreApplication.translate("SettingControl", "Problem"))
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setVisible(False)
    return label


def text_label(text: str) -> QLabel:
    """An explanation in plain words, wrapped."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def note_label(text: str) -> QLabel:
    """Quiet explanatory text under a control."""
    label = _ToneLabel(note_colour, text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def english_label_for(spec: SettingSpec) -> str:
    """A readable label made from a setting's name, for settings nobody wrote a label for."""
    name = spec.name
    for ending in _UNITS:
        name = name.removesuffix(ending)
    return name.replace("_", " ").capitalize()


def label_for(spec: SettingSpec) -> str:
    """``english_label_for`` translated: it is listed for lupdate with the core catalogue."""
    return translate_core(english_label_for(spec))


def unit_suffix(spec: SettingSpec) -> str:
    unit = next((unit for ending, unit in _UNITS.items() if spec.name.endswith(ending)), "")
    return QCoreApplication.translate("SettingControl", unit) if unit else ""


def describe(widget: QWidget, name: str, help: str) -> None:
    widget.setAccessibleName(name)
    widget.setAccessibleDescription(help)
    widget.setToolTip(help)


class SettingControl(QWidget):
    """The control for one setting: the editor, its help in plain words, and a problem line."""

    edited = Signal(str, object)  # setting name, the value the person asked for

    def __init__(
        self, spec: SettingSpec, label: str, *, show_help: bool = True, note: str = ""
    ) -> None:
        """``note`` replaces the registry's help under the control (its tooltip keeps the help);
        ``show_help=False`` shows no note at all."""
        super().__init__()
        self.spec = spec
        self.label = label
        self.help_text = translate_core(spec.help)  # the registry's help: core catalogue text
        self.error = problem_label()
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(design.SPACE_XS)
        self.note = note_label(note or self.help_text)
        self.note.setFont(design.font(design.CAPTION, self.note.font()))
        self.note.setVisible(show_help)
        self.setToolTip(self.help_text)

    def _finish(self, *editors: QWidget) -> None:
        for editor in editors:
            describe(editor, self.label, self.help_text)
        self._layout.addWidget(self.note)
        self._layout.addWidget(self.error)

    @property
    def focus_widget(self) -> QWidget:
        """The widget a form label points to."""
        return self

    @property
    def inline_label(self) -> bool:
        """``True`` when the control shows its own label (a checkbox), so a form needs none."""
        return False

    def show_value(self, value: Any) -> None:
        """Shows the stored ``value``; every kind of control overrides this."""
        raise NotImplementedError(f"{type(self).__name__} must show its value")

    def show_result(self, error: str) -> None:
        """Shows why the last value was refused, or clears that when ``error`` is empty."""
        self.error.setText(error)
        self.error.setVisible(bool(error))

    def _ask(self, value: Any) -> None:
        self.edited.emit(self.spec.name, value)
