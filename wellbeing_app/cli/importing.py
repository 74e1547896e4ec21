"""``wellbeing import``: data from other tools, all or nothing, and never twice."""

from __future__ import annotations

import argparse
from pathlib import Path

from wellbeing_app.app import build_classifier, load_catalog
from wellbeing_app.core.clock import Clock
from wellbeing_app.core.text import duration_text
from wellbeing_app.importers import activitywatch, daylio
from wellbeing_app.storage.repositories import Repositories


def _span(first: object, last: object) -> str:
    return "" if first is None else f" from {first} to {last}"


def import_activitywatch(repos: Repositories, args: argparse.Namespace, clock: Clock) -> int:
    result = activitywatch.import_activitywatch(
        Path(args.file), repos, build_classifier(repos, load_catalog())
    )
    print(
        f"Imported {result.spans_added} stretches of community time "
        f"({duration_text(result.seconds_added)}){_span(result.first_day, result.last_day)}"
        + (
            f"; {result.spans_extended} stretches already here grew longer"
            if result.spans_extended
            else ""
        )
        + (f"; {result.spans_skipped} were already here" if result.spans_skipped else "")
        + "."
    )
    if result.hosts_without_afk:
        print(
            "Note: no AFK data for "
            + ", ".join(result.hosts_without_afk)
            + ", so all window time there was counted as active."
        )
    return 0


def import_daylio(repos: Repositories, args: argparse.Namespace, clock: Clock) -> int:
    result = daylio.import_daylio(Path(args.file), repos, daylio.parse_mapping(args.map))
    print(
        f"Imported {result.added} mood entries{_span(result.first, result.last)}"
        + (f"; {result.skipped} were already here" if result.skipped else "")
        + "."
    )
    if result.edited:
        print(
            f"{result.edited} of them changed in Daylio since an earlier import; the earlier"
            " versions are kept beside them (delete the one you do not want in the Journal)."
        )
    return 0
