"""The build report: `report.html` beside the PDF, with its thumbnails in report-assets/.

`write_report(pdf_path, pdf_bytes, composed)` is called by `layout build` and `layout watch`
once the PDF is written; `write_failure_report(pdf_path, errors)` when a build fails (the errors,
and the pages of the last good PDF). Every file is written atomically; the thumbnails of
pages that did not change come from the cache (layout/report/thumbs.py), and assets the new
report no longer names are removed after it is in place, so that an open report never points
at a missing picture.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from html import escape  # not `import html`: the submodule layout.report.html shadows it
from pathlib import Path

from layout.atomic import output_error, write_bytes_atomic, write_text_atomic
from layout.fonts.cache import default_cache_dir
from layout.report.figures import measure
from layout.report.html import ASSETS, STAMP_SCRIPT, PageView, ReportData, render, stamp_script
from layout.report.thumbs import thumbnails

REPORT = "report.html"
PREFLIGHT_LINES = 40  # of a text summary shown


def write_report(pdf_path: Path, pdf: bytes, composed) -> Path:
    """Write report.html (and report-assets/) beside `pdf_path`; returns its path."""
    try:
        data = report_data(pdf_path, pdf, composed)
    except OSError as error:  # a thumbnail that cannot be written
        raise output_error(Path(error.filename or pdf_path.parent), error, "the report") from None
    return _write(pdf_path.parent, data)


def write_failure_report(pdf_path: Path, errors: list[str], title: str = "") -> Path:
    """Write report.html for a failed build: the errors first, then the pages of the PDF
    still at `pdf_path` (the last good build), if any."""
    folder = pdf_path.parent
    try:
        pdf = pdf_path.read_bytes() if pdf_path.is_file() else b""
    except OSError:
        pdf = b""
    views = _old_page_views(pdf_path, pdf)
    digest = hashlib.sha256(pdf + "\n".join(errors).encode()).hexdigest()[:20]
    data = ReportData(
        title=f"{title or folder.name}: the build failed",
        pdf_name=pdf_path.name,
        stamp=digest,
        pages=views,
        fit=[],
        folio_pages={},  # no fit table to link from
        warnings=[],
        errors=errors,
        figures=None,
        failed=True,
    )
    return _write(folder, data)


def _write(folder: Path, data: ReportData) -> Path:
    """report.html and the stamp an open report polls; then the thumbnails it no longer shows
    go (after it is in place, so that an open report never points at a missing picture)."""
    assets = folder / ASSETS
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_text_atomic(folder / REPORT, render(data))
        write_text_atomic(assets / STAMP_SCRIPT, stamp_script(data.stamp))
    except OSError as error:
        raise output_error(Path(error.filename or folder / REPORT), error, "the report") from None
    _remove_stale(assets, {Path(p.image).name for p in data.pages} | {STAMP_SCRIPT})
    return folder / REPORT


def _old_page_views(pdf_path: Path, pdf: bytes) -> list[PageView]:
    """The pages of the last good PDF, or none when it is not a whole PDF: a damaged file must
    not hide the build's errors, nor add messages of its own to them (pypdf logs)."""
    if not (pdf.startswith(b"%PDF-") and b"%%EOF" in pdf[-1024:]):
        return []
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        return _page_views(pdf_path, pdf, [])
    except Exception:  # noqa: BLE001 - whatever the old file holds, the errors come first
        return []
    finally:
        logger.setLevel(level)


def _page_views(pdf_path: Path, pdf: bytes, labels: list[str]) -> list[PageView]:
    """A thumbnail of every page of `pdf` in report-assets/ (from the cache when the page did
    not change); `labels`: the printed label of each page (the page number where none)."""
    assets = pdf_path.parent / ASSETS
    views = []
    for thumb in thumbnails(pdf, _cache_dir()):
        name = f"{thumb.key[:32]}.png"
        target = assets / name
        if not target.is_file():
            write_bytes_atomic(target, thumb.png if thumb.png is not None else _read(thumb.path))
        label = labels[thumb.index] if thumb.index < len(labels) else str(thumb.index + 1)
        views.append(PageView(thumb.index, label, f"{ASSETS}/{name}", thumb.width, thumb.height))
    return views


def report_data(pdf_path: Path, pdf: bytes, composed) -> ReportData:
    issue, result = composed.issue, composed.result
    document = result.document
    views = _page_views(pdf_path, pdf, [page.label for page in document.pages])
    folio_pages = {int(v.label): v.index for v in views if v.label.isdigit()}
    for row in result.fit:
        index = folio_pages.get(row.first_folio)
        if index is not None:
            views[index].starts.append(row.article)
    meta = issue.meta
    title = (
        f"{issue.magazine.title} {meta.year}年第{meta.number}期 (总第{meta.serial}期)"
        if hasattr(issue, "magazine")
        else pdf_path.stem
    )
    return ReportData(
        title=title,
        pdf_name=pdf_path.name,
        stamp=hashlib.sha256(pdf).hexdigest()[:20],
        pages=views,
        fit=list(result.fit),
        folio_pages=folio_pages,
        warnings=list(composed.warnings),
        errors=[],  # a build with errors writes no PDF: write_failure_report tells them
        figures=measure(document),
        preflight=preflight_summary(pdf_path),
    )


def _cache_dir() -> Path:
    return default_cache_dir() / "thumbs"


def _read(path: Path) -> bytes:
    return path.read_bytes()


def _remove_stale(assets: Path, keep: set[str]) -> None:
    """Thumbnails of pages that are no longer in the report (and temporaries of ours)."""
    try:
        entries = list(os.scandir(assets))
    except OSError:
        return
    for entry in entries:
        if entry.name not in keep and entry.is_file(follow_symlinks=False):
            if entry.name.endswith(".png") or entry.name.endswith(".tmp"):
                try:
                    os.unlink(entry.path)
                except OSError:
                    pass


def preflight_summary(pdf_path: Path) -> str:
    """The preflight's findings beside the PDF (ISSUE.preflight.json or .txt, and a link to
    its HTML report), as HTML; "" when there is none. A preflight older than the PDF is said
    to be so: it checked an earlier build."""
    stem = pdf_path.with_suffix("")
    found = [
        p
        for p in (
            Path(f"{stem}.preflight.json"),
            Path(f"{stem}.preflight.txt"),
            Path(f"{stem}.preflight.html"),
        )
        if p.is_file()
    ]
    if not found:
        return ""
    out = []
    try:
        pdf_time = pdf_path.stat().st_mtime
        if all(p.stat().st_mtime < pdf_time for p in found):
            out.append(
                '<p class="error">The preflight below checked an earlier build: run '
                "<code>layout preflight</code> again.</p>"
            )
    except OSError:
        pass
    for path in found:
        if path.suffix == ".html":
            out.append(f'<p><a href="{escape(path.name)}">{escape(path.name)}</a></p>')
        elif path.suffix == ".json":
            out.append(_json_summary(path))
        else:
            out.append(_text_summary(path))
    return "\n".join(out)


def _json_summary(path: Path) -> str:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return f"<p>{escape(path.name)} cannot be read.</p>"
    summary = data.get("summary", data) if isinstance(data, dict) else data
    text = json.dumps(summary, ensure_ascii=False, indent=1)
    return f"<pre>{escape(_head(text))}</pre>"


def _text_summary(path: Path) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return f"<p>{escape(path.name)} cannot be read.</p>"
    return f"<pre>{escape(_head(text))}</pre>"


def _head(text: str) -> str:
    lines = text.splitlines()
    more = len(lines) - PREFLIGHT_LINES
    return "\n".join(lines[:PREFLIGHT_LINES]) + (f"\n… {more} more lines" if more > 0 else "")
