"""Hiding place: alt text and shape titles (cNvPr@descr, cNvPr@title).

PowerPoint fills alt text with the source path of an inserted picture
("C:\\Users\\jsmith\\Patients\\SMITH_JOHN\\CT_head.jpg"), and Office's automatic captions or bare
file stems ("IMG_0042", "MC900438451[1]") end up there too. Those are removed, on every shape of
every part that can hold shapes (slides, layouts, masters, notes, SmartArt, charts).
Descriptive alt text is kept for accessibility; the scanner reads it for identifiers later.

Severity is "high" when the path runs through a user or patient folder or carries an identifier
(a long number, SURNAME_FORENAME), otherwise "review".
"""

from __future__ import annotations

from slidesan.deck.drawing import drawing_parts, local, quote
from slidesan.deck.geometry import enclosing_shape, shape_label
from slidesan.deck.pathlike import is_file_reference, is_personal_path, looks_machine_made

ATTRIBUTES = ("descr", "title")


def should_remove(value: str) -> bool:
    return bool(value.strip()) and (is_file_reference(value) or looks_machine_made(value))


def offending(deck):
    """(part, cNvPr element, attribute, value) for every alt text or title to remove."""
    for part in drawing_parts(deck):
        for node in deck.xml(part).iter():
            if local(node.tag) != "cNvPr":
                continue
            for attr in ATTRIBUTES:
                value = node.get(attr)
                if value and should_remove(value):
                    yield part, node, attr, value


def scrub(deck, ctx) -> None:
    for part, node, attr, value in list(offending(deck)):
        del node.attrib[attr]
        severity = "high" if is_file_reference(value) and is_personal_path(value) else "review"
        kind = "alt text" if attr == "descr" else "shape title"
        what = "a file path" if is_file_reference(value) else "a machine-made label"
        shape = enclosing_shape(node)
        label = shape_label(shape) if shape is not None else node.get("name", "")
        ctx.add("alt-text", severity, "removed", f"{kind} holding {what} removed from {label}",
                text=quote(value, 200), slide=deck.slide_number(part), part=str(part.partname), shape=label)


def residue(deck, options) -> list[str]:
    return [f"{part.partname}: {attr}=\u201c{quote(value, 60)}\u201d" for part, _node, attr, value in offending(deck)]
