"""Hiding place: incremental-update history.

Each incremental save appends a new body, xref and trailer with /Prev, and leaves the earlier
revisions (the un-edited text, replaced pictures, deleted annotations) in the file after the first
%%EOF; garbage after the last %%EOF and unreferenced objects can hold old data too. The writer
always writes the whole file anew from the objects reachable from the trailer (one xref, no /Prev):
this step reports what the input carried and the inventory proves the written file has one revision.
"""

from __future__ import annotations

import re

import pikepdf

# The end of a revision: "startxref <offset> %%EOF" (a bare "%%EOF" can sit inside binary stream data).
EOF_MARK = re.compile(rb"startxref\s+\d+\s+%%EOF")
# A comment line of plain text in the file body (not the header or an end marker): no viewer shows it.
_COMMENT = re.compile(rb"(?m)^%(?!%EOF|PDF-)([\x20-\x7e]{4,200})\r?$")
_PRINTABLE = re.compile(rb"[\x20-\x7e]{4,}")
# stream data (fonts carry their own `%` comment lines: a Type 1 font's designer, its date) is not body text
_STREAM_DATA = re.compile(rb"\bstream\r?\n.*?endstream", re.S)


def revisions(raw: bytes) -> int:
    return max(1, len(EOF_MARK.findall(raw)))


def scrub(doc, ctx) -> None:
    count = revisions(doc.raw)
    unreferenced = unreferenced_objects(doc)
    # what the rewrite drops unread is still read here, so `check` rates the input by what it held
    ctx.identifiers_in(unseen_text(doc.raw), "text outside the document's objects (comments, bytes after %%EOF)")
    if count > 1 and not doc.was_encrypted:
        from slidesan.pdf.revisions import earlier_text

        ends = [m.end() for m in EOF_MARK.finditer(doc.raw)]
        ctx.identifiers_in(earlier_text(doc.raw, ends), "an earlier revision (text the last one no longer holds)")
    if count > 1 or "/Prev" in doc.pdf.trailer:
        ctx.add("revision-history", "review", "removed",
                f"{count} saved revisions in the input; earlier ones dropped (the file is written whole)")
    if unreferenced:
        ctx.add("revision-history", "info", "removed", f"{len(unreferenced)} unreferenced object(s) dropped")


def unreferenced_objects(doc) -> list:
    """Objects no path from the trailer reaches (qpdf keeps only those its xref lists)."""
    reachable = {obj.objgen for obj in doc.dicts() if obj.is_indirect}
    return [obj for obj in doc.pdf.objects
            if isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)) and obj.objgen not in reachable]


def unseen_text(raw: bytes) -> str:
    """Plain-text comment lines of the body (outside stream data) and printable runs after the last %%EOF."""
    tail = raw[raw.rfind(b"%%EOF") + 5:] if b"%%EOF" in raw else b""
    pieces = [m.group(1) for m in _COMMENT.finditer(_STREAM_DATA.sub(b"", raw))] + _PRINTABLE.findall(tail)
    return "\n".join(piece.decode("latin-1") for piece in pieces)


def residue(doc, options) -> list[str]:
    found = []
    if revisions(doc.raw) > 1:
        found.append(f"{revisions(doc.raw)} %%EOF markers: earlier revisions remain")
    if "/Prev" in doc.pdf.trailer:
        found.append("the trailer's /Prev points to an earlier revision")
    tail = doc.raw[doc.raw.rfind(b"%%EOF") + 5:] if b"%%EOF" in doc.raw else b""
    if tail.strip():
        found.append(f"{len(tail.strip())} bytes after the last %%EOF")
    return found
