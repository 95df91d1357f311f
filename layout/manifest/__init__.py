"""The issue folder: `load_issue(folder) -> Issue` reads issue.yaml and the article files it
names, validates them (raising LayoutErrors with every problem) and lints name variants.

The names below are loaded when first used (PEP 562): a command that only needs a submodule
(the font roles read fonts.yaml with layout.manifest.nodes) does not pay for the loader, the
content parser and their rule tables."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from layout.manifest.load import load_issue
    from layout.manifest.schema import ArticleEntry, Issue, LayoutWarning, Section

__all__ = ["ArticleEntry", "Issue", "LayoutWarning", "Section", "load_issue"]


def __getattr__(name: str) -> object:
    if name == "load_issue":
        from layout.manifest.load import load_issue

        return load_issue
    if name in __all__:
        from layout.manifest import schema

        return getattr(schema, name)
    raise AttributeError(f"module 'layout.manifest' has no attribute {name!r}")
