"""Hiding place: the trailer's /Info dictionary and the catalog's XMP /Metadata stream.

Both are shown by File > Properties and by every search engine: the title is often the case
("CT head - J. Smith"), the author is the lecturer or whoever exported it, keywords and subject
carry notes, and the creator names the source file. XMP may repeat the Info values or hold older
ones (and the whole edit history of the source). Output intents carry free text of their own
(`/Info`, `/OutputCondition`: "proofed for <name>"); that text goes, the profile and its
identifier (which PDF/A and PDF/X need) stay. All of it goes; identifiers in them are
reported first so `check` rates the input by what was there.
"""

from __future__ import annotations

import pikepdf

from slidesan.pdf.objects import is_dict, quote, text_of

PERSON_KEYS = ("/Author", "/Title", "/Subject", "/Keywords")
INTENT_TEXT = ("/Info", "/OutputCondition")


def intent_texts(doc):
    """(output intent, key) of every free-text entry of the catalog's and the pages' output intents."""
    owners = [doc.pdf.Root] + [page.obj for page in doc.pages]
    for owner in owners:
        intents = owner.get("/OutputIntents")
        for intent in intents if isinstance(intents, pikepdf.Array) else []:
            if is_dict(intent):
                yield from ((intent, key) for key in INTENT_TEXT if key in intent)


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
    for intent, key in list(intent_texts(doc)):
        text = text_of(intent.get(key))
        ctx.identifiers_in(text, f"an output intent's {key[1:]}")
        ctx.add("document-property", "info", "removed", f"output intent {key[1:]} text removed", text=quote(text) or None)
        del intent[key]


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
    found += [f"output intent {key[1:]} text" for _i, key in intent_texts(doc)]
    return found
