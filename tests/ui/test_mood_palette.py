"""Mood colours: one per level, told apart by lightness alone, with readable text on each."""

import itertools

import pytest
from PySide6.QtGui import QColor, QPalette

from wellbeing_app.core.models import MOOD_LABELS
from wellbeing_app.ui.mood_palette import (
    DARK,
    LIGHT,
    MoodPalette,
    contrast_ratio,
    mood_level,
    mood_palette,
    relative_luminance,
)


def test_contrast_ratio_matches_the_wcag_reference_values() -> None:
    assert contrast_ratio(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)
    assert contrast_ratio(QColor("#777777"), QColor("#ffffff")) == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio(QColor("#ffffff"), QColor("#777777")) == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("variant", [LIGHT, DARK], ids=["light", "dark"])
def test_every_mood_has_its_own_colour_with_aa_contrast_for_text(variant: MoodPalette) -> None:
    assert set(variant.fills) == set(MOOD_LABELS)
    fills = [variant.fill(score).name() for score in MOOD_LABELS]
    assert len(set(fills)) == len(fills)
    for score in MOOD_LABELS:
        assert contrast_ratio(variant.text(score), variant.fill(score)) >= 4.5, score


@pytest.mark.parametrize("variant", [LIGHT, DARK], ids=["light", "dark"])
def test_moods_differ_in_lightness_so_colour_blind_eyes_tell_them_apart(
    variant: MoodPalette,
) -> None:
    """Lightness alone orders the levels (it survives every kind of colour blindness, and
    greyscale): each step is brighter than the last, by a clear margin."""
    lum = [relative_luminance(variant.fill(score)) for score in sorted(MOOD_LABELS)]
    for darker, lighter in itertools.pairwise(lum):
        assert (lighter + 0.05) / (darker + 0.05) >= 1.4


def test_the_variant_follows_the_window_lightness() -> None:
    light = QPalette()
    light.setColor(QPalette.ColorRole.Window, QColor("#efefef"))
    dark = QPalette()
    dark.setColor(QPalette.ColorRole.Window, QColor("#2b2b2b"))
    assert mood_palette(light) is LIGHT
    assert mood_palette(dark) is DARK


@pytest.mark.parametrize(
    ("average", "level"), [(1.0, 1), (1.49, 1), (2.5, 3), (3.5, 4), (4.4, 4), (5.0, 5)]
)
def test_a_days_average_rounds_half_up_to_a_level(average: float, level: int) -> None:
    assert mood_level(average) == level
