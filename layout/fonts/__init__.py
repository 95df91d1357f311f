"""Fonts: roles from fonts/fonts.yaml resolved to installed faces, their metrics, and subsets
for embedding. The only package besides layout.text that reads font files (with fontTools)."""

from layout.fonts.errors import MissingGlyphError
from layout.fonts.metrics import FontMetrics
from layout.fonts.registry import FontRegistry

__all__ = ["FontMetrics", "FontRegistry", "MissingGlyphError"]
