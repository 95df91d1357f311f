"""The composer's character table, kept between builds as TeX keeps a format file.

The composer measures each character it meets once a process (text/items.py): its advance in
each font role, its box row (class, blanks, line-edge trims), the junction rows between
kinds of characters, which face draws it. For an issue's three thousand characters that is
20 ms in every process that composes, the same build after build. The table is a function of
the fonts and of the composer's code alone, so it is kept in the cache under the fingerprint
of both (compose.memo.composer_fingerprint), for each issue folder as the memo is (its
characters, not every character ever met), and loaded before composing; a build that met new
characters saves it again. Unlike the memo it holds no composed text: `--no-cache` keeps it.
"""

from __future__ import annotations

import hashlib
import marshal

from layout.fonts.cache import RecordCache
from layout.text.items import TABLE_FORMAT, character_table, load_character_table, table_size
from layout.text.metrics import Metrics


class CharacterTable:
    """The table of one issue, loaded into `metrics`' caches and saved from them."""

    KIND = "characters"

    def __init__(self, cache: RecordCache, name: str, fingerprint: str, metrics: Metrics) -> None:
        self.cache = cache
        self.metrics = metrics
        self.key = hashlib.sha256(f"{name}:{fingerprint}:{TABLE_FORMAT}".encode()).hexdigest()
        data = cache.load(self.KIND, self.key, lambda meta, payload: marshal.loads(payload))
        if data is not None:
            load_character_table(metrics, data)  # a table of another shape is a miss
        self.loaded = table_size(metrics)

    def save(self) -> None:
        """Keep the table when this build met characters it did not hold."""
        if table_size(self.metrics) > self.loaded:
            table = character_table(self.metrics)
            self.cache.put(self.KIND, self.key, {}, marshal.dumps(table))
            self.loaded = table_size(self.metrics)
