"""Widgets, windows, the tray and dialogs: the only layer that imports QtWidgets."""
