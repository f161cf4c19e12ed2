"""The strings of a content stream that are not the glyphs it shows.

A content stream's `% ...` comments are skipped by every viewer and kept by every copy; a
marked-content tag's name (`/Patient_Smith BMC`) and the strings of an inline property list
(`<< /ActualText (John Smith) >> BDC`) are what search and screen readers meet instead of the
glyphs. The glyph codes themselves (`(..) Tj`) are the page text: PDFium extracts it through the
fonts and the scan judges it, so they are not listed here.

Comments are found by pdf/comment_lexer.py, the lexer the content-comments step removes them by.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pikepdf

from slidesan.deck.leaks import TEXT
from slidesan.pdf.comment_lexer import comments
from slidesan.pdf.name_words import name_text
from slidesan.pdf.objects import text_of

_MARKED = re.compile(rb"(?:BDC|BMC|DP|MP)(?![A-Za-z])")
# Text a Type 3 glyph procedure shows with another font is drawn only where that glyph is, and PDFium's
# text layer gives the glyph's own code, never the text inside it: a glyph no page uses can carry a
# name that no page shows and no text extraction reads. Its strings are read like any hidden string.
SHOWING = ("Tj", "TJ", "'", '"')
_SHOWN = re.compile(rb"(?:Tj|TJ|')(?![A-Za-z])|\"")


def glyph_text(item, where: str, page) -> Iterator:
    from slidesan.pdf.verify.places import Place

    values = [v for operand in item.operands for v in (operand if isinstance(operand, pikepdf.Array) else [operand])]
    text = "".join(text_of(v) for v in values if isinstance(v, pikepdf.String))
    if text.strip():
        yield Place(f"{where} text inside a Type 3 glyph", text, TEXT, page=page)


def content_places(stream, data: bytes, where: str, page, glyph: bool = False) -> Iterator:
    """`glyph`: a Type 3 glyph procedure, whose own text operators' strings are read too (see below)."""
    from slidesan.pdf.verify.places import Place

    for comment in comments(data):
        yield Place(f"{where} content stream comment", comment, TEXT, page=page)
    if not _MARKED.search(data) and not (glyph and _SHOWN.search(data)):
        return
    try:
        instructions = pikepdf.parse_content_stream(stream)
    except (pikepdf.PdfError, RuntimeError, ValueError, TypeError):
        yield Place(f"{where} content stream", "", TEXT, page=page)       # cannot be read
        return
    for item in instructions:
        operator = str(getattr(item, "operator", ""))
        if glyph and operator in SHOWING:
            yield from glyph_text(item, where, page)
        if operator not in ("BDC", "BMC", "DP", "MP"):
            continue
        operands = list(item.operands)
        if operands and isinstance(operands[0], pikepdf.Name):
            yield Place(f"{where} marked-content tag", name_text(operands[0]), TEXT, page=page, is_name=True)
        for value in operands[1:]:
            if isinstance(value, pikepdf.Dictionary):
                for key, item_value in value.items():
                    text = text_of(item_value) if isinstance(item_value, pikepdf.String) else ""
                    if text.strip():
                        yield Place(f"{where} marked-content {key}", text, TEXT, shown=True, page=page)
