"""The bundle's entry point: the same as the installed ``wellbeing`` command."""

import sys

from wellbeing_app.cli import main

if __name__ == "__main__":
    sys.exit(main())
