"""Hiding place: section names and custom-show names in presentation.xml.

Lecturers organise teaching decks by case ("Mrs Jones 14/03", "Case 4857773456"), and the
names of sections (p14:sectionLst in the presentation's extLst) and custom shows
(p:custShowLst) keep those labels although no slide displays them. Until the scanner's
identifier detection can tell a case label from a generic heading, every section is renamed
"Section N" and every custom show "Custom show N" (N = position), and the old names are reported
(info, quoted) so the author can rename them by hand. Making this selective later only needs a
predicate in `needs_rename`.
"""

from __future__ import annotations


from slidesan.deck.drawing import P
from slidesan.deck.package import NS

P14 = NS["p14"]


def named_things(deck):
    """(kind, element, position, wanted name) for every section and custom show."""
    root = deck.xml(deck.presentation_part)
    for position, section in enumerate(root.iter(f"{{{P14}}}section"), start=1):
        yield "section", section, f"Section {position}"
    for position, show in enumerate(root.iter(f"{{{P}}}custShow"), start=1):
        yield "custom show", show, f"Custom show {position}"


def needs_rename(element, wanted: str) -> bool:
    return element.get("name") != wanted


def scrub(deck, ctx) -> None:
    for kind, element, wanted in list(named_things(deck)):
        if not needs_rename(element, wanted):
            continue
        old = element.get("name", "")
        element.set("name", wanted)
        part = str(deck.presentation_part.partname)
        ctx.add("section-name", "info", "renamed", f"{kind} renamed to \u201c{wanted}\u201d", text=old or None, part=part)
        ctx.identifiers_in(old, f"a {kind} name (renamed)", part=part)   # `check` rates the deck by what it holds


def residue(deck, options) -> list[str]:
    return [f"{kind} named \u201c{element.get('name', '')}\u201d" for kind, element, wanted in named_things(deck)
            if needs_rename(element, wanted)]
