"""The Linux path for real: a notification server on a private session bus."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import timedelta

import pytest
from PySide6.QtDBus import QDBusConnection
from pytestqt.qtbot import QtBot

from tests.platform.notification_servers import (
    FakeNotificationServer,
    FakePortal,
    ServedObject,
    private_bus_address,
)
from wellbeing_app.core.clock import FixedClock
from wellbeing_app.core.questionnaires import score_who5
from wellbeing_app.platform.dbus_notifications import FreedesktopNotifications
from wellbeing_app.platform.notifications import DesktopNotification, NotificationUnavailable
from wellbeing_app.platform.portal_notifications import PortalNotifications, notification_text
from wellbeing_app.services.notifier import DesktopChannel, Notifier
from wellbeing_app.services.reminders import ReminderService
from wellbeing_app.storage.repositories import Repositories

FULL = ["actions", "body", "body-markup", "persistence"]


@pytest.fixture(scope="module")
def bus_address() -> Iterator[str]:
    with private_bus_address() as address:
        yield address


@pytest.fixture
def app_bus(bus_address: str) -> Iterator[QDBusConnection]:
    """The app's own connection to the private bus."""
    name = "wellbeing-test-app"
    connection = QDBusConnection.connectToBus(bus_address, name)
    assert connection.isConnected()
    yield connection
    QDBusConnection.disconnectFromBus(name)


def _serve(bus_address: str, capabilities: list[str]) -> ServedObject:
    return ServedObject(
        bus_address,
        FakeNotificationServer(capabilities),
        "org.freedesktop.Notifications",
        "/org/freedesktop/Notifications",
        "org.freedesktop.Notifications",
    )


@pytest.fixture
def server(bus_address: str) -> Iterator[ServedObject]:
    served = _serve(bus_address, FULL)
    yield served
    served.stop()


def _received(served: ServedObject) -> list[tuple[object, ...]]:
    server = served.server
    assert isinstance(server, FakeNotificationServer)
    return server.received.all()


MOOD = DesktopNotification(
    "mood 2026-11-21 20:30",
    "How are you feeling?",
    "Log your mood <now> & then",
    (("log-mood", "Log mood"), ("snooze", "Snooze")),
    "normal",
    "x-wellbeing.reminder",
)


def test_a_notification_arrives_with_its_buttons_and_hints(
    qtbot: QtBot, app_bus: QDBusConnection, server: ServedObject
) -> None:
    notifications = FreedesktopNotifications(app_bus, app_id="org.wellbeing.Wellbeing")
    notifications.show(MOOD)
    [(_, app_name, replaces, icon, summary, body, actions, hints, timeout)] = _received(server)
    assert (app_name, replaces, icon, summary) == (
        "Wellbeing",
        0,
        "org.wellbeing.Wellbeing",
        "How are you feeling?",
    )
    assert body == "Log your mood &lt;now&gt; &amp; then"  # the server reads markup
    assert actions == ["default", "Open Wellbeing", "log-mood", "Log mood", "snooze", "Snooze"]
    assert hints == {
        "desktop-entry": "org.wellbeing.Wellbeing",
        "urgency": 1,
        "category": "x-wellbeing.reminder",
    }
    assert timeout == -1
    notifications.close()


def test_a_button_pressed_on_the_desktop_reaches_the_app(
    qtbot: QtBot, app_bus: QDBusConnection, server: ServedObject
) -> None:
    notifications = FreedesktopNotifications(app_bus)
    notifications.show(MOOD)
    [(notification_id, *_)] = _received(server)
    with qtbot.waitSignal(notifications.action_invoked) as invoked:
        server.emit("ActionInvoked", notification_id + 100, "log-mood")  # not ours: ignored
        server.emit("ActionInvoked", notification_id, "log-mood")
    assert invoked.args == [MOOD.key, "log-mood"]
    with qtbot.waitSignal(notifications.closed) as closed:
        server.emit("NotificationClosed", notification_id, 2)
    assert closed.args == [MOOD.key]
    notifications.close()


def test_the_same_reminder_again_replaces_the_one_shown(
    app_bus: QDBusConnection, server: ServedObject
) -> None:
    notifications = FreedesktopNotifications(app_bus)
    notifications.show(MOOD)
    notifications.show(MOOD)
    first, second = _received(server)
    assert second[2] == first[0]  # replaces_id
    notifications.close()


def test_a_server_without_buttons_gets_a_plain_notification(
    bus_address: str, app_bus: QDBusConnection
) -> None:
    served = _serve(bus_address, ["body"])
    try:
        notifications = FreedesktopNotifications(app_bus)
        notifications.show(MOOD)
        [(_, _, _, _, _, body, actions, _, _)] = _received(served)
        assert actions == []
        assert body == "Log your mood <now> & then"  # no markup: the text as it is
        notifications.close()
    finally:
        served.stop()


def test_no_server_on_the_bus_is_said_at_once(app_bus: QDBusConnection) -> None:
    notifications = FreedesktopNotifications(app_bus)
    with pytest.raises(NotificationUnavailable, match="no notification server"):
        notifications.show(MOOD)


@pytest.mark.skipif(shutil.which("gdbus") is None, reason="gdbus not installed (libglib2.0-bin)")
def test_inside_flatpak_the_portal_gets_the_buttons_and_its_signal_reaches_the_app(
    qtbot: QtBot, bus_address: str, app_bus: QDBusConnection
) -> None:
    portal = FakePortal()
    served = ServedObject(
        bus_address,
        portal,
        "org.freedesktop.portal.Desktop",
        "/org/freedesktop/portal/desktop",
        "org.freedesktop.portal.Notification",
    )
    try:
        notifications = PortalNotifications(app_bus, bus_address)
        tricky = DesktopNotification(
            "mood 2026-11-21 20:30", "How's it going?", "A \\ moment\nto 'check' in", MOOD.buttons
        )
        notifications.show(tricky)
        qtbot.waitUntil(lambda: bool(portal.received.all()), timeout=10_000)
        [(key, notification)] = portal.received.all()
        assert key == "mood 2026-11-21 20:30"
        assert notification["title"] == "How's it going?"
        assert notification["body"] == "A \\ moment\nto 'check' in"
        assert notification["default-action"] == "default"
        # The buttons arrive with the portal's type; their text is checked just below.
        assert notification["buttons"].currentSignature() == "aa{sv}"
        with qtbot.waitSignal(notifications.action_invoked) as invoked:
            served.emit("ActionInvoked", "mood 2026-11-21 20:30", "snooze", [])
        assert invoked.args == ["mood 2026-11-21 20:30", "snooze"]
        notifications.close()
    finally:
        served.stop()


def test_the_portals_notification_text_holds_the_buttons_and_escapes_the_text() -> None:
    text = notification_text(
        DesktopNotification("k", "It's", "a\\b\n", (("log-mood", "Log mood"),), "low")
    )
    assert text == (
        "{'title': <'It\\'s'>, 'body': <'a\\\\b\\u000a'>, 'priority': <'low'>, "
        "'default-action': <'default'>, "
        "'buttons': <[{'label': <'Log mood'>, 'action': <'log-mood'>}]>}"
    )


def test_a_reminder_reaches_the_server_and_its_buttons_reach_the_app(
    qtbot: QtBot,
    app_bus: QDBusConnection,
    server: ServedObject,
    repos: Repositories,
    clock: FixedClock,
) -> None:
    """The whole way: reminder -> notifier -> desktop channel -> bus -> server, and back."""
    repos.checkins.add(score_who5(clock.now() - timedelta(days=1), [3, 3, 3, 3, 3]))
    clock.set(clock.now().replace(hour=20, minute=30))
    channel = DesktopChannel(FreedesktopNotifications(app_bus))
    notifier = Notifier([("desktop", channel.deliver)])
    reminders = ReminderService(repos, clock, notifier)
    channel.action_invoked.connect(
        lambda notice, action: action == "snooze" and reminders.snooze(notice.key)
    )
    [reminder] = reminders.check()
    [(notification_id, _, _, _, summary, _, actions, hints, _)] = _received(server)
    assert summary == reminder.title
    assert actions[2:] == ["log-mood", "Log mood", "snooze", "Snooze"]
    assert hints["category"] == "x-wellbeing.reminder"
    with qtbot.waitSignal(channel.action_invoked) as invoked:
        server.emit("ActionInvoked", notification_id, "log-mood")
    assert invoked.args[0].key == reminder.slot
    assert invoked.args[1] == "log-mood"
    with qtbot.waitSignal(channel.action_invoked):
        server.emit("ActionInvoked", notification_id, "snooze")
    clock.advance(15 * 60)
    assert reminders.check() == [reminder]
    assert _received(server)[-1][2] == notification_id  # it replaces the one shown
    channel.close()
