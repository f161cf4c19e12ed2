"""Hiding place: names of slides, layouts, masters, themes, colour and font schemes, custom colours and
table styles.

None of these is shown in a slide show, yet each is free text the author (or a template) typed:
a slide named "Mrs Jones CT", a layout "Case 4857773456", a theme "Smith export", a custom colour
"J. Smith's red", a table style named after a patient. A name that identifies someone
(deck/leaks.py) is replaced by a neutral one of its kind ("Slide 3", "Layout 2", "Theme",
"Colour 1"...); PowerPoint's own and ordinary names stay, since only the identifier is at stake and
the names show in the layout gallery and the theme picker.
"""

from __future__ import annotations

from slidesan.deck.drawing import local, quote
from slidesan.deck.leaks import TEXT, TYPEFACE, finding_kind, leaks

PAGES = {"slide+xml": "Slide", "slideLayout+xml": "Layout", "slideMaster+xml": "Master",
         "notesMaster+xml": "Notes master", "handoutMaster+xml": "Handout master", "notesSlide+xml": "Notes"}
# Named elements of themes and table styles: (local name, attribute) -> neutral name.
NAMED = {("theme", "name"): "Theme", ("themeOverride", "name"): "Theme", ("clrScheme", "name"): "Colours",
         ("fontScheme", "name"): "Fonts", ("fmtScheme", "name"): "Effects", ("custClr", "name"): "Colour",
         ("themeFamily", "name"): "Theme", ("tblStyle", "styleName"): "Table style"}
NAMED_PARTS = ("theme+xml", "themeoverride+xml", "tablestyles+xml")


def page_kind(part) -> str | None:
    ct = part.content_type.lower()
    return next((label for suffix, label in PAGES.items() if ct.endswith(suffix.lower())), None)


def leaking(value: str, attr_owner: str) -> bool:
    """A font scheme is named after its fonts, so its name is judged as a typeface."""
    return bool(leaks(value, TYPEFACE if attr_owner == "fontScheme" else "text"))


def named(deck):
    """(part, element, attribute, neutral name) of every name that identifies someone."""
    counters: dict[str, int] = {}
    for part in deck.parts():
        label = page_kind(part)
        if label is not None:
            counters[label] = counters.get(label, 0) + 1
            node = next((el for el in deck.xml(part) if local(el.tag) == "cSld"), None)
            if node is not None and node.get("name") and leaking(node.get("name"), "cSld"):
                yield part, node, "name", f"{label} {counters[label]}"
        elif part.content_type.lower().endswith(NAMED_PARTS):
            for node in deck.xml(part).iter():
                key = (local(node.tag), "styleName" if local(node.tag) == "tblStyle" else "name")
                if key in NAMED and node.get(key[1]) and leaking(node.get(key[1]), key[0]):
                    yield part, node, key[1], NAMED[key]


def scrub(deck, ctx) -> None:
    for part, node, attr, neutral in list(named(deck)):
        old = node.get(attr)
        node.set(attr, neutral)
        ctx.add(*finding_kind(old, "page-name", TYPEFACE if local(node.tag) == "fontScheme" else TEXT), "renamed", f"{local(node.tag)} name renamed to \u201c{neutral}\u201d",
                text=quote(old, 200), slide=deck.slide_number(part), part=str(part.partname))


def residue(deck, options) -> list[str]:
    return [f"{part.partname}: {local(node.tag)} named \u201c{quote(node.get(attr), 60)}\u201d"
            for part, node, attr, _neutral in named(deck)]
