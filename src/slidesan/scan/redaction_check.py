"""Redaction proves itself: a redacted picture is read again, and whatever is still read there as
an identifier stays reported as present (so the verdict cannot be `publication`).

A box painted from an OCR reading can miss: the reading placed a word a few pixels off, or a
second reader saw a name the first did not. Reading the painted pixels again with the same engine
and judgement is the only check that does not trust the first reading.
"""

from __future__ import annotations


def still_read(data: bytes, vocabulary=None, thorough: bool = False) -> list[tuple[object, object]]:
    """(line, match) for every identifier and every possible name (unknown words, review) read in
    the (redacted) picture `data`; a picture that cannot be read again gives [] and is left to the
    caller's first reading."""
    from slidesan.scan.ocr import read_many
    from slidesan.scan.picture_text import judge_picture

    lines = read_many({"redacted": data}, jobs=1, thorough=thorough)["redacted"]
    if isinstance(lines, str):
        return []
    return list(judge_picture(lines, vocabulary).flagged())
