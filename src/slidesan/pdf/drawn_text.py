"""Pages whose drawn letters the text layer does not account for, so only their pixels can be read.

The page text (pdf/text.py) is what the fonts *say* they draw. Three forms draw letters that say
otherwise, and each page showing one is read as rendered (pdf/scan.py), or reported as not inspected:

- text converted to outlines: letter-sized curved subpaths, counted one by one, because one fill
  operator can draw a whole line of letters;
- a Type3 font: each glyph is a little drawing, and its name or ToUnicode entry is only a claim;
- letters traced as many small straight shapes (rectangle runs of a rasterised caption, polygons):
  counted like outlines, with a higher bar because tables and charts draw some small rectangles;
- text shown inside a tiling pattern's cell: drawn wherever the pattern fills, never extracted;
- a ToUnicode map that contradicts its font: a simple font whose encoding names every glyph it shows
  (a standard encoding or glyph names of the Adobe Glyph List) is extracted again without its map,
  and a page whose letters and digits the mapped text does not hold draws something other than its
  text layer says.
"""

from __future__ import annotations

import io
import unicodedata

import pikepdf

from slidesan.pdf.objects import is_dict, name_of

OUTLINE_SHAPES = 20         # this many letter-sized curved outlines on a page look like text
STRAIGHT_SHAPES = 150       # this many letter-sized straight-edged fills look like traced letters
SHOW_OPERATORS = ("Tj", "TJ", "'", '"')
MAX_PATTERNS = 256          # pattern cells looked into per page
SIMPLE_FONTS = ("/Type1", "/MMType1", "/TrueType")
STANDARD_ENCODINGS = ("/WinAnsiEncoding", "/MacRomanEncoding", "/StandardEncoding", "/PDFDocEncoding")
STANDARD_14 = ("Times-", "Helvetica", "Courier", "Arial", "TimesNewRoman")
SYMBOLIC = 4                # /Flags bit 3: the font's own built-in encoding decides
FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")


def pages_to_read(data: bytes, texts, pages) -> dict[int, str]:
    """{page number: why its text layer cannot be trusted to say what is drawn}."""
    reasons: dict[int, str] = {}
    for page in pages:
        if page.glyph_like_fills >= OUTLINE_SHAPES:
            reasons[page.number] = (f"{page.glyph_like_fills} small curved shapes may be text drawn as outlines, "
                                    "which has no characters to extract")
        elif page.small_straight_fills >= STRAIGHT_SHAPES:
            reasons[page.number] = (f"{page.small_straight_fills} small straight-edged shapes may be letters traced "
                                    "as pixel runs, which have no characters to extract")
        elif page.type3_glyphs:
            reasons[page.number] = (f"{page.type3_glyphs} letters drawn by a Type3 font, whose glyphs are drawings "
                                    "the extracted text need not match")
    for number in patterned_pages(data):
        reasons.setdefault(number, "text is drawn inside a pattern, which the text layer does not hold")
    for number in contradicted_pages(data, texts):
        reasons.setdefault(number, "a font's text map (ToUnicode) names other letters than its encoding draws")
    return reasons


def patterned_pages(data: bytes) -> list[int]:
    """Pages with a tiling pattern (in their resources or those of anything they draw) whose cell
    shows text."""
    from slidesan.pdf.document import walk

    out = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            looked = 0
            for obj in walk(pikepdf.Array([page.obj.get("/Resources", pikepdf.Dictionary())])):
                if looked >= MAX_PATTERNS:
                    break
                if isinstance(obj, pikepdf.Stream) and int(obj.get("/PatternType", 0)) == 1:
                    looked += 1
                    if shows_text(obj):
                        out.append(number)
                        break
    return out


def shows_text(stream) -> bool:
    try:
        return any(str(op) in SHOW_OPERATORS for _operands, op in pikepdf.parse_content_stream(stream))
    except (pikepdf.PdfError, ValueError, TypeError):
        return True              # a cell that cannot be read may draw anything: read the page


def encoding_names_every_glyph(font) -> bool:
    """True when the font's encoding alone says which character each code draws: a standard encoding,
    or differences in Adobe Glyph List names over one, in a font that is not symbolic (a symbolic
    font's own built-in encoding decides), or a standard font with no encoding at all."""
    from fontTools.agl import toUnicode

    descriptor = font.get("/FontDescriptor")
    flags = int(descriptor.get("/Flags", 0)) if is_dict(descriptor) else 0
    if flags & SYMBOLIC:
        return False
    encoding = font.get("/Encoding")
    if isinstance(encoding, pikepdf.Name):
        return str(encoding) in STANDARD_ENCODINGS
    if is_dict(encoding):
        base = encoding.get("/BaseEncoding")
        names = [item for item in encoding.get("/Differences", pikepdf.Array()) if isinstance(item, pikepdf.Name)]
        return (base is not None and str(base) in STANDARD_ENCODINGS
                and all(toUnicode(str(name)[1:]) for name in names))
    embedded = is_dict(descriptor) and any(key in descriptor for key in FONT_FILES)
    base_font = str(font.get("/BaseFont", ""))[1:]
    return encoding is None and not embedded and base_font.startswith(STANDARD_14)


def mapped_fonts(pdf) -> list:
    """Simple fonts carrying a ToUnicode map whose encoding could be read without it."""
    out = []
    for obj in pdf.objects:
        if (is_dict(obj) and name_of(obj.get("/Type")) == "/Font" and name_of(obj.get("/Subtype")) in SIMPLE_FONTS
                and "/ToUnicode" in obj):
            try:
                if encoding_names_every_glyph(obj):
                    out.append(obj)
            except (pikepdf.PdfError, TypeError, ValueError):
                continue
    return out


def letters(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKC", text).casefold() if ch.isalnum())


def accounted_for(claimed: str, encoded: str) -> bool:
    """Every letter and digit the encoding draws is, in order, in the claimed text (a ligature the
    extractor cannot name without the map, "f_i", is simply missing from the encoded reading)."""
    rest = iter(letters(claimed))
    return all(ch in rest for ch in letters(encoded))


def contradicted_pages(data: bytes, claimed) -> list[int]:
    """Pages whose letters and digits change when simple fonts are read by their encoding alone
    (`claimed`: the page texts as extracted with the maps)."""
    from slidesan.pdf.text import page_texts

    with pikepdf.open(io.BytesIO(data)) as pdf:
        fonts = mapped_fonts(pdf)
        if not fonts:
            return []
        for font in fonts:
            del font["/ToUnicode"]
        buffer = io.BytesIO()
        pdf.save(buffer)
    try:
        encoded = page_texts(buffer.getvalue())
    except Exception:              # PDFium refuses the copy: the scan's own extraction reports a failure
        return []
    return [a.number for a, b in zip(claimed, encoded) if not accounted_for(a.text, b.text)]
