"""Identification and output intent: which PDF/X the file claims, whether it claims it the way
the standard says, and the press condition it is made for.

ISO 15930-1 (PDF/X-1a:2001) puts `PDF/X-1:2001` in GTS_PDFXVersion and `PDF/X-1a:2001` in
GTS_PDFXConformance; later parts (PDF/X-1a:2003, PDF/X-3) name themselves in GTS_PDFXVersion
alone, and PDF/X-4 declares itself in the XMP metadata (pdfxid:GTS_PDFXVersion).
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

import pikepdf

from layout.preflight.findings import Findings

X1A_2001_VERSION = "PDF/X-1:2001"
X1A_2001_CONFORMANCE = "PDF/X-1a:2001"
# Version key value -> (standard, label, highest PDF version it allows)
KNOWN = {
    "PDF/X-1a:2003": ("x1a", "PDF/X-1a:2003", "1.4"),
    "PDF/X-3:2002": ("x3", "PDF/X-3:2002", "1.3"),
    "PDF/X-3:2003": ("x3", "PDF/X-3:2003", "1.4"),
    "PDF/X-4": ("x4", "PDF/X-4", "1.6"),
    "PDF/X-4p": ("x4", "PDF/X-4p", "1.6"),
}
NAMES = {"x1a": "PDF/X-1a", "x3": "PDF/X-3", "x4": "PDF/X-4"}
# Characterised printing conditions of the ICC registry (color.org): a PDF/X may name one of
# these without embedding its profile. Compared without case and spaces.
REGISTERED = {
    *(f"FOGRA{n}" for n in range(27, 60)),
    *(f"CGATS TR 00{n}" for n in range(1, 7)),
    *(f"CGATS21-2-CRPC{n}" for n in range(1, 8)),
    *(f"CRPC{n}" for n in range(1, 8)),
    "JC200103",
    "JCN2002",
    "JCW2003",
    "JC2011",
    "IFRA26",
    "IFRA28",
    "IFRA30",
}
NO_CLAIM_HINT = (
    "export it as PDF/X-1a:2001 or the PDF/X the print shop asks for; "
    "an advertisement from a client: ask for a PDF/X file"
)


@dataclass(frozen=True)
class Claim:
    """What the file says it is: `label` as declared (None: no claim), `standard` x1a, x3 or x4
    (None: nothing we know), and the highest PDF version that standard allows."""

    label: str | None
    standard: str | None
    max_version: str = ""


def identify(pdf: pikepdf.Pdf) -> Claim:
    version = _info_text(pdf, "/GTS_PDFXVersion")
    if version is None:
        version = _xmp(pdf, "pdfxid:GTS_PDFXVersion")
    if version is None:
        return Claim(None, None)
    version = version.strip()
    if version == X1A_2001_VERSION:
        if _info_text(pdf, "/GTS_PDFXConformance") == X1A_2001_CONFORMANCE:
            return Claim(X1A_2001_CONFORMANCE, "x1a", "1.3")
        return Claim(version, "x1a", "1.3")  # told by check_identification
    if version == X1A_2001_CONFORMANCE:  # the key everyone gets wrong
        return Claim(version, "x1a", "1.3")
    if version in KNOWN:
        standard, label, highest = KNOWN[version]
        return Claim(label, standard, highest)
    return Claim(version, None)


def check_identification(
    pdf: pikepdf.Pdf, claim: Claim, standard: str, version: str, findings: Findings
) -> None:
    """The version keys, the PDF version, Trapped, the Info entries and encryption."""
    _version_keys(pdf, claim, findings)
    if claim.max_version and _tuple(version) > _tuple(claim.max_version):
        findings.error(
            "pdf-version",
            f"PDF {version} is newer than {claim.label} allows (PDF {claim.max_version})",
            f"export as PDF {claim.max_version}, or as a PDF/X that allows PDF {version}",
        )
    _trapped(pdf, standard, findings)
    if standard in ("x1a", "x3") and claim.label is not None:
        missing = [
            k for k in ("Title", "CreationDate", "ModDate") if _info_text(pdf, f"/{k}") is None
        ]
        if missing:
            findings.error(
                "info-keys",
                f"the document information lacks {', '.join(missing)}",
                f"{NAMES[standard]} requires Title, CreationDate and ModDate: export again",
            )
    if pdf.is_encrypted or "/Encrypt" in pdf.trailer:
        findings.error("encrypted", "the PDF is encrypted", "PDF/X forbids encryption")


def _version_keys(pdf: pikepdf.Pdf, claim: Claim, findings: Findings) -> None:
    version = _info_text(pdf, "/GTS_PDFXVersion")
    conformance = _info_text(pdf, "/GTS_PDFXConformance")
    if claim.label is None:
        findings.error("pdfx-version", "the file does not identify as PDF/X", NO_CLAIM_HINT)
    elif claim.standard is None:
        findings.error("pdfx-version", f"unknown PDF/X version {claim.label!r}", NO_CLAIM_HINT)
    elif version == X1A_2001_CONFORMANCE:
        findings.error(
            "pdfx-version",
            f"GTS_PDFXVersion is ({X1A_2001_CONFORMANCE}); ISO 15930-1 requires "
            f"({X1A_2001_VERSION}) there, with GTS_PDFXConformance ({X1A_2001_CONFORMANCE})",
            "set GTS_PDFXVersion to PDF/X-1:2001 and GTS_PDFXConformance to PDF/X-1a:2001",
        )
    elif version == X1A_2001_VERSION and conformance != X1A_2001_CONFORMANCE:
        found = f"is ({conformance})" if conformance is not None else "is missing"
        findings.error(
            "pdfx-conformance",
            f"GTS_PDFXConformance {found}; PDF/X-1a:2001 requires ({X1A_2001_CONFORMANCE})",
            "set GTS_PDFXConformance to PDF/X-1a:2001",
        )


def _trapped(pdf: pikepdf.Pdf, standard: str, findings: Findings) -> None:
    trapped = pdf.docinfo.get("/Trapped") if "/Info" in pdf.trailer else None
    value = str(trapped)[1:] if isinstance(trapped, pikepdf.Name) else None
    if value is None and isinstance(trapped, pikepdf.String):
        value = str(trapped)  # some writers use a string
    if value is None and standard == "x4":
        value = _xmp(pdf, "pdf:Trapped")
    if value not in ("True", "False"):
        found = "missing" if value is None else f"/{value}"
        findings.error(
            "trapped",
            f"the Trapped key is {found}; PDF/X requires /True or /False",
            "set Trapped to False if the print shop traps, True if the file is trapped",
        )


def check_output_intent(pdf: pikepdf.Pdf, standard: str, findings: Findings) -> str:
    """The PDF/X output intent; returns what the summary says of it ('' if none): the
    identifier, and the embedded profile's description."""
    intents = [i for i in _intents(pdf) if str(i.get("/S", "")) == "/GTS_PDFX"]
    if not intents:
        findings.error(
            "output-intent",
            "no PDF/X output intent: the press condition the colours are meant for is not named",
            "export with the output intent the print shop names, e.g. FOGRA39 or JC200103",
        )
        return ""
    if len(intents) > 1:
        findings.error("output-intent", "more than one PDF/X output intent", "keep only one")
    intent = intents[0]
    identifier = _text(intent.get("/OutputConditionIdentifier"))
    if not identifier:
        findings.error(
            "output-intent",
            "the output intent has no OutputConditionIdentifier",
            "name the press condition, e.g. FOGRA39",
        )
    profile = intent.get("/DestOutputProfile")
    if isinstance(profile, pikepdf.Stream):
        description = _profile(profile, standard, findings)
        if description:
            return f"{identifier or '(no identifier)'}, ICC profile {description!r} embedded"
    elif identifier and _registered(identifier):
        findings.info(
            "output-profile",
            f"no ICC profile embedded for {identifier} (allowed: a registered characterisation)",
            "embedding the profile helps soft-proofing at the print shop",
        )
    else:
        findings.error(
            "output-profile",
            f"no ICC profile embedded and {identifier or 'the condition'} is not a registered "
            "characterisation",
            "embed the press profile as DestOutputProfile, or name a registered condition",
        )
    return identifier or ""


def _profile(profile: pikepdf.Stream, standard: str, findings: Findings) -> str:
    """Check the embedded output profile; returns its description ('' if it is unusable)."""
    try:
        data = profile.read_bytes()
    except pikepdf.PdfError:
        data = b""
    header = data[:128]
    if len(header) < 128 or header[36:40] != b"acsp":
        findings.error(
            "output-profile",
            "the embedded output profile is not an ICC profile",
            "embed the press profile again",
        )
        return ""
    device, space = header[12:16], header[16:20].strip()
    allowed = {b"CMYK", b"GRAY"} if standard == "x1a" else {b"CMYK", b"GRAY", b"RGB"}
    if device != b"prtr" or space not in allowed:
        findings.error(
            "output-profile",
            f"the output profile is a {device.decode('latin-1')} profile for "
            f"{space.decode('latin-1')}, not a printer profile for CMYK",
            "embed the CMYK output profile of the press the print shop names",
        )
    return _description(data)


def _description(data: bytes) -> str:
    """The profile's own name (its `desc` tag), as LittleCMS reads it."""
    try:
        from PIL import ImageCms

        return ImageCms.ImageCmsProfile(io.BytesIO(data)).profile.profile_description.strip()
    except (ImportError, OSError, ValueError, TypeError, AttributeError):
        return "(unnamed)"


def _intents(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    intents = pdf.Root.get("/OutputIntents")
    if not isinstance(intents, pikepdf.Array):
        return []
    return [i for i in intents if isinstance(i, pikepdf.Dictionary)]


def _registered(identifier: str) -> bool:
    wanted = identifier.replace(" ", "").upper()
    return any(wanted == name.replace(" ", "").upper() for name in REGISTERED)


def _info_text(pdf: pikepdf.Pdf, key: str) -> str | None:
    if "/Info" not in pdf.trailer or not isinstance(pdf.trailer.Info, pikepdf.Dictionary):
        return None
    return _text(pdf.trailer.Info.get(key))


def _text(value: object) -> str | None:
    if isinstance(value, pikepdf.String):
        return str(value)
    if isinstance(value, pikepdf.Name):
        return str(value)[1:]
    return None


def _xmp(pdf: pikepdf.Pdf, key: str) -> str | None:
    if "/Metadata" not in pdf.Root:
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            meta = pdf.open_metadata()
            value = meta.get(key)
    except Exception:  # malformed XMP is reported as no claim, not as a crash
        return None
    return str(value) if value else None


def _tuple(version: str) -> tuple[int, ...]:
    try:
        return tuple(int(p) for p in version.split("."))
    except ValueError:
        return (0,)
