"""Cutting a relationship cleanly: the relationship, the XML that names its rId, and any wrapper
the removal leaves empty.

A part disappears from the written package once nothing relates to it, but PowerPoint repairs
(or refuses) a file whose XML still names a missing rId, and an empty `p:extLst`/`p:ext` or
`mc:AlternateContent` left behind is invalid too. The package-level steps (comments, tags,
properties, embeddings) all cut this way, so the rule lives here once.

Relationship types are matched by their last path segments, case-insensitively, so that
Transitional, Strict, the dated Microsoft variants (2016/11 vs 2018/08 change logs) and producers'
own spellings (LibreOffice's lower-case "officedocument", pandoc's "package/.../metadata/
extended-properties", "notesslide") are all recognised.
"""

from __future__ import annotations

from slidesan.deck.drawing import local, rel_attrs

MC_BRANCHES = {"Choice", "Fallback"}
# Wrappers that are invalid (or pointless) once empty; removal climbs through them.
PRUNABLE = {"ext", "extLst", "custDataLst", "controls", "AlternateContent"}


def type_is(reltype: str, *suffixes: str) -> bool:
    """True when `reltype` ends with one of `suffixes` at a path boundary ("/relationships/tags"),
    whatever the case."""
    reltype = reltype.lower()
    return any(reltype == s.lower() or reltype.endswith("/" + s.lstrip("/").lower()) for s in suffixes)


def sources(deck) -> list:
    """The package itself and every reachable part: everything that can own relationships."""
    return [deck.package, *deck.parts()]


def rels_of(source):
    """The relationships of a part or of the package (python-pptx's Package has no `.rels`)."""
    rels = getattr(source, "rels", None)
    return rels if rels is not None else source._rels


def rels_of_type(deck, *suffixes: str) -> list[tuple[object, str, object]]:
    """(source, rId, relationship) of every relationship whose type matches one of `suffixes`."""
    found = []
    for source in sources(deck):
        for rid, rel in list(rels_of(source).items()):
            if type_is(rel.reltype, *suffixes):
                found.append((source, rid, rel))
    return found


def rels_reaching(deck, suffixes, content_types=()) -> list[tuple[object, str, object]]:
    """rels_of_type, plus every relationship, of whatever type, whose internal target's content type
    ends with one of `content_types`: a part a producer related under a type of its own is found by
    what it is."""
    ends = tuple(c.lower() for c in content_types)
    found = []
    for source in sources(deck):
        for rid, rel in list(rels_of(source).items()):
            if type_is(rel.reltype, *suffixes) or (
                    ends and not rel.is_external and rel._target.content_type.lower().endswith(ends)):
                found.append((source, rid, rel))
    return found


def presentationml_parts(deck) -> list:
    """Slides, layouts, masters, notes, handouts, presentation.xml: the XML parts that can hold
    shapes, OLE frames, controls and p:custDataLst (printer settings share the prefix but are binary)."""
    return [p for p in deck.parts()
            if "presentationml" in p.content_type and p.content_type.endswith("+xml")]


def xml_root(deck, source):
    """The XML tree of a part that can name rIds, or None (the package, binary and VML parts)."""
    if source is deck.package or not deck.is_xml(source) or source.content_type.startswith("image/"):
        return None
    return deck.xml(source)


def remove_element(element) -> None:
    """Remove `element`, then every wrapper its removal left empty. An emptied mc:Choice or
    mc:Fallback takes its whole mc:AlternateContent: both branches render the same thing."""
    parent = element.getparent()
    if parent is None:
        return
    parent.remove(element)
    while parent is not None and len(parent) == 0:
        name = local(parent.tag)
        if name in MC_BRANCHES:
            parent = parent.getparent()      # the AlternateContent
            name = "AlternateContent"
        if name not in PRUNABLE or parent is None:
            break
        grand = parent.getparent()
        if grand is None:
            break
        grand.remove(parent)
        parent = grand


def remove_references(deck, source, rid: str) -> int:
    """Remove every element of `source`'s XML whose r:* attribute names `rid`; returns how many."""
    root = xml_root(deck, source)
    if root is None:
        return 0
    hits = [node for node, _name, value in rel_attrs(root) if value == rid]
    for node in hits:
        remove_element(node)
    return len(hits)


def cut(deck, source, rid: str) -> object | None:
    """Drop relationship `rid` of `source` and every XML use of it; returns the target part
    (None for an external target or an unknown rId)."""
    rels = rels_of(source)
    rel = rels.get(rid)
    if rel is None:
        return None
    remove_references(deck, source, rid)
    rels.pop(rid)
    return None if rel.is_external else rel._target


def where(deck, source) -> dict:
    """slide= and part= keywords for a finding about something owned by `source`."""
    if source is deck.package:
        return {}
    return {"slide": deck.slide_number(source), "part": str(source.partname)}


def part_text(deck, part, limit: int = 4000) -> str:
    """All text nodes of an XML part, space-joined (what a person typed into it)."""
    try:
        root = deck.xml(part)
    except Exception:  # a corrupt side part must not stop its removal
        return ""
    words = []
    total = 0
    for node in root.iter():
        value = node.text if isinstance(node.tag, str) else None
        if value and value.strip():
            words.append(value.strip())
            total += len(value)
            if total > limit:
                break
    return " ".join(words)
