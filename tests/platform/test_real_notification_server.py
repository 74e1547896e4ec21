"""The Linux path against a real notification server: dunst on Xvfb and a private bus.

The fake server in ``notification_servers`` is built with QtDBus, whose introspection data
types everything the way QtDBus likes; real servers (GNOME Shell, Plasma, dunst) are not, and a
call that works against the fake can fail against them. Skipped without dunst and Xvfb
(``apt-get install dunst xvfb``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator

import pytest
from PySide6.QtDBus import QDBusConnection
from pytestqt.qtbot import QtBot

from tests.platform.notification_servers import private_bus_address
from tests.x11_session import x11_session
from wellbeing_app.platform.dbus_notifications import SERVICE, FreedesktopNotifications
from wellbeing_app.platform.notifications import DesktopNotification

pytestmark = pytest.mark.skipif(
    shutil.which("dunst") is None or shutil.which("Xvfb") is None,
    reason="needs dunst and Xvfb (apt-get install dunst xvfb)",
)

MOOD = DesktopNotification(
    "mood 2026-12-05 20:30",
    "How are you feeling?",
    "A moment to check in with yourself: log your mood <3",
    (("log-mood", "Log mood"), ("snooze", "Snooze")),
    "normal",
    "x-wellbeing.reminder",
)


@pytest.fixture
def dunst(qtbot: QtBot) -> Iterator[tuple[QDBusConnection, dict[str, str]]]:
    """The app's connection to a private bus served by dunst, and dunstctl's environment."""
    with x11_session(window_manager=False) as display, private_bus_address() as address:
        environ = dict(os.environ, DISPLAY=display, DBUS_SESSION_BUS_ADDRESS=address)
        server = subprocess.Popen(
            ["dunst"], env=environ, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        name = "wellbeing-test-dunst"
        bus = QDBusConnection.connectToBus(address, name)
        try:
            qtbot.waitUntil(
                lambda: bool(bus.interface().isServiceRegistered(SERVICE).value()),
                timeout=10_000,
            )
            yield bus, environ
        finally:
            QDBusConnection.disconnectFromBus(name)
            server.terminate()
            server.wait(timeout=10)


def _dunstctl(environ: dict[str, str], *args: str) -> str:
    return subprocess.run(
        ["dunstctl", *args], env=environ, capture_output=True, text=True, check=True, timeout=10
    ).stdout.strip()


def test_dunst_shows_the_reminder_and_its_click_and_close_reach_the_app(
    qtbot: QtBot, dunst: tuple[QDBusConnection, dict[str, str]]
) -> None:
    bus, environ = dunst
    notifications = FreedesktopNotifications(bus)
    assert {"actions", "body-markup"} <= notifications.capabilities()
    notifications.show(MOOD)  # a uint32 replaces_id and an a{sv} of hints, as dunst demands
    assert _dunstctl(environ, "count", "displayed") == "1"
    with qtbot.waitSignal(notifications.action_invoked) as invoked:
        _dunstctl(environ, "action", "0")  # as a click on the notification
    assert invoked.args == [MOOD.key, "default"]
    notifications.show(MOOD)
    with qtbot.waitSignal(notifications.closed) as closed:
        _dunstctl(environ, "close")
    assert closed.args == [MOOD.key]
    notifications.close()
