"""Typesetting toolkit for Chinese magazines.

Stages, each passing plain data to the next:
manifest -> content tree -> styled tree -> items -> lines -> column fragments
-> positioned pages -> PDF bytes.
"""

__version__ = "0.1.0"

# dataclass methods from the code stored by `make compile` (a third of start-up otherwise)
from layout import dataclass_code as _dataclass_code  # noqa: E402

_dataclass_code.install()
