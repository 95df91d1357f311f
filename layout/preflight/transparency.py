"""Transparency: soft masks, constant alpha below 1, blend modes other than Normal, and
transparency groups. PDF/X-1a and PDF/X-3 forbid it (the file must be flattened); PDF/X-4
allows it, and the fact is reported for the print shop's RIP."""

from __future__ import annotations

import pikepdf

from layout.preflight.findings import Findings
from layout.preflight.scan import PageScan

OPAQUE_BLENDS = {"/Normal", "/Compatible"}


def check_transparency(scans: list[PageScan], standard: str, findings: Findings) -> None:
    for scan in scans:
        for what in sorted(set(_sources(scan))):
            if standard == "x4":
                findings.info(
                    "transparency",
                    "transparency (allowed in PDF/X-4: the print shop's RIP flattens it)",
                    page=scan.number,
                    detail=what,
                )
            else:
                findings.error(
                    "transparency",
                    "transparency is used; PDF/X-1a and PDF/X-3 forbid it",
                    "flatten transparency when exporting, or send PDF/X-4 if the shop takes it",
                    page=scan.number,
                    detail=what,
                )


def _sources(scan: PageScan) -> list[str]:
    found = [f"transparency group ({where})" for where in scan.groups]
    for name, gstate in scan.gstates.values():
        found.extend(f"{problem} in graphics state {name[1:]}" for problem in _gstate(gstate))
    found.extend(f"soft mask on image {i.name}" for i in scan.images if i.smask)
    return found


def _gstate(gstate: pikepdf.Object) -> list[str]:
    problems = []
    smask = gstate.get("/SMask")
    if smask is not None and str(smask) != "/None":
        problems.append("soft mask")
    for key, what in (("/CA", "stroke opacity"), ("/ca", "fill opacity")):
        value = gstate.get(key)
        if value is not None and float(value) < 1:
            problems.append(f"{what} {round(float(value), 2):g}")
    blend = gstate.get("/BM")
    modes = list(blend) if isinstance(blend, pikepdf.Array) else [blend] if blend else []
    if modes and str(modes[0]) not in OPAQUE_BLENDS:
        problems.append(f"blend mode {str(modes[0])[1:]}")
    return problems
