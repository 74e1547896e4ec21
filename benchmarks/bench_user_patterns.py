"""How long one classification takes when a person's rule is ``(a+)+$`` (issue 11, item 12).

The title ``"a" * n + "!"`` makes a backtracking engine try every way of splitting the a's:
Python's ``re`` doubles its time per character. The app compiles a person's patterns with
``core.patterns.compile_user_pattern`` (RE2), which reads the title once. Both are timed here:
``re`` for growing n until one search passes ``--re-limit`` seconds, then the real
``Classifier`` (with the shipped catalog and the rule, cache off) for n up to 100,000.

    /work/venv/bin/python benchmarks/bench_user_patterns.py [--re-limit 2] [--repeat 5]
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from wellbeing_app.app import load_catalog
from wellbeing_app.core.classifier import Classifier, UserRule

PATTERN = "(a+)+$"


def timed(call: object, repeat: int) -> float:
    """Median seconds of ``repeat`` calls."""
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()  # type: ignore[operator]
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--re-limit", type=float, default=2.0, help="stop re past this (s)")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    stdlib = re.compile(PATTERN, re.IGNORECASE)
    print(f"Python re, {PATTERN!r} against 'a' * n + '!':")
    n = 16
    while True:
        title = "a" * n + "!"
        seconds = timed(lambda: stdlib.search(title), 1 if n > 20 else args.repeat)  # noqa: B023
        print(f"  n = {n:>6}: {seconds * 1000:10.2f} ms")
        if seconds > args.re_limit:
            break
        n += 1

    # The second pattern is not anchored at the end, so RE2 cannot start from there: it must
    # read the whole title forwards.
    for pattern, char, tail in ((PATTERN, "a", "!"), ("(x+x+)+y", "x", "")):
        rule = UserRule(name="Adversarial", category="chat", title_pattern=pattern)
        classifier = Classifier(load_catalog(), [rule], cache_size=0)
        print(f"Classifier (RE2), rule {pattern!r}, window 'xterm' titled {char!r} * n + {tail!r}:")
        for n in (24, 40, 1_000, 10_000, 100_000):
            title = char * n + tail
            assert classifier.classify("xterm", title) is None
            seconds = timed(lambda: classifier.classify("xterm", title), args.repeat)  # noqa: B023
            print(f"  n = {n:>6}: {seconds * 1000:10.3f} ms")


if __name__ == "__main__":
    main()
