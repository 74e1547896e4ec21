"""The sway session helper's promise: skip without the programs, unless CI requires them."""

from __future__ import annotations

import pytest

from tests import sway_session
from tests.sway_session import REQUIRE_ENV, SwaySessionUnavailable, sway_session_or_skip


@pytest.fixture
def no_tools(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sway_session.shutil, "which", lambda tool: None)


@pytest.mark.usefixtures("no_tools")
def test_missing_programs_are_reported_by_name() -> None:
    with pytest.raises(
        SwaySessionUnavailable, match=r"^sway, swaymsg, foot(, setpriv)? are not installed"
    ):
        sway_session.sway_session().__enter__()


@pytest.mark.usefixtures("no_tools")
def test_missing_programs_skip_the_test(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(REQUIRE_ENV, raising=False)
    with pytest.raises(pytest.skip.Exception, match="no real sway session: sway"):
        sway_session_or_skip().__enter__()


@pytest.mark.usefixtures("no_tools")
def test_missing_programs_fail_the_test_when_ci_requires_sway(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(REQUIRE_ENV, "1")
    with pytest.raises(pytest.fail.Exception, match=f"{REQUIRE_ENV}=1 requires a real sway"):
        sway_session_or_skip().__enter__()
