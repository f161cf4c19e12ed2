"""Hiding place: hyperlinks.

A link is a relationship with an external target plus an a:hlinkClick / a:hlinkHover /
p:hlinkMouseOver that names it. Links to files (file:, C:\\..., \\\\server\\..., relative paths)
reveal the author's machine and often a patient folder; mailto: names a person; a URL with a
query string or fragment can carry an identifier (?patient=..., #accession). These are removed:
the referencing elements and the relationship. Other http(s) links are kept and listed (info,
"kept") so a person can judge them; jumps to other slides are internal and untouched. A tooltip
that holds a path or file name is removed even when its link stays.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from slidesan.deck.drawing import drawing_parts, drop_unused_rels, local, quote, referenced_rids, rel_attrs
from slidesan.deck.pathlike import is_file_reference, is_personal_path

LINK_ELEMENTS = ("hlinkClick", "hlinkHover", "hlinkMouseOver")


def why_remove(url: str) -> str | None:
    """Why an external link target must go, or None for a plain web page."""
    target = url.strip()
    try:
        parts = urlsplit(target)
    except ValueError:
        return "a malformed link"
    scheme = parts.scheme.lower()
    if scheme == "mailto":
        return "an e-mail address"
    if scheme in ("http", "https"):
        if parts.query or parts.fragment:
            return "a URL with a query string or fragment"
        return None if parts.netloc else "a malformed link"
    if not scheme or scheme == "file" or len(scheme) == 1:     # relative, UNC, file:, C:\...
        return "a file"
    return f"a {scheme}: target"


def external_links(deck):
    """(part, rId, url) for every external hyperlink relationship in the package."""
    for part in deck.parts():
        for rid, rel in list(part.rels.items()):
            if rel.is_external and rel.reltype == RT.HYPERLINK:
                yield part, rid, rel.target_ref


def link_elements(root, rid: str) -> list:
    return [node for node, _name, value in rel_attrs(root) if value == rid]


def unlink(deck, part, rid: str) -> None:
    """Remove the link elements naming `rid`, and anything only they used (a click sound)."""
    orphans = set()
    for node in link_elements(deck.xml(part), rid):
        if local(node.tag).startswith("hlink") and node.getparent() is not None:
            orphans |= referenced_rids(node)
            node.getparent().remove(node)
        else:
            for name in [n for n in node.attrib if node.attrib[n] == rid]:
                del node.attrib[name]
    drop_unused_rels(deck, part, orphans - {rid})


def bad_tooltips(deck):
    for part in drawing_parts(deck):
        for node in deck.xml(part).iter():
            if local(node.tag) in LINK_ELEMENTS and node.get("tooltip") and is_file_reference(node.get("tooltip")):
                yield part, node


def scrub(deck, ctx) -> None:
    drawing = {str(p.partname) for p in drawing_parts(deck)}
    kept = set()
    for part, rid, url in list(external_links(deck)):
        where = {"slide": deck.slide_number(part), "part": str(part.partname)}
        reason = why_remove(url)
        if reason is None:
            if (url, where["slide"]) not in kept:
                kept.add((url, where["slide"]))
                ctx.add("hyperlink", "info", "kept", "link to a web page kept", text=quote(url, 200), **where)
            continue
        if str(part.partname) in drawing:
            unlink(deck, part, rid)
        if rid in part.rels:
            deck.drop_rel(part, rid)
        severity = "high" if is_personal_path(url) else "review"
        ctx.add("hyperlink", severity, "removed", f"hyperlink to {reason} removed", text=quote(url, 200), **where)
    for part, node in list(bad_tooltips(deck)):
        tip = node.attrib.pop("tooltip")
        ctx.add("hyperlink", "review", "removed", "hyperlink tooltip holding a file path removed",
                text=quote(tip, 200), slide=deck.slide_number(part), part=str(part.partname))


def residue(deck, options) -> list[str]:
    found = [f"{part.partname}: {rid} links to {why_remove(url)} ({quote(url, 60)})"
             for part, rid, url in external_links(deck) if why_remove(url)]
    found += [f"{part.partname}: tooltip \u201c{quote(node.get('tooltip'), 60)}\u201d"
              for part, node in bad_tooltips(deck)]
    return found
