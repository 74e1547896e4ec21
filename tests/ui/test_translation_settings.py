"""Every Settings tab with the pseudo-translation installed: text that shows without its
``⟦…⟧`` markers bypassed Qt's translation (see ``tests/ui/test_translation.py`` for the walker
and what is exempt)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.test_translation import (  # noqa: F401 (pseudo_translated is a fixture)
    RecordingPseudoTranslator,
    assert_translated,
    offenders,
    pseudo_translated,
)
from wellbeing_app.app import load_catalog
from wellbeing_app.platform.autostart import Autostart
from wellbeing_app.platform.logs import LOG_FILE, log_folder
from wellbeing_app.services.settings_service import SettingsService
from wellbeing_app.storage.repositories import Repositories
from wellbeing_app.ui import settings_page
from wellbeing_app.ui.settings_data import DataTab
from wellbeing_app.ui.settings_page import SettingsPage


def _page(
    qtbot: QtBot, repos: Repositories, home: Path, *, folder_opens: bool = True
) -> tuple[SettingsPage, set[str]]:
    """The page with every optional part shown, and the person's own text on it (app names,
    folders) that is never translated."""
    catalog = load_catalog()
    autostart = Autostart("linux", environ={}, home=home)
    page = SettingsPage(
        repos,
        SettingsService(repos.settings_store),
        catalog,
        str(home),
        autostart=autostart,
        start_command=["wellbeing", "gui"],
        open_url=lambda _url: folder_opens,
    )
    qtbot.addWidget(page)
    own = {app.name for app in catalog.apps} | {str(home), str(log_folder() / LOG_FILE)}
    own.add(str(autostart.location))
    return page, own


def _tabs(page: SettingsPage) -> list[str]:
    return [page.tabs.tabText(index) for index in range(page.tabs.count())]


def test_every_settings_tab(
    qtbot: QtBot,
    pseudo_translated: RecordingPseudoTranslator,  # noqa: F811
    repos: Repositories,
    tmp_path: Path,
) -> None:
    page, own = _page(qtbot, repos, tmp_path)
    page.show()
    assert len(_tabs(page)) == 6
    for index, name in enumerate(_tabs(page)):
        page.tabs.setCurrentIndex(index)
        assert_translated(f"settings tab {index} {name}", page, extra=own)


def test_the_pause_and_the_problems_a_tab_can_show(
    qtbot: QtBot,
    pseudo_translated: RecordingPseudoTranslator,  # noqa: F811
    repos: Repositories,
    tmp_path: Path,
) -> None:
    page, own = _page(qtbot, repos, tmp_path, folder_opens=False)
    page.show()
    page.tabs.setCurrentWidget(page.privacy)
    page.show_paused_until(datetime(2026, 11, 21, 22, 5))
    assert page.resume_button.isVisibleTo(page)
    assert_translated("settings, tracking paused", page, extra=own)

    page.tabs.setCurrentIndex(_tabs(page).index("⟦Data⟧"))
    data = page.tabs.currentWidget()
    assert isinstance(data, DataTab)
    page.show_folder_button.click()
    assert data.folder_error.isVisibleTo(page)
    assert_translated("settings, the folder would not open", page, extra=own)


def test_a_setting_no_tab_names_lands_on_a_translated_more_tab(
    qtbot: QtBot,
    pseudo_translated: RecordingPseudoTranslator,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
    repos: Repositories,
    tmp_path: Path,
) -> None:
    reminders = tuple(n for n in settings_page.TABS["Reminders"] if n != "who5_interval_days")
    monkeypatch.setitem(settings_page.TABS, "Reminders", reminders)
    page, own = _page(qtbot, repos, tmp_path)
    page.show()
    page.tabs.setCurrentIndex(page.tabs.count() - 1)
    assert page.tabs.tabText(page.tabs.count() - 1) == "⟦More⟧"
    assert_translated("settings, more", page, extra=own)


def test_the_walker_sees_a_tab_that_bypasses_translation(
    qtbot: QtBot,
    pseudo_translated: RecordingPseudoTranslator,  # noqa: F811
    repos: Repositories,
    tmp_path: Path,
) -> None:
    page, own = _page(qtbot, repos, tmp_path)
    page.show()
    page.tabs.setTabText(0, "Tracking")  # as the page named its tabs before
    found = offenders("settings", page, None, own)
    assert [(o.kind, o.text) for o in found] == [("tab 0", "Tracking")]
