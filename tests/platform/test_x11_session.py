"""The X11 session helper's promise: skip without the tools, unless CI requires them."""

from __future__ import annotations

import pytest

from tests import x11_session
from tests.x11_session import REQUIRE_ENV, X11SessionUnavailable, x11_display_or_skip


@pytest.fixture
def no_tools(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(x11_session.shutil, "which", lambda tool: None)


@pytest.mark.usefixtures("no_tools")
def test_missing_tools_are_reported_by_name() -> None:
    with pytest.raises(
        X11SessionUnavailable, match="Xvfb, openbox, xdotool, xterm, wmctrl are not installed"
    ):
        x11_session.x11_session().__enter__()


@pytest.mark.usefixtures("no_tools")
def test_missing_tools_skip_the_test(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(REQUIRE_ENV, raising=False)
    with pytest.raises(pytest.skip.Exception, match="no real X11 session: Xvfb"):
        x11_display_or_skip().__enter__()


@pytest.mark.usefixtures("no_tools")
def test_missing_tools_fail_the_test_when_ci_requires_x11(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(REQUIRE_ENV, "1")
    with pytest.raises(pytest.fail.Exception, match=f"{REQUIRE_ENV}=1 requires a real X11 session"):
        x11_display_or_skip().__enter__()


def test_title_patterns_match_literally() -> None:
    assert x11_session._ere_escape("general | Discord (3) - a.b") == (
        r"general \| Discord \(3\) - a\.b"
    )
