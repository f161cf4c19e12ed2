"""A PDF inside a DICOM file (Encapsulated PDF Storage) cleaned by the PDF cleaner, in place.

Table E.1-1 says D for Encapsulated Document, and a dummy of two zero bytes under a MIME type that
still says application/pdf would lie about the file; a report scanned to PDF is what a case pack
holds, so it is cleaned like a handout: the same steps, scan, OCR and self-check (`pdf/clean.py`),
then put back with its new length. The header around it is de-identified as for any DICOM file.
A document that is no PDF (CDA, a 3D model) or a PDF the cleaner refuses leaves the file out of
the pack with one sentence (the pack then needs review).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from slidesan.errors import SlidesanError
from slidesan.report.model import Finding, new_report

DOCUMENT = 0x00420011
DOCUMENT_LENGTH = 0x00420015


def is_pdf(ds) -> bool:
    mime = str(ds.get("MIMETypeOfEncapsulatedDocument", "") or "").strip().lower()
    head = bytes(ds[DOCUMENT].value or b"")[:1024] if DOCUMENT in ds else b""
    return mime == "application/pdf" or (not mime and b"%PDF-" in head)


def take_document(ds, rel: str, options) -> tuple[bytes, list[Finding]] | None:
    """Clean the encapsulated PDF of `ds` and take it out of the dataset (so the header's
    de-identification leaves it alone): (cleaned bytes, findings), or None when `ds` holds no PDF.
    Raises SlidesanError when the PDF cannot be cleaned."""
    if DOCUMENT not in ds or not is_pdf(ds):
        return None
    from slidesan.pdf.clean import clean_pdf          # the PDF cleaner's imports only for a file that needs it
    data = bytes(ds[DOCUMENT].value or b"")
    length = ds.get(DOCUMENT_LENGTH)
    if length is not None and 0 < int(length.value or 0) <= len(data):
        data = data[: int(length.value)]                # the pad byte of an odd length is not the PDF's
    with tempfile.TemporaryDirectory(prefix=".slidesan-document-") as work:
        source, output = Path(work) / "document.pdf", Path(work) / "cleaned.pdf"
        source.write_bytes(data)
        report = new_report("clean", Path(rel), options)
        try:
            clean_pdf(source, output, options, report)
        except SlidesanError as exc:
            reason = str(exc).replace(f"{source.name}: ", "", 1)
            raise SlidesanError(f"{rel}: its encapsulated PDF could not be cleaned ({reason}); not copied") from None
        cleaned = output.read_bytes()
    del ds[DOCUMENT]
    findings = [Finding(f.category, f.severity, f.action, f"encapsulated PDF: {f.message}", text=f.text, file=rel,
                        slide=f.slide, image=f.image, box=f.box, step=f.step) for f in report.findings]
    findings.append(Finding("encapsulated-document", "info", "replaced", "encapsulated PDF cleaned by the PDF "
                            f"cleaner and put back ({len(data)} -> {len(cleaned)} bytes)", file=rel, step="dicom"))
    return cleaned, findings


def put_back(ds, cleaned: bytes) -> None:
    """The cleaned PDF as the document, padded to an even length, with its true length beside it."""
    ds.EncapsulatedDocument = cleaned + (b"\0" if len(cleaned) % 2 else b"")
    ds.EncapsulatedDocumentLength = len(cleaned)
