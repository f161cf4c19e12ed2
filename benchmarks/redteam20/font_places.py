"""Red team 20 places inside fonts and colour profiles: text in the programs a page draws its letters with.

Each place is `name(text) -> pikepdf.Pdf`; the page shows only its heading, drawn with the font in question.
"""

from __future__ import annotations

import io
import re
import struct

import pikepdf
from fontTools import subset
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.t2CharStringPen import T2CharStringPen
from fontTools.ttLib import TTFont
from fontTools.ttLib.tables.DefaultTable import DefaultTable

from build import FONT_FILE, add_content, draw_image, flate, gradient, image_stream, new_page, pdf_text

SHOWN = "Teaching case"


def _glyph_word(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "_", text).strip("_")[:60] or "x"


def _dejavu_subset() -> TTFont:
    font = TTFont(FONT_FILE)
    options = subset.Options()
    options.glyph_names = True
    options.name_IDs = ["*"]
    options.layout_features = []
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "kern", "MATH"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=SHOWN + " ")
    subsetter.subset(font)
    return font


def _embed_truetype(pdf, page, program: bytes, base: str = "ABCDEF+DejaVuSans") -> None:
    font = TTFont(io.BytesIO(program))
    cmap, scale = font.getBestCmap(), 1000 / font["head"].unitsPerEm
    widths = [int(font["hmtx"][cmap[c]][0] * scale) if c in cmap else 0 for c in range(32, 127)]
    stream = pdf.make_stream(flate(program))
    stream.Filter, stream.Length1 = pikepdf.Name.FlateDecode, len(program)
    descriptor = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.FontDescriptor, FontName=pikepdf.Name("/" + base), Flags=32,
        FontBBox=[-1021, -463, 1793, 1232], ItalicAngle=0, Ascent=928, Descent=-236, CapHeight=729, StemV=80,
        FontFile2=stream))
    page.obj.Resources.Font.F2 = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.TrueType, BaseFont=pikepdf.Name("/" + base), FirstChar=32,
        LastChar=126, Widths=widths, Encoding=pikepdf.Name.WinAnsiEncoding, FontDescriptor=descriptor))
    add_content(pdf, page, b"BT /F2 16 Tf 40 300 Td (" + pdf_text(SHOWN) + b") Tj ET\n")


def _saved(font: TTFont) -> bytes:
    buf = io.BytesIO()
    font.save(buf)
    return buf.getvalue()


def truetype_name_records(text):
    """The text in an embedded TrueType font's name table: a license, a description and a German record."""
    pdf, page = new_page()
    font = _dejavu_subset()
    names = font["name"]
    names.setName(text, 13, 3, 1, 0x409)
    names.setName(text, 10, 3, 1, 0x409)
    names.setName(text, 256, 3, 1, 0x407)
    _embed_truetype(pdf, page, _saved(font))
    return pdf


def truetype_glyph_name(text):
    """The text as a glyph name in the post table (format 2 keeps names)."""
    pdf, page = new_page()
    font = _dejavu_subset()
    order = font.getGlyphOrder()
    spare = order[-1]
    renamed = [(_glyph_word(text) if g == spare else g) for g in order]
    font.setGlyphOrder(renamed)
    font["post"].formatType = 2.0
    font["post"].extraNames, font["post"].mapping = [], {}
    for table in ("hmtx", "glyf"):
        data = getattr(font[table], "metrics" if table == "hmtx" else "glyphs")
        data[_glyph_word(text)] = data.pop(spare)
    font["glyf"].glyphOrder = renamed
    for sub in font["cmap"].tables:
        sub.cmap = {c: (_glyph_word(text) if g == spare else g) for c, g in sub.cmap.items()}
    _embed_truetype(pdf, page, _saved(font))
    return pdf


def truetype_private_table(text):
    """A table of the font's own ('zPAT') that no renderer reads, holding the text."""
    pdf, page = new_page()
    font = _dejavu_subset()
    table = DefaultTable("zPAT")
    table.data = text.encode("utf-16-be")
    font["zPAT"] = table
    _embed_truetype(pdf, page, _saved(font))
    return pdf


def subset_prefix(text):
    """A subset tag (six capitals before '+') spelling the surname (first word of at most 6 letters)."""
    words = [w for w in re.findall(r"[A-Za-z]+", text) if len(w) == 6]
    prefix = (words[0] if words else "ABCDEF").upper()
    pdf, page = new_page()
    _embed_truetype(pdf, page, _saved(_dejavu_subset()), base=f"{prefix}+DejaVuSans")
    return pdf


def _box_charstring(width: int):
    pen = T2CharStringPen(width, None)
    pen.moveTo((50, 0)), pen.lineTo((50, 600)), pen.lineTo((width - 50, 600)), pen.lineTo((width - 50, 0))
    pen.closePath()
    return pen.getCharString()


def cff_strings(text):
    """A bare CFF (FontFile3 /Type1C): the text as its Notice and as the name of an unused glyph."""
    pdf, page = new_page()
    glyphs = [".notdef", "space"] + sorted({c for c in SHOWN if c.isalpha()}) + [_glyph_word(text)]
    builder = FontBuilder(1000, isTTF=False)
    builder.setupGlyphOrder(glyphs)
    builder.setupCharacterMap({ord(c): c for c in SHOWN if c.isalpha()} | {32: "space"})
    charstrings = {g: _box_charstring(500) for g in glyphs}
    builder.setupCFF("TeachSans", {"Notice": text, "FullName": "Teach Sans"}, charstrings, {})
    builder.setupHorizontalMetrics({g: (500, 50) for g in glyphs})
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": "Teach Sans", "styleName": "Regular"})
    builder.setupOS2()
    builder.setupPost()
    buf = io.BytesIO()
    builder.font["CFF "].cff.compile(buf, builder.font)
    program = buf.getvalue()
    stream = pdf.make_stream(flate(program))
    stream.Filter, stream.Subtype = pikepdf.Name.FlateDecode, pikepdf.Name.Type1C
    differences = [32, pikepdf.Name.space] + [x for c in range(33, 127) if chr(c).isalpha() and chr(c) in SHOWN
                                              for x in (c, pikepdf.Name("/" + chr(c)))]
    descriptor = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.FontDescriptor, FontName=pikepdf.Name("/GHIJKL+TeachSans"), Flags=4,
        FontBBox=[0, -200, 1000, 800], ItalicAngle=0, Ascent=800, Descent=-200, CapHeight=600, StemV=80,
        FontFile3=stream))
    page.obj.Resources.Font.F2 = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name("/GHIJKL+TeachSans"),
        FirstChar=32, LastChar=126, Widths=[500] * 95, FontDescriptor=descriptor,
        Encoding=pikepdf.Dictionary(Type=pikepdf.Name.Encoding, Differences=differences)))
    add_content(pdf, page, b"BT /F2 16 Tf 40 300 Td (" + pdf_text(SHOWN) + b") Tj ET\n")
    return pdf


def type1_eexec_section(text):
    """A Type 1 font program whose encrypted (eexec) part holds the text; its clear text says nothing."""
    from build import eexec

    pdf, page = new_page()
    clear = (b"%!PS-AdobeFont-1.0: TeachOne 001.000\n11 dict begin\n/FontName /TeachOne def\n"
             b"/Encoding StandardEncoding def\n/PaintType 0 def\n/FontType 1 def\n"
             b"/FontMatrix [0.001 0 0 0.001 0 0] readonly def\n/FontBBox {0 0 500 700} readonly def\n"
             b"currentdict end\ncurrentfile eexec\n")
    private = (b"dup /Private 8 dict dup begin\n/RD{string currentfile exch readstring pop}executeonly def\n"
               b"/ND{noaccess def}executeonly def\n/NP{noaccess put}executeonly def\n"
               b"/Note (" + pdf_text(text) + b") def\n/BlueValues [] def\n/password 5839 def\n"
               b"/MinFeature {16 16} def\n/Subrs 0 array\nND\n2 index /CharStrings 1 dict dup begin\n"
               b"end\nend\nreadonly put\nnoaccess put\ndup /FontName get exch definefont pop\n"
               b"mark currentfile closefile\n")
    encrypted = eexec(private)
    trailer = (b"0" * 64 + b"\n") * 8 + b"cleartomark\n"
    program = clear + encrypted + trailer
    stream = pdf.make_stream(flate(program))
    stream.Filter = pikepdf.Name.FlateDecode
    stream.Length1, stream.Length2, stream.Length3 = len(clear), len(encrypted), len(trailer)
    descriptor = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.FontDescriptor, FontName=pikepdf.Name.TeachOne, Flags=32, FontBBox=[0, 0, 500, 700],
        ItalicAngle=0, Ascent=700, Descent=0, CapHeight=700, StemV=80, FontFile=stream))
    page.obj.Resources.Font.F2 = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.TeachOne, FirstChar=32,
        LastChar=126, Widths=[500] * 95, FontDescriptor=descriptor))
    add_content(pdf, page, b"BT /F2 16 Tf 40 300 Td (" + pdf_text(SHOWN) + b") Tj ET\n")
    return pdf


def type3_unused_glyph(text):
    """A Type 3 font whose glyph 'b', never shown, draws the text with Helvetica."""
    pdf, page = new_page()
    box = pdf.make_stream(b"500 0 0 0 500 700 d1 50 0 400 600 re f\n")
    hidden = pdf.make_stream(b"500 0 d0 BT /F1 40 Tf 0 0 Td (" + pdf_text(text) + b") Tj ET\n")
    font = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type3, FontBBox=[0, 0, 500, 700],
        FontMatrix=[0.001, 0, 0, 0.001, 0, 0], CharProcs=pikepdf.Dictionary(a=box, b=hidden),
        Encoding=pikepdf.Dictionary(Type=pikepdf.Name.Encoding, Differences=[97, pikepdf.Name.a, pikepdf.Name.b]),
        FirstChar=97, LastChar=98, Widths=[500, 500],
        Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=page.obj.Resources.Font.F1))))
    page.obj.Resources.Font.F3 = font
    add_content(pdf, page, b"BT /F3 12 Tf 40 300 Td (aaa) Tj ET\n")
    return pdf


# --- ICC profiles ------------------------------------------------------------------------------------------

def _text_tag(text: str) -> bytes:
    return b"text" + bytes(4) + text.encode("latin-1", "replace") + b"\0"


def _desc_tag(text: str) -> bytes:
    ascii_ = text.encode("latin-1", "replace") + b"\0"
    return b"desc" + bytes(4) + struct.pack(">I", len(ascii_)) + ascii_ + bytes(4 + 4 + 2 + 1 + 67)


def icc_gray(desc: str, extra_tags: dict[bytes, bytes] = None, past_end: bytes = b"") -> bytes:
    """A small ICC v2 gray profile (identity curve, D50 white), its text tags as given."""
    tags = {b"desc": _desc_tag(desc), b"cprt": _text_tag("No copyright, use freely"),
            b"wtpt": b"XYZ " + bytes(4) + struct.pack(">iii", 63190, 65536, 54061),
            b"kTRC": b"curv" + bytes(4) + struct.pack(">I", 0)}
    tags.update(extra_tags or {})
    table, body, offset = b"", b"", 128 + 4 + 12 * len(tags)
    for sig, data in tags.items():
        data += bytes(-len(data) % 4)
        table += sig + struct.pack(">II", offset + len(body), len(data))
        body += data
    size = 128 + 4 + len(table) + len(body)
    header = (struct.pack(">I", size) + b"none" + bytes([2, 0x10, 0, 0]) + b"mntrGRAY" + b"XYZ " + bytes(12)
              + b"acsp" + bytes(28) + struct.pack(">iii", 63190, 65536, 54061) + bytes(48))
    return header + struct.pack(">I", len(tags)) + table + body + past_end


def _icc_image(pdf, page, profile: bytes):
    icc = pdf.make_stream(flate(profile))
    icc.Filter, icc.N = pikepdf.Name.FlateDecode, 1
    space = pikepdf.Array([pikepdf.Name.ICCBased, icc])
    draw_image(pdf, page, "/Im1", image_stream(pdf, flate(gradient(240, 40).tobytes()), 240, 40, space=space,
                                               filters=["/FlateDecode"]))


def icc_description(text):
    pdf, page = new_page()
    _icc_image(pdf, page, icc_gray(text))
    return pdf


def icc_private_tag(text):
    """A tag of the profile's own ('zpat', text type) that no colour engine reads."""
    pdf, page = new_page()
    _icc_image(pdf, page, icc_gray("Gray identity", {b"zpat": _text_tag(text)}))
    return pdf


def icc_past_declared_size(text):
    """Text after the profile's declared size (its header's first field)."""
    pdf, page = new_page()
    _icc_image(pdf, page, icc_gray("Gray identity", past_end=text.encode("utf-16-be")))
    return pdf


PLACES = {f.__name__: f for f in (
    truetype_name_records, truetype_glyph_name, truetype_private_table, subset_prefix, cff_strings,
    type1_eexec_section, type3_unused_glyph, icc_description, icc_private_tag, icc_past_declared_size)}
