"""Shared XML plumbing for the steps that edit shapes: which parts hold shapes, walking shape
trees, shape text, and which relationships the remaining XML of a part still uses.

Removing a picture, a chart or a hyperlink from the XML is only half the job: the relationship
behind it keeps the target part (or the external URL) in the package. `drop_unused_rels` closes
that gap by dropping a relationship once no attribute in the part's XML names its rId any more.
"""

from __future__ import annotations

from pptx.opc.constants import CONTENT_TYPE as CT

from slidesan.deck.package import NS

A, P = NS["a"], NS["p"]
MC = NS["mc"]
# Transitional and Strict spellings of the relationships namespace.
REL_NAMESPACES = (NS["r"], "http://purl.oclc.org/ooxml/officeDocument/relationships")

SLIDE_TYPES = (CT.PML_SLIDE,)
LAYOUT_MASTER_TYPES = (CT.PML_SLIDE_LAYOUT, CT.PML_SLIDE_MASTER, CT.PML_NOTES_MASTER, CT.PML_HANDOUT_MASTER)
NOTES_TYPES = (CT.PML_NOTES_SLIDE,)
# Every part whose XML can hold shapes (and so cNvPr names, alt text and hyperlinks).
DRAWING_TYPES = SLIDE_TYPES + LAYOUT_MASTER_TYPES + NOTES_TYPES + (
    CT.DML_DIAGRAM_DATA, CT.DML_DIAGRAM_DRAWING, CT.DML_CHART, CT.DML_CHARTSHAPES)

SHAPE_LOCAL_NAMES = {"sp", "pic", "graphicFrame", "grpSp", "cxnSp", "contentPart"}


def local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def drawing_parts(deck, types=DRAWING_TYPES) -> list:
    return [part for part in deck.parts() if part.content_type in types]


def is_shape(element) -> bool:
    return local(element.tag) in SHAPE_LOCAL_NAMES and element.tag.startswith(f"{{{P}}}")


def cnvpr(shape):
    """The shape's own cNvPr (p:cNvPr, or p14:cNvPr of a content part), not a descendant's."""
    for nv in shape:
        if local(nv.tag).startswith("nv"):
            for child in nv:
                if local(child.tag) == "cNvPr":
                    return child
            return None
    return None


def child_shapes(container):
    """Shapes directly in a shape tree or group, looking through mc:AlternateContent wrappers."""
    for child in container:
        if is_shape(child):
            yield child
        elif child.tag == f"{{{MC}}}AlternateContent":
            for branch in child:
                yield from (s for s in branch if is_shape(s))


def remove_shape(shape):
    """Remove a shape and return what was removed (None if it is already gone). A shape wrapped in
    mc:AlternateContent takes the whole wrapper: both branches are renderings of the same shape."""
    parent = shape.getparent()
    if parent is not None and parent.tag in (f"{{{MC}}}Choice", f"{{{MC}}}Fallback"):
        shape = parent.getparent()
        parent = shape.getparent() if shape is not None else None
    if parent is None:
        return None
    parent.remove(shape)
    return shape


def shape_text(element, limit: int | None = None) -> str:
    """The text of every paragraph below `element`, paragraphs joined by ' / '."""
    paras = []
    for para in element.iter(f"{{{A}}}p"):
        text = "".join(t.text or "" for t in para.iter(f"{{{A}}}t")).strip()
        if text:
            paras.append(text)
    joined = " / ".join(paras)
    return quote(joined, limit) if limit else joined


def quote(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def rel_attrs(element):
    """(element, attribute name, rId) for every relationship reference at or below `element`."""
    for node in element.iter():
        for name, value in node.attrib.items():
            if name.startswith("{") and name[1:].split("}", 1)[0] in REL_NAMESPACES and value:
                yield node, name, value


def referenced_rids(element) -> set[str]:
    return {rid for _, _, rid in rel_attrs(element)}


def drop_unused_rels(deck, part, candidates) -> list[str]:
    """Drop each candidate rId of `part` that no attribute of the part's XML references any more."""
    if not candidates:
        return []
    still_used = referenced_rids(deck.xml(part))
    dropped = []
    for rid in sorted(set(candidates)):
        if rid not in still_used and rid in part.rels:
            deck.drop_rel(part, rid)
            dropped.append(rid)
    return dropped


def enclosing_or_self(element):
    """The shape that contains `element` (a whole shape goes when a reference inside it breaks)."""
    node = element
    while node is not None:
        if is_shape(node):
            return node
        node = node.getparent()
    return element
