"""Hiding place: the package thumbnail (docProps/thumbnail.jpeg).

PowerPoint stores a small picture of slide 1 as it was when the file was first saved with
"Save preview picture" on, and does not always refresh it. It can show the uncropped image,
a name band later covered, or a slide that was since deleted; file browsers display it without
opening the deck. It is dropped with its package relationship (nothing in the XML names it).
"""

from __future__ import annotations

from slidesan.deck.relcut import cut, rels_of_type

THUMBNAIL = ("relationships/metadata/thumbnail",)


def scrub(deck, ctx) -> None:
    for source, rid, rel in rels_of_type(deck, *THUMBNAIL):
        part = None if rel.is_external else rel._target
        size = len(part.blob) if part is not None else 0
        cut(deck, source, rid)
        ctx.add("thumbnail", "high", "removed",
                "package thumbnail removed (a picture of slide 1 as first saved, possibly before edits)",
                part=str(part.partname) if part is not None else rel.target_ref,
                text=f"{size} bytes" if size else None)


def residue(deck, options) -> list[str]:
    return [f"thumbnail {rel.target_ref} is still related" for _s, _r, rel in rels_of_type(deck, *THUMBNAIL)]
