"""Hiding place: operators no viewer runs, and operands no operator takes, inside content streams.

A content stream may hold operators the standard does not define (between `BX` and `EX` a viewer
must skip them without complaint), the PDF 1.1 `PS` operator (PostScript for a printer, ignored on
screen, removed from the standard), and operands left at the end of the stream that no operator
ever takes. None of them draws anything, every copy keeps them, and their strings are not page text
(PDFium extracts only what text operators show), so a name there is read by no one but a tool that
looks. They are cut (the stream is rewritten from pikepdf's parse, which drops trailing operands);
what their strings said is read first, so `check` rates the input by it. ISO 32000-1 Annex A lists
the operators kept.
"""

from __future__ import annotations

import re

import pikepdf

from slidesan.pdf.objects import text_of
from slidesan.pdf.finders import content_streams, parsed, readable

OPERATORS = frozenset(
    "b B b* B* BDC BI BMC BT BX c cm CS cs d d0 d1 Do DP EI EMC ET EX f F f* G g gs h i ID j J K k l m M MP n q Q "
    "re RG rg ri s S SC sc SCN scn sh T* Tc Td TD Tf Tj TJ TL Tm Tr Ts Tw Tz v w W W* y ' \"".split()
    + ["INLINE IMAGE"])             # pikepdf's name for a parsed BI ... ID ... EI
_STRING = re.compile(rb"\((?:[^()\\]|\\.)*\)|<[0-9A-Fa-f\s]*>")


def unknown(instructions) -> list:
    return [item for item in instructions if str(getattr(item, "operator", "")) not in OPERATORS]


def strings_of(items) -> list[str]:
    return [text_of(value) for item in items for value in item.operands if isinstance(value, pikepdf.String)]


def left_over_strings(data: bytes, instructions) -> list[str]:
    """Strings in the stream's bytes that the parse dropped (trailing operands)."""
    kept = pikepdf.unparse_content_stream(instructions)
    return [s.decode("latin-1") for s in _STRING.findall(data) if s not in kept]


def scrub(doc, ctx) -> None:
    cut, said = 0, []
    for stream in list(content_streams(doc)):
        data = readable(stream)
        if data is None:
            continue
        result = parsed(stream)
        if result is None:
            continue
        instructions, left_over = result
        odd = unknown(instructions)
        if not odd and not left_over:
            continue
        said += strings_of(odd) + (left_over_strings(data, instructions) if left_over else [])
        stream.write(pikepdf.unparse_content_stream([i for i in instructions if i not in odd]))
        cut += 1
    if cut:
        for text in said:
            ctx.identifiers_in(text, "operators no viewer runs (removed)")
        ctx.add("content-comment", "info", "removed", f"operators no viewer runs, or operands no operator takes, "
                f"removed from {cut} content stream(s)", text=" | ".join(said)[:300] or None)


def residue(doc, options) -> list[str]:
    found = []
    for stream in content_streams(doc):
        result = parsed(stream) if readable(stream) is not None else None
        if result is not None and (unknown(result[0]) or result[1]):
            found.append("a content stream still holds operators no viewer runs or operands left over")
    return found
