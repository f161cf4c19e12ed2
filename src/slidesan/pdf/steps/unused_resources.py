"""Hiding place: resources a page lists but never draws (a form XObject, a picture).

A page's resource dictionary can name objects its content never uses: an earlier version of a
figure, a form holding the text of a slide that was cut, a picture replaced by its cropped copy.
No viewer draws them and the writer would drop them silently (PdfDoc.save asks qpdf to remove
unreferenced resources). This step drops them first, so the report says so, and reads what a
dropped form's text operators said, so `check` rates the input by what it held. (A dropped
picture is not read: it is gone from the output either way.)
"""

from __future__ import annotations

import pikepdf

from slidesan.pdf.content import inherited_resources
from slidesan.pdf.objects import name_of, strings_under

TEXT_OPERATORS = ("Tj", "TJ", "'", '"')


def listed_objects(doc) -> dict[tuple[int, int], pikepdf.Stream]:
    """Every XObject listed in a page's resources or, through them, in a form's, by object number."""
    out: dict[tuple[int, int], pikepdf.Stream] = {}
    stack = [page.obj.get("/Resources") or inherited_resources(page.obj) for page in doc.pages]
    while stack:
        resources = stack.pop()
        xobjects = resources.get("/XObject") if isinstance(resources, pikepdf.Dictionary) else None
        if not isinstance(xobjects, pikepdf.Dictionary):
            continue
        for _name, stream in xobjects.items():
            if isinstance(stream, pikepdf.Stream) and stream.is_indirect and stream.objgen not in out:
                out[stream.objgen] = stream
                stack.append(stream.get("/Resources"))
    return out


def scrub(doc, ctx) -> None:
    before = listed_objects(doc)
    try:
        doc.pdf.remove_unreferenced_resources()
    except pikepdf.PdfError:
        return                       # the writer tries again; what it drops then goes unreported
    dropped = [before[key] for key in before.keys() - listed_objects(doc).keys()]
    forms = [stream for stream in dropped if name_of(stream.get("/Subtype")) == "/Form"]
    said = " ".join(shown_strings(form) for form in forms)
    if said.strip():
        ctx.identifiers_in(said, "a form XObject no page draws")
    for stream in dropped:          # its own dictionary's strings (a key no step knows) rate the input too
        ctx.identifiers_in(strings_under(stream.stream_dict), "a resource no page draws (removed)")
    if dropped:
        ctx.add("unused-resource", "review" if said.strip() else "info", "removed",
                f"{len(dropped)} resource(s) no page draws removed ({len(forms)} form(s), "
                f"{len(dropped) - len(forms)} picture(s))", text=said[:300] or None)


def residue(doc, options) -> list[str]:
    return []                        # the writer keeps only what is drawn (PdfDoc.save)


def shown_strings(form: pikepdf.Stream) -> str:
    """The text a form's text operators would show, as far as its string bytes read as Latin-1."""
    try:
        instructions = pikepdf.parse_content_stream(form)
    except (pikepdf.PdfError, RuntimeError, ValueError, TypeError):
        return ""
    out = []
    for item in instructions:
        if str(getattr(item, "operator", "")) not in TEXT_OPERATORS:
            continue
        for operand in item.operands:
            parts = operand if isinstance(operand, pikepdf.Array) else [operand]
            out.append("".join(bytes(p).decode("latin-1") for p in parts if isinstance(p, pikepdf.String)))
    return " ".join(out)
