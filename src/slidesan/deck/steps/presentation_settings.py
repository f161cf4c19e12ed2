"""Hiding place: presentation settings nobody reads (presProps.xml, presentation.xml's typography).

presProps.xml keeps the settings of "Save as Web Page": a publish title and the r:id of the file it
was published to (p:htmlPubPr), which names the author's folders and often the case. It is removed
with its relationship, so no r:id is left pointing at nothing. presentation.xml's p:kinsoku holds
two free strings (the characters East Asian line breaking may not start or end a line with); when
one of them identifies someone (deck/leaks.py) the element goes and line breaking uses its defaults.
"""

from __future__ import annotations

from slidesan.deck.drawing import drop_unused_rels, local, quote, referenced_rids
from slidesan.deck.leaks import category_of, leaks
from slidesan.report.model import HIGH, INFO


def settings_parts(deck):
    return [p for p in deck.parts() if p.content_type.lower().endswith(("presprops+xml", "presentation.main+xml"))
            or p is deck.presentation_part]


def removable(deck):
    """(part, element, why, what it said) of every setting to remove."""
    for part in settings_parts(deck):
        for node in deck.xml(part):
            name = local(node.tag)
            if name == "htmlPubPr":
                said = "; ".join(v for v in node.attrib.values() if v)
                yield part, node, "web publishing settings (title and target)", said
            elif name == "kinsoku":
                said = " ".join(v for v in node.attrib.values() if v)
                if any(leaks(v) for v in node.attrib.values()):
                    yield part, node, "line-breaking characters holding an identifier", said


def scrub(deck, ctx) -> None:
    for part, node, why, said in list(removable(deck)):
        rids = referenced_rids(node)
        node.getparent().remove(node)
        drop_unused_rels(deck, part, rids)
        ctx.add(category_of(said, "presentation-settings"), HIGH if leaks(said) else INFO, "removed", f"{why} removed",
                text=quote(said, 200) or None, part=str(part.partname))


def residue(deck, options) -> list[str]:
    return [f"{part.partname}: {why}" for part, _node, why, _said in removable(deck)]
