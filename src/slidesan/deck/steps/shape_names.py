"""Hiding place: shape names (cNvPr@name).

Inserting a picture names the shape after the file ("SMITH_JOHN_4857773456.jpg",
"IMG_0042.JPG", or a whole path); the name shows only in the selection pane but travels with the
deck. Names that are a path, a file name, carry an identifier-shaped token (a run of six or
more digits, SURNAME_FORENAME) or an identifier (deck/leaks.py: "Mr Smith scan") are replaced by
"Picture N" for pictures and "Shape N" for anything else, N being the shape id, so the selection
pane still lists every shape. Animations
refer to shapes by id, so renaming never breaks them.
"""

from __future__ import annotations

import re

from slidesan.deck.drawing import drawing_parts, local
from slidesan.deck.leaks import leaks
from slidesan.deck.pathlike import has_identifier_shape, is_file_reference

DEFAULT_NAME = re.compile(r"^[A-Za-z][A-Za-z ]*\s(\d+)$")    # "Picture 3", "Rounded Rectangle 1048580"


def should_rename(name: str, shape_id: str | None = None) -> bool:
    """A name that identifies someone goes; PowerPoint's own "Kind N" names (N = the shape id or
    id - 1) otherwise stay even when the id is long; any other name goes when it is a path, a file
    name or carries an identifier-shaped token."""
    stripped = name.strip()
    if not stripped:
        return False
    if leaks(stripped):
        return True
    default = DEFAULT_NAME.match(stripped)
    if default and shape_id and shape_id.isdigit() and int(default.group(1)) in (int(shape_id), int(shape_id) - 1):
        return False
    return is_file_reference(stripped) or has_identifier_shape(stripped)


def new_name(node) -> str:
    owner = node.getparent().getparent() if node.getparent() is not None else None
    kind = "Picture" if owner is not None and local(owner.tag) == "pic" else "Shape"
    return f"{kind} {node.get('id', '').strip() or '0'}"


def offending(deck):
    for part in drawing_parts(deck):
        for node in deck.xml(part).iter():
            if local(node.tag) == "cNvPr":
                name = node.get("name")
                if name and should_rename(name, node.get("id")):
                    yield part, node, name


def scrub(deck, ctx) -> None:
    for part, node, name in list(offending(deck)):
        node.set("name", new_name(node))
        ctx.add("shape-name", "review", "renamed", f"shape name that was a file name or path renamed to "
                f"\u201c{node.get('name')}\u201d", text=name, slide=deck.slide_number(part),
                part=str(part.partname), shape=node.get("name"))


def residue(deck, options) -> list[str]:
    return [f"{part.partname}: shape named \u201c{name}\u201d" for part, _node, name in offending(deck)]
