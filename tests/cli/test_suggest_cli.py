"""`suggest` quotes the minutes only when the person said how much time they have."""

import json
from pathlib import Path

import pytest

from wellbeing_app.cli import main
from wellbeing_app.core.clock import FixedClock


def run(capsys: pytest.CaptureFixture[str], clock: FixedClock, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv), clock=clock)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_suggest_quotes_the_minutes_only_when_given(
    capsys: pytest.CaptureFixture[str], clock: FixedClock, data_dir: Path
) -> None:
    d = ["--data-dir", str(data_dir)]
    code, out, err = run(capsys, clock, "suggest", "--minutes", "20", "--json", *d)
    assert code == 0, err
    given = json.loads(out)
    assert given
    for row in given:
        assert set(row) == {"title", "minutes", "category", "why"}
        assert row["minutes"] <= 20
        assert "You have 20 minutes" in row["why"], row["why"]

    code, out, err = run(capsys, clock, "suggest", "--json", *d)
    assert code == 0, err
    unsaid = json.loads(out)
    assert unsaid
    for row in unsaid:
        assert set(row) == {"title", "minutes", "category", "why"}
        assert 1 <= row["minutes"] <= 30  # still chosen within the default budget
        assert "minute" not in row["why"], row["why"]

    code, out, err = run(capsys, clock, "suggest", *d)
    assert code == 0, err
    reasons = [line.split("): ", 1)[1] for line in out.splitlines() if line.startswith("•")]
    assert reasons
    for why in reasons:  # (a title such as "Breathe for three minutes" may say minutes)
        assert "minute" not in why, why
