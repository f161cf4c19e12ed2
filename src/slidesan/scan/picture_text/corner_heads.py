"""The head of a corner: where viewers print the patient's name.

Whatever the vendor, a viewer's corner block starts with the patient's name, often alone when the ID
and birth date are switched off, and written as DICOM writes names (`SHORT, SUMMER`, `WOOD^G`,
`MAY, JUNE`). Nothing in such words says person, so no word list can find them; their place does.
A cell among the first lines of its column (no more than one line above it in the picture) is read so:
- `Surname, Given`, `Surname, I` or `SURNAME^GIVEN`: a name (high), unless a word is imaging
  vocabulary or a caption (`CHEST, PA`, `Axial, T2`, `Brain^Routine`); in Title Case of ordinary
  words (`Bird, Joy`, or a slide's heading) perhaps a name: review.
- two words in capitals, none vocabulary (`SUMMER SHORT`, `BIRD JOY`), or one word and its comma
  (`WOOD,`: the initial after it was not read): perhaps a name, so not harmless: review. One word is a logo as often (`DIAGEO`, `PRODUCTS` on the real decks), three or
  more a banner (`INVESTIGATIONAL USE ONLY`, `NATIONAL CANCER INSTITUTE`); Title Case words there are
  a heading as often as a name and stay as they were, unless one of one or two words is a name that
  is also a word (data/word_names.txt: `Summer Short`, `WOOD`; not `Key Images`, `DIAGEO`).
"""

from __future__ import annotations

import re

from slidesan.scan.identifiers.match import HIGH, REVIEW, Match
from slidesan.scan.identifiers.word_knowledge import (is_allow_listed, is_function_word, is_given_name, is_surname_like,
                                                      is_word_form, is_word_name)

_PART = r"[^\W\d_][^\W\d_'\u2019\-]*"
_GIVEN = rf"(?:(?:[^\W\d_]\.\s?){{1,3}}|{_PART}\.?(?:\s{_PART}\.?){{0,2}})"      # `R.J.`, `Summer`, `G`
_COMMA_PAIR = re.compile(rf"^{_PART},\s?{_GIVEN}$")               # `SHORT, SUMMER`, `WOOD, G.`
_CARET_PAIR = re.compile(rf"^{_PART}\^{_GIVEN}(?:\^[^\W\d_. ]*)*$")    # `SHORT^SUMMER`, `WOOD^G`
_CUT_PAIR = re.compile(rf"^{_PART},$")          # `WOOD,`: the given name or initial after it was not read
_TITLE_WORDS = re.compile(r"^[^\W\d_][^\W\d_'\u2019\-]+(?:\s[^\W\d_][^\W\d_'\u2019\-]+)?$")     # `Summer Short`, `WOOD`
_CAPITALS = re.compile(r"^[^\W\d_a-z]{2,}(?:['\u2019\-][^\W\d_a-z]+)?\s[^\W\d_a-z]{2,}(?:['\u2019\-][^\W\d_a-z]+)?$")
_WORD = re.compile(r"[^\s,^.]+")
TOP_LINES = 2        # a corner's name stands on its first line, or under one line (an institution, a date)
STRUCTURED, PLAIN = 0.8, 0.5
REASON = "words shaped as a name where a viewer prints the patient's (a name?)"


def corner_heads(lines, cells, found, vocabulary) -> list[tuple[int, Match]]:
    """(line index, match) for each cell heading a corner that is shaped like a name there."""
    from slidesan.scan.picture_text.labels import is_caption

    flat = [c for row in cells for c in row]
    out = []
    for cell in flat + _joined(lines, cells):
        text = cell.text.strip()
        structured = bool(_COMMA_PAIR.match(text) or _CARET_PAIR.match(text))
        named = bool(_TITLE_WORDS.match(text)) and any(is_word_name(w) for w in text.split())
        if not (structured or named or _CAPITALS.match(text) or _CUT_PAIR.match(text)) or _covered(found[cell.line], cell):
            continue
        words = [w.strip(".") for w in _WORD.findall(text) if w.strip(".")]
        long_words = [w for w in words if len(w) > 1]
        if (not long_words or not all(w[0].isupper() for w in words)
                or any(is_allow_listed(w, vocabulary) or is_caption(w) or is_function_word(w) for w in long_words)):
            continue        # an initial is no vocabulary (`C` is contrast on an overlay, not in `GREEN, C`)
        sure = structured and (text.isupper() or any(
            is_given_name(w, vocabulary) or is_surname_like(w, vocabulary) or not is_word_form(w, vocabulary)
            for w in long_words))
        if not structured and sum(len(w) for w in long_words) < 4:
            continue
        if _lines_above(cell, flat) >= TOP_LINES:
            continue
        start = cell.start + (len(cell.text) - len(cell.text.lstrip()))
        severity, confidence = (HIGH, STRUCTURED) if sure else (REVIEW, PLAIN)
        out.append((cell.line, Match("name", severity, start, start + len(text), text, confidence, "corner")))
    return out


def _joined(lines, cells) -> list:
    """Two or three neighbouring cells of a line as one: a wide space (a monospaced font's after a
    comma) may have cut `KING, L` into two cells."""
    from slidesan.scan.picture_text.layout import Cell

    out = []
    for row in cells:
        for size in (2, 3):
            for k in range(len(row) - size + 1):
                part = row[k:k + size]
                first, last = part[0], part[-1]
                box = (first.box[0], min(c.box[1] for c in part), last.box[2], max(c.box[3] for c in part))
                out.append(Cell(first.line, first.start, last.end, box, lines[first.line].text[first.start:last.end],
                                tuple(w for c in part for w in c.words)))
    return out


def _covered(matches, cell) -> bool:
    return any(m.severity == HIGH and m.start < cell.end and cell.start < m.end for m in matches)


def _lines_above(cell, flat) -> int:
    """Cells standing above this one and overlapping it across: the lines of its column above it."""
    return sum(1 for other in flat if other is not cell and other.box[3] <= cell.centre_y
               and other.box[0] < cell.box[2] and cell.box[0] < other.box[2])
