"""Crisis lines shown under "Get help now": the person's own contacts, then their country's.

The shipped defaults live in ``resources/crisis_lines.json``. Its top-level ``note`` says what
matters most about it: numbers change, the list may be out of date, and it must be checked
locally. The order shown is always: the person's own contacts (setting ``crisis_lines``), the
country's lines, that country's emergency number, then the international fallback. An unknown or
empty country shows the international fallback only, never nothing.

Reading the shipped file is strict, so a broken edit fails a test instead of showing a half list;
reading the person's own contacts is lenient, because this screen must never fail.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from wellbeing_app.core.errors import InvalidInput

INTERNATIONAL = "international"  # catalog key of the fallback list; never a country code
OWN_CONTACT_NAME = "Your contact"  # shown for an own contact written without "Name: "
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_WHAT = "The crisis-line list"


@dataclass(frozen=True, slots=True)
class CrisisLine:
    """One way to reach help: who, how (a number, a text code, an address) and when or why."""

    name: str
    contact: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class _Catalog:
    note: str
    names: dict[str, str]
    lines: dict[str, tuple[CrisisLine, ...]]


def parse_crisis_lines(text: str) -> dict[str, tuple[CrisisLine, ...]]:
    """Reads ``crisis_lines.json`` into lines per country code, plus ``INTERNATIONAL``.

    Each country's tuple holds its lines followed by its emergency number.

    Raises:
        InvalidInput: malformed JSON, a missing, empty or unknown field, or a country code that
            is not two capital letters. The message names the entry.
    """
    return _parse(text).lines


def crisis_catalog_note(text: str) -> str:
    """The file's note on how current the list is, to show beside it."""
    return _parse(text).note


def country_names(text: str) -> dict[str, str]:
    """Country code to country name, for choosing the setting ``crisis_country``."""
    return _parse(text).names


def own_contact(text: str) -> CrisisLine:
    """One of the person's own contacts, written "Name: number or address".

    Never fails: text without a name (or a bare address such as ``https://...``) becomes a
    contact called ``OWN_CONTACT_NAME``.
    """
    cleaned = " ".join(text.split())
    name, separator, contact = cleaned.partition(":")
    if not separator or not name.strip() or not contact.strip() or contact.startswith("//"):
        return CrisisLine(OWN_CONTACT_NAME, cleaned)
    return CrisisLine(name.strip(), contact.strip())


def lines_for(
    country: str, catalog: Mapping[str, tuple[CrisisLine, ...]], own: Sequence[str] = ()
) -> tuple[CrisisLine, ...]:
    """Everything to show under "Get help now", most personal first.

    Args:
        country: the setting ``crisis_country``; empty or unknown shows the international list.
        catalog: from :func:`parse_crisis_lines`.
        own: the setting ``crisis_lines``, each "Name: contact"; blank entries are skipped.
    """
    mine = tuple(own_contact(entry) for entry in own if entry.strip())
    code = country.strip().upper()
    national = catalog.get(code, ()) if _COUNTRY.match(code) else ()
    return mine + national + catalog.get(INTERNATIONAL, ())


def _parse(text: str) -> _Catalog:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InvalidInput(
            f"{_WHAT} is not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})."
        ) from None
    data = _object(
        data, _WHAT, required=("note", "international", "countries"), optional=("compiled",)
    )
    note = _text(data, "note", _WHAT)
    if "compiled" in data:
        _text(data, "compiled", _WHAT)
    international = _lines(data["international"], f"{_WHAT}'s 'international' entry")
    if not international:
        raise InvalidInput(f"{_WHAT}'s 'international' entry needs at least one line.")
    countries = data["countries"]
    if not isinstance(countries, dict):
        raise InvalidInput(f"{_WHAT}'s 'countries' must be an object keyed by country code.")
    names: dict[str, str] = {}
    lines: dict[str, tuple[CrisisLine, ...]] = {INTERNATIONAL: international}
    for code, entry in countries.items():
        if not _COUNTRY.match(code):
            raise InvalidInput(
                f"{_WHAT} has the country '{code}', which is not a two-letter code like GB."
            )
        where = f"{_WHAT}'s country {code}"
        country = _object(entry, where, required=("name", "lines", "emergency"))
        names[code] = _text(country, "name", where)
        emergency = _line(country["emergency"], f"{where} emergency number")
        lines[code] = (*_lines(country["lines"], where), emergency)
    return _Catalog(note, names, lines)


def _object(
    value: object, where: str, required: tuple[str, ...], optional: tuple[str, ...] = ()
) -> dict[str, object]:
    if not isinstance(value, dict):
        raise InvalidInput(f"{where} must be a JSON object.")
    missing = [key for key in required if key not in value]
    if missing:
        raise InvalidInput(f"{where} is missing '{missing[0]}'.")
    unknown = [key for key in value if key not in required + optional]
    if unknown:
        raise InvalidInput(f"{where} has the unknown field '{unknown[0]}'.")
    return value


def _text(entry: dict[str, object], key: str, where: str, *, empty_ok: bool = False) -> str:
    value = entry[key]
    if not isinstance(value, str) or not (empty_ok or value.strip()):
        raise InvalidInput(f"{where} needs '{key}' as non-empty text.")
    return value.strip()


def _lines(value: object, where: str) -> tuple[CrisisLine, ...]:
    if not isinstance(value, list):
        raise InvalidInput(f"{where} needs a list of lines.")
    return tuple(_line(item, f"{where}, line {number}") for number, item in enumerate(value, 1))


def _line(value: object, where: str) -> CrisisLine:
    line = _object(value, where, required=("name", "contact"), optional=("note",))
    note = _text(line, "note", where, empty_ok=True) if "note" in line else ""
    return CrisisLine(_text(line, "name", where), _text(line, "contact", where), note)
