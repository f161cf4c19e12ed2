"""Hiding place: typeface names (a:latin, a:ea, a:cs, a:sym, a:buFont, theme fonts, embedded-font entries).

A typeface attribute is free text: a font that does not exist renders in a fallback font, so a
tool can write a patient's name or number there and nothing looks wrong. Real font names never
identify anyone (font words are allowed: deck/leaks.py judges a typeface as a typeface), so a
typeface that does is replaced by the theme's font of the same script ("+mn-lt", "+mn-ea",
"+mn-cs"; inside a theme, which cannot refer to itself, by an empty name, which means the same), a
bullet or symbol font by Arial, and an embedded-font entry naming it is removed with its font parts.
"""

from __future__ import annotations

from slidesan.deck.drawing import local, quote
from slidesan.deck.leaks import TYPEFACE, finding_kind, leaks
from slidesan.deck.relcut import cut, xml_root

THEME_FONT = {"latin": "+mn-lt", "ea": "+mn-ea", "cs": "+mn-cs"}
PLAIN_FONT = {"sym": "Arial", "buFont": "Arial"}
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def leaking_typefaces(deck):
    """(part, element, value) of every typeface attribute that identifies someone."""
    for part in deck.parts():
        root = xml_root(deck, part)
        if root is None or part.content_type.lower().endswith("svg+xml"):
            continue
        for node in root.iter():
            value = node.get("typeface")
            if value and leaks(value, TYPEFACE):
                yield part, node, value


def replacement(part, node) -> str | None:
    """The neutral typeface for `node`, or None when the element itself goes (an embedded font entry)."""
    name = local(node.tag)
    if name == "font" and node.getparent() is not None and local(node.getparent().tag) == "embeddedFont":
        return None
    if part.content_type.lower().endswith(("theme+xml", "themeoverride+xml")):
        return ""
    return THEME_FONT.get(name) or PLAIN_FONT.get(name, "")


def scrub(deck, ctx) -> None:
    for part, node, value in list(leaking_typefaces(deck)):
        new = replacement(part, node)
        if new is None:
            entry = node.getparent()
            for child in list(entry):
                if child.get(R_ID):
                    cut(deck, part, child.get(R_ID))
            if entry.getparent() is not None:
                entry.getparent().remove(entry)
            what = "embedded font entry removed"
        else:
            node.set("typeface", new)
            what = f"typeface replaced by \u201c{new or 'the theme font'}\u201d"
        ctx.add(*finding_kind(value, "typeface", TYPEFACE), "replaced", f"typeface naming a person or number: {what}",
                text=quote(value, 200), slide=deck.slide_number(part), part=str(part.partname))


def residue(deck, options) -> list[str]:
    return [f"{part.partname}: typeface \u201c{quote(value, 60)}\u201d" for part, _n, value in leaking_typefaces(deck)]
