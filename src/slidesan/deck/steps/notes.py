"""Hiding place: speaker notes.

Notes are where lecturers write the history ("Mr Smith, 54, seen in A&E on ..."), and they
travel with the deck although the audience never sees them. By default each slide's
relationship to its notes page is dropped, so the notes page (and the pictures only it uses)
is not written. The notes master stays (presentation.xml points at it); the
layout-placeholders step empties its header and footer text.

With options.keep_notes the notes stay and are reported as kept, so that the scanner and a
person can read them.
"""

from __future__ import annotations

from slidesan.deck.drawing import P, quote, shape_text
from slidesan.deck.relcut import type_is



def is_notes(rel) -> bool:
    """A relationship to a notes page, by its type or, whatever a producer called it, by the target's
    content type."""
    return not rel.is_external and (type_is(rel.reltype, "relationships/notesSlide")
                                    or rel._target.content_type.lower().endswith("notesslide+xml"))


def notes_rels(deck):
    """(slide number, source part, rId, notes part) for every relationship that reaches a notes page
    (from its slide, or from anywhere else a producer related it)."""
    numbers = {id(slide): n for n, slide in enumerate(deck.slide_parts(), start=1)}
    for source in deck.parts():
        if source.content_type.lower().endswith("notesslide+xml"):
            continue                          # a notes page's own relationships (its slide, its master)
        for rid, rel in list(source.rels.items()):
            if is_notes(rel):
                yield numbers.get(id(source)), source, rid, rel._target


def notes_text(deck, notes_part) -> str:
    """What the speaker typed: the body placeholder(s), else all text that is not a slide number."""
    root = deck.xml(notes_part)
    texts = []
    for sp in root.iter(f"{{{P}}}sp"):
        ph = sp.find(f"{{{P}}}nvSpPr/{{{P}}}nvPr/{{{P}}}ph")
        kind = None if ph is None else ph.get("type", "body" if ph.get("idx") else "obj")
        if kind in ("sldNum", "sldImg"):
            continue
        text = shape_text(sp)
        if text:
            texts.append(text)
    return " / ".join(texts)


def scrub(deck, ctx) -> None:
    keep = ctx.options.keep_notes
    empty = 0
    for number, slide, rid, notes_part in list(notes_rels(deck)):
        text = notes_text(deck, notes_part)
        where = {"slide": number, "part": str(notes_part.partname)}
        label = f"slide {number}" if number else str(notes_part.partname)
        if keep:
            if text:
                ctx.add("notes", "info", "kept", f"speaker notes of {label} kept (keep_notes)",
                        text=quote(text), **where)
            continue
        deck.drop_rel(slide, rid)
        if text:
            ctx.add("notes", "info", "removed", f"speaker notes of {label} removed",
                    text=quote(text), **where)
            ctx.identifiers_in(text, "speaker notes (removed with them)", **where)
        else:
            empty += 1
    if empty:
        ctx.add("notes", "info", "removed", f"{empty} empty notes page(s) removed")


def residue(deck, options) -> list[str]:
    if options.keep_notes:
        return []
    return [f"{source.partname} still relates to a notes page ({notes_part.partname})"
            for _number, source, _rid, notes_part in notes_rels(deck)]
