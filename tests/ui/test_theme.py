"""Light and dark: readable palettes, chosen by the setting or the desktop, and let go at stop."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import SIGNAL, QObject, QSize, Qt, Signal
from PySide6.QtGui import QIcon, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialogButtonBox,
    QMessageBox,
    QProxyStyle,
    QRadioButton,
    QStyle,
    QStyleHintReturn,
    QStyleOption,
    QStyleOptionButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from wellbeing_app.app import load_catalog
from wellbeing_app.services.settings_service import SettingsService
from wellbeing_app.storage.repositories import Repositories
from wellbeing_app.ui import icons, theme
from wellbeing_app.ui.mood_palette import contrast_ratio
from wellbeing_app.ui.settings_page import SettingsPage
from wellbeing_app.ui.settings_widgets import ChoiceControl

Role = QPalette.ColorRole
Group = QPalette.ColorGroup
PALETTES = {"light": theme.light_palette, "dark": theme.dark_palette}


class FakeHints(QObject):
    """The desktop's colour scheme, switched by the test."""

    colorSchemeChanged = Signal(object)  # Qt's name

    def __init__(self, scheme: Qt.ColorScheme = Qt.ColorScheme.Unknown) -> None:
        super().__init__()
        self.scheme = scheme

    def colorScheme(self) -> Qt.ColorScheme:  # Qt's name
        return self.scheme

    def switch(self, scheme: Qt.ColorScheme) -> None:
        self.scheme = scheme
        self.colorSchemeChanged.emit(scheme)


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    """The application, given back with the style and palette it had."""
    style = qapp.style().name()
    yield qapp
    qapp.setStyle(style)
    qapp.setPalette(QPalette())
    icons.clear_cache()


@pytest.fixture
def service(repos: Repositories) -> SettingsService:
    return SettingsService(repos.settings_store)


def window(app: QApplication) -> str:
    return app.palette().color(Role.Window).name()


# ---------------------------------------------------------------------------------- palettes


@pytest.mark.parametrize("look", PALETTES)
@pytest.mark.parametrize(("text", "background"), theme.TEXT_PAIRS)
@pytest.mark.parametrize("group", [Group.Active, Group.Inactive])
def test_every_text_colour_keeps_wcag_aa_on_its_background(
    look: str, text: Role, background: Role, group: Group
) -> None:
    palette = PALETTES[look]()
    ratio = contrast_ratio(palette.color(group, text), palette.color(group, background))
    assert ratio >= 4.5, f"{look}: {text.name} on {background.name} is {ratio:.2f}:1"


def test_the_palettes_are_light_and_dark() -> None:
    light, dark = theme.light_palette(), theme.dark_palette()
    assert light.color(Role.Window).lightness() > 200
    assert dark.color(Role.Window).lightness() < 60
    for palette in (light, dark):
        # Disabled text is set apart from the text people can act on.
        assert palette.color(Group.Disabled, Role.WindowText) != palette.color(Role.WindowText)


# ---------------------------------------------------------------------------------- choosing


@pytest.mark.parametrize(
    ("choice", "scheme", "look"),
    [
        ("system", Qt.ColorScheme.Light, "light"),
        ("system", Qt.ColorScheme.Dark, "dark"),
        ("system", Qt.ColorScheme.Unknown, "default"),
        ("light", Qt.ColorScheme.Dark, "light"),
        ("dark", Qt.ColorScheme.Light, "dark"),
        ("dark", Qt.ColorScheme.Unknown, "dark"),
    ],
)
def test_the_choice_or_the_desktop_decides_the_look(
    choice: str, scheme: Qt.ColorScheme, look: str
) -> None:
    assert theme.resolve(choice, scheme) == look


def test_an_unknown_appearance_is_refused_in_one_sentence() -> None:
    with pytest.raises(ValueError, match="must be one of system, light, dark, not 'purple'"):
        theme.resolve("purple", Qt.ColorScheme.Dark)


def test_light_and_dark_use_fusion_and_the_system_default_gives_qt_its_own_back(
    app: QApplication,
) -> None:
    style, default_window = theme.style_name(app), window(app)
    assert theme.apply_appearance(app, "dark", Qt.ColorScheme.Unknown) == "dark"
    assert theme.style_name(app) == "fusion"
    assert window(app) == theme.DARK[Role.Window]
    assert theme.apply_appearance(app, "light") == "light"
    assert window(app) == theme.LIGHT[Role.Window]
    assert theme.apply_appearance(app, "system", Qt.ColorScheme.Unknown) == "default"
    assert (theme.style_name(app), window(app)) == (style.lower(), default_window)


def test_a_new_look_redraws_icons_in_its_colours(app: QApplication) -> None:
    theme.apply_appearance(app, "light")
    before = icons.icon("today")
    theme.apply_appearance(app, "dark")
    after = icons.icon("today")
    assert after.cacheKey() != before.cacheKey()
    image = after.pixmap(QSize(24, 24), 1.0, QIcon.Mode.Normal).toImage()
    drawn = [
        image.pixelColor(x, y)
        for x in range(24)
        for y in range(24)
        if image.pixelColor(x, y).alpha() == 255
    ]
    assert drawn and all(c.lightness() > 200 for c in drawn)  # light lines for a dark window


# ------------------------------------------------------------------------------- controller


def test_the_controller_applies_the_setting_at_once_and_on_change(
    qtbot: QtBot, app: QApplication, service: SettingsService
) -> None:
    service.set("appearance", "dark")
    controller = theme.AppearanceController(service, app=app, hints=FakeHints())
    assert (controller.look, window(app)) == ("dark", theme.DARK[Role.Window])
    with qtbot.waitSignal(controller.appearance_changed) as changed:
        service.set("appearance", "light")
    assert changed.args == ["light"]
    assert window(app) == theme.LIGHT[Role.Window]
    controller.stop()


def test_the_controller_follows_the_desktop_only_for_system(
    app: QApplication, service: SettingsService
) -> None:
    hints = FakeHints(Qt.ColorScheme.Light)
    controller = theme.AppearanceController(service, app=app, hints=hints)
    assert controller.look == "light"
    hints.switch(Qt.ColorScheme.Dark)
    assert (controller.look, window(app)) == ("dark", theme.DARK[Role.Window])
    service.set("appearance", "light")
    hints.switch(Qt.ColorScheme.Dark)
    assert (controller.look, window(app)) == ("light", theme.LIGHT[Role.Window])
    controller.stop()


def test_after_stop_nothing_is_applied(
    qtbot: QtBot, app: QApplication, service: SettingsService
) -> None:
    hints = FakeHints(Qt.ColorScheme.Light)
    controller = theme.AppearanceController(service, app=app, hints=hints)
    controller.stop()
    controller.stop()  # twice is harmless
    with qtbot.assertNotEmitted(controller.appearance_changed):
        hints.switch(Qt.ColorScheme.Dark)
        service.set("appearance", "dark")
    assert window(app) == theme.LIGHT[Role.Window]
    assert hints.receivers(SIGNAL("colorSchemeChanged(PyObject)")) == 0


def test_by_default_the_controller_follows_the_running_app_and_its_style_hints(
    app: QApplication, service: SettingsService
) -> None:
    service.set("appearance", "dark")
    controller = theme.AppearanceController(service)
    assert window(app) == theme.DARK[Role.Window]
    controller.stop()
    service.set("appearance", "light")
    assert window(app) == theme.DARK[Role.Window]


# ---------------------------------------------------------------------------- settings page


def test_the_settings_page_offers_the_choice_in_words_and_stores_it(
    qtbot: QtBot, repos: Repositories, service: SettingsService, tmp_path: Path
) -> None:
    page = SettingsPage(repos, service, load_catalog(), str(tmp_path))
    qtbot.addWidget(page)
    titles = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    assert titles.index("Appearance") == titles.index("Data") - 1
    control = page.controls["appearance"]
    assert isinstance(control, ChoiceControl)
    words = [control.combo.itemText(i) for i in range(control.combo.count())]
    assert words == ["Like my desktop", "Light", "Dark"]
    assert control.combo.currentData() == "system"
    with qtbot.waitSignal(service.changed):
        control.combo.setCurrentIndex(2)
    assert repos.settings.appearance == "dark"


# --------------------------------------------------------------- dialog buttons, indicators


class IconsOnButtons(QProxyStyle):
    """Fusion as some desktops' platform themes make it: icons on dialog buttons."""

    def __init__(self) -> None:
        super().__init__("Fusion")

    def styleHint(
        self,
        hint: QStyle.StyleHint,
        option: QStyleOption | None = None,
        widget: QWidget | None = None,
        returnData: QStyleHintReturn | None = None,  # Qt's name
    ) -> int:
        if hint == QStyle.StyleHint.SH_DialogButtonBox_ButtonsHaveIcons:
            return 1
        return super().styleHint(hint, option, widget, returnData)


def _button_icons(style: QStyle) -> list[bool]:
    """Whether each button of a Save / Discard / Cancel box drawn in ``style`` has an icon."""
    box = QDialogButtonBox()
    box.setStyle(style)
    box.setStandardButtons(
        QDialogButtonBox.StandardButton.Save
        | QDialogButtonBox.StandardButton.Discard
        | QDialogButtonBox.StandardButton.Cancel
        | QDialogButtonBox.StandardButton.Close
    )
    found = [not button.icon().isNull() for button in box.buttons()]
    box.deleteLater()
    return found


def test_dialog_buttons_are_words_only_even_where_the_desktop_adds_icons(
    qapp: QApplication,
) -> None:
    desktop = IconsOnButtons()
    assert _button_icons(desktop) == [True] * 4  # what people saw: floppy disks, red crosses
    ours = theme.AppStyle(desktop)
    assert _button_icons(ours) == [False] * 4
    assert ours.base_name == ""  # not Fusion by name: its indicators are left to it


@pytest.mark.parametrize(
    ("choice", "scheme"),
    [
        ("light", Qt.ColorScheme.Unknown),
        ("dark", Qt.ColorScheme.Unknown),
        ("system", Qt.ColorScheme.Unknown),
    ],
)
def test_every_look_uses_the_app_style(
    app: QApplication, choice: str, scheme: Qt.ColorScheme
) -> None:
    theme.apply_appearance(app, choice, scheme)
    style = app.style()
    assert isinstance(style, theme.AppStyle)
    assert style.styleHint(QStyle.StyleHint.SH_DialogButtonBox_ButtonsHaveIcons) == 0
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "Wellbeing",
        "Keep your changes?",
        QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard,
    )
    assert all(button.icon().isNull() for button in box.buttons())
    box.deleteLater()


@pytest.mark.parametrize("look", PALETTES)
@pytest.mark.parametrize("ground", theme.INDICATOR_GROUNDS)
def test_check_box_and_radio_outlines_keep_3_to_1_on_every_background(
    look: str, ground: Role
) -> None:
    palette = PALETTES[look]()
    for group in (Group.Active, Group.Inactive):
        outline = theme.indicator_outline(palette, group)
        ratio = contrast_ratio(outline, palette.color(group, ground))
        assert ratio >= theme.NON_TEXT_CONTRAST, f"{look}: outline on {ground.name} {ratio:.2f}:1"


@pytest.mark.parametrize("look", ["light", "dark"])
@pytest.mark.parametrize("kind", [QCheckBox, QRadioButton])
def test_a_check_box_or_radio_on_a_card_shows_its_edge(
    app: QApplication, look: str, kind: type[QCheckBox] | type[QRadioButton]
) -> None:
    """Fusion's own edge was a shade of the window colour: on dark, about 1.1:1 against a card."""
    theme.apply_appearance(app, look)
    card = QWidget()
    card.setAutoFillBackground(True)
    card.setBackgroundRole(Role.AlternateBase)
    button = kind("Remind me", card)
    button.adjustSize()
    card.resize(button.size())
    image = card.grab().toImage()
    option = QStyleOptionButton()
    button.initStyleOption(option)  # type: ignore[arg-type]
    element = (
        QStyle.SubElement.SE_CheckBoxIndicator
        if kind is QCheckBox
        else QStyle.SubElement.SE_RadioButtonIndicator
    )
    box = app.style().subElementRect(element, option, button)
    ground = app.palette().color(Role.AlternateBase)
    middle = box.center().y() + 1
    edge = max(
        contrast_ratio(image.pixelColor(x, middle), ground)
        for x in range(box.left(), box.left() + 3)
    )
    assert edge >= theme.NON_TEXT_CONTRAST, f"{look} {kind.__name__}: edge {edge:.2f}:1"
    card.deleteLater()
