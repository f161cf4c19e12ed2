"""Hiding place: hidden shapes and shapes parked off the page.

"Hide" in the selection pane (p:cNvPr@hidden="1") and dragging a shape off the slide both
make content invisible in the show while keeping every byte in the file: the original of a
picture that was replaced, a text box with the patient's name, an OLE object. Both are removed,
on slides, layouts, masters, the notes master, the handout master and (kept) notes pages, at
any group depth. A removed shape's relationships (picture, chart, OLE object, hyperlink) are
dropped too once nothing else in the part uses them, so the target part is not written.

Design decision: *placeholders* on layouts and masters are kept even when hidden or off the
page, because slides inherit position and formatting from them and removing one would move
visible content on every slide using it. Their text is emptied by the layout-placeholders step.
Every other hidden shape on a master or layout is removed: masters hide real content too
(poi_bug65228 keeps a think-cell OLE object as a hidden shape on its master).
"""

from __future__ import annotations

from slidesan.deck.drawing import (
    LAYOUT_MASTER_TYPES,
    NOTES_TYPES,
    P,
    SLIDE_TYPES,
    child_shapes,
    cnvpr,
    drawing_parts,
    drop_unused_rels,
    local,
    referenced_rids,
    remove_shape,
    shape_text,
)
from slidesan.deck.geometry import in_rotated_group, page_size, shape_frame, shape_label, wholly_outside

PAGE_TYPES = SLIDE_TYPES + LAYOUT_MASTER_TYPES + NOTES_TYPES
KIND = {"pic": "picture", "graphicFrame": "object", "grpSp": "group", "cxnSp": "connector",
        "contentPart": "ink", "sp": "shape"}


def is_placeholder(shape) -> bool:
    return any(local(nv.tag).startswith("nv") and nv.find(f"{{{P}}}nvPr/{{{P}}}ph") is not None for nv in shape)


def why_invisible(deck, part, shape, page) -> str | None:
    """'hidden', 'off-page' or None for a shape that is shown."""
    if part.content_type in LAYOUT_MASTER_TYPES and is_placeholder(shape):
        return None
    props = cnvpr(shape)
    if props is not None and props.get("hidden") in ("1", "true"):
        return "hidden"
    if in_rotated_group(shape):
        return None
    frame = shape_frame(deck, part, shape)
    if frame is not None and wholly_outside(frame, page):
        return "off-page"
    return None


def invisible_shapes(deck, part):
    """(shape, reason) for every outermost invisible shape of the part (members of a removed
    group are not listed separately)."""
    root = deck.xml(part)
    tree = root.find(f".//{{{P}}}spTree")
    if tree is None:
        return []
    page = page_size(deck, part)
    found, stack = [], list(child_shapes(tree))
    while stack:
        shape = stack.pop(0)
        reason = why_invisible(deck, part, shape, page)
        if reason:
            found.append((shape, reason))
        elif local(shape.tag) == "grpSp":
            stack[0:0] = list(child_shapes(shape))
    return found


def describe(shape, reason: str) -> str:
    kind = KIND.get(local(shape.tag), "shape")
    where = "hidden" if reason == "hidden" else "wholly off the page"
    return f"{where} {kind} {shape_label(shape)}"


def scrub(deck, ctx) -> None:
    for part in drawing_parts(deck, PAGE_TYPES):
        found = invisible_shapes(deck, part)
        if not found:
            continue
        candidates = set()
        for shape, reason in found:
            text = shape_text(shape, limit=80) or None
            message = describe(shape, reason) + " removed"
            removed = remove_shape(shape)
            if removed is None:
                continue
            candidates |= referenced_rids(removed)
            ctx.add("hidden-shape", "info", "removed", message, text=text, slide=deck.slide_number(part),
                    part=str(part.partname), shape=shape_label(shape))
        drop_unused_rels(deck, part, candidates)


def residue(deck, options) -> list[str]:
    return [f"{part.partname}: {describe(shape, reason)}"
            for part in drawing_parts(deck, PAGE_TYPES) for shape, reason in invisible_shapes(deck, part)]
