"""Our own small, deterministic PDF writer (PDF 1.3 objects, PDF/X-1a:2001 keys)."""

from layout.render.pdf.document import (
    Missing,
    OutputIntent,
    Variant,
    missing_images,
    render_pdf,
    write_pdf,
)

__all__ = ["Missing", "OutputIntent", "Variant", "missing_images", "render_pdf", "write_pdf"]
