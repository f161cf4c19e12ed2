"""Hiding place: what an SVG picture carries besides what it draws.

PowerPoint stores an inserted SVG as it came (beside a PNG rendering), and editors write a great
deal into it that no viewer draws: comments ("exported from C:\\Users\\...\\Patients\\..."),
processing instructions, <metadata> (RDF with dc:creator, dc:title), <title> and <desc>, editor
namespaces (sodipodi:docname, inkscape:export-filename), links to files (<image xlink:href=
"file:///...">), element ids, and text that is never drawn (display="none"). Each SVG part is parsed
(no entities, no network) and written again without them; any other attribute that identifies someone
(an aria-label, a class or data-* value) goes, and an id that does is renamed with every reference to it.
Text the SVG draws stays and is read by the scan.
"""

from __future__ import annotations

import re

from lxml import etree

from slidesan.deck.drawing import quote
from slidesan.deck.leaks import leaks
from slidesan.report.model import INFO, REVIEW

SVG, XLINK, XML = "http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink", "http://www.w3.org/XML/1998/namespace"
KEPT_NAMESPACES = {SVG, XLINK, XML}
NEVER_DRAWN = {"metadata", "title", "desc"}
HIDDEN_STYLE = re.compile(r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\b", re.I)
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_blank_text=False)


def svg_parts(deck):
    return [p for p in deck.parts() if p.content_type.lower().startswith("image/svg")
            or str(p.partname).lower().endswith(".svg")]


def namespace(node) -> str:
    tag = node.tag if isinstance(node.tag, str) else ""
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else SVG


def local(name: str) -> str:
    return name.rsplit("}", 1)[-1]


def is_hidden(node) -> bool:
    return (node.get("display") == "none" or node.get("visibility") == "hidden"
            or bool(HIDDEN_STYLE.search(node.get("style") or "")))


def is_external(href: str) -> bool:
    return not href.strip().startswith(("#", "data:"))


def cleaned(root) -> list[str]:
    """Strip `root` in place; returns what was removed, as text for the report."""
    removed = []
    for node in list(root.iter()):
        if node.getparent() is None and node is not root:
            continue
        if not isinstance(node.tag, str):                                   # comment, instruction
            removed.append(node.text or "")
            node.getparent().remove(node)
        elif node is not root and (namespace(node) not in KEPT_NAMESPACES or local(node.tag) in NEVER_DRAWN
                                   or is_hidden(node)
                                   or (local(node.tag) == "image" and is_external(image_href(node)))):
            removed.append(" ".join(t.strip() for t in node.itertext() if t.strip()) or local(node.tag))
            node.getparent().remove(node)
        else:
            for name in list(node.attrib):
                value = node.get(name)
                ns = name[1:].split("}", 1)[0] if name.startswith("{") else SVG
                if ns not in KEPT_NAMESPACES or (local(name) == "href" and is_external(value)) or (
                        local(name) != "id" and leaks(value)):
                    removed.append(f"{local(name)}={value}")
                    del node.attrib[name]
    removed += rename_ids(root)
    etree.cleanup_namespaces(root)
    return [r for r in removed if r.strip()]


def image_href(node) -> str:
    return node.get(f"{{{XLINK}}}href") or node.get("href") or ""


def rename_ids(root) -> list[str]:
    """Rename ids that identify someone, and every #reference and url(#...) to them."""
    renamed = {}
    for number, node in enumerate(n for n in root.iter() if isinstance(n.tag, str) and n.get("id")):
        if leaks(node.get("id")):
            renamed[node.get("id")] = f"id{number}"
            node.set("id", renamed[node.get("id")])
    if not renamed:
        return []
    for node in root.iter():
        if not isinstance(node.tag, str):
            continue
        for name, value in list(node.attrib.items()):
            for old, new in renamed.items():
                if old in value:
                    value = value.replace(f"#{old}", f"#{new}")
            node.set(name, value)
    return list(renamed)


def parse(blob: bytes):
    try:
        return etree.fromstring(blob, PARSER)
    except (etree.XMLSyntaxError, ValueError):
        return None


def scrub(deck, ctx) -> None:
    for part in svg_parts(deck):
        where = {"slide": deck.slide_number(part), "part": str(part.partname), "image": str(part.partname)}
        root = parse(part.blob)
        if root is None:
            ctx.add("picture", REVIEW, "not-inspected", "SVG picture could not be parsed; its content is unknown",
                    **where)
            continue
        removed = cleaned(root)
        if not removed:
            continue
        deck.set_blob(part, etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
        ctx.add("svg-content", INFO, "removed",
                f"SVG picture: {len(removed)} item(s) nobody sees removed (comments, metadata, editor data, "
                "links, hidden text)", text=quote(" | ".join(removed), 300), **where)


def residue(deck, options) -> list[str]:
    out = []
    for part in svg_parts(deck):
        root = parse(part.blob)
        if root is not None and cleaned(root):
            out.append(f"{part.partname}: SVG still holds comments, metadata, editor data, links or hidden text")
    return out
