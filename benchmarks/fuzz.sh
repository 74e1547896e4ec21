#!/bin/sh
# The project's own fuzz suites, long: every command's arguments and `import backup` with
# damaged exports (tests/fuzz/test_fuzz_cli.py), and the three importers
# (tests/fuzz/test_fuzz_importers.py). The normal test run tries a few dozen cases of each;
# this tries WELLBEING_FUZZ_EXAMPLES (default 5000) per fuzz test and prints, per test, how
# many cases ran and how they ended (hypothesis statistics). Results: benchmarks/RESULTS.md.
#
#   sh benchmarks/fuzz.sh            # from the repository root; takes about half an hour
set -eu
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-.venv/bin/python}"
export WELLBEING_FUZZ_EXAMPLES="${WELLBEING_FUZZ_EXAMPLES:-5000}"
export QT_QPA_PLATFORM=offscreen
unset WELLBEING_DEBUG
files=""
for file in tests/fuzz/test_fuzz_cli.py tests/fuzz/test_fuzz_importers.py; do
    [ -f "$file" ] && files="$files $file"
done
# shellcheck disable=SC2086  # the file list is meant to split
exec "$PYTHON" -m pytest -q -p no:cacheprovider -o timeout=0 --hypothesis-show-statistics $files "$@"
