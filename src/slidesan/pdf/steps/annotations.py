"""Hiding place: annotations: comments, their authors, pop-ups, markup, stamps, links to files.

A sticky note, a highlight's comment or a reply chain carries `/T` (the author's name), `/Contents`
and `/RC` (the remark, often about the patient), `/M` (when); a Link can point at a file on the
lecturer's disk (`/GoToR`, `/Launch`, `file:` URIs) or a web address with a query. All annotations
go except: form widgets (the form-fields step) and file attachments (the embedded-files step),
links inside the document, and plain web links (kept and listed, as in the deck cleaner).
A removed annotation is also emptied in place, since a structure tree can still reach it.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from slidesan.deck.leaks import URL, finding_kind
from slidesan.pdf.objects import annotation_text, gut, is_dict, keep_annotations, name_of, page_annotations, quote, text_of

OTHER_STEPS = ("/Widget", "/FileAttachment")
INTERNAL_ACTIONS = ("/GoTo",)


def link_target(annot) -> tuple[str, str]:
    """(kind, target) of a Link: ("internal", ""), ("web", url) or ("other", description)."""
    action = annot.get("/A")
    if not is_dict(action):
        return ("internal", "") if "/Dest" in annot else ("other", "link without an action")
    kind = name_of(action.get("/S"))
    if kind in INTERNAL_ACTIONS:
        return "internal", ""
    if kind == "/URI":
        url = text_of(action.get("/URI"))
        parts = urlsplit(url)
        if parts.scheme.lower() in ("http", "https") and not parts.query and not parts.username:
            return "web", url
        return "other", url
    return "other", f"{kind[1:] or 'unknown'} action {text_of(action.get('/F')) or ''}".strip()


def removable(annot) -> bool:
    subtype = name_of(annot.get("/Subtype"))
    if subtype in OTHER_STEPS:
        return False
    if subtype == "/Link":
        return link_target(annot)[0] == "other"
    return True


def scrub(doc, ctx) -> None:
    for number, page in enumerate(doc.pages, start=1):
        for annot in page_annotations(page):
            if name_of(annot.get("/Subtype")) == "/Link":
                kind, url = link_target(annot)
                if kind == "web":
                    ctx.add("hyperlink", "info", "kept", "web link kept", text=url, slide=number)
                    flag_identifiers(ctx, url, number)
        for annot in keep_annotations(page, lambda a: not removable(a)):
            report(ctx, annot, number)
            gut(annot)


def report(ctx, annot, number: int) -> None:
    subtype = name_of(annot.get("/Subtype"))[1:] or "unknown"
    text = annotation_text(annot)
    if subtype == "Link":
        text = link_target(annot)[1]
        ctx.identifiers_in(text, "a link", slide=number)
        # an address is read as its words (the deck's judgement): `?mrn=RX1234567&name=Smith` names a patient
        category, severity = finding_kind(text, "hyperlink", URL)
        ctx.add(category if severity == "high" else "hyperlink", "high", "removed",
                "link to a file or a non-plain address removed", text=quote(text), slide=number)
        return
    if text:
        ctx.identifiers_in(text, f"a {subtype} annotation", slide=number)
    author = text_of(annot.get("/T"))
    ctx.add("comment", "high" if author or text else "info", "removed",
            f"{subtype} annotation removed" + (f" (author {author})" if author else ""),
            text=quote(text) or None, slide=number)


def flag_identifiers(ctx, text: str, number: int) -> None:
    """A kept web address still says what it says: identifiers in it stay flagged."""
    from slidesan.scan.identifiers import find_identifiers
    from slidesan.scan.identifiers.match import text_severity

    parts = urlsplit(text)
    words = " ".join(w for w in re.split(r"[/_\-.+=&%]+", parts.path + " " + parts.fragment) if w)
    for match in find_identifiers(words, source="text"):
        if match.category not in ("other-text", "url"):
            severity, label = text_severity(match)
            ctx.add(match.category, severity, "flagged", f"{label} in a kept web link", text=match.text, slide=number)


def residue(doc, options) -> list[str]:
    found = []
    for number, page in enumerate(doc.pages, start=1):
        for annot in page_annotations(page):
            if removable(annot):
                found.append(f"page {number}: {name_of(annot.get('/Subtype'))[1:] or 'untyped'} annotation")
    for obj in doc.dicts():
        if name_of(obj.get("/Type")) == "/Annot" and removable(obj) and annotation_text(obj):
            found.append(f"a {name_of(obj.get('/Subtype'))[1:]} annotation reachable outside the pages")
    return found
