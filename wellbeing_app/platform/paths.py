"""Where the person's data lives by default."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import platformdirs

DATA_DIR_VARIABLE = "WELLBEING_DATA_DIR"


def default_data_dir(environ: Mapping[str, str] | None = None) -> Path:
    """``$WELLBEING_DATA_DIR`` if set, else the platform's per-user data folder."""
    env = os.environ if environ is None else environ
    override = env.get(DATA_DIR_VARIABLE, "").strip()
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir("wellbeing", appauthor=False, roaming=False))
