"""Hiding place: the trailer's /Info dictionary and the catalog's XMP /Metadata stream.

Both are shown by File > Properties and by every search engine: the title is often the case
("CT head - J. Smith"), the author is the lecturer or whoever exported it, keywords and subject
carry notes, and the creator names the source file. XMP may repeat the Info values or hold older
ones (and the whole edit history of the source). Both go entirely; identifiers in them are
reported first so `check` rates the input by what was there.
"""

from __future__ import annotations

import pikepdf

from slidesan.pdf.objects import is_dict, quote, text_of

PERSON_KEYS = ("/Author", "/Title", "/Subject", "/Keywords")


def scrub(doc, ctx) -> None:
    info = doc.pdf.trailer.get("/Info")
    if is_dict(info):
        for key, value in list(info.items()):
            value = text_of(value)
            if not value.strip():
                continue
            ctx.identifiers_in(value, f"document information {key[1:]}")
            ctx.add("document-property", "high" if key in PERSON_KEYS else "info", "removed",
                    f"document information {key[1:]} removed", text=quote(value))
    if "/Info" in doc.pdf.trailer:
        del doc.pdf.trailer["/Info"]
    root = doc.pdf.Root
    xmp = root.get("/Metadata")
    if xmp is not None:
        text = xmp_text(xmp)
        ctx.identifiers_in(text, "XMP metadata")
        ctx.add("document-property", "high", "removed", "XMP metadata of the document removed",
                text=quote(text, 200) or None)
        del root["/Metadata"]


def xmp_text(stream) -> str:
    """Text content of an XMP packet (tags dropped), for the identifier scan and the report."""
    import re

    try:
        data = stream.read_bytes() if isinstance(stream, pikepdf.Stream) else b""
    except pikepdf.PdfError:
        return ""
    text = data.decode("utf-8", "replace")
    values = re.findall(r">([^<>]+)<", text) + re.findall(r'="([^"]+)"', text)
    return " | ".join(v.strip() for v in values if v.strip() and not v.startswith(("http://", "uuid:", "xmp.")))


def residue(doc, options) -> list[str]:
    found = []
    if "/Info" in doc.pdf.trailer:
        found.append("trailer /Info is still there")
    if "/Metadata" in doc.pdf.Root:
        found.append("catalog XMP /Metadata is still there")
    return found
