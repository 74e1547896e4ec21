"""The page list: an icon per page, a chosen row that cannot be missed, a visible focus ring."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QImage, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from wellbeing_app.ui import design
from wellbeing_app.ui.i18n import PseudoTranslator
from wellbeing_app.ui.mood_palette import contrast_ratio
from wellbeing_app.ui.nav import (
    ICON_ROLE,
    MAX_WIDTH,
    PAGE_ICONS,
    WIDTH,
    PageNav,
    focus_ring_colour,
    name_box,
    name_font,
    row_colours,
)
from wellbeing_app.ui.theme import dark_palette, light_palette

PALETTES = {"light": light_palette, "dark": dark_palette}


@pytest.fixture
def nav(qtbot: QtBot) -> PageNav:
    made = PageNav()
    qtbot.addWidget(made)
    for title in ("Today", "Journal", "Insights", "Settings"):
        made.add_page(title)
    return made


@pytest.fixture
def app_palette(qapp: QApplication) -> Iterator[None]:
    before = QPalette(qapp.palette())
    yield
    qapp.setPalette(before)


def _painted_row(nav: PageNav, row: int, state: QStyle.StateFlag, palette: QPalette) -> QImage:
    """Row ``row`` drawn by the list's delegate in ``state`` on the sidebar colour."""
    size = QSize(WIDTH, nav.sizeHintForRow(row))
    image = QImage(size, QImage.Format.Format_ARGB32)
    image.fill(palette.color(QPalette.ColorRole.AlternateBase))
    option = QStyleOptionViewItem()
    option.rect = QRect(0, 0, size.width(), size.height())
    option.palette = palette
    option.font = nav.font()
    option.state = QStyle.StateFlag.State_Enabled | state
    painter = QPainter(image)
    nav.itemDelegate().paint(painter, option, nav.model().index(row, 0, QModelIndex()))
    painter.end()
    return image


def _middle_right(image: QImage) -> QColor:
    """A point inside the row's fill, right of its icon and text."""
    return image.pixelColor(image.width() - design.SPACE_S - design.SPACE_S, image.height() // 2)


def test_every_page_has_its_own_line_icon(nav: PageNav) -> None:
    names = [nav.item(row).data(ICON_ROLE) for row in range(nav.count())]
    assert names == ["today", "journal", "insights", "settings"]
    for row in range(nav.count()):
        assert not nav.item(row).icon().isNull()
    assert len(set(PAGE_ICONS.values())) == len(PAGE_ICONS)  # no two pages share one


def test_a_page_without_an_icon_is_refused_unless_one_is_given(nav: PageNav) -> None:
    with pytest.raises(KeyError):
        nav.add_page("Somewhere new")
    nav.add_page("Somewhere new", "idea")
    assert nav.row_of("Somewhere new") == nav.count() - 1
    assert nav.row_of("Nowhere") == -1


@pytest.mark.parametrize("look", PALETTES)
def test_the_chosen_row_is_filled_with_the_accent_and_its_text_keeps_aa(
    nav: PageNav, look: str
) -> None:
    palette = PALETTES[look]()
    fill, text = row_colours(palette, selected=True, hovered=False)
    assert fill is not None and contrast_ratio(fill, text) >= 4.5
    chosen = _painted_row(nav, 0, QStyle.StateFlag.State_Selected, palette)
    plain = _painted_row(nav, 0, QStyle.StateFlag.State_None, palette)
    assert _middle_right(chosen) == fill
    assert _middle_right(plain) == palette.color(QPalette.ColorRole.AlternateBase)
    # Hovered rows are tinted, and differ from both.
    hovered = _painted_row(nav, 0, QStyle.StateFlag.State_MouseOver, palette)
    assert _middle_right(hovered) not in (fill, _middle_right(plain))


@pytest.mark.parametrize("look", PALETTES)
def test_the_focused_row_has_a_ring_that_stands_out_from_the_sidebar(
    nav: PageNav, look: str
) -> None:
    palette = PALETTES[look]()
    ring = focus_ring_colour(palette)
    assert contrast_ratio(ring, palette.color(QPalette.ColorRole.AlternateBase)) >= 3.0
    sidebar = palette.color(QPalette.ColorRole.AlternateBase)
    for chosen in (QStyle.StateFlag.State_Selected, QStyle.StateFlag.State_None):
        without = _painted_row(nav, 1, chosen, palette)
        focused = _painted_row(nav, 1, chosen | QStyle.StateFlag.State_HasFocus, palette)
        middle = focused.height() // 2
        # The ring sits in the margin left of the fill: sidebar there without focus.
        column = range(0, design.SPACE_S)
        assert all(without.pixelColor(x, middle) == sidebar for x in column)
        assert any(_close(focused.pixelColor(x, middle), ring) for x in column)


def _close(one: QColor, two: QColor) -> bool:
    return all(abs(a - b) <= 24 for a, b in zip(one.getRgb()[:3], two.getRgb()[:3], strict=True))


def test_icons_are_drawn_again_in_the_new_colours_when_the_palette_changes(
    qapp: QApplication, nav: PageNav, app_palette: None
) -> None:
    def ink(palette_name: str) -> bool:
        wanted = PALETTES[palette_name]().color(QPalette.ColorRole.WindowText)
        image = nav.item(0).icon().pixmap(48, 48).toImage()
        return any(
            _close(image.pixelColor(x, y), wanted) and image.pixelColor(x, y).alpha() > 200
            for x in range(48)
            for y in range(48)
        )

    qapp.setPalette(light_palette())
    qapp.processEvents()
    assert ink("light") and not ink("dark")
    qapp.setPalette(dark_palette())
    qapp.processEvents()
    assert ink("dark") and not ink("light")


# ------------------------------------------------------------------------------ whole names


def cut_short(nav: PageNav, height: int | None = None) -> list[str]:
    """The names the list would elide, chosen or not, at its width (and ``height``: by
    default every row in view, as in the window)."""
    nav.resize(nav.width(), 60 * nav.count() if height is None else height)
    nav.show()
    QApplication.processEvents()
    row = QRect(0, 0, nav.viewport().width(), nav.sizeHintForRow(0))
    room = name_box(row).width()
    found = []
    for index in range(nav.count()):
        name = nav.item(index).text()
        for selected in (False, True):
            metrics = QFontMetrics(name_font(nav.font(), selected=selected))
            if metrics.elidedText(name, Qt.TextElideMode.ElideRight, room) != name:
                found.append(f"{name} ({'chosen' if selected else 'not chosen'})")
    return found


@pytest.fixture
def every_page(qtbot: QtBot) -> PageNav:
    made = PageNav()
    qtbot.addWidget(made)
    for title in PAGE_ICONS:
        made.add_page(title)
    return made


def test_no_name_is_cut_short_chosen_or_not(every_page: PageNav) -> None:
    """'Report & export' in the chosen row's heavier weight was 'Report & ex…' at 170 px."""
    assert cut_short(every_page) == []
    assert WIDTH <= every_page.width() <= MAX_WIDTH


def test_on_a_short_window_the_scroll_bar_does_not_cut_names_short(every_page: PageNav) -> None:
    assert cut_short(every_page) == []
    tall = every_page.width()
    assert cut_short(every_page, height=3 * every_page.sizeHintForRow(0)) == []
    assert every_page.verticalScrollBar().isVisible() and every_page.width() > tall
    assert cut_short(every_page) == [] and every_page.width() == tall


def test_longer_translated_names_widen_the_column_and_stay_whole(
    qapp: QApplication, every_page: PageNav
) -> None:
    english = every_page.width()
    translator = PseudoTranslator()
    qapp.installTranslator(translator)  # the list is named again on LanguageChange
    try:
        qapp.processEvents()
        assert every_page.item(0).text() == "⟦Today⟧"
        assert every_page.width() > english
        assert cut_short(every_page) == []
        late = PageNav()  # and a list made in that language
        late.add_page("Report & export")
        assert cut_short(late) == []
        late.deleteLater()
    finally:
        qapp.removeTranslator(translator)
    qapp.processEvents()
    assert (every_page.item(0).text(), every_page.width()) == ("Today", english)


def test_a_name_too_long_for_any_column_is_elided_whole_in_its_tooltip(qtbot: QtBot) -> None:
    nav = PageNav()
    qtbot.addWidget(nav)
    long_name = "Reports, exports, backups and everything else about your data"
    item = nav.add_page(long_name, "report")
    assert nav.width() == MAX_WIDTH
    assert cut_short(nav) != [] and item.toolTip() == long_name
