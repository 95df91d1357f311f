"""The fit report's columns, told in `layout build --help`, the printed report and report.html.

A module of its own, importing nothing: `layout build` builds its --help text on every run.
"""

from __future__ import annotations

FIT_COLUMNS = (
    ("article", "the article's id in issue.yaml"),
    ("section", "its section"),
    ("pages", "the printed pages it occupies, first to last"),
    (
        "planned",
        "its `page:` hint, the page the editors planned it to start on; `*` marks an article "
        "that starts elsewhere (every later article moves with it)",
    ),
    ("lines", "the column lines it uses (text, headings, photos), summed over its columns"),
    (
        "planned lines",
        "the column lines planned for it: up to the next article's `page:` hint (articles that "
        "start on the same page share it), or, without hints, by its section's rule (its "
        "articles a page, or the whole pages it takes; marked `~`)",
    ),
    (
        "over/under",
        "lines minus planned lines: `+N over` runs past its planned space (cut text, or give "
        "a photo fewer lines), `-N under` leaves space (add text or a photo), `exact` fits",
    ),
)


def fit_help() -> str:
    """The fit report's columns, for `layout build --help`."""
    import textwrap

    lines = ["fit report (printed after the build, and in report.html), one row an article:"]
    for name, text in FIT_COLUMNS:
        lines += textwrap.wrap(text, 96, initial_indent=f"  {name:<14}", subsequent_indent=" " * 16)
    lines += textwrap.wrap(
        "→ lines under a row: what would land the article on its plan (a cut, title or photo "
        "lines), when the build finds one.",
        96,
        initial_indent="  ",
        subsequent_indent="  ",
    )
    return "\n".join(lines)
