"""Hiding place: interactive form fields (/AcroForm with its widgets, values and XFA data).

A handout made from a form, or a template someone filled in, keeps each field's value (`/V`,
`/DV`), its appearance (which draws the value) and, in XFA forms, a whole XML data packet. The
form is removed with its widget annotations; what the fields held is reported first. The page
content under the fields (labels, boxes drawn in the page) stays.
"""

from __future__ import annotations

import pikepdf

from slidesan.pdf.objects import annotation_text, gut, is_dict, keep_annotations, name_of, page_annotations, quote, text_of

MAX_FIELDS = 100_000


def widget(annot) -> bool:
    return name_of(annot.get("/Subtype")) == "/Widget"


def field_values(acroform) -> list[tuple[str, str]]:
    """(field name, value) of every field with a value, walking /Kids iteratively."""
    out = []
    stack = list(acroform.get("/Fields") or []) if isinstance(acroform.get("/Fields"), pikepdf.Array) else []
    seen = set()
    while stack and len(seen) < MAX_FIELDS:
        field = stack.pop()
        if not is_dict(field) or (field.is_indirect and field.objgen in seen):
            continue
        if field.is_indirect:
            seen.add(field.objgen)
        value = text_of(field.get("/V")) or text_of(field.get("/DV"))
        if value and value not in ("Off",):
            out.append((text_of(field.get("/T")) or "unnamed", value))
        kids = field.get("/Kids")
        if isinstance(kids, pikepdf.Array):
            stack.extend(kids)
    return out


def scrub(doc, ctx) -> None:
    root = doc.pdf.Root
    acroform = root.get("/AcroForm")
    if is_dict(acroform):
        for name, value in field_values(acroform):
            ctx.identifiers_in(value, f"form field {name}")
            ctx.add("form-field", "high", "removed", f"value of form field {quote(name, 60)} removed",
                    text=quote(value))
        if "/XFA" in acroform:
            ctx.add("form-field", "high", "removed", "XFA form data removed")
        ctx.add("form-field", "info", "removed", "interactive form removed (page content kept)")
    if "/AcroForm" in root:
        del root["/AcroForm"]
    for number, page in enumerate(doc.pages, start=1):
        for annot in keep_annotations(page, lambda a: not widget(a)):
            ctx.identifiers_in(annotation_text(annot), "a form field (its name, tooltip or appearance)", slide=number)
            gut(annot)
    for obj in list(doc.dicts()):             # fields reachable only through a structure tree
        if "/FT" in obj and ("/V" in obj or "/DV" in obj):
            gut(obj)


def residue(doc, options) -> list[str]:
    found = ["/AcroForm is still there"] if "/AcroForm" in doc.pdf.Root else []
    for number, page in enumerate(doc.pages, start=1):
        found += [f"page {number}: form widget" for a in page_annotations(page) if widget(a)]
    found += ["a form field with a value" for obj in doc.dicts() if "/FT" in obj and ("/V" in obj or "/DV" in obj)]
    return found
