"""The tray icon: its menu asks for what it says, and its tooltip tells today's time."""

from __future__ import annotations

import shutil
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from wellbeing_app.core.models import MOOD_LABELS, AppTotal
from wellbeing_app.core.today import TodaySnapshot
from wellbeing_app.resources import resource_path
from wellbeing_app.ui.tray import TrayIcon, tray_icon

CET = timezone(timedelta(hours=1))


def snapshot(seconds: float) -> TodaySnapshot:
    apps = (AppTotal("Discord", "chat", seconds),)
    return TodaySnapshot(date(2026, 11, 21), apps, (), seconds, (), ())


def actions(tray: TrayIcon) -> dict[str, object]:
    return {a.text(): a for a in tray.menu.actions() if a.text() and a.isVisible()}


def test_the_menu_offers_open_mood_help_pause_and_quit(qtbot: QtBot) -> None:
    tray = TrayIcon(QIcon())
    shown = list(actions(tray))
    assert shown == ["Open Wellbeing", "Log mood", "Get help now", "Pause tracking", "Quit"]
    assert [a.text() for a in tray.mood_menu.actions()] == [
        f"{score} {label}" for score, label in MOOD_LABELS.items()
    ]
    assert [a.text() for a in tray.pause_menu.actions()] == [
        "For 15 minutes",
        "For 1 hour",
        "Until tomorrow",
    ]


def test_menu_entries_emit_what_they_ask_for(qtbot: QtBot) -> None:
    tray = TrayIcon(QIcon())
    with qtbot.waitSignal(tray.mood_logged) as mood:
        tray.mood_menu.actions()[3].trigger()
    assert mood.args == [list(MOOD_LABELS)[3]]
    paused: list[object] = []
    tray.pause_requested.connect(paused.append)
    for action in tray.pause_menu.actions():
        action.trigger()
    assert paused == [15, 60, None]
    with qtbot.waitSignal(tray.quit_requested):
        tray._quit.trigger()


def test_the_tooltip_tells_todays_time_and_a_pause(qtbot: QtBot) -> None:
    tray = TrayIcon(QIcon())
    assert tray.tooltip() == "Wellbeing"
    tray.show_snapshot(snapshot(80 * 60 + 20))
    assert tray.tooltip() == "Wellbeing — 1 hour 20 minutes in online communities today"
    tray.show_paused_until(datetime(2026, 11, 21, 21, 45, tzinfo=CET))
    assert tray.tooltip() == (
        "Wellbeing — 1 hour 20 minutes in online communities today\nTracking paused until 21:45"
    )
    assert tray.resume_action.isVisible() and not tray.pause_menu.menuAction().isVisible()
    tray.show_paused_until(None)
    assert "paused" not in tray.tooltip()
    assert tray.pause_menu.menuAction().isVisible() and not tray.resume_action.isVisible()


def test_gnome_gets_the_symbolic_icon_when_installed(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app_icon = QIcon(str(resource_path("icons", "wellbeing.svg")))
    gnome = {"XDG_CURRENT_DESKTOP": "ubuntu:GNOME"}
    kde = {"XDG_CURRENT_DESKTOP": "KDE"}
    assert tray_icon(app_icon, "org.example.NotInstalled", gnome) is app_icon
    theme = tmp_path / "icons" / "hicolor"
    (theme / "scalable" / "apps").mkdir(parents=True)
    (theme / "index.theme").write_text(
        "[Icon Theme]\nName=Hicolor\nDirectories=scalable/apps\n\n"
        "[scalable/apps]\nSize=16\nMinSize=8\nMaxSize=512\nType=Scalable\n"
    )
    shutil.copy(
        resource_path("icons", "wellbeing-symbolic.svg"),
        theme / "scalable" / "apps" / "org.example.Test-symbolic.svg",
    )
    paths, name = QIcon.themeSearchPaths(), QIcon.themeName()
    QIcon.setThemeSearchPaths([str(tmp_path / "icons")])
    QIcon.setThemeName("hicolor")
    try:
        chosen = tray_icon(app_icon, "org.example.Test", gnome)
        assert chosen is not app_icon and chosen.name() == "org.example.Test-symbolic"
        assert tray_icon(app_icon, "org.example.Test", kde) is app_icon
        assert tray_icon(app_icon, "org.example.Test", {}) is app_icon
    finally:
        QIcon.setThemeSearchPaths(paths)
        QIcon.setThemeName(name)


def test_menu_entries_carry_the_apps_line_icons_redrawn_with_the_palette(
    qtbot: QtBot, qapp: QApplication
) -> None:
    from wellbeing_app.ui.theme import dark_palette, light_palette

    tray = TrayIcon(QIcon())
    entries = (tray.mood_menu.menuAction(), tray._help, tray.pause_menu.menuAction())
    assert all(not action.icon().isNull() for action in entries)
    before = qapp.palette()
    try:
        qapp.setPalette(light_palette())
        qapp.processEvents()
        light = tray._help.icon().pixmap(16).toImage()
        qapp.setPalette(dark_palette())
        qapp.processEvents()
        dark = tray._help.icon().pixmap(16).toImage()
    finally:
        qapp.setPalette(before)
    assert light != dark  # drawn again in the dark palette's text colour
