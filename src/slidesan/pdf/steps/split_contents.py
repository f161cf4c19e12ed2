"""Not a hiding place: a page whose drawing is split over several content streams is joined into one.

The standard lets a page's /Contents be an array whose streams are read as one: an operator's
operands may end one stream and the operator start the next (PDFBOX-5809 splits `TJ` arrays so).
Steps that parse content streams one at a time (inline image samples, operators no viewer runs)
would take such operands for leftovers and cut visible text; joined first, they see what a viewer
runs. A stream that cannot be decoded is left as it is (the steps cannot parse it either).
"""

from __future__ import annotations

import pikepdf


def scrub(doc, ctx) -> None:
    for page in doc.pages:
        contents = page.obj.get("/Contents")
        if isinstance(contents, pikepdf.Array) and len(contents) > 1:
            try:
                page.contents_coalesce()
            except pikepdf.PdfError:
                continue


def residue(doc, options) -> list[str]:
    return []
