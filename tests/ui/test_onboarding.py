"""First run: what is recorded, which apps count, a first limit, reminders, start at login."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt, QTime
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot

from wellbeing_app.app import load_catalog
from wellbeing_app.core.classifier import Catalog
from wellbeing_app.core.models import DailyLimit
from wellbeing_app.platform.autostart import Autostart
from wellbeing_app.services.settings_service import SettingsService
from wellbeing_app.storage.repositories import Repositories
from wellbeing_app.storage.rules import RuleRepository
from wellbeing_app.ui.onboarding import OnboardingDialog, crisis_country_for, welcome_text

COMMAND = ["/usr/bin/wellbeing", "gui"]
UK = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)


class RecordingAutostart(Autostart):
    """A real XDG autostart in a tmp folder that also remembers what it was asked."""

    def __init__(self, home: Path) -> None:
        super().__init__("linux", environ={}, home=home)
        self.commands: list[list[str]] = []

    def enable(self, command: list[str]) -> None:  # type: ignore[override]
        self.commands.append(list(command))
        super().enable(command)


class BrokenAutostart(Autostart):
    def __init__(self, home: Path) -> None:
        super().__init__("linux", environ={}, home=home)

    def enable(self, command: list[str]) -> None:  # type: ignore[override]
        raise PermissionError(13, "Permission denied")


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture
def service(repos: Repositories) -> SettingsService:
    return SettingsService(repos.settings_store)


@pytest.fixture
def autostart(tmp_path: Path) -> RecordingAutostart:
    return RecordingAutostart(tmp_path)


@pytest.fixture
def wizard(
    qtbot: QtBot,
    catalog: Catalog,
    service: SettingsService,
    repos: Repositories,
    autostart: RecordingAutostart,
) -> OnboardingDialog:
    shown = OnboardingDialog(
        catalog, service, RuleRepository(repos.db), autostart, command=COMMAND, locale=UK
    )
    qtbot.addWidget(shown)
    shown.show()
    return shown


def to_last_page(wizard: OnboardingDialog) -> None:
    for _ in wizard.pageIds():
        if wizard.currentId() == wizard.pageIds()[-1]:
            return
        wizard.next()
    raise AssertionError("the wizard did not reach its last page")


def finish(wizard: OnboardingDialog) -> None:
    to_last_page(wizard)
    wizard.button(QWizard.WizardButton.FinishButton).click()


def test_welcome_says_what_is_recorded_and_that_nothing_leaves(wizard: OnboardingDialog) -> None:
    assert wizard.currentPage() is wizard.welcome_page
    text = wizard.welcome.text()
    assert "Nothing leaves this computer" in text
    assert "no network connections" in text
    assert "in front" in text and "how long" in text
    assert "<b>Not</b> what you type, read or watch" in text
    assert "reduced to the program's name" in text
    assert "mood check-ins, gratitude notes and journal entries" in text


def test_welcome_follows_the_title_setting() -> None:
    assert "not kept at all" in welcome_text("drop")
    assert "kept in full" in welcome_text("keep")


def test_walking_through_with_the_defaults(
    qtbot: QtBot,
    wizard: OnboardingDialog,
    repos: Repositories,
    autostart: RecordingAutostart,
) -> None:
    assert len(wizard.pageIds()) == 6
    assert repos.settings.crisis_country == ""  # not before Finish
    with qtbot.waitSignal(wizard.completed):
        finish(wizard)
    assert repos.settings.crisis_country == "GB"  # from the system locale
    assert wizard.result() == QWizard.DialogCode.Accepted
    assert RuleRepository(repos.db).uncounted_apps() == set()  # all count by default
    assert wizard.first_limit() is None
    assert repos.settings.mood_reminder_times == ("20:30",)
    assert autostart.commands == []  # off unless asked for
    assert not autostart.enabled()


def test_choices_are_applied_on_finish(
    qtbot: QtBot,
    wizard: OnboardingDialog,
    repos: Repositories,
    autostart: RecordingAutostart,
) -> None:
    wizard.next()  # which apps count
    slack = wizard.apps.app_index("Slack")
    wizard.apps.setData(slack, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert RuleRepository(repos.db).uncounted_apps() == set()  # nothing stored before Finish

    wizard.next()  # a first daily limit
    wizard.set_limit.click()
    wizard.limit_target.setCurrentIndex(wizard.limit_target.findText("Reddit"))
    wizard.limit_minutes.setValue(45)

    wizard.next()  # reminders
    wizard.mood_times.time.setTime(QTime(9, 0))
    wizard.mood_times.add_button.click()
    wizard.gratitude_time.enabled_box.click()  # off
    assert repos.settings.mood_reminder_times == ("20:30",)  # still not stored

    wizard.next()  # help in a crisis: which country
    assert wizard.currentPage() is wizard.country_page
    assert wizard.crisis_country.currentData() == "GB"
    wizard.crisis_country.setCurrentIndex(wizard.crisis_country.findData("IE"))
    assert "Samaritans" in wizard.crisis_preview.text() and "50808" in wizard.crisis_preview.text()
    assert repos.settings.crisis_country == ""  # still not stored

    wizard.next()  # start at login
    assert not wizard.start_at_login.isChecked()
    wizard.start_at_login.click()
    with qtbot.waitSignal(wizard.completed):
        wizard.button(QWizard.WizardButton.FinishButton).click()

    assert RuleRepository(repos.db).uncounted_apps() == {"Slack"}
    assert wizard.first_limit() == DailyLimit("Reddit", "app", 45)
    assert repos.settings.mood_reminder_times == ("09:00", "20:30")
    assert repos.settings.gratitude_reminder_time == ""
    assert repos.settings.crisis_country == "IE"
    assert autostart.commands == [COMMAND]
    assert autostart.enabled()


def test_a_category_limit(wizard: OnboardingDialog) -> None:
    wizard.set_limit.click()
    wizard.limit_target.setCurrentIndex(wizard.limit_target.findText("All forum apps together"))
    wizard.limit_minutes.setValue(60)
    assert wizard.first_limit() == DailyLimit("forum", "category", 60)


def test_cancel_changes_nothing(
    qtbot: QtBot, wizard: OnboardingDialog, repos: Repositories, autostart: RecordingAutostart
) -> None:
    wizard.next()
    wizard.apps.set_counted(["Reddit"], False)
    wizard.next()
    wizard.next()
    wizard.mood_times.remove_button.setEnabled(True)
    wizard.mood_times.view.selectAll()
    wizard.mood_times.remove_button.click()
    assert wizard.mood_reminder_times() == ()
    with qtbot.assertNotEmitted(wizard.completed):
        wizard.button(QWizard.WizardButton.CancelButton).click()
    assert RuleRepository(repos.db).uncounted_apps() == set()
    assert repos.settings.mood_reminder_times == ("20:30",)
    assert autostart.commands == []


def test_autostart_failure_is_said_and_nothing_is_half_done(
    qtbot: QtBot,
    catalog: Catalog,
    service: SettingsService,
    repos: Repositories,
    tmp_path: Path,
) -> None:
    wizard = OnboardingDialog(
        catalog, service, RuleRepository(repos.db), BrokenAutostart(tmp_path), command=COMMAND
    )
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    wizard.apps.set_counted(["Reddit"], False)
    to_last_page(wizard)
    wizard.start_at_login.click()
    with qtbot.assertNotEmitted(wizard.completed):
        wizard.button(QWizard.WizardButton.FinishButton).click()
    assert "Could not set up starting at login" in wizard.start_error.text()
    assert wizard.isVisible()
    assert RuleRepository(repos.db).uncounted_apps() == set()
    wizard.start_at_login.click()  # untick it and go on
    with qtbot.waitSignal(wizard.completed):
        wizard.button(QWizard.WizardButton.FinishButton).click()
    assert RuleRepository(repos.db).uncounted_apps() == {"Reddit"}


def test_uncounted_apps_from_before_start_unchecked_and_can_be_counted_again(
    qtbot: QtBot,
    catalog: Catalog,
    service: SettingsService,
    repos: Repositories,
    autostart: RecordingAutostart,
) -> None:
    rules = RuleRepository(repos.db)
    rules.set_counted("Reddit", False)
    wizard = OnboardingDialog(catalog, service, rules, autostart, command=COMMAND)
    qtbot.addWidget(wizard)
    wizard.show()
    assert "Reddit" in wizard.apps.uncounted()
    wizard.apps.set_counted(["Reddit"], True)
    finish(wizard)
    assert rules.uncounted_apps() == set()


def test_every_input_has_an_accessible_name(wizard: OnboardingDialog) -> None:
    for widget in (
        wizard.apps_view,
        wizard.set_limit,
        wizard.limit_target,
        wizard.limit_minutes,
        wizard.mood_times.view,
        wizard.mood_times.time,
        wizard.gratitude_time.enabled_box,
        wizard.gratitude_time.time,
        wizard.crisis_country,
        wizard.start_at_login,
    ):
        assert widget.accessibleName()


@pytest.mark.parametrize(
    ("language", "country", "code"),
    [
        (QLocale.Language.English, QLocale.Country.UnitedKingdom, "GB"),
        (QLocale.Language.French, QLocale.Country.Canada, "CA"),
        (QLocale.Language.German, QLocale.Country.Germany, "DE"),
        (QLocale.Language.English, QLocale.Country.NewZealand, "NZ"),
        (QLocale.Language.Portuguese, QLocale.Country.Brazil, ""),  # no lines: international
    ],
)
def test_the_country_defaults_from_the_locale(
    language: QLocale.Language, country: QLocale.Country, code: str
) -> None:
    assert crisis_country_for(QLocale(language, country), ("AU", "CA", "DE", "GB", "NZ")) == code
    assert crisis_country_for(QLocale.c(), ("GB",)) == ""


def test_a_fresh_install_that_skips_the_country_gets_help_for_it(
    qtbot: QtBot,
    catalog: Catalog,
    service: SettingsService,
    repos: Repositories,
    autostart: RecordingAutostart,
) -> None:
    # Before: the welcome never asked, so "Get help now" showed no phone number at all.
    shown = OnboardingDialog(
        catalog,
        service,
        RuleRepository(repos.db),
        autostart,
        command=COMMAND,
        locale=QLocale(QLocale.Language.English, QLocale.Country.Australia),
    )
    qtbot.addWidget(shown)
    shown.show()
    finish(shown)
    assert repos.settings.crisis_country == "AU"


def test_not_listed_keeps_the_international_list(
    qtbot: QtBot, wizard: OnboardingDialog, repos: Repositories
) -> None:
    repos.settings_store.set("crisis_country", "US")
    wizard.crisis_country.setCurrentIndex(wizard.crisis_country.findData(""))
    assert "findahelpline.com" in wizard.crisis_preview.text()
    finish(wizard)
    assert repos.settings.crisis_country == ""


def test_a_country_set_before_is_kept_as_the_default(
    qtbot: QtBot,
    catalog: Catalog,
    service: SettingsService,
    repos: Repositories,
    autostart: RecordingAutostart,
) -> None:
    repos.settings_store.set("crisis_country", "FR")
    shown = OnboardingDialog(
        catalog, service, RuleRepository(repos.db), autostart, command=COMMAND, locale=UK
    )
    qtbot.addWidget(shown)
    assert shown.crisis_country.currentData() == "FR"


def test_the_welcome_says_what_a_limited_desktop_needs_before_anything_is_recorded(
    qtbot: QtBot,
    catalog: Catalog,
    service: SettingsService,
    repos: Repositories,
    autostart: RecordingAutostart,
) -> None:
    from wellbeing_app.platform.sessions import current_tracking_advice

    gnome = {"XDG_SESSION_TYPE": "wayland", "XDG_CURRENT_DESKTOP": "GNOME", "WAYLAND_DISPLAY": "w"}
    advice = current_tracking_advice(environ=gnome, platform="linux")
    assert advice is not None and advice.link
    shown = OnboardingDialog(
        catalog,
        service,
        RuleRepository(repos.db),
        autostart,
        command=COMMAND,
        locale=UK,
        tracking_advice=advice,
    )
    qtbot.addWidget(shown)
    shown.show()
    label = shown.tracking_advice
    assert shown.currentPage() is shown.welcome_page
    assert label.isVisible()
    assert f'<a href="{advice.link}">' in label.text()
    assert label.openExternalLinks()


def test_the_welcome_on_a_desktop_that_tracks_exactly_shows_no_advice(
    wizard: OnboardingDialog,
) -> None:
    assert not wizard.tracking_advice.isVisible()
    assert wizard.tracking_advice.text() == ""


def test_the_welcome_leaves_room_for_its_title_bar_on_a_small_screen_at_150_percent() -> None:
    from wellbeing_app.ui.screen_fit import fitted_size

    # 1366x768 at 150 %: 910x512 logical pixels; the frame must fit too, or Next is cut off.
    width, height = fitted_size(640, 560, 910, 512)
    assert width == 640
    assert height + 30 <= 512  # a title bar of 30 px fits above it
    assert fitted_size(640, 560, 1920, 1040) == (640, 560)  # a large screen: as preferred
