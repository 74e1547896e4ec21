"""Check-ins beyond WHO-5, 'Get help now', and offline suggestions on the command line."""

from __future__ import annotations

import argparse
import json
import random
import sys
from datetime import timedelta

from wellbeing_app.app import crisis_lines, load_crisis_catalog
from wellbeing_app.core.activities import CATEGORY_LABELS, parse_activities
from wellbeing_app.core.clock import Clock
from wellbeing_app.core.crisis import CrisisLine, checked_text, source_label
from wellbeing_app.core.errors import InvalidInput
from wellbeing_app.core.questionnaires import (
    needs_crisis_resources,
    questionnaire_named,
    score,
    screening_band,
    summary,
)
from wellbeing_app.core.suggestions import suggestion_record
from wellbeing_app.resources import read_text
from wellbeing_app.storage.activities import ActivityRepository, suggest_now
from wellbeing_app.storage.repositories import Repositories

# How long the ideas may take when the person does not say: it bounds the choice but, not being
# theirs, is never quoted back to them.
SUGGEST_MINUTES = 30


def _number(text: str, what: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise InvalidInput(f"{what} must be a whole number, not '{text}'.") from None


def _listed(line: CrisisLine) -> str:
    """Where a shipped line comes from and when it was checked; nothing for an own contact."""
    if not line.source:
        return ""
    on = "in" if len(line.checked) == len("2026-11") else "on"  # only the month is known
    return f" [as listed by {source_label(line.source)} {on} {checked_text(line.checked)}]"


def _print_lines(lines: tuple[CrisisLine, ...]) -> None:
    for line in lines:
        note = f" ({line.note})" if line.note else ""
        print(f"  • {line.name}: {line.contact}{note}{_listed(line)}")


def help_now(repos: Repositories, args: argparse.Namespace, clock: Clock) -> int:
    lines, note = crisis_lines(repos)
    print(
        "You don't have to handle this alone. If you are in danger, call your local "
        "emergency number now. These people are there to listen:"
    )
    _print_lines(lines)
    names = load_crisis_catalog().names
    if repos.settings.crisis_country.strip().upper() not in names:
        # After the lines, never before: in a crisis the numbers come first.
        known = ", ".join(f"{code} ({names[code]})" for code in sorted(names))
        print(
            "To see your country's lines too, choose it with "
            f"`wellbeing settings set crisis_country XX`, where XX is one of: {known}."
        )
    print(note)
    return 0


def checkin_clinical(repos: Repositories, args: argparse.Namespace, clock: Clock) -> int:
    name = {"phq9": "PHQ-9", "gad7": "GAD-7"}[args.questionnaire]
    questionnaire = questionnaire_named(name)
    answers = [_number(a, f"Each {name} answer") for a in args.answers]
    difficulty = _number(args.difficulty, "--difficulty") if args.difficulty else None
    checkin = score(questionnaire.name, clock.now(), answers, difficulty)
    previous = repos.checkins.latest(questionnaire.name)
    saved = repos.checkins.add(checkin)
    crisis = needs_crisis_resources(saved)
    if args.json:
        json.dump(
            {
                "questionnaire": saved.questionnaire,
                "version": saved.version,
                "at": saved.at.isoformat(),
                "answers": list(saved.answers),
                "score": saved.raw_score,
                "band": screening_band(saved).label,
                # Each line with where it was checked and when (empty for a person's own).
                "crisis_resources": [
                    {
                        "name": line.name,
                        "contact": line.contact,
                        "note": line.note,
                        "source": line.source,
                        "checked": line.checked,
                    }
                    for line in crisis_lines(repos)[0]
                ]
                if crisis
                else [],
            },
            sys.stdout,
            indent=2,
        )
        sys.stdout.write("\n")
        return 0
    if crisis:
        # Before any score: someone to talk to, now.
        print(
            "Thank you for answering honestly. You said you have had thoughts of being better "
            "off dead or of hurting yourself; you deserve support with that now. Please reach "
            "out to one of these, or your local emergency number if you are in danger:"
        )
        _print_lines(crisis_lines(repos)[0])
        print()
    print(f"{screening_band(saved).label}: {summary(saved, previous)}")
    return 0


def suggest(repos: Repositories, args: argparse.Namespace, clock: Clock) -> int:
    stated = args.minutes is not None
    minutes = _number(args.minutes, "--minutes") if stated else SUGGEST_MINUTES
    if not 1 <= minutes <= 24 * 60:
        raise InvalidInput(f"--minutes must be from 1 to 1440, not {minutes}.")
    catalog = parse_activities(read_text("activities.json"))
    now = clock.now()
    moods = repos.moods.between(now - timedelta(hours=3), now + timedelta(seconds=1))
    latest = moods[-1] if moods else None
    found = suggest_now(
        ActivityRepository(repos.db),
        catalog,
        now,
        minutes,
        random.Random(),
        mood=latest.score if latest else None,
        energy=latest.energy if latest else None,
        minutes_stated=stated,
    )
    if args.json:
        json.dump([suggestion_record(s) for s in found], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    if not found and stated:
        print(f"Nothing in the list fits in {minutes} minutes; try a few more.")
    elif not found:
        print("Nothing in the list fits right now; try `--minutes` with the time you have.")
    for suggestion in found:
        category = suggestion.activity.category
        label = CATEGORY_LABELS.get(category, category)
        print(
            f"• {suggestion.title} ({suggestion.activity.minutes} min, {label}): {suggestion.why}"
        )
    return 0
