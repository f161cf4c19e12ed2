"""Hiding place: page-piece dictionaries and other private application data.

`/PieceInfo` (on the catalog, pages and form XObjects) is where applications keep their own
copy of the source: Illustrator's whole private document, PowerPoint's and Acrobat's edit data,
with the original pictures and text. Article threads (`/Threads`, with beads on pages) carry an
info dictionary (title, author) of their own; web-capture data (`/SpiderInfo`) records the URLs
and times a page was fetched. None of it is drawn; all of it goes.

The catalog and the page dictionaries are closed by construction: a key ISO 32000-2 does not define
for them (Tables 29 and 31) is some application's private entry (`/AcmeCaseRef (J. Smith)`, a page
object hung under an odd key that no page tree reaches) and goes with it, whatever it holds.
"""

from __future__ import annotations

import pikepdf

from slidesan.pdf.objects import name_of, strings_under

PRIVATE_KEYS = ("/PieceInfo", "/LastModified")
CATALOG_KEYS = ("/Threads", "/SpiderInfo", "/URI")
# Name trees that hold no page content: web-capture sources, page templates, alternate
# presentations (slide shows with their own pictures) and media renditions.
NAME_TREES = ("/IDS", "/URLS", "/Templates", "/AlternatePresentations", "/Renditions")
PAGE_KEYS = ("/B",)           # article beads
CATALOG_SPEC = frozenset(
    "/Type /Version /Extensions /Pages /PageLabels /Names /Dests /ViewerPreferences /PageLayout /PageMode "
    "/Outlines /Threads /OpenAction /AA /URI /AcroForm /Metadata /StructTreeRoot /MarkInfo /Lang /SpiderInfo "
    "/OutputIntents /PieceInfo /OCProperties /Perms /Legal /Requirements /Collection /NeedsRendering /DSS /AF "
    "/DPartRoot".split())
PAGE_SPEC = frozenset(
    "/Type /Parent /LastModified /Resources /MediaBox /CropBox /BleedBox /TrimBox /ArtBox /BoxColorInfo "
    "/Contents /Rotate /Group /Thumb /B /Dur /Trans /Annots /AA /Metadata /PieceInfo /StructParents /ID /PZ "
    "/SeparationInfo /Tabs /TemplateInstantiated /PresSteps /UserUnit /VP /AF /OutputIntents /DPart".split())


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
    for key in unknown_keys(root, CATALOG_SPEC):
        yield root, key, f"catalog entry {key[1:]} (not a catalog key)"
    for number, page in enumerate(doc.pages, start=1):
        for key in PAGE_KEYS:
            if key in page.obj:
                yield page.obj, key, f"page {number} {key[1:]}"
        for key in unknown_keys(page.obj, PAGE_SPEC):
            yield page.obj, key, f"page {number} entry {key[1:]} (not a page key)"
    for obj in doc.dicts():
        for key in PRIVATE_KEYS:
            if key in obj:
                where = name_of(obj.get("/Type"))[1:] or name_of(obj.get("/Subtype"))[1:] or "object"
                yield obj, key, f"{where} {key[1:]}"


def unknown_keys(obj, spec) -> list[str]:
    return [key for key in obj.keys() if key not in spec]


# Text judged per private entry: an editor's private data can hold megabytes (Illustrator's
# /PieceInfo of a real file: 3.7 MB, 45 s of the identifier detectors); what is past the limit is
# removed unread, and said so.
READ_LIMIT = 256 * 1024


def scrub(doc, ctx) -> None:
    for owner, key, label in list(places(doc)):
        if key in owner:
            text = strings_under(owner[key])
            ctx.identifiers_in(text[:READ_LIMIT], f"private data ({label})")
            if len(text) > READ_LIMIT:      # removed whole all the same; `check` must not vouch for the rest
                ctx.add("private-data", "review", "removed", f"private application data ({label}) holds "
                        f"{len(text) // 1024} KB of text; only the first {READ_LIMIT // 1024} KB were read for "
                        "identifiers")
            del owner[key]
            severity = "info" if key == "/LastModified" else "review"
            ctx.add("private-data", severity, "removed", f"private application data removed: {label}")


def residue(doc, options) -> list[str]:
    return [label for _o, _k, label in places(doc)]
