"""Get help now: clickable lines with their source and date; the country chosen right there."""

from __future__ import annotations

import re

import pytest
from pytestqt.qtbot import QtBot

from wellbeing_app.app import crisis_help
from wellbeing_app.core.crisis import CrisisHelp, CrisisLine
from wellbeing_app.storage.repositories import Repositories
from wellbeing_app.ui.help_dialog import HelpDialog, crisis_html


def _dialog(qtbot: QtBot, repos: Repositories) -> HelpDialog:
    dialog = HelpDialog(crisis_help(repos))
    qtbot.addWidget(dialog)
    return dialog


def _hrefs(html: str) -> list[str]:
    return re.findall(r'<a href="([^"]+)"', html)


def test_numbers_addresses_and_sites_are_real_links(qtbot: QtBot, repos: Repositories) -> None:
    repos.settings_store.set("crisis_country", "GB")
    dialog = _dialog(qtbot, repos)
    html = dialog.lines.text()
    hrefs = _hrefs(html)
    assert "tel:116123" in hrefs  # Samaritans
    assert "mailto:jo@samaritans.org" in hrefs
    assert "sms:85258" in hrefs  # Shout is a text line, not a call
    assert "tel:999" in hrefs and "tel:112" in hrefs
    assert "https://findahelpline.com" in hrefs
    assert dialog.lines.openExternalLinks()


def test_each_line_says_who_listed_it_and_when(qtbot: QtBot, repos: Repositories) -> None:
    repos.settings_store.set("crisis_country", "GB")
    dialog = _dialog(qtbot, repos)
    html = dialog.lines.text()
    assert re.search(
        r'as listed by <a href="https://www\.samaritans\.org/[^"]*">samaritans\.org'
        r"</a> on 5 December 2026",
        html,
    )
    assert "as listed by " in html and "in November 2026" in html  # findahelpline: not confirmed
    assert html.count("as listed by") == 3 + 3  # GB: 2 lines + emergency; 3 international


def test_own_contacts_have_no_source_line() -> None:
    html = crisis_html([CrisisLine("Sam", "07700 900123")])
    assert 'href="tel:07700900123"' in html
    assert "as listed by" not in html


def test_no_settings_command_in_the_small_print(qtbot: QtBot, repos: Repositories) -> None:
    # Before: "Set your country ... (or with wellbeing settings set crisis_country GB)".
    dialog = _dialog(qtbot, repos)
    texts = " ".join(label.text() for label in dialog.findChildren(type(dialog.lines)))
    assert "settings set" not in texts and "<code>" not in texts


def test_a_fresh_install_chooses_the_country_right_there(qtbot: QtBot, repos: Repositories) -> None:
    dialog = _dialog(qtbot, repos)
    assert dialog.country.currentData() == ""  # not set yet: the international list
    assert "Samaritans" not in dialog.lines.text()
    dialog.country.setCurrentIndex(dialog.country.findData("IE"))
    assert "jo@samaritans.ie" in dialog.lines.text()
    assert "50808" in dialog.lines.text()
    assert repos.settings.crisis_country == "IE"
    dialog.country.setCurrentIndex(dialog.country.findData(""))
    assert "Samaritans" not in dialog.lines.text()
    assert repos.settings.crisis_country == ""


def test_the_combo_starts_at_the_saved_country_and_lists_every_known_one(
    qtbot: QtBot, repos: Repositories
) -> None:
    repos.settings_store.set("crisis_country", "AU")
    dialog = _dialog(qtbot, repos)
    assert dialog.country.currentData() == "AU"
    codes = [dialog.country.itemData(i) for i in range(dialog.country.count())]
    assert sorted(codes) == ["", "AU", "CA", "DE", "FR", "GB", "IE", "NZ", "US"]
    assert "13 11 14" in dialog.lines.text()


def test_a_country_that_cannot_be_saved_still_shows_its_lines(qtbot: QtBot) -> None:
    from wellbeing_app.app import load_crisis_catalog

    def refuse(code: str) -> None:
        raise OSError("read-only")

    dialog = HelpDialog(CrisisHelp(load_crisis_catalog(), "", (), refuse))
    qtbot.addWidget(dialog)
    dialog.country.setCurrentIndex(dialog.country.findData("NZ"))
    assert "1737" in dialog.lines.text()
    assert "could not be saved" in dialog.saved.text()


@pytest.mark.parametrize(
    ("contact", "href"),
    [
        ("Call or text 988, or chat at 988lifeline.org", "tel:988"),
        ("Call or text 988, or chat at 988lifeline.org", "https://988lifeline.org"),
        ("Text HOME to 741741", "sms:741741"),
        ("Call 0800 111 0 111 or 0800 111 0 222", "tel:08001110222"),
        (
            "www.iasp.info/crisis-centres-helplines/",
            "https://www.iasp.info/crisis-centres-helplines/",
        ),
        ("+44 7700 900123", "tel:+447700900123"),
    ],
)
def test_contacts_become_the_right_kind_of_link(contact: str, href: str) -> None:
    assert href in _hrefs(crisis_html([CrisisLine("X", contact)]))
