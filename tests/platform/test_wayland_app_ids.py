"""On Wayland the wlroots probes report app ids, not executable names: the shipped catalog
must know the app ids of its native clients and browsers, native and Flatpak alike.

App ids as the apps set them (``xdg_toplevel.set_app_id``, usually the ``.desktop`` file's name;
the Flatpak id for Flatpaks, e.g. https://flathub.org/apps/com.discordapp.Discord).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from wellbeing_app.core.classifier import Classifier, parse_catalog

CATALOG = Path(__file__).resolve().parents[2] / "resources" / "community_apps.json"


@pytest.fixture(scope="module")
def classifier() -> Classifier:
    return Classifier(parse_catalog(CATALOG.read_text(encoding="utf-8"), "linux"))


@pytest.mark.parametrize(
    ("app_id", "community"),
    [
        ("discord", "Discord"),
        ("com.discordapp.Discord", "Discord"),
        ("dev.vencord.Vesktop", "Discord"),
        ("Slack", "Slack"),
        ("com.slack.Slack", "Slack"),
        ("org.telegram.desktop", "Telegram"),
        ("org.signal.Signal", "Signal"),
        ("signal", "Signal"),
        ("im.riot.Riot", "Element (Matrix)"),
        ("com.github.IsmaelMartinez.teams_for_linux", "Microsoft Teams"),
        ("com.mattermost.Desktop", "Mattermost"),
        ("org.zulip.Zulip", "Zulip"),
        ("dev.geopjr.Tuba", "Mastodon"),
    ],
)
def test_native_clients_are_known_by_app_id(
    classifier: Classifier, app_id: str, community: str
) -> None:
    found = classifier.classify(app_id, "a window")
    assert found is not None, app_id
    assert (found.app, found.via) == (community, "app")


@pytest.mark.parametrize(
    ("app_id", "suffix"),
    [
        ("firefox", " — Mozilla Firefox"),
        ("org.mozilla.firefox", " — Mozilla Firefox"),
        ("firefox-esr", " — Mozilla Firefox"),
        ("google-chrome", " - Google Chrome"),
        ("com.google.Chrome", " - Google Chrome"),
        ("chromium", " - Chromium"),
        ("org.chromium.Chromium", " - Chromium"),
        ("com.brave.Browser", " - Brave"),
        ("com.microsoft.Edge", " - Microsoft Edge"),
        ("com.vivaldi.Vivaldi", " - Vivaldi"),
        ("io.gitlab.librewolf-community", " — LibreWolf"),
        ("org.gnome.Epiphany", ""),
    ],
)
def test_browser_tabs_are_classified_by_title_under_the_browsers_app_id(
    classifier: Classifier, app_id: str, suffix: str
) -> None:
    found = classifier.classify(app_id, f"general | Discord{suffix}")
    assert found is not None, app_id
    assert (found.app, found.via) == ("Discord", "browser")
    assert classifier.classify(app_id, f"Project notes{suffix}") is None


def test_an_editor_is_not_a_community(classifier: Classifier) -> None:
    assert classifier.classify("org.gnome.TextEditor", "notes.txt - Text Editor") is None
