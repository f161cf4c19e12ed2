"""Hiding place: strings inside animations (p:strVal values, p:cmd commands, p:attrName).

An animation's timing tree holds free strings no slide shows: the value a p:set assigns
("visible", a colour), the command of a p:cmd ("playFrom(0.0)", a verb, anything a tool wrote), the
name of the property it animates. Where one of them identifies someone (deck/leaks.py), the time
node that holds it is removed (deck/timing.py), which keeps the timing tree valid.
"""

from __future__ import annotations

from slidesan.deck.drawing import DRAWING_TYPES, drawing_parts, local, quote
from slidesan.deck.leaks import finding_kind, leaks
from slidesan.deck.timing import remove_time_node

CARRIERS = {("strVal", "val"), ("cmd", "cmd"), ("attrName", None)}


def carried(deck):
    """(part, element, value) of every animation string that identifies someone."""
    for part in drawing_parts(deck, DRAWING_TYPES):
        root = deck.xml(part)
        timing = [el for el in root if local(el.tag) == "timing"]
        for node in (el for t in timing for el in t.iter()):
            name = local(node.tag)
            for element, attr in CARRIERS:
                if name != element:
                    continue
                value = node.get(attr) if attr else node.text
                if value and leaks(value):
                    yield part, node, value


def scrub(deck, ctx) -> None:
    for part, node, value in list(carried(deck)):
        if node.getroottree().getroot() is not deck.xml(part):
            continue                                   # went with an earlier time node
        remove_time_node(node)
        ctx.add(*finding_kind(value, "animation"), "removed", "animation step carrying an identifier removed",
                text=quote(value, 200), slide=deck.slide_number(part), part=str(part.partname))


def residue(deck, options) -> list[str]:
    return [f"{part.partname}: animation string \u201c{quote(value, 60)}\u201d" for part, _n, value in carried(deck)]
