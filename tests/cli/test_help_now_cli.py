"""`help-now` says where each crisis line comes from and when it was checked, and how to choose
a country when none is set."""

from pathlib import Path

import pytest

from wellbeing_app.app import load_crisis_catalog
from wellbeing_app.cli import main
from wellbeing_app.core.clock import FixedClock
from wellbeing_app.core.crisis import (
    CRISIS_COUNTRIES,
    INTERNATIONAL,
    CrisisLine,
    checked_text,
    source_label,
)


def run(capsys: pytest.CaptureFixture[str], clock: FixedClock, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv), clock=clock)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _listed(line: CrisisLine) -> str:
    on = "in" if len(line.checked) == len("2026-11") else "on"
    return f"as listed by {source_label(line.source)} {on} {checked_text(line.checked)}"


def _line_at(out: str, line: CrisisLine) -> int:
    """Where ``line`` is printed, checking its source and date are on the same line of output."""
    printed = [text for text in out.splitlines() if f"{line.name}: {line.contact}" in text]
    assert printed, f"{line.name} is not shown:\n{out}"
    assert _listed(line) in printed[0], printed[0]
    return out.index(printed[0])


HINT = "wellbeing settings set crisis_country XX"


def test_help_now_without_a_country_names_each_lines_source_then_how_to_choose_one(
    capsys: pytest.CaptureFixture[str], clock: FixedClock, data_dir: Path
) -> None:
    code, out, err = run(capsys, clock, "help-now", "--data-dir", str(data_dir))
    assert code == 0, err
    international = load_crisis_catalog().lines[INTERNATIONAL]
    places = [_line_at(out, line) for line in international]
    assert HINT in out
    # The lines come first: someone in crisis reads a number before a settings command.
    assert out.index(HINT) > max(places)
    hint = out[out.index(HINT) :].split("\n", 1)[0]
    for known in CRISIS_COUNTRIES:
        assert f"{known} (" in hint, hint


def test_help_now_with_a_country_shows_its_sources_and_no_hint(
    capsys: pytest.CaptureFixture[str], clock: FixedClock, data_dir: Path
) -> None:
    d = ["--data-dir", str(data_dir)]
    assert run(capsys, clock, "settings", "set", "crisis_country", "GB", *d)[0] == 0
    assert run(capsys, clock, "settings", "set", "crisis_lines", "Ana: 07700 900123", *d)[0] == 0
    code, out, err = run(capsys, clock, "help-now", *d)
    assert code == 0, err
    catalog = load_crisis_catalog()
    for line in catalog.lines["GB"] + catalog.lines[INTERNATIONAL]:
        _line_at(out, line)
    own = next(text for text in out.splitlines() if "Ana: 07700 900123" in text)
    assert "as listed by" not in own  # the person's own contact has no source to name
    assert HINT not in out
