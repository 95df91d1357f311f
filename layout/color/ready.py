"""A press condition made ready for a run: its ICC profile found (or built once) and the style's
rules for converting photos to it. Kept apart from layout/color/photos.py so that a PDF
without photos (its output intent needs only the profile's bytes) never loads Pillow.
"""

from __future__ import annotations

from dataclasses import dataclass

from layout.color.press import PressCondition, press_condition
from layout.color.profiles import Profile, press_profile
from layout.style.sheet import PressSettings


@dataclass(frozen=True)
class Press:
    """A press condition made ready for a run: its profile and the style's conversion rules."""

    condition: PressCondition
    profile: Profile
    intent: str = "perceptual"
    black_point_compensation: bool = True
    ink_limit: float = 300.0


def ready_press(settings: PressSettings, override: str | None = None) -> Press:
    """The style's press settings with their profile found or built (`override`: the condition
    named by `layout build --press`)."""
    condition = press_condition(override or settings.condition)
    return Press(
        condition,
        press_profile(condition),
        settings.intent,
        settings.black_point_compensation,
        settings.ink_limit,
    )
