"""Hiding place: keys of the trailer that the PDF standard does not define.

The trailer is meant to hold only what a reader needs to find the document (its size, catalog,
information dictionary, ID, encryption and earlier xref sections). Writers put more there:
LibreOffice's hybrid PDF export keeps the whole source presentation (notes, hidden slides, uncropped
pictures) as a stream under /AdditionalStreams, and no viewer shows it. pikepdf writes every trailer
key back, so such a key would reach the cleaned file. Every key outside the standard set is removed
and named; what its strings say rates the input too.
"""

from __future__ import annotations

import pikepdf

from slidesan.pdf.objects import strings_under

# ISO 32000-2 7.5.5 (file trailer) and 7.5.8.2 (cross-reference stream dictionary)
STANDARD_KEYS = frozenset({"/Size", "/Prev", "/Root", "/Encrypt", "/Info", "/ID", "/XRefStm",
                           "/Type", "/W", "/Index", "/Filter", "/DecodeParms", "/Length", "/DL"})


def extra_keys(doc) -> list[str]:
    return [str(key) for key in doc.pdf.trailer.keys() if str(key) not in STANDARD_KEYS]


def holds_stream(value) -> bool:
    """Whether a trailer entry is or lists a stream (a whole file kept beside the document)."""
    items = list(value) if isinstance(value, pikepdf.Array) else [value]
    return any(isinstance(item, pikepdf.Stream) for item in items)


def scrub(doc, ctx) -> None:
    trailer = doc.pdf.trailer
    for key in extra_keys(doc):
        said = strings_under(trailer[key], streams=False)
        if said:
            ctx.identifiers_in(f"{key[1:]} {said}", f"the trailer's {key} (removed)")
        if holds_stream(trailer[key]):
            ctx.add("embedded-file", "high", "removed",
                    f"trailer {key} removed (data kept beside the document, such as a hybrid PDF's source "
                    "file, which no viewer shows)")
        else:
            ctx.add("private-data", "review", "removed", f"trailer entry {key} removed (not a trailer key)")
        del trailer[key]


def residue(doc, options) -> list[str]:
    return [f"the trailer's {key} is still there" for key in extra_keys(doc)]
