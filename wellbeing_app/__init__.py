"""Wellbeing: a private, local companion for a healthier balance between online communities and
offline life."""

__version__ = "0.1.0"
