"""The Settings page: each kind of control stores its setting at once, refusals store nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTime, QUrl
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from wellbeing_app.app import load_catalog
from wellbeing_app.core.classifier import Catalog, UserRule
from wellbeing_app.core.clock import FixedClock
from wellbeing_app.core.settings import SETTINGS, spec_for
from wellbeing_app.platform.autostart import Autostart
from wellbeing_app.services.settings_service import SettingsService
from wellbeing_app.storage.repositories import Repositories
from wellbeing_app.storage.rules import RuleRepository
from wellbeing_app.ui import settings_page
from wellbeing_app.ui.rule_editor import CommunityAppsModel, RuleEditorDialog, RuleTableModel
from wellbeing_app.ui.settings_page import SettingsPage
from wellbeing_app.ui.settings_widgets import (
    CheckControl,
    ChoiceControl,
    NumberControl,
    OptionalTimeControl,
    RadioChoiceControl,
    TextListControl,
    TimeListControl,
    control_for,
)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture
def service(repos: Repositories) -> SettingsService:
    return SettingsService(repos.settings_store)


@pytest.fixture
def opened() -> list[QUrl]:
    return []


@pytest.fixture
def page(
    qtbot: QtBot,
    repos: Repositories,
    service: SettingsService,
    catalog: Catalog,
    tmp_path: Path,
    opened: list[QUrl],
) -> SettingsPage:
    def open_url(url: QUrl) -> bool:
        opened.append(url)
        return True

    shown = SettingsPage(repos, service, catalog, str(tmp_path), open_url=open_url)
    qtbot.addWidget(shown)
    return shown


def visible_error(control: object) -> str:
    error = control.error  # type: ignore[attr-defined]
    assert isinstance(error, QLabel)
    return error.text() if not error.isHidden() else ""


# ------------------------------------------------------------------------- from the registry


def test_every_setting_has_a_described_control(page: SettingsPage) -> None:
    here = {spec.name for spec in SETTINGS} - set(settings_page.ON_BOUNDARIES)
    assert set(page.controls) == here
    for spec in SETTINGS:
        if spec.name not in here:
            continue  # see test_break_settings_have_one_place_the_boundaries_page
        control = page.controls[spec.name]
        editor = control.focus_widget
        assert editor.accessibleName(), spec.name
        assert editor.toolTip() == spec.help, spec.name


def test_generated_controls_follow_the_registry(qtbot: QtBot) -> None:
    spin = control_for(spec_for("who5_interval_days"))
    qtbot.addWidget(spin)
    assert isinstance(spin, NumberControl)
    assert (spin.box.minimum(), spin.box.maximum(), spin.box.suffix()) == (7, 90, " days")
    poll = control_for(spec_for("poll_interval_seconds"))
    qtbot.addWidget(poll)
    assert isinstance(poll, NumberControl) and poll.box.minimum() == 0.5
    for name, kind in (
        ("strict_mode", CheckControl),
        ("window_titles", ChoiceControl),
        ("quiet_hours", TextListControl),
        ("mood_reminder_times", TimeListControl),
        ("gratitude_reminder_time", OptionalTimeControl),
    ):
        control = control_for(spec_for(name))
        qtbot.addWidget(control)
        assert isinstance(control, kind), name


def test_checkbox_stores_and_announces(
    qtbot: QtBot, page: SettingsPage, service: SettingsService, repos: Repositories
) -> None:
    control = page.controls["track_all_apps"]
    assert isinstance(control, CheckControl)
    with qtbot.waitSignal(service.changed) as changed:
        control.box.click()
    assert changed.args[0].track_all_apps is True
    assert repos.settings.track_all_apps is True


def test_spin_boxes_store_numbers(
    qtbot: QtBot, page: SettingsPage, service: SettingsService, repos: Repositories
) -> None:
    idle = page.controls["idle_threshold_seconds"]
    poll = page.controls["poll_interval_seconds"]
    assert isinstance(idle, NumberControl) and isinstance(poll, NumberControl)
    with qtbot.waitSignal(service.changed):
        idle.box.setValue(300)
    poll.box.setValue(2.5)
    assert repos.settings.idle_threshold_seconds == 300
    assert repos.settings.poll_interval_seconds == 2.5


def test_window_titles_radio_stores_the_choice(
    qtbot: QtBot, page: SettingsPage, service: SettingsService, repos: Repositories
) -> None:
    control = page.controls["window_titles"]
    assert isinstance(control, RadioChoiceControl)
    assert control.buttons["reduced"].isChecked()
    with qtbot.waitSignal(service.changed):
        control.buttons["drop"].click()
    assert repos.settings.window_titles == "drop"


def test_country_combo_offers_international_and_the_shipped_countries(
    qtbot: QtBot, page: SettingsPage, service: SettingsService, repos: Repositories
) -> None:
    control = page.controls["crisis_country"]
    assert isinstance(control, ChoiceControl)
    assert control.combo.currentData() == ""
    assert "International" in control.combo.currentText()
    index = control.combo.findData("GB")
    assert "United Kingdom" in control.combo.itemText(index)
    with qtbot.waitSignal(service.changed):
        control.combo.setCurrentIndex(index)
    assert repos.settings.crisis_country == "GB"


def test_gratitude_time_can_be_switched_off_and_moved(
    qtbot: QtBot, page: SettingsPage, repos: Repositories
) -> None:
    control = page.controls["gratitude_reminder_time"]
    assert isinstance(control, OptionalTimeControl)
    control.enabled_box.click()
    assert repos.settings.gratitude_reminder_time == ""
    assert not control.time.isEnabled()
    control.enabled_box.click()
    control.time.setTime(QTime(22, 15))
    assert repos.settings.gratitude_reminder_time == "22:15"


def test_mood_times_are_added_in_order_and_removed(
    qtbot: QtBot, page: SettingsPage, repos: Repositories
) -> None:
    control = page.controls["mood_reminder_times"]
    assert isinstance(control, TimeListControl)
    control.time.setTime(QTime(8, 0))
    control.add_button.click()
    assert repos.settings.mood_reminder_times == ("08:00", "20:30")
    assert control.items() == ["08:00", "20:30"]
    control.add_button.click()  # the same time again
    assert "already" in visible_error(control)
    control.view.setCurrentIndex(control.model.index(1, 0))
    control.remove_button.click()
    assert repos.settings.mood_reminder_times == ("08:00",)
    assert visible_error(control) == ""


def test_exclusion_patterns_refuse_an_invalid_regex(
    qtbot: QtBot, page: SettingsPage, service: SettingsService, repos: Repositories
) -> None:
    control = page.controls["exclude_patterns"]
    assert isinstance(control, TextListControl)
    control.line.setText("(unclosed")
    with qtbot.assertNotEmitted(service.changed):
        control.add_button.click()
    assert "not a valid pattern" in visible_error(control)
    assert repos.settings.exclude_patterns == ()
    assert control.line.text() == "(unclosed"  # kept, to be fixed
    control.line.setText("bank|Private Browsing")
    control.add_button.click()
    assert repos.settings.exclude_patterns == ("bank|Private Browsing",)
    assert visible_error(control) == ""
    assert control.line.text() == ""


def test_own_crisis_contacts_are_stored(page: SettingsPage, repos: Repositories) -> None:
    control = page.controls["crisis_lines"]
    assert isinstance(control, TextListControl)
    control.line.setText("My sister: 07700 900123")
    control.add_button.click()
    assert repos.settings.crisis_lines == ("My sister: 07700 900123",)


def test_changes_made_elsewhere_show_up(page: SettingsPage, service: SettingsService) -> None:
    service.set("who5_interval_days", 21)
    service.set("track_all_apps", True)
    interval = page.controls["who5_interval_days"]
    track_all = page.controls["track_all_apps"]
    assert isinstance(interval, NumberControl) and isinstance(track_all, CheckControl)
    assert interval.box.value() == 21
    assert track_all.box.isChecked()


def test_break_settings_have_one_place_the_boundaries_page(
    qtbot: QtBot,
    page: SettingsPage,
    repos: Repositories,
    service: SettingsService,
    clock: FixedClock,
) -> None:
    from wellbeing_app.ui.boundaries_page import BoundariesPage

    # Not here: two places with two names ("Strict mode" / "Strict breaks") confused people.
    assert not set(settings_page.ON_BOUNDARIES) & set(page.controls)
    assert "Boundaries page" in page.boundaries_note.text()
    boundaries = BoundariesPage(repos, service, ["Reddit"], clock)
    qtbot.addWidget(boundaries)
    service.set("strict_mode", True)
    service.set("hold_prompts_when_busy", False)
    service.set("quiet_hours", ["sat 23:00-08:00"])
    assert boundaries.strict_mode.isChecked()
    assert not boundaries.hold_prompts.isChecked()
    assert boundaries.quiet_hours.rowCount() == 1
    assert set(boundaries.setting_spins) | {
        "strict_mode",
        "hold_prompts_when_busy",
        "quiet_hours",
    } == set(settings_page.ON_BOUNDARIES)


# ----------------------------------------------------------------------- what counts: catalog


def test_unchecking_an_app_stops_counting_it(
    qtbot: QtBot, page: SettingsPage, repos: Repositories
) -> None:
    model = page.apps.model
    reddit = model.app_index("Reddit")
    with qtbot.waitSignal(page.rules_changed):
        model.setData(reddit, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert RuleRepository(repos.db).uncounted_apps() == {"Reddit"}
    assert reddit.parent().data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.PartiallyChecked
    model.setData(reddit, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert RuleRepository(repos.db).uncounted_apps() == set()


def test_a_category_checks_all_its_apps(
    page: SettingsPage, repos: Repositories, catalog: Catalog
) -> None:
    model = page.apps.model
    chat = next(
        model.index(row, 0)
        for row in range(model.rowCount())
        if str(model.index(row, 0).data()).startswith("Chat")
    )
    model.setData(chat, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    chat_apps = {app.name for app in catalog.apps if app.category == "chat"}
    assert RuleRepository(repos.db).uncounted_apps() == chat_apps
    assert chat.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked


def test_the_app_filter_narrows_the_list(page: SettingsPage) -> None:
    page.apps.filter.setText("redd")
    proxy = page.apps.proxy
    shown = [
        proxy.index(child, 0, proxy.index(row, 0)).data()
        for row in range(proxy.rowCount())
        for child in range(proxy.rowCount(proxy.index(row, 0)))
    ]
    assert shown == ["Reddit"]


def test_apps_already_uncounted_start_unchecked(
    qtbot: QtBot, repos: Repositories, service: SettingsService, catalog: Catalog
) -> None:
    RuleRepository(repos.db).set_counted("Slack", False)
    page = SettingsPage(repos, service, catalog, "nowhere")
    qtbot.addWidget(page)
    index = page.apps.model.app_index("Slack")
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert not page.show_folder_button.isEnabled()  # the label is not a folder


def test_the_models_are_well_behaved(qtmodeltester: ModelTester, catalog: Catalog) -> None:
    qtmodeltester.check(CommunityAppsModel(catalog.apps, {"reddit"}))
    rules = RuleTableModel()
    rules.set_rules([UserRule("Chess club", "forum", title_pattern="Chess")])
    qtmodeltester.check(rules)


# -------------------------------------------------------------------------- what counts: rules


def fill(editor: RuleEditorDialog, name: str, app: str = "", title: str = "") -> None:
    editor.name.setText(name)
    editor.app_pattern.setText(app)
    editor.title_pattern.setText(title)


def save(editor: RuleEditorDialog) -> None:
    editor.buttons.button(QDialogButtonBox.StandardButton.Save).click()


def test_adding_a_rule_checks_it_first(
    qtbot: QtBot, page: SettingsPage, repos: Repositories
) -> None:
    page.rules.add_button.click()
    editor = page.rules.editor
    assert editor is not None and editor.isVisible()
    fill(editor, "Chess club")
    save(editor)
    assert "needs an app pattern, a title pattern or both" in visible_error(editor)
    assert editor.isVisible()
    assert RuleRepository(repos.db).all() == []
    editor.title_pattern.setText("(Chess")
    save(editor)
    assert "invalid title pattern" in visible_error(editor)
    editor.title_pattern.setText("Chess Club")
    editor.category.setCurrentIndex(editor.category.findData("forum"))
    with qtbot.waitSignal(page.rules_changed):
        save(editor)
    [rule] = RuleRepository(repos.db).all()
    assert (rule.name, rule.category, rule.title_pattern) == ("Chess club", "forum", "Chess Club")
    assert page.rules.model.rowCount() == 1
    assert page.rules.selected() == rule


def test_editing_turning_off_and_removing_a_rule(
    qtbot: QtBot, repos: Repositories, service: SettingsService, catalog: Catalog
) -> None:
    rules = RuleRepository(repos.db)
    rules.add(UserRule("Work Slack", "chat", app_pattern="slack"))
    page = SettingsPage(repos, service, catalog, "here")
    qtbot.addWidget(page)
    panel = page.rules
    assert not panel.edit_button.isEnabled()
    panel.select_row(0)
    panel.edit_button.click()
    editor = panel.editor
    assert editor is not None
    assert editor.app_pattern.text() == "slack"
    editor.never.click()  # not a community for me
    assert not editor.category.isEnabled()
    save(editor)
    [rule] = rules.all()
    assert (rule.counted, rule.category, rule.app_pattern) == (False, "", "slack")
    assert panel.model.index(0, 1).data() == "Never counted"

    panel.select_row(0)
    assert panel.toggle_button.text() == "Turn off"
    panel.toggle_button.click()
    assert rules.all()[0].enabled is False
    assert panel.toggle_button.text() == "Turn on"
    assert panel.model.index(0, 4).data() == "Off"

    panel.remove_button.click()
    assert rules.all() == []
    assert panel.undo_button.isVisibleTo(page)
    panel.undo_button.click()
    [back] = rules.all()
    assert (back.name, back.app_pattern, back.enabled) == ("Work Slack", "slack", False)


def test_cancelling_the_editor_changes_nothing(page: SettingsPage, repos: Repositories) -> None:
    page.rules.add_button.click()
    editor = page.rules.editor
    assert editor is not None
    fill(editor, "Chess club", title="Chess")
    editor.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert RuleRepository(repos.db).all() == []


# ------------------------------------------------------------------------------ privacy & data


def test_pause_buttons_ask_for_a_pause(qtbot: QtBot, page: SettingsPage) -> None:
    asked: list[float | None] = []
    page.pause_requested.connect(asked.append)
    for button in page.pause_buttons:
        button.click()
    assert asked == [15.0, 60.0, None]
    assert page.pause_status.text() == "Tracking is on."
    assert not page.resume_button.isVisibleTo(page)


def test_paused_state_is_shown_with_resume(qtbot: QtBot, page: SettingsPage) -> None:
    from datetime import datetime

    page.show_paused_until(datetime(2026, 11, 21, 22, 5))
    assert "22:05" in page.pause_status.text()
    with qtbot.waitSignal(page.resume_requested):
        page.resume_button.click()


def test_show_folder_opens_the_data_folder(
    page: SettingsPage, tmp_path: Path, opened: list[QUrl]
) -> None:
    page.show_folder_button.click()
    assert [url.toLocalFile() for url in opened] == [str(tmp_path)]
    assert page.data_location.text() == str(tmp_path)


def test_data_tab_says_nothing_leaves_the_computer(page: SettingsPage) -> None:
    texts = [label.text() for label in page.findChildren(QLabel)]
    assert any("Nothing leaves this computer" in text for text in texts)


def test_start_at_login_switch(
    qtbot: QtBot, repos: Repositories, service: SettingsService, catalog: Catalog, tmp_path: Path
) -> None:
    autostart = Autostart("linux", environ={}, home=tmp_path)
    page = SettingsPage(
        repos, service, catalog, "x", autostart=autostart, start_command=["wellbeing", "gui"]
    )
    qtbot.addWidget(page)
    assert not page.start_at_login.isChecked()
    page.start_at_login.click()
    assert autostart.enabled()
    page.start_at_login.click()
    assert not autostart.enabled()


def test_tabs_are_the_sections(page: SettingsPage) -> None:
    titles = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    sections = ["Tracking", "Privacy", "Reminders", "Check-ins && help", "Appearance", "Data"]
    placed = {name for names in settings_page.TABS.values() for name in names}
    placed |= set(settings_page.STARTING) | set(settings_page.ON_BOUNDARIES)
    unplaced = {spec.name for spec in SETTINGS} - placed
    assert titles == sections + (["More"] if unplaced else [])


def test_a_setting_no_tab_names_still_gets_a_control(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    repos: Repositories,
    service: SettingsService,
    catalog: Catalog,
) -> None:
    # What a newly added setting looks like to the page: in the registry, in no tab.
    reminders = tuple(n for n in settings_page.TABS["Reminders"] if n != "who5_interval_days")
    monkeypatch.setitem(settings_page.TABS, "Reminders", reminders)
    page = SettingsPage(repos, service, catalog, "here")
    qtbot.addWidget(page)
    last = page.tabs.count() - 1
    assert page.tabs.tabText(last) == "More"
    control = page.controls["who5_interval_days"]
    assert page.tabs.widget(last).isAncestorOf(control)
    assert isinstance(control, NumberControl)
    control.box.setValue(9)
    assert repos.settings.who5_interval_days == 9


def test_tracking_shows_the_probe_and_for_gnome_without_the_extension_a_link_and_steps(
    page: SettingsPage,
) -> None:
    from wellbeing_app.platform.sessions import GNOME_EXTENSION_URL, DesktopSession, tracking_advice

    panel = page.tracking_status
    advice = tracking_advice(
        DesktopSession("wayland", "GNOME", "gnome"), "approximate: running apps only"
    )
    page.show_tracking("Tracking on (approximate: running apps only).", advice)

    assert panel.status.text() == "Tracking on (approximate: running apps only)."
    assert not panel.advice.isHidden()
    text = panel.advice.text()
    assert f'<a href="{GNOME_EXTENSION_URL}">' in text
    assert text.count("<li>") == 3
    assert panel.advice.openExternalLinks()

    page.show_tracking("Tracking on (GNOME extension).", None)
    assert panel.advice.isHidden()


def test_group_names_are_in_the_label_step_and_what_they_hold_in_body(page: SettingsPage) -> None:
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QGroupBox

    boxes = page.findChildren(QGroupBox)
    assert {box.title() for box in boxes} >= {"Pause tracking", "Never record", "Automatic backups"}
    for box in boxes:
        assert box.font().weight() == QFont.Weight.DemiBold, box.title()
    control = page.controls["exclude_patterns"]
    assert control.font().weight() == QFont.Weight.Normal
    assert control.note.font().pointSizeF() < control.font().pointSizeF()  # a caption


def test_each_choice_is_explained_under_its_words_not_its_circle(page: SettingsPage) -> None:
    control = page.controls["window_titles"]
    assert isinstance(control, RadioChoiceControl)
    button = control.buttons["drop"]
    explained = next(
        label
        for label in control.findChildren(QLabel)
        if label.text().startswith("Only which community")
    )
    style = button.style()
    indent = style.pixelMetric(style.PixelMetric.PM_ExclusiveIndicatorWidth, None, button)
    indent += style.pixelMetric(style.PixelMetric.PM_RadioButtonLabelSpacing, None, button)
    assert explained.contentsMargins().left() == indent


def test_notes_and_problems_stay_readable_when_the_look_turns_dark(
    qtbot: QtBot, qapp: QApplication
) -> None:
    from PySide6.QtGui import QPalette

    from wellbeing_app.ui.mood_palette import contrast_ratio
    from wellbeing_app.ui.settings_widgets import note_label, problem_label
    from wellbeing_app.ui.theme import dark_palette, light_palette

    holder = QWidget()  # as on a page: the labels are inside a window
    qtbot.addWidget(holder)
    note, problem = note_label("A quiet note."), problem_label()
    for label in (note, problem):
        label.setParent(holder)
    before = qapp.palette()
    try:
        for palette in (light_palette(), dark_palette()):
            qapp.setPalette(palette)
            qapp.processEvents()  # the change reaches widgets as an event
            window = palette.color(QPalette.ColorRole.Window)
            for label in (note, problem):
                shown = label.palette().color(QPalette.ColorRole.WindowText)
                assert contrast_ratio(shown, window) >= 4.5, (label, shown.name())
            placeholder = palette.color(QPalette.ColorRole.PlaceholderText)
            assert note.palette().color(QPalette.ColorRole.WindowText) == placeholder
    finally:
        qapp.setPalette(before)
