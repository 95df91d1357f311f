"""`layout preflight`: checks a print PDF as a print shop's preflight would (PDF/X-1a, -3, -4),
for our own PDFs and for pages from elsewhere (a client's advertisement).

One module per family of checks (identification and output intent, boxes, fonts, colour spaces,
ink, images, transparency, annotations, pages and placeholders); `scan` reads each page's content
once for all of them; `report_text` and `report_html` tell the findings.
"""

from layout.preflight.findings import Finding, Findings, Severity
from layout.preflight.run import Result, Summary, preflight
from layout.preflight.source import Options

__all__ = ["Finding", "Findings", "Options", "Result", "Severity", "Summary", "preflight"]
