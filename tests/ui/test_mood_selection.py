"""A chosen face or feeling is unmistakable: filled with a strong colour and checked, and
reachable and toggled by keyboard with a visible focus."""

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QIcon, QImage
from PySide6.QtWidgets import QAbstractButton
from pytestqt.qtbot import QtBot

from wellbeing_app.core.clock import FixedClock
from wellbeing_app.ui.mood_dialog import MoodDialog
from wellbeing_app.ui.mood_palette import contrast_ratio, mood_palette, selection_colours


def _rendered(button: QAbstractButton) -> QImage:
    return button.grab().toImage()


def _fill_at_top(button: QAbstractButton) -> QColor:
    """The colour just inside the button's top edge, clear of its icon and text."""
    image = _rendered(button)
    return image.pixelColor(image.width() // 2, 4)


def _icon_state(button: QAbstractButton, state: QIcon.State) -> QImage:
    return button.icon().pixmap(QSize(32, 32), QIcon.Mode.Normal, state).toImage()


def test_the_chosen_face_is_filled_with_its_mood_colour_and_carries_a_check(
    qtbot: QtBot, clock: FixedClock
) -> None:
    dialog = MoodDialog(clock.now())
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.faces.button(4).click()
    chosen, other = dialog.faces.button(4), dialog.faces.button(3)

    assert _fill_at_top(chosen).name() == mood_palette().fill(4).name()
    assert _fill_at_top(other).name() != mood_palette().fill(3).name()
    assert _fill_at_top(other).name() != _fill_at_top(chosen).name()
    assert _icon_state(chosen, QIcon.State.On) != _icon_state(chosen, QIcon.State.Off)


def test_a_chosen_feeling_chip_takes_the_accent_fill_and_a_check(
    qtbot: QtBot, clock: FixedClock
) -> None:
    dialog = MoodDialog(clock.now())
    qtbot.addWidget(dialog)
    dialog.show()
    calm, sad = dialog.emotion_buttons["calm"], dialog.emotion_buttons["sad"]
    calm.click()
    accent, text = selection_colours(dialog.palette())
    assert contrast_ratio(accent, text) >= 4.5

    assert _fill_at_top(calm).name() == accent.name()
    assert _fill_at_top(sad).name() != accent.name()
    assert _icon_state(calm, QIcon.State.On) != _icon_state(calm, QIcon.State.Off)


def test_faces_and_chips_are_chosen_by_keyboard_with_a_visible_focus(
    qtbot: QtBot, clock: FixedClock
) -> None:
    dialog = MoodDialog(clock.now())
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    # The faces are one Tab stop, like radio buttons: Tab lands on the first (or the chosen)
    # face, arrows move along the row and Space chooses.
    first = dialog.faces.button(1)
    assert first.focusPolicy() & Qt.FocusPolicy.TabFocus
    first.setFocus()
    qtbot.waitUntil(first.hasFocus)
    qtbot.keyClick(first, Qt.Key.Key_Right)
    face = dialog.faces.button(2)
    assert face.hasFocus()
    qtbot.keyClick(face, Qt.Key.Key_Space)
    assert dialog.faces.checkedId() == 2
    assert dialog.save_button.isEnabled()

    chip, neighbour = dialog.emotion_buttons["tired"], dialog.emotion_buttons["bored"]
    assert chip.focusPolicy() & Qt.FocusPolicy.TabFocus
    chip.setFocus()
    qtbot.waitUntil(chip.hasFocus)
    qtbot.keyClick(chip, Qt.Key.Key_Space)
    assert chip.isChecked()
    qtbot.keyClick(chip, Qt.Key.Key_Space)
    assert not chip.isChecked()
    # Focus shows as a ring: the focused chip's edge differs from its unfocused neighbour's.
    focused, plain = _rendered(chip), _rendered(neighbour)
    assert focused.pixelColor(focused.width() // 2, 1) != plain.pixelColor(plain.width() // 2, 1)
