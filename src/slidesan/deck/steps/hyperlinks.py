"""Hiding place: hyperlinks.

A link is a relationship with an external target plus an a:hlinkClick / a:hlinkHover /
p:hlinkMouseOver that names it. Links to files (file:, C:\\..., \\\\server\\..., relative paths)
reveal the author's machine and often a patient folder; mailto: names a person; a URL with a
query string can carry an identifier (?patient=...), and so can its path or fragment
(/viewer/Smith_John/4857773456): deck/leaks.py judges the words of the address. These are removed:
the referencing elements and the relationship. Other http(s) links, and a bare #fragment, are
kept and listed (info, "kept") so a person can judge them; jumps to other slides are internal and
untouched. On the link elements themselves, a tooltip holding a path, a file name or an
identifier goes even when its link stays; `invalidUrl` (the link as typed, when PowerPoint could
not parse it) always goes; a target frame name goes when it identifies; a click action that runs
a macro goes with its element (the deck is written without macros).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from slidesan.deck.drawing import drawing_parts, drop_unused_rels, local, quote, referenced_rids, rel_attrs
from slidesan.deck.leaks import URL, category_of, leaks
from slidesan.deck.pathlike import is_file_reference, is_personal_path
from slidesan.deck.relcut import cut, type_is

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
    if leaks(target, URL):
        return "an address naming a person or number"
    if scheme in ("http", "https"):
        if parts.query:
            return "a URL with a query string"
        return None if parts.netloc else "a malformed link"
    if target.startswith("#"):
        return None                                            # a jump inside the document
    if not scheme or scheme == "file" or len(scheme) == 1:     # relative, UNC, file:, C:\...
        return "a file"
    return f"a {scheme}: target"


def external_links(deck):
    """(part, rId, url) for every external hyperlink relationship in the package."""
    for part in deck.parts():
        for rid, rel in list(part.rels.items()):
            if rel.is_external and type_is(rel.reltype, "relationships/hyperlink"):
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


def bad_attributes(deck):
    """(part, link element, attribute, why) of every link attribute that must go."""
    for part in drawing_parts(deck):
        for node in deck.xml(part).iter():
            if local(node.tag) not in LINK_ELEMENTS:
                continue
            tip, frame = node.get("tooltip"), node.get("tgtFrame")
            if tip and (is_file_reference(tip) or leaks(tip)):
                yield part, node, "tooltip", "hyperlink tooltip holding a file path or an identifier"
            if node.get("invalidUrl"):
                yield part, node, "invalidUrl", "text of a link PowerPoint could not follow"
            if frame and leaks(frame):
                yield part, node, "tgtFrame", "hyperlink target frame name holding an identifier"


def macro_actions(deck):
    """(part, link element) of every click or hover action that runs a macro."""
    for part in drawing_parts(deck):
        for node in deck.xml(part).iter():
            if local(node.tag) in LINK_ELEMENTS and node.get("action", "").lower().startswith("ppaction://macro"):
                yield part, node


def macro_name(action: str) -> str:
    """The macro an action runs, judged as the text it is: `ppaction://macro?name=` is the schema's
    label, not a "Name:" field (`JawabanBenar` is a macro, `John Smith` would still be a name)."""
    head, _, name = action.partition("?name=")
    return name if head.lower() == "ppaction://macro" else action


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
            cut(deck, part, rid)               # a settings part (presProps) names it too: no dangling r:id
        severity = "high" if is_personal_path(url) or leaks(url, URL) else "review"
        ctx.add(category_of(url, "hyperlink", URL), severity, "removed", f"hyperlink to {reason} removed",
                text=quote(url, 200), **where)
    for part, node, attr, why in list(bad_attributes(deck)):
        value = node.attrib.pop(attr)
        ctx.add(category_of(value, "hyperlink"), "high" if leaks(value) else "review", "removed", f"{why} removed",
                text=quote(value, 200), slide=deck.slide_number(part), part=str(part.partname))
    for part, node in list(macro_actions(deck)):
        action = node.get("action", "")
        rids = referenced_rids(node)
        node.getparent().remove(node)
        drop_unused_rels(deck, part, rids)
        name = macro_name(action)
        ctx.add(category_of(name, "hyperlink"), "high" if leaks(name) else "info", "removed",
                "click action running a macro removed (the deck is written without macros)",
                text=quote(action, 200), slide=deck.slide_number(part), part=str(part.partname))


def residue(deck, options) -> list[str]:
    found = [f"{part.partname}: {rid} links to {why_remove(url)} ({quote(url, 60)})"
             for part, rid, url in external_links(deck) if why_remove(url)]
    found += [f"{part.partname}: {attr} \u201c{quote(node.get(attr), 60)}\u201d"
              for part, node, attr, _why in bad_attributes(deck)]
    found += [f"{part.partname}: macro action {quote(node.get('action'), 60)}" for part, node in macro_actions(deck)]
    return found
