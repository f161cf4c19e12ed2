"""The patient block: viewers print who the picture is of as a few stacked lines or one row.

Whatever the vendor, the block reads name first, then ID, birth date, sex and age, one per line in
a corner (or in one header row of a capture). So in a stack of aligned lines, or a row of cells,
that holds patient evidence (a birth date, a labelled or check-digit number, a structural name, a
sex or age marker), the first entry is the patient's name when it is shaped like one (`Anonymous`,
`TEST`, `ARTIFIX`, `Nguyen Thi Lan`: any short run of words with letters), and a bare code in the
block (`1234-56789`, `ID-ABC-DEF-00000012`, `080899-55yy`, a 6-digit number) is the patient's ID.
Position is the evidence here, so nothing depends on the name being unusual or the ID having a label.
"""

from __future__ import annotations

import re

from slidesan.scan.identifiers.match import HIGH
from slidesan.scan.identifiers.overlay_allow_list import inside_protected
from slidesan.scan.identifiers.word_knowledge import is_allow_listed
from slidesan.scan.picture_text import layout

EVIDENCE = {"date-of-birth", "patient-id", "hospital-number", "nhs-number", "chi-number", "age"}
_SEX_AGE = re.compile(r"(?<![\w])(?:\d{1,3}\s?[YyMmWwDd]\b|[\[(]?\s?[MFO]\s?[\])]|(?:M|F|Male|Female|male|female)(?=\s|$|,))")
_NAME_WORD = re.compile(r"[^\W\d_][^\W_]*(?:['\u2019\-^][^\W_]+)*")
_CODE = re.compile(r"(?<![\w.:/])(?=[\w\-]*\d)(?=[\w\-]*[\w])[A-Za-z0-9][A-Za-z0-9_\-]{3,}(?![\w.:/%])")
_DATE_SHAPE = re.compile(r"^\d{1,4}[-./]\d{1,2}[-./]\d{1,4}$")
_NOT_CODE = re.compile(r"^(?:\d{1,2}[:.]\d\d(?::\d\d)?|\d+(?:mm|cm|kv|ma|mas|hz|ms|s|%)|[A-Z]?\d{1,3}[A-Z]?)$", re.I)


def _covered(found, index: int, start: int, end: int) -> bool:
    return any(m.severity == HIGH and m.start < end and start < m.end for m in found[index])


def _evidence(cell, found) -> bool:
    for m in found[cell.line]:
        if m.severity != HIGH or not (m.start < cell.end and cell.start < m.end):
            continue
        if m.category in EVIDENCE or (m.category == "name" and m.confidence >= 0.85):
            return True
    return bool(_SEX_AGE.search(cell.text)) and any(ch.isdigit() for ch in cell.text)


def _name_shaped(text: str, vocabulary) -> bool:
    from slidesan.scan.picture_text.labels import is_caption

    words = _NAME_WORD.findall(text)
    stripped = text.strip(" ,.;:[]()")
    if not words or len(words) > 5 or sum(ch.isdigit() for ch in stripped) > 2 or sum(map(len, words)) < 2:
        return False
    if not all(w[0].isupper() for w in words if len(w) > 1) or is_caption(stripped):
        return False
    return not all(is_allow_listed(w, vocabulary) for w in words)


def _groups(cells: list[list]) -> list[list]:
    """Stacks of aligned cells, and rows of cells on one baseline (each line's cells)."""
    flat = [c for row in cells for c in row]
    groups = [s for s in layout.stacks(flat) if len(s) >= 2]
    groups += [row for row in cells if len(row) >= 2]
    return groups


def patient_block_values(lines, cells, found, vocabulary):
    """(line index, category, (start, end), confidence) for names and IDs placed by the block."""
    out = []
    for group in _groups(cells):
        if not any(_evidence(cell, found) for cell in group):
            continue
        first = group[0]
        if (not _covered(found, first.line, first.start, first.end) and _name_shaped(first.text, vocabulary)
                and any(_evidence(cell, found) for cell in group[1:3])):
            out.append((first.line, "name", (first.start, first.end), 0.8))
        for cell in group:
            for m in _CODE.finditer(cell.text):
                start, end = cell.start + m.start(), cell.start + m.end()
                token = m.group(0)
                if (_NOT_CODE.match(token) or _covered(found, cell.line, start, end) or _DATE_SHAPE.match(token)
                        or inside_protected(cell.text, m.start(), m.end())):
                    continue
                if sum(ch.isdigit() for ch in token) >= 3:
                    out.append((cell.line, "patient-id", (start, end), 0.75))
    return out
