"""The issue folder: `load_issue(folder) -> Issue` reads issue.yaml and the article files it
names, validates them (raising LayoutErrors with every problem) and lints name variants."""

from layout.manifest.load import load_issue
from layout.manifest.schema import ArticleEntry, Issue, LayoutWarning, Section

__all__ = ["ArticleEntry", "Issue", "LayoutWarning", "Section", "load_issue"]
