"""Every string of an XML part, read from its bytes with regular expressions rather than a parse.

A parse of every part of a large deck costs as much as the rest of the sweep put together, and most
of what it builds is never looked at: a deck has tens of thousands of attributes but a few thousand
distinct values. So the sweep reads attribute values, text nodes, comments, CDATA sections and
processing instructions straight from the text (entities and character references resolved), each
distinct value once, and finds out where a value sits (which element, shown or not) only for the
few values that turn out to identify someone. Malformed XML is read all the same.

DrawingML paragraphs are also read whole (runs joined), as the scan reads slide text, so a name
split over two runs is seen as one.
"""

from __future__ import annotations

import codecs
import html
import re
from dataclasses import dataclass

A_NS = b"http://schemas.openxmlformats.org/drawingml/2006/main"
VALUE = re.compile(r"""=\s*(?:"([^"<]*)"|'([^'<]*)')""")     # starts with a literal: the engine skips ahead
TEXT = re.compile(r">\s*([^<\s][^<]*)<")
COMMENT = re.compile(r"<!--(.*?)-->", re.S)
CDATA = re.compile(r"<!\[CDATA\[(.*?)\]\]>", re.S)
INSTRUCTION = re.compile(r"<\?(?!xml[\s?])(.*?)\?>", re.S)
ENCODING = re.compile(rb"""^(?:\xef\xbb\xbf)?<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']""")
TAG = re.compile(r"<(/?)([\w.:-]+)")


@dataclass(frozen=True)
class XmlString:
    what: str          # "attribute", "text", "paragraph", "comment"
    name: str          # unused (""): attribute_uses and element_at say where a string sits
    value: str         # entities and character references resolved
    offset: int        # unused (-1): see offset_of
    raw: str = ""      # as written in the part


def decode(data: bytes) -> str:
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16", "replace")
    declared = ENCODING.match(data[:200])
    if declared:
        try:
            return data.decode(codecs.lookup(declared.group(1).decode()).name, "replace")
        except LookupError:
            pass
    return data.decode("utf-8", "replace")


def local(name: str) -> str:
    return name.rsplit(":", 1)[-1]


def unescape(value: str) -> str:
    return html.unescape(value) if "&" in value else value


def element_at(text: str, offset: int) -> tuple[str, bool]:
    """(local name of the element a position belongs to, whether it is the tail after a closing tag)."""
    start = text.rfind("<", 0, offset)
    match = TAG.match(text, start) if start >= 0 else None
    if match is None:
        return "", False
    return local(match.group(2)), bool(match.group(1))


def paragraph_prefix(data: bytes) -> str | None:
    """The prefix the part binds to the DrawingML namespace (usually "a")."""
    match = re.search(rb'xmlns:([\w.-]+)\s*=\s*["\']' + re.escape(A_NS) + rb'["\']', data[:4000])
    return match.group(1).decode() if match else None


def xml_strings(data: bytes) -> tuple[str, list[XmlString]]:
    """(decoded text, its distinct strings). Matches are gathered and deduplicated by the regular
    expression engine (findall, set) so Python only sees each distinct string once; where one sits
    is found again (offset_of) only when someone asks."""
    text = decode(data)
    out = []
    for double, single in set(VALUE.findall(text)):
        raw = double or single
        if raw.strip():
            out.append(XmlString("attribute", "", unescape(raw), -1, raw))
    for raw in set(TEXT.findall(text)):
        out.append(XmlString("text", "", unescape(raw), -1, raw))
    for pattern, what in ((COMMENT, "comment"), (CDATA, "text"), (INSTRUCTION, "comment")):
        out += [XmlString(what, "", unescape(raw), -1, raw) for raw in set(pattern.findall(text)) if raw.strip()]
    prefix = paragraph_prefix(data)
    if prefix:
        para = re.compile(rf"<{prefix}:p(?:\s[^>]*)?>(.*?)</{prefix}:p>", re.S)
        runs = re.compile(r"<[\w.-]+:t(?:\s[^>]*)?>([^<]*)</[\w.-]+:t>|<[\w.-]+:(br)\b[^>]*>")
        joined = {"".join("\n" if br else run for run, br in runs.findall(body)).strip()
                  for body in para.findall(text)}
        out += [XmlString("paragraph", "", unescape(raw), -1, raw) for raw in joined if raw.strip()]
    return text, out


NAME_BEFORE = re.compile(r"([\w.:-]+)\s*$")


def attribute_uses(text: str, item: XmlString) -> list[tuple[str, str]]:
    """(element, attribute) local names of every attribute whose value is `item` (literal search for
    the quoted value, then the name just before its "=")."""
    found = []
    for quote in ('"', "'"):
        needle = quote + item.raw + quote
        pos = text.find(needle)
        while pos >= 0:
            eq = text.rfind("=", max(0, pos - 8), pos)
            name = NAME_BEFORE.search(text, max(0, eq - 120), eq) if eq >= 0 else None
            if name is not None:
                use = (element_at(text, name.start())[0], local(name.group(1)))
                if use not in found:
                    found.append(use)
            pos = text.find(needle, pos + 1)
    return found


def offset_of(text: str, item: XmlString) -> int:
    """Where `item` (text, comment or paragraph) first occurs in the decoded text (-1 if nowhere)."""
    if item.what == "text":
        return text.find(">" + item.raw + "<") + 1 or text.find(item.raw)
    return text.find(item.raw)
