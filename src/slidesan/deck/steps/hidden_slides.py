"""Hiding place: hidden slides (p:sld@show="0").

A hidden slide is skipped in the slide show but shared with the file: the "answer" slide with
the unredacted key image, the patient list kept "for later". By default it is removed from the
deck: its p:sldId and relationship go, and so does every other reference that would keep it in
the package or point into nothing: custom-show entries, section entries, hyperlinks from other
slides that jump to it, and Slide Zoom or Summary Zoom objects that show it (a zoom's picture is a
picture of the removed slide, so the whole zoom goes, not just its link). With options.keep_hidden_slides it stays and is reported as kept.
When every slide is hidden, removing them would leave an empty deck; they are un-hidden instead
(so the scanner reads them as ordinary slides) and reported for review.
"""

from __future__ import annotations

from slidesan.deck.drawing import (
    DRAWING_TYPES,
    SLIDE_TYPES,
    P,
    drawing_parts,
    remove_shape,
    drop_unused_rels,
    enclosing_or_self,
    local,
    quote,
    referenced_rids,
    rel_attrs,
    shape_text,
)
from slidesan.deck.package import NS

P14 = NS["p14"]
R_ID = f"{{{NS['r']}}}id"


def is_hidden(root) -> bool:
    return root.get("show") in ("0", "false")


def slide_entries(deck):
    """(position, p:sldId element, rId, slide part) in presentation order."""
    prs = deck.presentation_part
    lst = deck.xml(prs).find(f"{{{P}}}sldIdLst")
    if lst is None:
        return
    for position, sld_id in enumerate(list(lst), start=1):
        rid = sld_id.get(R_ID)
        rel = prs.rels[rid] if rid in prs.rels else None
        if rel is None or rel.is_external:
            continue
        yield position, sld_id, rid, rel._target


def slide_title(deck, slide_part) -> str:
    root = deck.xml(slide_part)
    for sp in root.iter(f"{{{P}}}sp"):
        ph = sp.find(f"{{{P}}}nvSpPr/{{{P}}}nvPr/{{{P}}}ph")
        if ph is not None and ph.get("type") in ("title", "ctrTitle"):
            text = shape_text(sp)
            if text:
                return quote(text)
    return quote(shape_text(root)) if shape_text(root) else ""


def forget_in_presentation(deck, sld_id, rid) -> None:
    """Drop the slide's entries in the slide list, custom shows and sections."""
    root = deck.xml(deck.presentation_part)
    sld_id.getparent().remove(sld_id)
    for entry in root.iter(f"{{{P}}}sld"):
        if entry.get(R_ID) == rid and local(entry.getparent().tag) == "sldLst":
            entry.getparent().remove(entry)
    numeric_id = sld_id.get("id")
    for entry in root.iter(f"{{{P14}}}sldId"):
        if entry.get("id") == numeric_id:
            entry.getparent().remove(entry)


def unlink_from_other_parts(deck, slide_part) -> int:
    """Remove hyperlinks (and any other use) pointing at the removed slide, then the relationships."""
    removed = 0
    sources = [(part, rid) for part in deck.parts() for rid, rel in list(part.rels.items())
               if not rel.is_external and rel._target is slide_part]
    for source, rid in sources:
        orphans = set()
        if source.content_type in DRAWING_TYPES:
            root = deck.xml(source)
            for node, _name, value in list(rel_attrs(root)):
                if value != rid or node.getparent() is None:
                    continue
                target = node if local(node.tag).startswith("hlink") else enclosing_or_self(node)
                if target.getparent() is not None:
                    orphans |= referenced_rids(target)
                    target.getparent().remove(target)
                    removed += 1
        deck.drop_rel(source, rid)
        drop_unused_rels(deck, source, orphans - {rid})
    return removed


def remove_zooms(deck, numeric_id: str) -> int:
    """Remove every zoom object (pslz:sldZmObj, psuz:summaryZmObj...) showing slide `numeric_id`,
    with its mc:AlternateContent wrapper and the relationships only it used."""
    removed = 0
    for part in drawing_parts(deck, SLIDE_TYPES):
        root = deck.xml(part)
        zooms = [el for el in root.iter() if local(el.tag).endswith("ZmObj") and el.get("sldId") == numeric_id]
        candidates = set()
        for zoom in zooms:
            if zoom.getroottree().getroot() is not root:
                continue                                       # went with an earlier zoom
            gone = remove_shape(enclosing_or_self(zoom))
            if gone is not None:
                candidates |= referenced_rids(gone)
                removed += 1
        drop_unused_rels(deck, part, candidates)
    return removed


def unhide_all(deck, ctx, entries) -> None:
    """Every slide is hidden: removing them would leave an empty deck, so show them instead and
    ask for a look (the scanner then reads them as visible slides)."""
    for *_rest, slide_part in entries:
        deck.xml(slide_part).attrib.pop("show", None)
    titles = [slide_title(deck, part) for *_rest, part in entries]
    ctx.add("hidden-slide", "review", "kept",
            f"all {len(entries)} slide(s) were hidden; kept and un-hidden rather than leave an empty deck",
            text=quote(" / ".join(t for t in titles if t)) or None)


def scrub(deck, ctx) -> None:
    keep = ctx.options.keep_hidden_slides
    prs = deck.presentation_part
    entries = list(slide_entries(deck))
    if not keep and entries and all(is_hidden(deck.xml(part)) for *_rest, part in entries):
        unhide_all(deck, ctx, entries)
        return
    for position, sld_id, rid, slide_part in entries:
        if not is_hidden(deck.xml(slide_part)):
            continue
        title = slide_title(deck, slide_part)
        label = f"hidden slide {position}" + (f" \u201c{title}\u201d" if title else "")
        where = {"slide": position, "part": str(slide_part.partname)}
        if keep:
            ctx.add("hidden-slide", "info", "kept", f"{label} kept (keep_hidden_slides)", text=title or None, **where)
            continue
        forget_in_presentation(deck, sld_id, rid)
        deck.drop_rel(prs, rid)
        links = remove_zooms(deck, sld_id.get("id") or "") + unlink_from_other_parts(deck, slide_part)
        extra = f"; {links} link(s) to it from other slides removed" if links else ""
        ctx.add("hidden-slide", "info", "removed", f"{label} removed{extra}", text=title or None, **where)
        ctx.identifiers_in(shape_text(deck.xml(slide_part)), "a hidden slide (removed with it)", **where)


def dangling_zooms(deck) -> list[str]:
    """Zoom objects showing a slide that is not in the slide list."""
    lst = deck.xml(deck.presentation_part).find(f"{{{P}}}sldIdLst")
    listed = {el.get("id") for el in lst} if lst is not None else set()
    return [f"{part.partname}: zoom of slide id {el.get('sldId')}, which is not in the deck"
            for part in drawing_parts(deck, SLIDE_TYPES) for el in deck.xml(part).iter()
            if local(el.tag).endswith("ZmObj") and el.get("sldId") and el.get("sldId") not in listed]


def residue(deck, options) -> list[str]:
    found = dangling_zooms(deck)
    if options.keep_hidden_slides:
        return found
    return found + [f"slide {position} ({slide_part.partname}) is hidden"
                    for position, _sld, _rid, slide_part in slide_entries(deck) if is_hidden(deck.xml(slide_part))]
