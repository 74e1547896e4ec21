"""Readers of other tools' exports (ActivityWatch, Daylio) and of Wellbeing's own backups."""
