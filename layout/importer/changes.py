"""A log of what the importer changed and what it leaves for a person to decide."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Change:
    line: int  # source line the text came from
    before: str
    after: str
    count: int = 1  # how many single edits this change holds (e.g. marks converted)


@dataclass(frozen=True)
class Question:
    line: int
    topic: str
    text: str


@dataclass
class ChangeLog:
    """Change classes (with counts and examples) and open questions, in source order."""

    changes: dict[str, list[Change]] = field(default_factory=lambda: defaultdict(list))
    questions: list[Question] = field(default_factory=list)

    def record(self, kind: str, line: int, before: str, after: str, count: int = 1) -> None:
        self.changes[kind].append(Change(line, before, after, count))

    def ask(self, line: int, topic: str, text: str) -> None:
        self.questions.append(Question(line, topic, text))

    def total(self, kind: str) -> int:
        return sum(change.count for change in self.changes.get(kind, []))
