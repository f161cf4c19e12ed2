"""Small readers over pikepdf objects that the steps share: text of a string, names, action kinds.

Values from a hostile file can be any type where a string is expected; these never raise.
"""

from __future__ import annotations

import re

import pikepdf

QUOTE_LIMIT = 300
_FLAT_STRING = re.compile(rb"\((?:[^()\\]|\\.)*\)", re.S)


def text_of(value) -> str:
    """A PDF string (PDFDocEncoding or UTF-16) as text; anything else as ''."""
    if isinstance(value, pikepdf.String):
        try:
            return str(value)
        except (UnicodeDecodeError, ValueError):
            return bytes(value).decode("latin-1", "replace")
    if isinstance(value, pikepdf.Name):
        return str(value)[1:]
    return ""


def quote(text: str, limit: int = QUOTE_LIMIT) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def name_of(value) -> str:
    """A name as text; '/?' for a name whose bytes are not UTF-8 (never one this tool trusts)."""
    if not isinstance(value, pikepdf.Name):
        return ""
    try:
        return str(value)
    except UnicodeDecodeError:
        return "/?"


def is_dict(value) -> bool:
    return isinstance(value, (pikepdf.Dictionary, pikepdf.Stream))


def page_annotations(page) -> list:
    annots = page.obj.get("/Annots")
    if not isinstance(annots, pikepdf.Array):
        return []
    return [a for a in annots if is_dict(a)]


def keep_annotations(page, keep) -> list:
    """Rewrite a page's /Annots with those for which keep(annot) is true; return the others."""
    annots = page.obj.get("/Annots")
    if not isinstance(annots, pikepdf.Array):
        return []
    kept, dropped = [], []
    for annot in annots:
        (kept if is_dict(annot) and keep(annot) else dropped).append(annot)
    if dropped:
        if kept:
            page.obj["/Annots"] = pikepdf.Array(kept)
        else:
            del page.obj["/Annots"]
    return [a for a in dropped if is_dict(a)]


def remove_name_tree(catalog, key: str) -> list[str]:
    """Delete /Names/<key> from the catalog; return the names it held (for the report)."""
    names = catalog.get("/Names")
    if not is_dict(names) or key not in names:
        return []
    try:
        held = [k for k, _v in pikepdf.NameTree(names[key]).items()]
    except (pikepdf.PdfError, TypeError, ValueError, AttributeError):
        held = []
    del names[key]
    if not names.keys():
        del catalog["/Names"]
    return held


def name_tree_keys(catalog, key: str) -> bool:
    names = catalog.get("/Names")
    return is_dict(names) and key in names


def gut(obj) -> None:
    """Empty a dictionary in place: a removed annotation may still be reachable (a structure tree's
    /OBJR, an /IRT reply chain, a form's /Kids), and an empty dictionary carries nothing."""
    for key in list(obj.keys()):
        if key not in ("/Length", "/Filter") or not isinstance(obj, pikepdf.Stream):
            del obj[key]
    if isinstance(obj, pikepdf.Stream):
        obj.write(b"")


def annotation_text(annot) -> str:
    """Every text string of an annotation or field dictionary (/T, /Contents, /RC, /TU, /NM, /V, keys
    of one's own...) and the text its appearance streams show: a stamp or a widget can draw a name
    that no key holds."""
    parts = [text_of(v) for _k, v in annot.items() if isinstance(v, pikepdf.String)]
    parts.append(appearance_text(annot))
    return " | ".join(p for p in parts if p.strip())


SHOW_OPERATORS = ("Tj", "TJ", "'", '"')
MAX_APPEARANCES = 64


def appearance_text(annot) -> str:
    """Strings shown by an annotation's appearance streams (/AP /N, /R, /D, each a stream or a
    dictionary of states), as their bytes read them (PDFDocEncoding-like fonts)."""
    ap = annot.get("/AP")
    streams = []
    if is_dict(ap):
        for _key, entry in ap.items():
            if isinstance(entry, pikepdf.Stream):
                streams.append(entry)
            elif is_dict(entry):
                streams.extend(v for _k, v in entry.items() if isinstance(v, pikepdf.Stream))
    shown = []
    for stream in streams[:MAX_APPEARANCES]:
        try:
            instructions = pikepdf.parse_content_stream(stream)
        except (pikepdf.PdfError, ValueError, TypeError):
            continue
        for operands, op in instructions:
            if str(op) in SHOW_OPERATORS:
                items = operands[-1] if operands else []
                items = items if isinstance(items, pikepdf.Array) else [items]
                shown.append("".join(bytes(i).decode("latin-1") for i in items if isinstance(i, pikepdf.String)))
    return " ".join(shown)


def string_end(data: bytes, start: int) -> int:
    """Where the literal string opening at `start` ends (past its closing bracket)."""
    flat = _FLAT_STRING.match(data, start)
    if flat is not None:
        return flat.end()
    depth, pos = 0, start
    while pos < len(data):
        byte = data[pos]
        if byte == 0x5C:                              # backslash: the next byte is escaped
            pos += 2
            continue
        if byte == 0x28:
            depth += 1
        elif byte == 0x29:
            depth -= 1
            if depth == 0:
                return pos + 1
        pos += 1
    return len(data)


def draws_content(stream) -> bool:
    """A stream of drawing operators other than a page's own: a form XObject, a tiling pattern, or
    anything with a /BBox (annotation appearances often lack their /Subtype)."""
    return name_of(stream.get("/Subtype")) == "/Form" or "/PatternType" in stream or "/BBox" in stream


def is_binary(raw: bytes) -> bool:
    """Bytes that are no text (a file ID, a hash, a signature, an encryption key): control bytes, or
    mostly bytes above ASCII without the byte-order mark of UTF-16 or UTF-8."""
    if raw[:2] in (b"\xfe\xff", b"\xff\xfe") or raw[:3] == b"\xef\xbb\xbf":
        return False
    controls = sum(1 for b in raw if b < 0x20 and b not in (9, 10, 12, 13))
    high = sum(1 for b in raw if b >= 0x80)
    return controls > 0 or high * 2 > len(raw)


# Strings a viewer shows: bookmark titles, annotation contents, authors and subjects, field
# tooltips and captions, alt text, layer names, page-label prefixes.
SHOWN_KEYS = frozenset({"/Title", "/Contents", "/T", "/Subj", "/RC", "/TU", "/CA", "/AC", "/Alt", "/ActualText",
                        "/E", "/Name", "/P"})
URL_KEYS = frozenset({"/URI", "/Base", "/UF", "/F", "/URL"})
FONT_NAME_KEYS = frozenset({"/BaseFont", "/FontName", "/FontFamily"})
# Strings the spec makes bytes: file IDs, encryption hashes and keys, signatures and certificates.
BINARY_KEYS = frozenset({"/ID", "/O", "/U", "/OE", "/UE", "/Perms", "/Cert", "/CFM", "/Key",
                         "/ByteRange", "/DocChecksum", "/Lookup"})


def legacy_text(raw: bytes) -> str:
    """Bytes in no PDF text encoding, read as a producer that ignored the spec wrote them (UTF-8
    without its mark, Shift-JIS, else Latin-1), so they are judged rather than skipped."""
    for encoding in ("utf-8", "cp932"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


BACK_LINKS = ("/Parent", "/P", "/Pg", "/Dest", "/D")


def strings_under(value, limit: int = 2000, streams: bool = True) -> str:
    """The text strings under an entry (bounded; back links not followed), so `check` rates the input
    by what it held; with `streams`, the printable runs of the streams under it too (not images)."""
    from slidesan.deck.verify.binary_strings import strings

    found, stack, seen = [], [value], set()
    while stack and len(seen) < limit:
        obj = stack.pop()
        if isinstance(obj, pikepdf.String):
            found.append(text_of(obj))
            continue
        if not isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream, pikepdf.Array)):
            continue
        if obj.is_indirect:
            if obj.objgen in seen:
                continue
            seen.add(obj.objgen)
        if isinstance(obj, pikepdf.Array):
            stack.extend(obj)
        else:
            stack.extend(v for k, v in obj.items() if k not in BACK_LINKS)
            if streams and isinstance(obj, pikepdf.Stream) and name_of(obj.get("/Subtype")) != "/Image":
                try:
                    found.extend(strings(obj.read_bytes()[:100_000]))     # its printable runs, as for decks
                except pikepdf.PdfError:
                    pass
    return " | ".join(f for f in found if f.strip())
