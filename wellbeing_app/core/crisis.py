"""Crisis lines shown under "Get help now": the person's own contacts, then their country's.

The shipped defaults live in ``resources/crisis_lines.json``. Its top-level ``note`` says what
matters most about it: numbers change, the list may be out of date, and it must be checked
locally. The order shown is always: the person's own contacts (setting ``crisis_lines``), the
country's lines, that country's emergency number, then the international fallback. An unknown or
empty country shows the international fallback only, never nothing.

Every shipped line names its ``source`` (the page it was checked against) and when it was
``checked`` (an ISO date, or only a month when it could not be confirmed from a source since it
was compiled), so the help screen can say "as listed by <source> on <date>". The countries the
file may hold are ``CRISIS_COUNTRIES``, the same codes the setting ``crisis_country`` accepts.

Reading the shipped file is strict, so a broken edit fails a test instead of showing a half list;
reading the person's own contacts is lenient, because this screen must never fail.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

from wellbeing_app.core.errors import InvalidInput
from wellbeing_app.core.text import MONTH_NAMES

INTERNATIONAL = "international"  # catalog key of the fallback list; never a country code
OWN_CONTACT_NAME = "Your contact"  # shown for an own contact written without "Name: "
# The countries with shipped crisis lines: what the setting ``crisis_country`` accepts (besides
# empty, the international list). A test checks the shipped file has exactly these.
CRISIS_COUNTRIES = ("AU", "CA", "DE", "FR", "GB", "IE", "NZ", "US")
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_CHECKED = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")
_MONTHS = MONTH_NAMES
_WHAT = "The crisis-line list"


@dataclass(frozen=True, slots=True)
class CrisisLine:
    """One way to reach help: who, how (a number, a text code, an address) and when or why.

    ``source`` (a web address) and ``checked`` (``YYYY-MM-DD``, or ``YYYY-MM`` when only the
    month it was compiled in is known) are set on every shipped line; a person's own contacts
    have neither.
    """

    name: str
    contact: str
    note: str = ""
    source: str = ""
    checked: str = ""


@dataclass(frozen=True, slots=True)
class CrisisCatalog:
    """The shipped crisis lines: the note on how current they are, country names, lines."""

    note: str
    names: dict[str, str]
    lines: dict[str, tuple[CrisisLine, ...]]


@dataclass(frozen=True, slots=True)
class CrisisHelp:
    """What "Get help now" needs: the catalog, the person's country and own contacts, and a way
    to save a country chosen right there."""

    catalog: CrisisCatalog
    country: str
    own: tuple[str, ...]
    save_country: Callable[[str], object]

    def lines(self, country: str | None = None) -> tuple[CrisisLine, ...]:
        """The lines to show for ``country`` (default: the person's own setting)."""
        chosen = self.country if country is None else country
        return lines_for(chosen, self.catalog.lines, self.own)


def parse_crisis_catalog(text: str) -> CrisisCatalog:
    """Reads ``crisis_lines.json`` whole; see :func:`parse_crisis_lines` for what is refused."""
    return _parse(text)


def checked_text(checked: str) -> str:
    """A line's ``checked`` date in words: "5 December 2026", or "November 2026"."""
    found = _CHECKED.match(checked)
    if found is None:
        return checked
    year, month, day = found.groups()
    if day is None:
        return f"{_MONTHS[int(month) - 1]} {year}"
    return f"{int(day)} {_MONTHS[int(month) - 1]} {year}"


def source_label(source: str) -> str:
    """The short name of a source address: its host without ``www.`` ("samaritans.org")."""
    host = urlsplit(source).hostname or source
    return host.removeprefix("www.")


def parse_crisis_lines(text: str) -> dict[str, tuple[CrisisLine, ...]]:
    """Reads ``crisis_lines.json`` into lines per country code, plus ``INTERNATIONAL``.

    Each country's tuple holds its lines followed by its emergency number.

    Raises:
        InvalidInput: malformed JSON, a missing, empty or unknown field, a line without a web
            address as its ``source`` or an ISO date as ``checked``, or a country code that is
            not two capital letters or not one of ``CRISIS_COUNTRIES``. The message names the
            entry.
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


def _parse(text: str) -> CrisisCatalog:
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
        if code not in CRISIS_COUNTRIES:
            raise InvalidInput(
                f"{_WHAT} has the country {code}, which the setting crisis_country does not "
                f"know; known ones: {', '.join(CRISIS_COUNTRIES)}."
            )
        where = f"{_WHAT}'s country {code}"
        country = _object(entry, where, required=("name", "lines", "emergency"))
        names[code] = _text(country, "name", where)
        emergency = _line(country["emergency"], f"{where} emergency number")
        lines[code] = (*_lines(country["lines"], where), emergency)
    return CrisisCatalog(note, names, lines)


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
    line = _object(
        value, where, required=("name", "contact", "source", "checked"), optional=("note",)
    )
    note = _text(line, "note", where, empty_ok=True) if "note" in line else ""
    return CrisisLine(
        _text(line, "name", where),
        _text(line, "contact", where),
        note,
        _source(line, where),
        _checked(line, where),
    )


def _source(line: dict[str, object], where: str) -> str:
    source = _text(line, "source", where)
    parts = urlsplit(source)
    if parts.scheme not in ("http", "https") or not parts.hostname or " " in source:
        raise InvalidInput(
            f"{where} needs 'source' as the web address it was checked against, not '{source}'."
        )
    return source


def _checked(line: dict[str, object], where: str) -> str:
    checked = _text(line, "checked", where)
    found = _CHECKED.match(checked)
    try:
        if found is None:
            raise ValueError(checked)
        year, month, day = found.groups()
        date(int(year), int(month), int(day or 1))
    except ValueError:
        raise InvalidInput(
            f"{where} needs 'checked' as the date it was checked, like 2026-12-05 "
            f"(or 2026-11 when only the month is known), not '{checked}'."
        ) from None
    return checked
