#!/bin/sh
# Regenerates the translation template resources/translations/wellbeing.ts from the UI's tr()
# and QCoreApplication.translate() calls, plus the fixed catalogue strings from core/ that the
# UI translates at its boundary (context "core"; see wellbeing_app/ui/i18n.py for the rule).
#
# Translators copy the template to wellbeing_<lang>.ts (e.g. wellbeing_de.ts), translate it in
# Qt Linguist (pyside6-linguist), and compile it next to it with
#   pyside6-lrelease resources/translations/wellbeing_de.ts
# The app loads resources/translations/wellbeing_<lang>.qm for the system language.
#
# Usage: packaging/update-translations.sh   (PYTHON=... and LUPDATE=... override the tools)
set -eu
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-.venv/bin/python}
LUPDATE=${LUPDATE:-$(dirname "$PYTHON")/pyside6-lupdate}
if [ ! -x "$LUPDATE" ]; then
    LUPDATE=$(command -v pyside6-lupdate || true)
fi
if [ -z "$LUPDATE" ]; then
    echo "update-translations: pyside6-lupdate not found (it ships with PySide6)" >&2
    exit 1
fi
mkdir -p build/i18n resources/translations
"$PYTHON" -c 'import sys; from wellbeing_app.ui.i18n import write_core_catalogue; write_core_catalogue(sys.argv[1])' \
    build/i18n/core_strings.py
"$LUPDATE" -silent -no-obsolete -locations relative -extensions py \
    wellbeing_app/ui wellbeing_app/desktop.py wellbeing_app/services/reminders.py \
    build/i18n/core_strings.py -ts resources/translations/wellbeing.ts
echo "update-translations: wrote resources/translations/wellbeing.ts"
