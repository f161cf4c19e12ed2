"""Hiding place: page thumbnails (/Thumb on a page).

A thumbnail is a small picture of the page as it was when it was made, and nothing refreshes it:
it can show the uncropped picture, a name later covered, a slide that was since changed. Viewers
show it in the side panel without rendering the page. Removed; viewers draw their own.
"""

from __future__ import annotations

from slidesan.pdf.objects import strings_under


def scrub(doc, ctx) -> None:
    for number, page in enumerate(doc.pages, start=1):
        if "/Thumb" in page.obj:
            said = strings_under(page.obj["/Thumb"])      # what its dictionary says rates the input too
            if said:
                ctx.identifiers_in(said, f"the thumbnail of page {number} (removed)", slide=number)
            del page.obj["/Thumb"]
            ctx.add("thumbnail", "high", "removed", "page thumbnail removed (a picture of the page as once saved)",
                    slide=number)


def residue(doc, options) -> list[str]:
    return [f"page {n}: /Thumb" for n, page in enumerate(doc.pages, start=1) if "/Thumb" in page.obj]
