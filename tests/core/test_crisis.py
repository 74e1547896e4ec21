"""Crisis lines: the shipped list is complete and strict; the order always puts help in reach."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from wellbeing_app.core.crisis import (
    CRISIS_COUNTRIES,
    INTERNATIONAL,
    OWN_CONTACT_NAME,
    CrisisLine,
    checked_text,
    country_names,
    crisis_catalog_note,
    lines_for,
    own_contact,
    parse_crisis_catalog,
    parse_crisis_lines,
    source_label,
)
from wellbeing_app.core.errors import InvalidInput

RESOURCE = Path(__file__).resolve().parents[2] / "resources" / "crisis_lines.json"


@cache
def shipped_text() -> str:
    return RESOURCE.read_text(encoding="utf-8")


@cache
def shipped() -> dict[str, tuple[CrisisLine, ...]]:
    return parse_crisis_lines(shipped_text())


def contacts(lines: tuple[CrisisLine, ...]) -> list[str]:
    return [line.contact for line in lines]


def test_shipped_list_has_the_defaults() -> None:
    catalog = shipped()
    assert {"US", "CA", "GB", "IE", "AU", "NZ", "DE", "FR"} <= set(catalog)
    international = " ".join(contacts(catalog[INTERNATIONAL]))
    assert "findahelpline.com" in international
    assert "iasp.info" in international
    assert any("988" in contact for contact in contacts(catalog["US"]))
    assert any("text 988" in contact for contact in contacts(catalog["CA"]))
    for country in ("GB", "IE"):
        assert any("116 123" in contact for contact in contacts(catalog[country]))
    assert "Call 13 11 14" in contacts(catalog["AU"])
    assert any("1737" in contact for contact in contacts(catalog["NZ"]))
    assert any("0800 111 0 111" in c and "0800 111 0 222" in c for c in contacts(catalog["DE"]))
    assert any("3114" in contact for contact in contacts(catalog["FR"]))


@pytest.mark.parametrize(
    ("country", "emergency"),
    [
        ("US", "911"),
        ("CA", "911"),
        ("GB", "999 or 112"),
        ("IE", "112 or 999"),
        ("AU", "000"),
        ("NZ", "111"),
        ("DE", "112"),
        ("FR", "112"),
    ],
)
def test_every_country_ends_with_its_emergency_number(country: str, emergency: str) -> None:
    last = shipped()[country][-1]
    assert last.name == "Emergency services"
    assert last.contact.startswith(emergency)


def test_shipped_list_says_it_must_be_checked_locally() -> None:
    note = crisis_catalog_note(shipped_text())
    assert "out of date" in note
    assert "check" in note.lower()
    assert json.loads(shipped_text())["note"] == note
    assert country_names(shipped_text())["GB"] == "United Kingdom"


def test_order_is_own_then_country_then_emergency_then_international() -> None:
    lines = lines_for("GB", shipped(), ["Sam (sister): 07700 900123", "Dr Rao: 020 7946 0000"])
    names = [line.name for line in lines]
    assert names[:2] == ["Sam (sister)", "Dr Rao"]
    assert names[2] == "Samaritans"
    emergency = names.index("Emergency services")
    assert lines[emergency].contact == "999 or 112"
    assert lines[emergency + 1 :] == shipped()[INTERNATIONAL]


@pytest.mark.parametrize("country", ["", "  ", "XX", "zz", "United Kingdom", "international"])
def test_unknown_or_empty_country_shows_the_international_list(country: str) -> None:
    assert lines_for(country, shipped(), []) == shipped()[INTERNATIONAL]
    own = lines_for(country, shipped(), ["Mum: 07700 900123"])
    assert own[0] == CrisisLine("Mum", "07700 900123")
    assert own[1:] == shipped()[INTERNATIONAL]


def test_country_code_is_forgiving_about_case_and_spaces() -> None:
    assert lines_for(" nz ", shipped(), []) == lines_for("NZ", shipped(), [])


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("Mum: 07700 900123", CrisisLine("Mum", "07700 900123")),
        ("  Jo  :   jo@example.org ", CrisisLine("Jo", "jo@example.org")),
        ("Therapist: tel: 555 0100", CrisisLine("Therapist", "tel: 555 0100")),
        ("07700 900123", CrisisLine(OWN_CONTACT_NAME, "07700 900123")),
        ("https://example.org/help", CrisisLine(OWN_CONTACT_NAME, "https://example.org/help")),
        (": 555 0100", CrisisLine(OWN_CONTACT_NAME, ": 555 0100")),
        ("Ana:", CrisisLine(OWN_CONTACT_NAME, "Ana:")),
    ],
)
def test_own_contacts_never_fail(text: str, line: CrisisLine) -> None:
    assert own_contact(text) == line


def test_blank_own_contacts_are_skipped_and_a_missing_fallback_is_tolerated() -> None:
    assert lines_for("GB", {}, ["", "   ", "Mum: 1"]) == (CrisisLine("Mum", "1"),)


SRC = {"source": "https://example.org/help", "checked": "2026-12-05"}


def _catalog(**changes: object) -> str:
    data: dict[str, object] = {
        "note": "Check locally; may be out of date.",
        "international": [{"name": "Find A Helpline", "contact": "findahelpline.com", **SRC}],
        "countries": {
            "GB": {
                "name": "United Kingdom",
                "lines": [{"name": "Samaritans", "contact": "116 123", "note": "24/7", **SRC}],
                "emergency": {"name": "Emergency services", "contact": "999", **SRC},
            }
        },
    }
    data.update(changes)
    return json.dumps(data)


def test_a_minimal_catalog_parses() -> None:
    catalog = parse_crisis_lines(_catalog())
    where = ("https://example.org/help", "2026-12-05")
    assert catalog["GB"] == (
        CrisisLine("Samaritans", "116 123", "24/7", *where),
        CrisisLine("Emergency services", "999", "", *where),
    )
    assert catalog[INTERNATIONAL] == (
        CrisisLine("Find A Helpline", "findahelpline.com", "", *where),
    )


def _gb_line(**line: object) -> str:
    entry = {"name": "Samaritans", "contact": "116 123", **SRC, **line}
    entry = {key: value for key, value in entry.items() if value is not None}
    emergency = {"name": "E", "contact": "999", **SRC}
    return _catalog(countries={"GB": {"name": "UK", "lines": [entry], "emergency": emergency}})


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (_gb_line(source=None), "country GB, line 1 is missing 'source'"),
        (_gb_line(checked=None), "country GB, line 1 is missing 'checked'"),
        (_gb_line(source="samaritans.org"), "needs 'source' as the web address it was checked"),
        (_gb_line(source="ftp://x.org/a"), "needs 'source' as the web address"),
        (_gb_line(checked="5 Dec 2026"), "needs 'checked' as the date it was checked"),
        (_gb_line(checked="2026-13"), "not '2026-13'"),
        (_gb_line(checked="2026-02-30"), "not '2026-02-30'"),
        (_gb_line(checked="  "), "needs 'checked' as non-empty text"),
        (
            _catalog(international=[{"name": "Find A Helpline", "contact": "x.com"}]),
            "'international' entry, line 1 is missing 'source'",
        ),
        (
            _catalog(countries={"XX": {}}),
            "has the country XX, which the setting crisis_country does not know; known ones: AU,",
        ),
    ],
)
def test_every_line_needs_its_source_and_the_date_it_was_checked(text: str, message: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_crisis_lines(text)
    sentence = str(caught.value)
    assert message in sentence
    assert sentence.endswith(".")
    assert "\n" not in sentence


def test_every_shipped_line_has_a_source_and_a_checked_date() -> None:
    catalog = parse_crisis_catalog(shipped_text())
    assert set(catalog.names) == set(CRISIS_COUNTRIES)
    for lines in catalog.lines.values():
        for line in lines:
            assert line.source.startswith(("https://", "http://")), line
            assert line.checked in ("2026-11", "2026-12-05"), line
    samaritans = catalog.lines["GB"][0]
    assert source_label(samaritans.source) == "samaritans.org"
    assert checked_text(samaritans.checked) == "5 December 2026"


def test_checked_dates_and_sources_read_in_words() -> None:
    assert checked_text("2026-12-05") == "5 December 2026"
    assert checked_text("2026-11") == "November 2026"
    assert source_label("https://www.lifeline.org.au/About") == "lifeline.org.au"
    assert source_label("https://3114.fr/x") == "3114.fr"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{", "The crisis-line list is not valid JSON"),
        ("[]", "The crisis-line list must be a JSON object."),
        (json.dumps({"international": [], "countries": {}}), "is missing 'note'"),
        (_catalog(note="  "), "needs 'note' as non-empty text"),
        (_catalog(extra=1), "has the unknown field 'extra'"),
        (_catalog(international=[]), "needs at least one line"),
        (_catalog(international={}), "'international' entry needs a list of lines"),
        (_catalog(countries=[]), "'countries' must be an object keyed by country code"),
        (
            _catalog(countries={"UK1": {}}),
            "has the country 'UK1', which is not a two-letter code like GB",
        ),
        (_catalog(countries={"GB": {"name": "UK", "lines": []}}), "is missing 'emergency'"),
        (
            _catalog(
                countries={
                    "GB": {
                        "name": "UK",
                        "lines": [{"name": "Samaritans", **SRC}],
                        "emergency": {"name": "E", "contact": "999", **SRC},
                    }
                }
            ),
            "country GB, line 1 is missing 'contact'",
        ),
        (
            _catalog(
                countries={
                    "GB": {
                        "name": "UK",
                        "lines": [],
                        "emergency": {"name": "E", "contact": 999, **SRC},
                    }
                }
            ),
            "country GB emergency number needs 'contact' as non-empty text",
        ),
    ],
)
def test_broken_lists_are_refused_with_one_clear_sentence(text: str, message: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_crisis_lines(text)
    sentence = str(caught.value)
    assert message in sentence
    assert sentence.endswith(".")
    assert "\n" not in sentence
