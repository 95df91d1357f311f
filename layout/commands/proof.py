"""`layout proof ISSUE_DIR`: a proof PDF for proofreaders, and the record of its round.

The proof is drawn from the very pages of the print PDF (same line breaks), on a larger sheet:
a header outside the trim (magazine, issue, round, build date and time, page), line numbers
beside every column, a light diagonal watermark, and `check`'s warnings as notes in the margin.

Each round is kept in DIR/proofs/round-N/texts.json (article texts, and the page, column and
line of every line). From the second round on, the proof is compared with the latest stored
round before it (核红): changed characters are tinted, deletions shown by a caret and a note,
re-flowed lines (same words, new breaks) underlined in blue, moved paragraphs barred, and a
change list (pages 改1, 改2, ...) comes first.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from layout.atomic import write_output
from layout.errors import LayoutError
from layout.fonts.metrics import FontMetrics
from layout.pipeline import Composed, compose_folder
from layout.proof.changelist import change_pages
from layout.proof.diff import Comparison, compare
from layout.proof.marks import page_marks
from layout.proof.record import Round, build_round, load_round, save_round, stored_rounds
from layout.render.model import Document, Page
from layout.render.pdf import render_pdf
from layout.render.pdf.document import Variant
from layout.render.pdf.proof import ROLE, Header, ProofDecorations

OUTPUT_ROOT = Path("output")
NUMERALS = "一二三四五六七八九十"
EPOCH_ENV = "SOURCE_DATE_EPOCH"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Write DIR/proof-N.pdf (DIR: -o, default output/<issue>) from the print PDF's pages and "
        "keep the round's texts in DIR/proofs/round-N/. Round N>1 is compared with the latest "
        "stored round before it: changes marked on the pages, change list in front. The header's "
        f"date and time come from {EPOCH_ENV} when set."
    )
    parser.add_argument("issue", type=Path, help="the issue folder, e.g. issues/2024-03")
    parser.add_argument(
        "--round",
        type=int,
        metavar="N",
        help="the round (一校 = 1); default: the one after the highest stored round",
    )
    parser.add_argument(
        "--final",
        action="store_true",
        help="label the round 核红 (the final check, usually after round 3) instead of 第N校",
    )
    parser.add_argument(
        "--article",
        metavar="ID",
        help="only this article's pages (same numbering), for its author: writes "
        "proof-N-ID.pdf and stores no round",
    )
    parser.add_argument("-o", "--output", type=Path, help="output folder (default output/<issue>)")
    parser.add_argument(
        "--no-cache", action="store_true", help="compose every paragraph afresh (no memo)"
    )


def run(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    if args.round is not None and args.round < 1:
        raise LayoutError(f"--round {args.round}: rounds count from 1", hint="write --round 1")
    composed = compose_folder(args.issue, use_memo=not args.no_cache)
    for warning in composed.warnings:
        print(warning, file=sys.stderr)
    out_dir = args.output or OUTPUT_ROOT / args.issue.resolve().name
    proofs = out_dir / "proofs"
    stored = stored_rounds(proofs)
    number = args.round or (stored[-1] + 1 if stored else 1)
    earlier = [r for r in stored if r < number]
    moment = build_moment()
    made = make_proof(
        composed, number, args.final, moment, earlier[-1] if earlier else None, proofs, args.article
    )
    name = f"proof-{number}-{args.article}.pdf" if args.article else f"proof-{number}.pdf"
    path = out_dir / name
    write_output(path, made.data, "the proof PDF")
    if not args.article:
        save_round(proofs, made.record)
    composed.save_caches()
    elapsed = time.perf_counter() - started
    print(
        f"wrote {path}: {made.pages} pages, {round_name(number, args.final)}"
        f"{made.compared()} in {elapsed:.2f} s"
    )
    return 0


@dataclass
class Made:
    """A proof: the PDF's bytes, its page count, the round's record, the comparison made."""

    data: bytes
    pages: int
    record: Round
    comparison: Comparison | None

    def compared(self) -> str:
        c = self.comparison
        if c is None:
            return ""
        return (
            f", against round {c.old_round}: {len(c.changes)} changes, {c.reflowed} re-flowed lines"
        )


def make_proof(
    composed: Composed,
    number: int,
    final: bool,
    moment: datetime,
    previous: int | None,
    proofs: Path,
    article: str | None = None,
) -> Made:
    """The proof PDF's bytes and the round's record (the caller writes both)."""
    issue, result, fonts = composed.issue, composed.result, composed.fonts
    printed = result.printed
    assert printed is not None
    metrics = FontMetrics(fonts)
    stamp = f"{moment:%Y-%m-%d %H:%M}"
    record = build_round(number, final, stamp, issue, printed, metrics)
    comparison = compare(load_round(proofs, previous), record) if previous else None
    body = list(result.document.pages)
    if article is not None:
        body = _article_pages(composed, record, article)
        if comparison is not None:
            comparison = _only(comparison, article)
    pages = body
    marks = page_marks(record, result.document.pages, comparison, composed.warnings, result.fit)
    label = round_name(number, final)
    meta = issue.meta
    if comparison is not None:
        face = fonts.face(ROLE)

        def printable(text: str) -> str:
            return "".join(c if face.glyph(c) is not None else "?" for c in text)

        title = f"{label} 变更表（对照第{_numeral(comparison.old_round)}校）"
        first = body[0]
        pages = change_pages(comparison, title, first.width, first.height, metrics, printable)
        pages += body
    header = Header(
        issue.magazine.title,
        f"{meta.year}年第{meta.number}期（总第{meta.serial}期）",
        label,
        stamp,
    )
    watermark = "核红样" if final else f"第{_numeral(number)}校样"
    decorations = ProofDecorations(header, watermark, composed.style.grid.body_size, marks)
    variant = Variant("proof", crop_marks=False, pdfx=False, decorations=decorations)
    doc = result.document
    document = Document(pages, f"{doc.title} {label}", doc.author, doc.subject, doc.bleed)
    data = render_pdf(document, fonts, variant=variant, date=moment.isoformat())
    return Made(data, len(pages), record, comparison)


def _article_pages(composed: Composed, record: Round, article: str) -> list[Page]:
    unit = record.units.get(article)
    if unit is None or not unit.lines:
        known = ", ".join(u for u in record.units if not u.startswith("封"))
        raise LayoutError(
            f"no article {article!r} in this issue",
            composed.issue.location,
            f"use one of the ids of issue.yaml: {known}",
        )
    wanted = {line.page for line in unit.lines}
    return [p for i, p in enumerate(composed.result.document.pages) if i in wanted]


def _only(comparison: Comparison, article: str) -> Comparison:
    return Comparison(
        comparison.old_round,
        [c for c in comparison.changes if c.unit == article],
        [s for s in comparison.summaries if s.unit == article],
        {u: m for u, m in comparison.marks.items() if u == article},
    )


def round_name(number: int, final: bool) -> str:
    return "核红" if final else f"第{_numeral(number)}校"


def _numeral(number: int) -> str:
    return NUMERALS[number - 1] if 1 <= number <= len(NUMERALS) else str(number)


def build_moment() -> datetime:
    """The header's build time: SOURCE_DATE_EPOCH (UTC) when set, else now (local time)."""
    value = os.environ.get(EPOCH_ENV)
    if value is None:
        return datetime.now().astimezone().replace(microsecond=0)
    try:
        return datetime.fromtimestamp(int(value), UTC)
    except (ValueError, OverflowError, OSError):
        raise LayoutError(
            f"{EPOCH_ENV}={value!r} is not a number of seconds since 1970",
            hint="set it to e.g. 1709251200, or unset it",
        ) from None
