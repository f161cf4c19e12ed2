"""Hiding place: comments and processing instructions in the XML of the package.

`<!-- case of J. Smith, MRN … -->` or `<?acme-export user="…"?>`, before a part's root element or inside
it, in a slide or a relationships part. No application shows them and PowerPoint drops them, so they
all go: the ones inside a part's tree are removed here, and the writer never writes what stands before
a root element or in a relationships part (both are rewritten from their parsed form). All of them
are read first, from the input's own bytes, so `check` rates the deck by what they said.
"""

from __future__ import annotations

import re
import zipfile

from lxml import etree
from pptx.opc.package import XmlPart

from slidesan.deck.drawing import quote

_COMMENT = re.compile(rb"<!--(.*?)-->", re.S)
_INSTRUCTION = re.compile(rb"<\?(?!xml[\s?])(.*?)\?>", re.S)


def notes_of(data: bytes) -> list[str]:
    """The text of every comment and processing instruction (not the XML declaration) in `data`."""
    if b"<!--" not in data and data.count(b"<?") <= 1:
        return []
    found = [m.group(1) for m in _COMMENT.finditer(data)] + [m.group(1) for m in _INSTRUCTION.finditer(data)]
    return [raw.decode("utf-8", "replace").strip() for raw in found if raw.strip()]


def _nodes(root) -> list:
    return [node for node in root.iter(etree.Comment, etree.ProcessingInstruction)]


def _remove(node) -> None:
    """Remove a comment or instruction, keeping the text that follows it."""
    parent = node.getparent()
    if parent is None:
        return
    previous = node.getprevious()
    if node.tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + node.tail
        else:
            parent.text = (parent.text or "") + node.tail
    parent.remove(node)


def _parsed_roots(deck):
    """(part, root) of every XML part that may hold one: python-pptx's parsed parts always (walking a
    tree is cheap, serializing it to look is not), blob parts when their bytes show one."""
    for part in deck.parts():
        if isinstance(part, XmlPart):
            yield part, deck.xml(part)
        elif part.content_type.endswith("xml") and (b"<!--" in part.blob or part.blob.count(b"<?") > 1):
            yield part, deck.xml(part)


def scrub(deck, ctx) -> None:
    try:
        with zipfile.ZipFile(deck.path) as zf:
            for info in zf.infolist():
                if info.filename.endswith((".xml", ".rels")):        # sizes bounded by the preflight (deck/safety)
                    for text in notes_of(zf.read(info)):
                        ctx.identifiers_in(text, f"an XML comment in {info.filename} (removed)",
                                           part="/" + info.filename)
    except (zipfile.BadZipFile, OSError):
        pass
    removed = 0
    for _part, root in _parsed_roots(deck):
        for node in _nodes(root):
            _remove(node)
            removed += 1
    if removed:
        ctx.add("xml-comment", "info", "removed", f"{removed} XML comment(s) and processing instruction(s) removed")


def residue(deck, options) -> list[str]:
    return [f"{part.partname}: XML comment {quote(str(node.text or ''), 40)}" for part, root in _parsed_roots(deck)
            for node in _nodes(root)]
