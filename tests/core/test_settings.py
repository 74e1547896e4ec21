import re
from pathlib import Path

import pytest

from wellbeing_app.core.errors import InvalidInput
from wellbeing_app.core.settings import (
    SETTINGS,
    Settings,
    as_dict,
    check_value,
    encode,
    markdown_table,
    parse_text,
    settings_from,
    spec_for,
)

ROOT = Path(__file__).resolve().parents[2]


def _documentation() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    texts = [readme]
    for link in re.findall(r"\]\((docs/[^)#]+\.md)", readme):
        texts.append((ROOT / link).read_text(encoding="utf-8"))
    return "\n".join(texts)


def test_every_setting_is_documented_in_the_readme_or_linked_docs() -> None:
    documented = _documentation()
    missing = [spec.name for spec in SETTINGS if f"`{spec.name}`" not in documented]
    assert not missing, f"settings not documented: {missing}"


def test_registry_matches_the_typed_settings() -> None:
    assert [spec.name for spec in SETTINGS] == list(as_dict(Settings()))
    for spec in SETTINGS:
        assert spec.help.endswith((".", ")"))
        assert check_value(spec, spec.default) == spec.default


def test_stored_values_round_trip() -> None:
    stored = {
        "day_start_hour": encode(6),
        "exclude_patterns": encode(("bank", "^private")),
        "track_all_apps": encode(True),
    }
    settings = settings_from(stored)
    assert settings.day_start_hour == 6
    assert settings.exclude_patterns == ("bank", "^private")
    assert settings.track_all_apps is True


def test_bad_stored_value_falls_back_to_default_and_unknown_names_are_ignored() -> None:
    settings = settings_from({"day_start_hour": "99", "from_a_newer_version": "1"})
    assert settings.day_start_hour == Settings().day_start_hour


@pytest.mark.parametrize(
    ("name", "words", "expected"),
    [
        ("day_start_hour", ["5"], 5),
        ("poll_interval_seconds", ["2.5"], 2.5),
        ("track_all_apps", ["yes"], True),
        ("window_titles", ["drop"], "drop"),
        ("exclude_patterns", ["bank", "doctor"], ("bank", "doctor")),
        ("mood_reminder_times", ["08:30", "20:00"], ("08:30", "20:00")),
        ("mood_reminder_times", [], ()),
        ("gratitude_reminder_time", [""], ""),
        (
            "quiet_hours",
            ["mon-fri 22:00-07:00", "sat,sun 23:30-09:00"],
            ("mon-fri 22:00-07:00", "sat,sun 23:30-09:00"),
        ),
        (
            "crisis_lines",
            ["Samaritans: 116 123 (free, any time)"],
            ("Samaritans: 116 123 (free, any time)",),
        ),
    ],
)
def test_parse_text(name: str, words: list[str], expected: object) -> None:
    assert parse_text(spec_for(name), words) == expected


@pytest.mark.parametrize(
    ("name", "words", "message"),
    [
        ("day_start_hour", ["24"], "between 0 and 23"),
        ("day_start_hour", ["4.5"], "whole number"),
        ("day_start_hour", ["four"], "takes a number"),
        ("track_all_apps", ["maybe"], "true or false"),
        ("window_titles", ["some"], "one of keep, reduced, drop"),
        ("exclude_patterns", ["(unclosed"], "not a valid regular expression"),
        ("mood_reminder_times", ["8:30"], "times like 08:30"),
        ("gratitude_reminder_time", ["25:00"], "times like 08:30"),
        ("crisis_country", ["gbr"], "known ones: AU, CA, DE, FR, GB, IE, NZ, US"),
        ("quiet_hours", ["22-7"], "'22:00-07:00'"),
    ],
)
def test_parse_text_refuses_bad_values(name: str, words: list[str], message: str) -> None:
    with pytest.raises(InvalidInput, match=re.escape(message)):
        parse_text(spec_for(name), words)


@pytest.mark.parametrize("word", ["XX", "ZZ", "UK", "gbr", "G1"])
def test_crisis_country_refuses_codes_without_crisis_lines_and_names_the_known_ones(
    word: str,
) -> None:
    # Before: any two capital letters were accepted, and "Get help now" then showed no number.
    with pytest.raises(InvalidInput) as caught:
        parse_text(spec_for("crisis_country"), [word])
    sentence = str(caught.value)
    assert sentence.startswith("Setting 'crisis_country' ")
    assert f"'{word}'" in sentence
    assert "AU, CA, DE, FR, GB, IE, NZ, US" in sentence
    assert sentence.count(". ") == 0 and sentence.endswith(".")
    with pytest.raises(InvalidInput):
        check_value(spec_for("crisis_country"), word)


@pytest.mark.parametrize(("word", "code"), [("GB", "GB"), ("gb", "GB"), (" us ", "US"), ("", "")])
def test_crisis_country_takes_a_known_code_in_any_case_or_empty(word: str, code: str) -> None:
    assert parse_text(spec_for("crisis_country"), [word]) == code


def test_unknown_setting_names_the_known_ones() -> None:
    with pytest.raises(InvalidInput, match="day_start_hour"):
        spec_for("colour")


def test_the_settings_page_shows_the_registry_as_it_is() -> None:
    # Regenerate with: python -c "from wellbeing_app.core.settings import markdown_table;
    # print(markdown_table(), end='')" and paste under the introduction of docs/settings.md.
    page = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    assert markdown_table() in page
