"""Hiding place: tables of an embedded TrueType or OpenType font that no renderer reads.

A font program is a directory of tables; a renderer looks up the ones it knows by their tags
(glyph outlines, metrics, character maps, hinting) and never opens the rest. A table under a tag of
the maker's own (`zPAT`, `PRIV`) or one only a font editor writes (`FFTM`, a designer's notes in
`TSI*`, a signature `DSIG`) can hold anything, and the last sweep reads a font through its name table
only. Every table outside the list a PDF viewer can need is dropped (fontTools rewrites the font,
the glyphs byte for byte); what the dropped tables said is read first. A program fontTools cannot
read is left to the sweep, which reads its strings.
"""

from __future__ import annotations

import io

import pikepdf

from slidesan.pdf.payload_text import read_payload
from slidesan.pdf.finders import SFNT_SUBTYPES, programs
from slidesan.pdf.objects import name_of

# What rendering an embedded font can read: outlines (glyf/loca, CFF, CFF2, bitmaps), metrics, maps,
# hinting, variations and colour layers; `name` and `post` are the font_programs step's.
RENDERED = frozenset({
    "cmap", "head", "hhea", "hmtx", "maxp", "name", "OS/2", "post", "glyf", "loca", "cvt ", "fpgm", "prep",
    "gasp", "CFF ", "CFF2", "VORG", "vhea", "vmtx", "kern", "hdmx", "LTSH", "VDMX", "EBDT", "EBLC", "EBSC",
    "CBDT", "CBLC", "sbix", "COLR", "CPAL", "SVG ", "GDEF", "GSUB", "GPOS", "BASE", "JSTF", "MATH", "fvar",
    "gvar", "avar", "cvar", "HVAR", "VVAR", "MVAR", "STAT", "PCLT", "morx", "mort", "feat", "trak", "bsln",
    "opbd", "prop", "lcar", "just", "ankr", "kerx", "gcid"})


def sfnt_programs(doc):
    for key, stream in programs(doc):
        if key == "/FontFile2" or (key == "/FontFile3" and name_of(stream.get("/Subtype")) in SFNT_SUBTYPES[1:]):
            yield stream


def unread_tables(data: bytes):
    """(the font, tags of the tables no renderer reads), or None when fontTools cannot read it."""
    from fontTools.ttLib import TTFont, TTLibError

    try:
        font = TTFont(io.BytesIO(data), lazy=True)
        return font, [tag for tag in font.keys() if tag != "GlyphOrder" and tag not in RENDERED]
    except (TTLibError, OSError, ValueError, KeyError, AssertionError, IndexError, TypeError):
        return None


SIGNATURE = "DSIG"


def scrub(doc, ctx) -> None:
    for stream in list(sfnt_programs(doc)):
        try:
            data = stream.read_bytes()
        except pikepdf.PdfError:
            continue
        found = unread_tables(data)
        if not found or not found[1]:
            continue
        font, tags = found
        # a digital signature (DSIG) holds the font vendor's certificates (`VeriSign, Inc`), never the
        # document's author: removed unread, as every signed Windows font would read as names
        held = [read_payload(font.reader[tag]) for tag in tags if tag != SIGNATURE]
        for tag in tags:
            del font[tag]
        buf = io.BytesIO()
        try:
            font.save(buf, reorderTables=False)
        except Exception:  # noqa: BLE001 - a font fontTools reads but cannot write stays for the sweep
            continue
        stream.write(buf.getvalue())
        if "/Length1" in stream:
            stream.Length1 = len(buf.getvalue())
        for payload in held:
            for text in payload.texts:
                ctx.identifiers_in(text, "a font table no renderer reads (removed)")
        ctx.add("font", "info", "removed", f"font {stream.objgen[0]}: tables no renderer reads removed "
                f"({', '.join(t.strip() for t in tags)})")


def residue(doc, options) -> list[str]:
    found = []
    for stream in sfnt_programs(doc):
        try:
            tables = unread_tables(stream.read_bytes())
        except pikepdf.PdfError:
            continue
        if tables and tables[1]:
            found.append(f"font {stream.objgen[0]}: tables no renderer reads ({', '.join(tables[1])})")
    return found
