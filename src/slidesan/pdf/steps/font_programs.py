"""Hiding place: fonts: the free text inside embedded font programs, and font names.

A font program carries text no viewer shows: a TrueType or OpenType name table (designer,
manufacturer, copyright, licence, sample text, a vendor's phone number, the same names again in
every language), a CFF font's Notice and Copyright, a Type 1 font's clear-text comments
(`%%CreationDate`, `%Copyright`, whoever converted it) and /Notice. Whoever made or subset the
font may have written anything there. Rendering needs none of it: each program keeps only what
names the font (family, style, full and PostScript names, version), in English, and its glyphs.

A program this step cannot parse is left as it is; the final sweep reads its strings like any
other stream's.

A font's own name (/BaseFont, /FontName, /FontFamily) is whatever its maker typed; one that names a
person by the rule of pdf/name_words.py ("JohnSmithHand") is renamed `Font1`, `Font2`... (a subset's
tag kept), the same new name wherever the old one stood. Typefaces named after their designers
(Baskerville, GutierrezSans) are not told apart from a patient's surname: only given name and
surname together count.
"""

from __future__ import annotations

import io
import re

import pikepdf

from slidesan.deck.leaks import TYPEFACE, category_of, leaks
from slidesan.pdf.name_words import name_leaks, name_text
from slidesan.pdf.finders import SFNT_SUBTYPES, programs
from slidesan.pdf.objects import name_of, string_end, text_of

FONT_NAMES = ("/BaseFont", "/FontName", "/FontFamily")
_SUBSET_TAG = re.compile(r"^[A-Z]{6}\+")
CFF_SUBTYPES = ("/Type1C", "/CIDFontType0C")
CFF_FREE_TEXT = ("Notice", "Copyright")
# name records in English (Unicode platform; Macintosh English; Windows en-US)
ENGLISH = {(0, None), (1, 0), (3, 0x409)}
_NOTICE = re.compile(rb"/Notice\s*\(")
_NOTICE_TAIL = re.compile(rb"\s*(?:readonly\s+|noaccess\s+)?def\b")


def scrub(doc, ctx) -> None:
    cleaned = 0
    for key, stream in programs(doc):
        try:
            data = stream.read_bytes()
        except (pikepdf.PdfError, RuntimeError, ValueError, NotImplementedError):
            continue
        new, clear_length = cleaned_program(key, stream, data)
        if new is None or new == data:
            continue
        stream.write(new)                       # unfiltered; the writer compresses it again
        if clear_length is not None:
            stream["/Length1"] = clear_length
        elif "/Length1" in stream:
            stream["/Length1"] = len(new)
        cleaned += 1
    if cleaned:
        ctx.add("font-names", "info", "removed", f"free text (designer, copyright, notices, comments) removed from "
                f"{cleaned} embedded font program(s); the glyphs and the font's own names stay")
    renamed: dict[str, str] = {}
    for owner, key, value in identifying_names(doc):
        old = str(value)
        if old not in renamed:
            tag = old[1:8] if _SUBSET_TAG.match(old[1:]) else ""
            renamed[old] = f"{tag}Font{len(renamed) + 1}"
            ctx.add(category_of(name_text(value), "font-names", TYPEFACE), "high", "replaced",
                    f"a font named after a person renamed {renamed[old]}", text=name_text(value))
        owner[key] = pikepdf.Name("/" + renamed[old]) if isinstance(value, pikepdf.Name) else \
            pikepdf.String(renamed[old])


def residue(doc, options) -> list[str]:
    found = [f"a font is still named {name_text(value)!r}" for _owner, _key, value in identifying_names(doc)]
    for key, stream in programs(doc):
        try:
            data = stream.read_bytes()
        except (pikepdf.PdfError, RuntimeError, ValueError, NotImplementedError):
            continue
        if free_text_left(key, stream, data):
            found.append(f"an embedded font program ({key[1:]}) still holds free text")
    return found


def identifying_names(doc):
    """(font or descriptor, key, value) of every font name that names a person."""
    for obj in doc.dicts():
        if name_of(obj.get("/Type")) not in ("/Font", "/FontDescriptor"):
            continue
        for key in FONT_NAMES:
            value = obj.get(key)
            if isinstance(value, pikepdf.Name) and name_leaks(name_text(value), TYPEFACE) or \
                    isinstance(value, pikepdf.String) and leaks(text_of(value), TYPEFACE):
                yield obj, key, value


def cleaned_program(key: str, stream, data: bytes) -> tuple[bytes | None, int | None]:
    """(the program without free text or None when it cannot be parsed, new /Length1 of a Type 1)."""
    subtype = name_of(stream.get("/Subtype"))
    if key == "/FontFile":
        return type1_cleaned(data, stream.get("/Length1"))
    if key == "/FontFile2" or subtype in SFNT_SUBTYPES[1:]:
        return sfnt_cleaned(data), None
    if subtype in CFF_SUBTYPES:
        return cff_cleaned(data), None
    return None, None


def free_text_left(key: str, stream, data: bytes) -> bool:
    new, _ = cleaned_program(key, stream, data)
    return new is not None and new != data


def sfnt_cleaned(data: bytes) -> bytes | None:
    from slidesan.deck.fonts import KEPT_NAME_IDS, FontError, load_sfnt

    try:
        font = load_sfnt(data)
    except FontError:
        return None
    table = font["name"]
    kept = [r for r in table.names if r.nameID in KEPT_NAME_IDS and english(r)]
    if len(kept) == len(table.names):
        return data
    table.names = kept
    out = io.BytesIO()
    try:
        font.save(out)
    except Exception:           # fontTools cannot rebuild it: left for the sweep to read
        return None
    return out.getvalue()


def english(record) -> bool:
    key = (record.platformID, None if record.platformID == 0 else record.langID)
    return key in ENGLISH


def cff_cleaned(data: bytes) -> bytes | None:
    from fontTools.cffLib import CFFFontSet
    from fontTools.ttLib import TTFont

    try:
        holder = TTFont()               # what cffLib asks of the font around it: keep the bounding boxes
        holder.recalcBBoxes = False
        cff = CFFFontSet()
        cff.decompile(io.BytesIO(data), holder)
        found = False
        for name in cff.fontNames:
            top = cff[name]
            for field in CFF_FREE_TEXT:
                if top.rawDict.get(field) is not None or getattr(top, field, None) is not None:
                    top.rawDict.pop(field, None)
                    if field in top.__dict__:
                        delattr(top, field)
                    found = True
        if not found:
            return data
        out = io.BytesIO()
        cff.compile(out, holder)
        return out.getvalue()
    except Exception:           # a CFF fontTools cannot read or write: left for the sweep
        return None


def type1_cleaned(data: bytes, length1) -> tuple[bytes | None, int | None]:
    """A Type 1 program's clear text without its comments (but the `%!` header) and /Notice."""
    if not isinstance(length1, int) or not 0 < int(length1) <= len(data):
        return None, None
    clear, rest = data[: int(length1)], data[int(length1):]
    lines = clear.split(b"\n")
    kept = [line for i, line in enumerate(lines) if not line.lstrip().startswith(b"%") or
            (i == 0 and line.startswith(b"%!"))]
    text = b"\n".join(kept)
    while (match := _NOTICE.search(text)) is not None:
        end = string_end(text, match.end() - 1)
        tail = _NOTICE_TAIL.match(text, end)
        text = text[: match.start()] + text[tail.end() if tail else end:]
    if text == clear:
        return data, None
    return text + rest, len(text)
