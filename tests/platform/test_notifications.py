import sys
import types
import warnings
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from wellbeing_app.platform.dbus_notifications import FreedesktopNotifications
from wellbeing_app.platform.notifications import (
    DesktopNotification,
    NotificationUnavailable,
    PlyerNotifications,
    desktop_notifications,
)
from wellbeing_app.platform.portal_notifications import PortalNotifications

HI = DesktopNotification("k", "Hi", "there")


def _fake_plyer(monkeypatch: pytest.MonkeyPatch, notify: object) -> list[dict[str, object]]:
    calls: list[dict[str, object]] = []
    module = types.ModuleType("plyer")

    class Notification:
        def notify(self, **kwargs: object) -> None:
            calls.append(kwargs)
            notify()  # type: ignore[operator]

    module.notification = Notification()  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "plyer", module)
    return calls


def test_a_working_backend_delivers(monkeypatch: pytest.MonkeyPatch, qtbot: QtBot) -> None:
    calls = _fake_plyer(monkeypatch, lambda: None)
    PlyerNotifications().show(HI)
    assert calls[0]["title"] == "Hi"
    assert calls[0]["app_name"] == "Wellbeing"


def test_a_backend_that_only_warns_counts_as_a_failure(
    monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    _fake_plyer(monkeypatch, lambda: warnings.warn("notify-send not found.", stacklevel=1))
    with pytest.raises(NotificationUnavailable, match="notify-send"):
        PlyerNotifications().show(HI)


def test_linux_talks_to_the_notification_server_not_plyer(tmp_path: Path, qtbot: QtBot) -> None:
    # plyer on Linux without dbus-python runs notify-send and then warns: shown twice.
    backend = desktop_notifications("linux", flatpak_info=tmp_path / "no-flatpak-info")
    assert isinstance(backend, FreedesktopNotifications)
    backend.close()


def test_inside_flatpak_the_portal_is_used(tmp_path: Path, qtbot: QtBot) -> None:
    info = tmp_path / ".flatpak-info"
    info.write_text("[Application]\nname=org.wellbeing.Wellbeing\n")
    backend = desktop_notifications("linux", flatpak_info=info)
    assert isinstance(backend, PortalNotifications)
    backend.close()


@pytest.mark.parametrize("platform", ["win32", "darwin"])
def test_windows_and_macos_keep_plyer(platform: str, tmp_path: Path, qtbot: QtBot) -> None:
    assert isinstance(desktop_notifications(platform, tmp_path / "x"), PlyerNotifications)
