"""Hiding place: text that is drawn but cannot be seen.

An OCR layer of a scanned page (text render mode 3), white text on a white page, text at zero
size, text drawn under a picture or an opaque rectangle painted later (the classic failed
redaction: a black box drawn over text that is still there), text clipped away or off the page: none of it is
seen, all of it is extracted, searched and copied. Each such glyph is removed from its content
stream (replaced by its advance, so the visible glyphs after it stay put); what it said is taken
from PDFium's extraction of the same boxes and searched for identifiers first.
"""

from __future__ import annotations

from slidesan.pdf.content import Interpreter
from slidesan.pdf.geometry import inside
from slidesan.pdf.objects import quote
from slidesan.pdf.rewrite import Edits, without_glyphs


def hidden_glyphs(page) -> list[tuple[object, list]]:
    """(run, glyphs to drop) for every text run on a page with glyphs nobody can see."""
    covers = [(order, box) for order, box, _white in page.paints if is_image(page, order)]
    shapes = page.covers
    out = []
    for run in page.texts:
        for glyph in run.glyphs:
            if run.reason:
                glyph.hidden_by = run.reason
            elif glyph.hidden_by:
                continue
            elif any(order > run.order and inside(glyph.box, box, 0.0) for order, box in covers):
                glyph.hidden_by = "under a picture drawn over it"
            elif any(order > run.order and inside(glyph.box, box, 0.0) for order, box in shapes):
                glyph.hidden_by = "under an opaque shape painted over it (a box drawn over text hides nothing)"
        dropped = [g for g in run.glyphs if g.hidden_by]
        if dropped:
            out.append((run, dropped))
    return out


def is_image(page, order: int) -> bool:
    return any(use.order == order for use in page.images)


def scrub(doc, ctx) -> None:
    interpreter = Interpreter(doc)
    edits = Edits(interpreter)
    texts = None
    for page in interpreter.pages():
        for problem in page.problems:
            ctx.add("pdf-content", "review", "not-inspected", problem, slide=page.number)
        found = hidden_glyphs(page)
        if not found:
            continue
        if texts is None:
            texts = page_texts_of(doc)
        reasons = {}
        for run, dropped in found:
            edits.replace(run.container, run.index, without_glyphs(run, lambda g: bool(g.hidden_by)))
            for glyph in dropped:
                reasons.setdefault(glyph.hidden_by, []).append(glyph.box)
        for reason, boxes in reasons.items():
            said = texts[page.number - 1].text_in(boxes) if page.number <= len(texts) else ""
            ctx.identifiers_in(said, f"invisible text ({reason})", slide=page.number)
            ctx.add("invisible-text", "review", "removed", f"{len(boxes)} glyph(s) of text {reason} removed",
                    text=quote(said) or None, slide=page.number)
    edits.apply(doc)


def page_texts_of(doc) -> list:
    from slidesan.pdf.text import page_texts

    try:
        return page_texts(doc.to_bytes())
    except Exception:          # PDFium cannot read it: the glyphs still go, only unquoted
        return []


def residue(doc, options) -> list[str]:
    found = []
    for page in Interpreter(doc).pages():
        for run, dropped in hidden_glyphs(page):
            found.append(f"page {page.number}: {len(dropped)} glyph(s) {dropped[0].hidden_by}")
    return found
