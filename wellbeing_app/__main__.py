"""``python -m wellbeing_app`` is the same as the ``wellbeing`` command."""

import sys

from wellbeing_app.cli import main

sys.exit(main())
