import sys
import types
import warnings

import pytest

from wellbeing_app.platform.notifications import DesktopNotifier, NotificationUnavailable


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


def test_a_working_backend_delivers(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _fake_plyer(monkeypatch, lambda: None)
    DesktopNotifier().notify("Hi", "there")
    assert calls[0]["title"] == "Hi"
    assert calls[0]["app_name"] == "Wellbeing"


def test_a_backend_that_only_warns_counts_as_a_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_plyer(monkeypatch, lambda: warnings.warn("notify-send not found.", stacklevel=1))
    with pytest.raises(NotificationUnavailable, match="notify-send"):
        DesktopNotifier().notify("Hi", "there")
