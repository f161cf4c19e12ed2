"""Hiding place: the free-text attributes of SmartArt points (dgm:prSet in ppt/diagrams/data*.xml).

A SmartArt data model keeps, beside the text a node shows (read by the scan), a placeholder prompt
per node (phldrT, shown only while editing an empty node) and the names that bind a node to its
layout (presName, presStyleLbl). A tool can write anything there. An attribute among these that
identifies someone (deck/leaks.py) is removed: PowerPoint falls back to its default prompt and
re-binds the node from the layout the next time the diagram is edited; the drawn copy is unchanged.
"""

from __future__ import annotations

from slidesan.deck.drawing import local, quote
from slidesan.deck.leaks import finding_kind, leaks

FREE_TEXT = ("phldrT", "presName", "presStyleLbl")


def carriers(deck):
    for part in deck.parts():
        if not part.content_type.lower().endswith("diagramdata+xml"):
            continue
        for node in deck.xml(part).iter():
            if local(node.tag) != "prSet":
                continue
            for attr in FREE_TEXT:
                value = node.get(attr)
                if value and leaks(value):
                    yield part, node, attr, value


def scrub(deck, ctx) -> None:
    for part, node, attr, value in list(carriers(deck)):
        node.attrib.pop(attr)
        ctx.add(*finding_kind(value, "diagram-data"), "removed", f"SmartArt {attr} holding an identifier removed",
                text=quote(value, 200), slide=deck.slide_number(part), part=str(part.partname))


def residue(deck, options) -> list[str]:
    return [f"{part.partname}: SmartArt {attr} \u201c{quote(value, 60)}\u201d" for part, _n, attr, value in carriers(deck)]
