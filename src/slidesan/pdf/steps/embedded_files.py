"""Hiding place: embedded files: /Names/EmbeddedFiles, file attachment annotations, associated
files (/AF, PDF 2.0) and portfolios (/Collection).

Whole files travel inside the handout: the source .pptx with its notes and uncropped pictures, a
spreadsheet of cases. None of them is cleaned here (a nested file would need its own cleaner), so
they are removed and named in the report.
"""

from __future__ import annotations

from slidesan.pdf.objects import (annotation_text, gut, is_dict, keep_annotations, name_of, name_tree_keys,
                                  page_annotations, quote, remove_name_tree, strings_under, text_of)


def attachment(annot) -> bool:
    return name_of(annot.get("/Subtype")) == "/FileAttachment"


def spec_name(spec) -> str:
    if not is_dict(spec):
        return text_of(spec)
    return text_of(spec.get("/UF")) or text_of(spec.get("/F")) or "unnamed file"


def scrub(doc, ctx) -> None:
    root = doc.pdf.Root
    for name in remove_name_tree(root, "/EmbeddedFiles"):
        ctx.identifiers_in(name, "an embedded file's name")
        ctx.add("embedded-file", "high", "removed", "embedded file removed", text=quote(name))
    for key in ("/Collection", "/AF"):
        if key in root:
            del root[key]
            ctx.add("embedded-file", "high", "removed", f"document {key[1:]} (associated files) removed")
    for number, page in enumerate(doc.pages, start=1):
        if "/AF" in page.obj:
            del page.obj["/AF"]
            ctx.add("embedded-file", "high", "removed", "page associated files removed", slide=number)
        for annot in keep_annotations(page, lambda a: not attachment(a)):
            name = spec_name(annot.get("/FS"))
            text = annotation_text(annot)
            # the file specification's and the embedded stream's own dictionaries (not the file's bytes)
            said = strings_under(annot.get("/FS"), streams=False) if annot.get("/FS") is not None else ""
            ctx.identifiers_in(f"{name} | {text} | {said}", "a file attachment", slide=number)
            ctx.add("embedded-file", "high", "removed", "file attachment annotation removed",
                    text=quote(f"{name}: {text}" if text else name), slide=number)
            gut(annot)
    stray = list(embedded_anywhere(doc))
    for obj in stray:
        gut(obj)
    if stray:
        ctx.add("embedded-file", "high", "removed", f"{len(stray)} other embedded file reference(s) emptied")


def residue(doc, options) -> list[str]:
    root = doc.pdf.Root
    found = ["/Names/EmbeddedFiles is still there"] if name_tree_keys(root, "/EmbeddedFiles") else []
    found += [f"catalog {k} is still there" for k in ("/Collection", "/AF") if k in root]
    for number, page in enumerate(doc.pages, start=1):
        if "/AF" in page.obj:
            found.append(f"page {number}: /AF")
        found += [f"page {number}: file attachment" for a in page_annotations(page) if attachment(a)]
    if any(True for _ in embedded_anywhere(doc)):
        found.append("an embedded file is still reachable")
    return found


def embedded_anywhere(doc):
    """File specifications with embedded streams, and the streams, wherever else they hang (a
    GoToE action, a rich-media annotation, a private key)."""
    for obj in doc.dicts():
        if "/EF" in obj or name_of(obj.get("/Type")) == "/EmbeddedFile":
            yield obj
