"""Where the `%` comments of a content stream are.

A `%` starts a comment only outside literal strings (`(100% sure)`, with nested brackets and
escapes), hex strings and inline image data (`ID ... EI`, raw bytes); a comment runs to the end of
its line. The content-comments step removes them by these spans and the final sweep reads them, so
both agree on what a comment is.
"""

from __future__ import annotations

import re

from slidesan.pdf.objects import string_end

_SPECIAL = re.compile(rb"[(%<]|(?<![^\s\]\[<>(){}])ID(?=\s)")     # not /ID, a name
_INLINE_END = re.compile(rb"\sEI(?=[\s/\[(<]|$)")
_LINE_END = re.compile(rb"[\r\n]")


def comment_spans(data: bytes) -> list[tuple[int, int]]:
    """(start, end) of every comment: from its `%` to the end of its line (the line break not included)."""
    if b"%" not in data:
        return []
    out, pos = [], 0
    while (match := _SPECIAL.search(data, pos)) is not None:
        token, start = match.group(), match.start()
        if token == b"%":
            end = _LINE_END.search(data, start)
            pos = len(data) if end is None else end.start()
            out.append((start, pos))
        elif token == b"(":
            pos = string_end(data, start)
        elif token == b"<":
            if data[start + 1:start + 2] == b"<":
                pos = start + 2                       # a dictionary opens
            else:
                close = data.find(b">", start)
                pos = len(data) if close < 0 else close + 1
        else:                                         # ID: inline image data up to EI
            end = _INLINE_END.search(data, match.end() + 1)
            pos = len(data) if end is None else end.end()
    return out


def comments(data: bytes) -> list[str]:
    """The text of every comment that says something."""
    texts = (data[start + 1:end].decode("latin-1").strip() for start, end in comment_spans(data))
    return [text for text in texts if text]


def without_comments(data: bytes) -> bytes:
    """`data` with every comment cut (a comment separates tokens like a space, so one stays)."""
    out, pos = [], 0
    for start, end in comment_spans(data):
        out += [data[pos:start], b" "]
        pos = end
    return b"".join(out) + data[pos:]
