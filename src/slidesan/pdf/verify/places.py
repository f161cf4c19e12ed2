"""Every string of a written PDF, with the place it sits in: the sweep's inventory.

Knows no hiding place: it walks every object reachable from the trailer (the only objects the
writer keeps) and lists each string, each name (dictionary keys too), and the readable strings of
each stream, read the way its kind is read:

- content streams (pages, form XObjects, patterns, Type 3 glyphs): the comments, the names of
  marked-content tags and the strings of inline property lists (/ActualText, /Alt). The glyph codes
  they show are the page text, which PDFium extracts and the scan judges;
- fonts: the font program's names and notices (name table, CFF strings, a Type 1 font's clear text);
- images: only what wraps the pixels (JPEG segments, JPEG 2000 boxes), never the samples;
- any other stream (XMP, ICC profiles, CMaps, unknown ones): its printable strings.

A place is `shown` when a viewer shows it (bookmark titles, structure-tree alt text, annotation
contents, link targets, layer names, page labels): the scan reads those places and the sweep only
checks that what identifies someone there was flagged. A stream that cannot be decoded cannot be
read: it is listed as such, and the sweep refuses it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import pikepdf

from slidesan.deck.leaks import TEXT, TYPEFACE, URL
from slidesan.deck.verify.binary_strings import strings
from slidesan.pdf.name_words import name_text
from slidesan.pdf.objects import (BINARY_KEYS, FONT_NAME_KEYS, SHOWN_KEYS, URL_KEYS, draws_content, is_binary,
                                  legacy_text, name_of, text_of)
from slidesan.pdf.verify.content_strings import content_places

FONT_FILES = frozenset({"/FontFile", "/FontFile2", "/FontFile3"})
WRAPPED_PIXELS = frozenset({"/DCTDecode", "/JPXDecode"})
# A Type 1 font's clear-text part ends where eexec starts (its /Length1); the rest is encrypted.
CLEAR_TEXT_LIMIT = 1 << 16


@dataclass(frozen=True)
class Place:
    where: str              # "object 12 /Title", "page 3 content stream: comment"
    value: str
    kind: str = TEXT        # deck/leaks.py kinds: TEXT, URL, TYPEFACE
    shown: bool = False
    page: int | None = None
    is_name: bool = False   # a PDF name (a key or a /Name value): an identifier's shape, not free text


def places_of(pdf: pikepdf.Pdf) -> Iterator[Place]:
    """Every string of `pdf` (see the module docstring), each container visited once."""
    pages = page_numbers(pdf)
    shown_trees = {obj.objgen for obj in (pdf.Root.get("/StructTreeRoot"),) if obj is not None and obj.is_indirect}
    seen: set[tuple[int, int]] = set()
    # (object, where it was reached, key it hangs under, page, under the structure tree)
    stack = [(pdf.trailer, "trailer", "", None, False)]
    while stack:
        obj, where, key, page, in_tree = stack.pop()
        if obj.is_indirect:
            if obj.objgen in seen:
                continue
            seen.add(obj.objgen)
            page = pages.get(obj.objgen, page)
            in_tree = in_tree or obj.objgen in shown_trees
            where = f"object {obj.objgen[0]}"
        if isinstance(obj, pikepdf.Stream):
            yield from stream_places(obj, where, key, page)
        if isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
            items = list(obj.items())
            font = name_of(obj.get("/Type")) in ("/Font", "/FontDescriptor")
            for child_key, child in items:
                yield from name_place(child_key, f"{where} key", TEXT, page)
                yield from leaf_places(child, f"{where} {child_key}", child_key, page, in_tree, font)
                if isinstance(child, (pikepdf.Dictionary, pikepdf.Stream, pikepdf.Array)):
                    held_as = key if key == "/CharProcs" else child_key      # a Type 3 glyph is content
                    stack.append((child, f"{where} {child_key}", held_as, page, in_tree))
        elif isinstance(obj, pikepdf.Array):
            indexed = len(obj) > 0 and isinstance(obj[0], pikepdf.Name) and obj[0] == pikepdf.Name.Indexed
            for index, child in enumerate(obj):
                # an indexed colour space's palette is a string of colour bytes
                yield from leaf_places(child, f"{where}[{index}]", "/Lookup" if indexed else key, page, in_tree, False)
                if isinstance(child, (pikepdf.Dictionary, pikepdf.Stream, pikepdf.Array)):
                    stack.append((child, f"{where}[{index}]", key, page, in_tree))


def page_numbers(pdf: pikepdf.Pdf) -> dict[tuple[int, int], int]:
    out = {}
    for number, page in enumerate(pdf.pages, 1):
        if page.obj.is_indirect:
            out[page.obj.objgen] = number
    return out


def leaf_places(value, where: str, key: str, page, in_tree: bool, font: bool) -> Iterator[Place]:
    if isinstance(value, pikepdf.Name):
        yield from name_place(value, where, TYPEFACE if font and key in FONT_NAME_KEYS else TEXT, page)
    elif isinstance(value, pikepdf.String):
        raw = bytes(value)
        if key == "/ID" or (key in BINARY_KEYS and is_binary(raw)):
            # a password hash, a signature: bytes, not text. The file ID is the writer's hash of the
            # written content (pdf/document.py; the input's IDs are judged by steps/document_id and
            # must not survive, its residue): random bytes that read as letters one time in ten
            return
        text = legacy_text(raw) if is_binary(raw) else text_of(value)
        if not text.strip():
            return
        if key in URL_KEYS:
            yield Place(where, text, URL, shown=key == "/URI", page=page)
        elif font and key in FONT_NAME_KEYS:
            yield Place(where, text, TYPEFACE, page=page)
        else:
            yield Place(where, text, TEXT, shown=in_tree or key in SHOWN_KEYS, page=page)


def name_place(name, where: str, kind: str, page) -> Iterator[Place]:
    text = name_text(name)
    if len(text) >= 3:
        yield Place(where, text, kind, page=page, is_name=True)


def stream_places(stream: pikepdf.Stream, where: str, key: str, page) -> Iterator[Place]:
    subtype = name_of(stream.get("/Subtype"))
    if subtype == "/Image":
        filters = stream.get("/Filter")
        filters = [name_of(f) for f in filters] if isinstance(filters, pikepdf.Array) else [name_of(filters)]
        if WRAPPED_PIXELS & set(filters):
            yield from (Place(f"{where} picture container", s, page=page) for s in strings(stream.read_raw_bytes()))
        return                                       # samples are pixels: the OCR reads what they show
    data = decoded(stream)
    if data is None:
        yield Place(f"{where} stream", "", TEXT, page=page)       # empty value: cannot be read (see sweep)
        return
    if key in FONT_FILES:
        yield from font_places(stream, data, key, where, page)
    elif draws_content(stream) or key in ("/Contents", "/CharProcs"):
        yield from content_places(stream, data, where, page, glyph=key == "/CharProcs")
    else:
        yield from (Place(f"{where} stream", s, page=page) for s in packed_strings(data))


# A ZIP package inside a stream (a hybrid PDF's source presentation, an OOXML or ODF file a writer
# keeps beside the document) holds its text deflated, where printable runs see nothing: its members
# are read inflated, within these bounds; past them, or when a member cannot be inflated, the
# stream is reported unreadable (the sweep refuses it).
ZIP_MEMBERS = 400
ZIP_MEMBER_BYTES = 32 << 20
ZIP_DEPTH = 3


def packed_strings(data: bytes, depth: int = 0) -> list[str]:
    """The printable strings of a stream, with a ZIP package's members inflated (names too), wherever in
    the stream the package starts (bytes before it do not stop a ZIP reader). A package is there when a
    member header comes before an end-of-directory record; either alone is chance in binary data."""
    first = data.find(b"PK\x03\x04")
    if first < 0 or data.rfind(b"PK\x05\x06") < first:
        return strings(data)
    import io
    import zipfile

    found = strings(data)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            members = package.infolist()
            if len(members) > ZIP_MEMBERS or depth >= ZIP_DEPTH:
                return found + [""]
            for info in members:
                found.append(info.filename)
                if info.file_size > ZIP_MEMBER_BYTES:
                    return found + [""]
                found.extend(packed_strings(package.read(info), depth + 1))
    except (zipfile.BadZipFile, RuntimeError, ValueError, OSError, EOFError, NotImplementedError):
        return found + [""]
    return found


def font_places(stream, data: bytes, key: str, where: str, page) -> Iterator[Place]:
    from slidesan.pdf.verify.font_strings import glyph_names, private_part

    length1 = stream.get("/Length1")
    found = []
    if key == "/FontFile" and isinstance(length1, int):
        found += private_part(stream, data)                       # a Type 1 font: its encrypted part decrypted
        data = data[: min(int(length1), CLEAR_TEXT_LIMIT)]       # and its clear text
    elif key == "/FontFile2" or name_of(stream.get("/Subtype")) == "/OpenType":
        found += glyph_names(data)
    for text in strings(data) + found:
        yield Place(f"{where} font program", text, TYPEFACE, page=page)


def decoded(stream: pikepdf.Stream) -> bytes | None:
    try:
        return stream.read_bytes()
    except (pikepdf.PdfError, RuntimeError, ValueError, NotImplementedError):
        return None
