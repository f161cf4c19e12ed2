"""Hiding place: page-piece dictionaries and other private application data.

`/PieceInfo` (on the catalog, pages and form XObjects) is where applications keep their own
copy of the source: Illustrator's whole private document, PowerPoint's and Acrobat's edit data,
with the original pictures and text. Article threads (`/Threads`, with beads on pages) carry an
info dictionary (title, author) of their own; web-capture data (`/SpiderInfo`) records the URLs
and times a page was fetched. None of it is drawn; all of it goes.
"""

from __future__ import annotations

import pikepdf

from slidesan.pdf.objects import name_of

PRIVATE_KEYS = ("/PieceInfo", "/LastModified")
CATALOG_KEYS = ("/Threads", "/SpiderInfo", "/URI")
# Name trees that hold no page content: web-capture sources, page templates, alternate
# presentations (slide shows with their own pictures) and media renditions.
NAME_TREES = ("/IDS", "/URLS", "/Templates", "/AlternatePresentations", "/Renditions")
PAGE_KEYS = ("/B",)           # article beads


def places(doc):
    """(owner, key, label) of every private-data entry in the file."""
    root = doc.pdf.Root
    for key in CATALOG_KEYS:
        if key in root:
            yield root, key, f"catalog {key[1:]}"
    names = root.get("/Names")
    if isinstance(names, pikepdf.Dictionary):
        for key in NAME_TREES:
            if key in names:
                yield names, key, f"name tree {key[1:]}"
    for number, page in enumerate(doc.pages, start=1):
        for key in PAGE_KEYS:
            if key in page.obj:
                yield page.obj, key, f"page {number} {key[1:]}"
    for obj in doc.dicts():
        for key in PRIVATE_KEYS:
            if key in obj:
                where = name_of(obj.get("/Type"))[1:] or name_of(obj.get("/Subtype"))[1:] or "object"
                yield obj, key, f"{where} {key[1:]}"


def scrub(doc, ctx) -> None:
    for owner, key, label in list(places(doc)):
        if key in owner:
            del owner[key]
            severity = "info" if key == "/LastModified" else "review"
            ctx.add("private-data", severity, "removed", f"private application data removed: {label}")


def residue(doc, options) -> list[str]:
    return [label for _o, _k, label in places(doc)]
