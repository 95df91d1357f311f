"""Typesetting toolkit for Chinese magazines.

Stages, each passing plain data to the next:
manifest -> content tree -> styled tree -> items -> lines -> column fragments
-> positioned pages -> PDF bytes.
"""

__version__ = "0.1.0"
