"""Words to lines, and the OCR confusions that are safe to undo.

Tesseract reports words with boxes; a finding needs lines (an identifier like `DAVIDSON DOUGLAS`
spans words) and a box per identifier (redaction paints only that). Confusion fixes are
substitutions only, never insertions, so character offsets in the fixed text still point at the
same words: `OcrLine.box_of(start, end)` maps a detector's match back to pixels.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

Box = tuple[int, int, int, int]


@dataclass(frozen=True)
class Word:
    text: str
    box: Box
    conf: float
    group: tuple = ()         # (crop index, tesseract block, paragraph, line): words of one printed line


@dataclass(frozen=True)
class OcrLine:
    """One line of text as read, with its box in image pixels (left, top, right, bottom).

    `text` has safe confusion fixes applied (see normalise_confusions); `raw` is what Tesseract
    said; `spans` holds (start, end, box) per word so a match can be located inside the line.
    """

    text: str
    box: Box
    conf: float
    raw: str = ""
    spans: tuple[tuple[int, int, Box], ...] = field(default=(), repr=False)

    def box_of(self, start: int, end: int) -> Box:
        """Pixel box of the characters text[start:end] (union of the words they touch)."""
        hit = [box for s, e, box in self.spans if s < end and e > start]
        if not hit:
            return self.box
        return (min(b[0] for b in hit), min(b[1] for b in hit), max(b[2] for b in hit), max(b[3] for b in hit))


_STAR_IN_NAME = re.compile(r"(?<=[A-Za-z])[*\u00b0](?=[A-Za-z])")
_DIGIT_LOOKALIKE = {"O": "0", "o": "0", "Q": "0", "D": "0", "I": "1", "l": "1", "|": "1", "i": "1",
                    "!": "1", "S": "5", "B": "8", "Z": "2"}


def _fix_token(token: str) -> str:
    """In a token that is mostly digits (an ID, a date), a look-alike letter with no real letter
    beside it is a digit: `0O07924` -> `0007924`, but the prefix of `RTO96701` stays as read."""
    digits = sum(ch.isdigit() for ch in token)
    if len(token) < 4 or digits < 0.6 * len(token) or digits == len(token):
        return token

    def letter(ch: str) -> bool:
        return ch.isalpha() and ch not in _DIGIT_LOOKALIKE

    out = list(token)
    for i, ch in enumerate(token):
        if ch in _DIGIT_LOOKALIKE:
            before = token[i - 1] if i else ""
            after = token[i + 1] if i + 1 < len(token) else ""
            if not letter(before) and not letter(after):
                out[i] = _DIGIT_LOOKALIKE[ch]
    return "".join(out)


def normalise_confusions(text: str) -> str:
    """Undo confusions that Tesseract makes on overlay fonts, keeping the length unchanged.

    `SMITH*JOHN` -> `SMITH^JOHN` (DICOM name separator read as an asterisk or degree sign);
    `RTO967017` -> `RT0967017`, `0l/O4/1961` -> `01/04/1961` (letters inside digit runs).
    """
    text = _STAR_IN_NAME.sub("^", text)
    return re.sub(r"\S+", lambda m: _fix_token(m.group(0)), text)


def _same_line(a: Box, b: Box) -> bool:
    """Boxes on one baseline with a small horizontal gap (a line split across two crops)."""
    ha, hb = a[3] - a[1], b[3] - b[1]
    overlap = min(a[3], b[3]) - max(a[1], b[1])
    if overlap < 0.6 * min(ha, hb) or max(ha, hb) > 1.8 * min(ha, hb):
        return False
    gap = max(b[0] - a[2], a[0] - b[2])
    return gap < 1.2 * max(ha, hb)


def assemble_lines(words: list[Word]) -> list[OcrLine]:
    """Group words by Tesseract's own line, join lines that continue each other, top to bottom."""
    groups: dict[tuple, list[Word]] = {}
    for word in words:
        groups.setdefault(word.group, []).append(word)
    rows = sorted((sorted(ws, key=lambda w: w.box[0]) for ws in groups.values()),
                  key=lambda ws: (ws[0].box[1], ws[0].box[0]))
    merged: list[list[Word]] = []
    for row in rows:
        for line in merged:
            if _same_line(_union(w.box for w in line), _union(w.box for w in row)):
                line.extend(row)
                line.sort(key=lambda w: w.box[0])
                break
        else:
            merged.append(list(row))
    lines = [_make_line(ws) for ws in merged]
    return sorted(lines, key=lambda ln: (ln.box[1], ln.box[0]))


def _union(boxes) -> Box:
    boxes = list(boxes)
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def _make_line(words: list[Word]) -> OcrLine:
    spans, parts, pos = [], [], 0
    for word in words:
        if parts:
            pos += 1
        spans.append((pos, pos + len(word.text), word.box))
        parts.append(word.text)
        pos += len(word.text)
    raw = " ".join(parts)
    conf = sum(w.conf * len(w.text) for w in words) / max(1, sum(len(w.text) for w in words))
    return OcrLine(text=normalise_confusions(raw), box=_union(w.box for w in words), conf=round(conf, 1),
                   raw=raw, spans=tuple(spans))
