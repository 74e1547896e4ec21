"""``wellbeing rules``: the person's own classification rules."""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from typing import Any

from wellbeing_app.core.classifier import UserRule, validate_rule
from wellbeing_app.core.clock import Clock
from wellbeing_app.core.errors import InvalidInput
from wellbeing_app.storage.repositories import Repositories
from wellbeing_app.storage.rules import RuleRepository


def _describe(rule: UserRule, problem: str | None = None) -> str:
    where = " and ".join(
        f"{what} ~ /{pattern}/"
        for what, pattern in (("app", rule.app_pattern), ("title", rule.title_pattern))
        if pattern
    )
    what = f"counts as {rule.name} ({rule.category})" if rule.counted else "is not counted"
    flags = [
        flag
        for flag, on in (("always active", rule.always_active), ("disabled", not rule.enabled))
        if on
    ]
    if problem is not None:
        flags.append(f"not used: {problem}")
    extra = f"  [{', '.join(flags)}]" if flags else ""
    return f"{rule.id:>3}  {where} {what}{extra}"


def _problem(rule: UserRule) -> str | None:
    """Why an enabled stored rule is left out of tracking (see ``RuleRepository.all``)."""
    if not rule.enabled:
        return None
    try:
        validate_rule(rule)
    except InvalidInput as error:
        return str(error)
    return None


def rules_show(repos: Repositories, args: argparse.Namespace, clock: Clock) -> int:
    store = RuleRepository(repos.db)
    if args.json:
        found = store.all()  # as in force: a rule that cannot be used shows as disabled
        json.dump([dataclasses.asdict(rule) for rule in found], sys.stdout, indent=2)
        sys.stdout.write("\n")
        return 0
    found = store.stored()
    if not found:
        print(
            "No rules of your own. Add one with e.g.: wellbeing rules add 'Chess club' "
            "--category forum --title 'lichess'"
        )
    for rule in found:
        print(_describe(rule, _problem(rule)))
    return 0


def _changes(args: argparse.Namespace) -> dict[str, Any]:
    fields = ("name", "category", "app_pattern", "title_pattern", "always_active", "counted")
    return {f: getattr(args, f) for f in fields if getattr(args, f, None) is not None}


def rules_add(repos: Repositories, args: argparse.Namespace, clock: Clock) -> int:
    changes = _changes(args)
    counted = changes.get("counted", True)
    changes.setdefault("category", "chat" if counted else "")
    rule = RuleRepository(repos.db).add(UserRule(**changes))
    print(f"Added rule {rule.id}: {_describe(rule).strip()}")
    return 0


def rules_edit(repos: Repositories, args: argparse.Namespace, clock: Clock) -> int:
    store = RuleRepository(repos.db)
    changes = _changes(args)
    if not changes:
        raise InvalidInput("Say what to change, e.g. --title 'new pattern'.")
    rule = store.update(dataclasses.replace(store.get(args.id), **changes))
    print(f"Changed rule {rule.id}: {_describe(rule).strip()}")
    return 0


def _set_enabled(repos: Repositories, rule_id: int, enabled: bool) -> int:
    store = RuleRepository(repos.db)
    rule = store.update(dataclasses.replace(store.get(rule_id), enabled=enabled))
    print(f"Rule {rule.id} is {'enabled' if enabled else 'disabled'}.")
    return 0


def rules_enable(repos: Repositories, args: argparse.Namespace, clock: Clock) -> int:
    return _set_enabled(repos, args.id, True)


def rules_disable(repos: Repositories, args: argparse.Namespace, clock: Clock) -> int:
    return _set_enabled(repos, args.id, False)


def rules_remove(repos: Repositories, args: argparse.Namespace, clock: Clock) -> int:
    RuleRepository(repos.db).remove(args.id)
    print(f"Removed rule {args.id}.")
    return 0
