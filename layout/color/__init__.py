"""Colour for the press: press conditions and their ICC profiles, photo conversion to the
press's CMYK with LittleCMS, and the total-ink rule."""
