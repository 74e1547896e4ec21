"""``benchmarks/tracker_variant.py``: each variant patches what the shipped code has, or fails
naming what is gone (a variant that patched nothing would measure the shipped tracker under
another name, as ``idle-bound`` did once its method was renamed)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
if str(BENCHMARKS) not in sys.path:
    sys.path.append(str(BENCHMARKS))  # after everything else: its module names shadow nothing

import tracker_variant  # noqa: E402

from wellbeing_app import app as app_module  # noqa: E402
from wellbeing_app.services import headless  # noqa: E402
from wellbeing_app.services.sampler import Sampler  # noqa: E402


@pytest.fixture(autouse=True)
def restored(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever a variant replaces is put back after the test."""
    for owner, name in (
        (app_module, "run_headless"),
        (app_module, "build_sampler"),
        (Sampler, "tick"),
        (Sampler, "commit"),
        (Sampler, "changed"),
        (headless, "wait_for_change"),
    ):
        monkeypatch.setattr(owner, name, getattr(owner, name))
    monkeypatch.setattr(tracker_variant, "RUN_KWARGS", {})
    monkeypatch.delenv("WELLBEING_TRACE", raising=False)


def test_replacing_what_is_gone_fails_naming_it() -> None:
    with pytest.raises(AttributeError, match="_idle_seconds"):
        tracker_variant.replace(Sampler, "_idle_seconds", lambda self: None)


@pytest.mark.parametrize("name", sorted(tracker_variant.VARIANTS))
def test_every_variant_applies_to_the_shipped_code(name: str) -> None:
    tracker_variant.VARIANTS[name]()


def test_eager_commit_runs_the_headless_loop_without_lazy_commits(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: dict[str, Any] = {}
    monkeypatch.setattr(app_module, "run_headless", lambda *args, **kwargs: seen.update(kwargs))
    tracker_variant.VARIANTS["eager-commit"]()
    app_module.run_headless("sampler", 1.0, "stop", hourly=None)
    assert seen == {"hourly": None, "quiet_commit": None}
