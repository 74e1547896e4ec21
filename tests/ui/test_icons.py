"""The icon set: one style of line icon, shipped with the app, drawn in the palette's colours."""

from __future__ import annotations

import re
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QSize
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QImage, QPalette
from PySide6.QtSvg import QSvgRenderer
from pytestqt.qtbot import QtBot

from wellbeing_app.resources import resource_path
from wellbeing_app.ui import icons, theme

ROOT = Path(__file__).resolve().parents[2]
ICON_FOLDER = ROOT / "resources" / "icons"
APP_LOGOS = {"wellbeing", "wellbeing-symbolic"}  # the app's own icon, in its own colours
SVG = "{http://www.w3.org/2000/svg}"
NEEDED = (
    *("today", "insights", "journal", "boundaries", "activities", "report", "settings", "help"),
    *("mood", "gratitude", "break", "pause", "resume", "check", "calendar", "year"),
)

PALETTES = {"light": theme.light_palette, "dark": theme.dark_palette}


@pytest.fixture(autouse=True)
def fresh_cache() -> None:
    icons.clear_cache()


def test_the_set_has_every_icon_the_screens_need_and_nothing_stray() -> None:
    assert set(NEEDED) <= set(icons.ICON_NAMES)
    shipped = {path.stem for path in ICON_FOLDER.glob("*.svg")} - APP_LOGOS
    assert shipped == set(icons.ICON_NAMES)


@pytest.mark.parametrize("name", icons.ICON_NAMES)
def test_every_icon_parses_and_keeps_the_rules_of_the_set(name: str) -> None:
    text = (ICON_FOLDER / f"{name}.svg").read_text(encoding="utf-8")
    assert QSvgRenderer(QByteArray(text.encode())).isValid()
    root = ET.fromstring(text)
    assert root.tag == f"{SVG}svg"
    assert root.get("viewBox") == "0 0 24 24"
    assert 1.75 <= float(root.get("stroke-width", "0")) <= 2
    assert root.get("stroke-linecap") == root.get("stroke-linejoin") == "round"
    assert root.get("fill") == "none"
    assert root.get("stroke") == "currentColor"
    # One colour, swapped at load time: no colour of its own anywhere.
    assert not re.search(r"#[0-9a-fA-F]{3,8}\b|rgb\(|<style|opacity", text)
    for element in root.iter():
        for attribute in ("stroke-width", "stroke-linecap", "stroke-linejoin", "transform"):
            assert element is root or element.get(attribute) is None, (name, attribute)
        if element.get("fill") not in (None, "none"):
            # No fills except small dots (an eye, the dot of a question mark).
            assert element.tag == f"{SVG}circle", name
            assert element.get("fill") == "currentColor"
            assert float(element.get("r", "9")) <= 1.5, name


def test_the_icons_ship_in_the_wheel_and_the_bundle() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    wheel = pyproject["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert wheel["resources"] == "wellbeing_app/resources"
    spec = (ROOT / "packaging" / "wellbeing.spec").read_text(encoding="utf-8")
    assert 'datas=[(str(ROOT / "resources"), "wellbeing_app/resources")]' in spec
    # And they are found the way an installed app finds them.
    for name in icons.ICON_NAMES:
        assert resource_path("icons", f"{name}.svg") == ICON_FOLDER / f"{name}.svg"


def test_an_unknown_icon_is_a_key_error_naming_the_icons(qtbot: QtBot) -> None:
    with pytest.raises(KeyError, match=r"no icon named 'sunshine'.*today"):
        icons.icon("sunshine")


def drawn_colours(image: QImage) -> set[tuple[int, int, int]]:
    """The colours of the clearly drawn pixels (edges of anti-aliasing left out)."""
    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    found = set()
    for y in range(image.height()):
        for x in range(image.width()):
            colour = image.pixelColor(x, y)
            if colour.alpha() >= 200:
                found.add((colour.red(), colour.green(), colour.blue()))
    return found


def close_to(found: set[tuple[int, int, int]], colour: QColor) -> bool:
    want = (colour.red(), colour.green(), colour.blue())
    near = (max(abs(a - b) for a, b in zip(c, want, strict=True)) <= 3 for c in found)
    return bool(found) and all(near)


@pytest.mark.parametrize("look", PALETTES)
@pytest.mark.parametrize("name", icons.ICON_NAMES)
def test_each_icon_is_drawn_in_the_palette_text_colour(qtbot: QtBot, name: str, look: str) -> None:
    palette = PALETTES[look]()
    drawn = icons.icon(name, palette)
    pixmap = drawn.pixmap(QSize(24, 24))
    assert not pixmap.isNull() and pixmap.size() == QSize(24, 24)
    assert close_to(drawn_colours(pixmap.toImage()), palette.color(QPalette.ColorRole.WindowText))


@pytest.mark.parametrize("look", PALETTES)
def test_selected_and_disabled_icons_use_their_own_colours(qtbot: QtBot, look: str) -> None:
    palette = PALETTES[look]()
    drawn = icons.icon("today", palette)
    selected = drawn.pixmap(QSize(24, 24), 1.0, QIcon.Mode.Selected).toImage()
    assert close_to(drawn_colours(selected), palette.color(QPalette.ColorRole.HighlightedText))
    disabled = drawn.pixmap(QSize(24, 24), 1.0, QIcon.Mode.Disabled).toImage()
    grey = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
    assert close_to(drawn_colours(disabled), grey)
    active = drawn.pixmap(QSize(24, 24), 1.0, QIcon.Mode.Active).toImage()
    assert close_to(drawn_colours(active), palette.color(QPalette.ColorRole.WindowText))


@pytest.mark.parametrize(("size", "scale", "pixels"), [(16, 1.5, 24), (24, 1.5, 36), (24, 2, 48)])
def test_icons_are_drawn_at_the_screen_resolution_not_scaled_up(
    qtbot: QtBot, size: int, scale: float, pixels: int
) -> None:
    drawn = icons.icon("journal", theme.light_palette())
    pixmap = drawn.pixmap(QSize(size, size), scale)
    assert pixmap.size() == QSize(pixels, pixels)
    assert pixmap.devicePixelRatio() == scale
    # Drawn at that size: the same as rendering the SVG directly, pixel for pixel.
    colour = theme.light_palette().color(QPalette.ColorRole.WindowText)
    direct = icons.render("journal", colour, pixels)
    assert pixmap.toImage().convertToFormat(direct.format()) == direct


def test_icons_are_cached_per_palette_until_cleared(qtbot: QtBot) -> None:
    light, dark = theme.light_palette(), theme.dark_palette()
    first = icons.icon("mood", light)
    assert icons.icon("mood", light).cacheKey() == first.cacheKey()
    assert icons.icon("mood", dark).cacheKey() != first.cacheKey()
    icons.clear_cache()
    assert icons.icon("mood", light).cacheKey() != first.cacheKey()


def test_the_default_palette_is_the_applications(qtbot: QtBot) -> None:
    ours = icons.icon("check")
    expected = QGuiApplication.palette().color(QPalette.ColorRole.WindowText)
    assert close_to(drawn_colours(ours.pixmap(QSize(24, 24)).toImage()), expected)


@pytest.mark.parametrize("name", icons.ICON_NAMES)
def test_every_icon_keeps_a_clear_edge(qtbot: QtBot, name: str) -> None:
    image = icons.render(name, QColor("black"), 96)  # 4 px to a unit of the 24 grid
    drawn = [(x, y) for y in range(96) for x in range(96) if image.pixelColor(x, y).alpha() > 64]
    xs, ys = [x for x, _ in drawn], [y for _, y in drawn]
    assert min(xs) >= 4 and min(ys) >= 4 and max(xs) <= 91 and max(ys) <= 91, name
