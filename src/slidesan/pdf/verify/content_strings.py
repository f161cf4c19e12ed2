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


def content_places(stream, data: bytes, where: str, page) -> Iterator:
    from slidesan.pdf.verify.places import Place

    for comment in comments(data):
        yield Place(f"{where} content stream comment", comment, TEXT, page=page)
    if not _MARKED.search(data):
        return
    try:
        instructions = pikepdf.parse_content_stream(stream)
    except (pikepdf.PdfError, RuntimeError, ValueError, TypeError):
        yield Place(f"{where} content stream", "", TEXT, page=page)       # cannot be read
        return
    for item in instructions:
        operator = str(getattr(item, "operator", ""))
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
