"""The year in pixels: a square per day in its mood's colour, opened by click or keyboard."""

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from wellbeing_app.ui.mood_palette import empty_day_fill, mood_palette
from wellbeing_app.ui.year_view import YearView

TODAY = date(2026, 11, 21)


def _view(qtbot: QtBot) -> YearView:
    view = YearView(TODAY)
    qtbot.addWidget(view)
    view.resize(760, 340)
    view.set_year(2026, {date(2026, 3, 2): 4.4, date(2026, 3, 3): 1.0, date(2026, 7, 14): 2.5})
    view.show()
    return view


def _centre_colour(view: YearView, image: QImage, day: date) -> str:
    return image.pixelColor(view.cell_rect(day).center()).name()


def test_each_day_is_painted_in_its_moods_colour_and_empty_days_are_neutral(
    qtbot: QtBot,
) -> None:
    view = _view(qtbot)
    image = view.grab().toImage()
    colours = mood_palette(view.palette())
    assert _centre_colour(view, image, date(2026, 3, 2)) == colours.fill(4).name()
    assert _centre_colour(view, image, date(2026, 3, 3)) == colours.fill(1).name()
    assert _centre_colour(view, image, date(2026, 7, 14)) == colours.fill(3).name()
    assert _centre_colour(view, image, date(2026, 5, 9)) == empty_day_fill(view.palette()).name()
    assert view.day_at(view.cell_rect(date(2026, 2, 28)).center()) == date(2026, 2, 28)
    # 30 February does not exist, so it has no square.
    beside = view.cell_rect(date(2026, 2, 28)).center()
    beside.setX(beside.x() + 2 * view.cell_rect(date(2026, 2, 28)).width())
    assert view.day_at(beside) is None


def test_a_click_on_a_day_square_opens_that_day(qtbot: QtBot) -> None:
    view = _view(qtbot)
    with qtbot.waitSignal(view.day_activated) as opened:
        qtbot.mouseClick(
            view, Qt.MouseButton.LeftButton, pos=view.cell_rect(date(2026, 3, 2)).center()
        )
    assert opened.args == [date(2026, 3, 2)]
    assert view.selected_day() == date(2026, 3, 2)


def test_arrow_keys_move_the_chosen_day_and_enter_opens_it(qtbot: QtBot) -> None:
    view = _view(qtbot)
    assert view.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert view.selected_day() == TODAY
    view.set_selected_day(date(2026, 1, 31))
    qtbot.keyClick(view, Qt.Key.Key_Down)  # no 31 February: the month's last day
    assert view.selected_day() == date(2026, 2, 28)
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.selected_day() == date(2026, 3, 1)
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.selected_day() == date(2026, 3, 2)
    qtbot.keyClick(view, Qt.Key.Key_Up)
    assert view.selected_day() == date(2026, 2, 2)
    qtbot.keyClick(view, Qt.Key.Key_Left)
    qtbot.keyClick(view, Qt.Key.Key_Left)
    assert view.selected_day() == date(2026, 1, 31)
    assert "Saturday 31 January 2026: no entry" in view.accessibleDescription()
    view.set_selected_day(date(2026, 3, 2))
    assert "Monday 2 March 2026: good" in view.accessibleDescription()
    with qtbot.waitSignal(view.day_activated) as opened:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert opened.args == [date(2026, 3, 2)]


def test_the_first_and_last_days_stay_in_the_year(qtbot: QtBot) -> None:
    view = _view(qtbot)
    view.set_selected_day(date(2026, 1, 1))
    qtbot.keyClick(view, Qt.Key.Key_Left)
    qtbot.keyClick(view, Qt.Key.Key_Up)
    assert view.selected_day() == date(2026, 1, 1)
    view.set_selected_day(date(2026, 12, 31))
    qtbot.keyClick(view, Qt.Key.Key_Right)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.selected_day() == date(2026, 12, 31)


def test_each_day_describes_itself_for_tooltips(qtbot: QtBot) -> None:
    view = _view(qtbot)
    assert view.describe(date(2026, 7, 14)) == (
        "Tuesday 14 July 2026: okay (average mood 2.5 of 5)"
    )
    assert view.describe(date(2026, 7, 15)) == "Wednesday 15 July 2026: no entry"
