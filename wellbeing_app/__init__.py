"""Wellbeing: a private, local companion for a healthier balance between online communities and
offline life."""

# The one place the version is written: pyproject.toml reads it (hatch dynamic version), the
# command line prints it, packaging/ builds file names and the metainfo release from it.
__version__ = "0.1.0"

# The reverse-DNS app id, the same everywhere: the desktop file and metainfo names, icon names,
# Qt's desktop file name, the autostart entry, the macOS LaunchAgent label, the Windows
# AppUserModelID and the Flatpak id.
APP_ID = "org.wellbeing.Wellbeing"
