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
from slidesan.scan.identifiers.word_knowledge import is_allow_listed, is_word_form
from slidesan.scan.picture_text import layout
from slidesan.scan.picture_text.precision import interface_words

# an age is `45Y`, `3 M`; a letter and its colon after a number is the next label (`C: 40 W: 400`); `2D`, `3D`,
# `4D` written so are dimensions (`3D TOF`, `4D flow`), not an age in days
EVIDENCE = {"date-of-birth", "patient-id", "hospital-number", "nhs-number", "chi-number", "age"}
_SEX_AGE = re.compile(r"(?<![\w])(?:(?![234]D\b)\d{1,3}\s?[YyMmWwDd]\b(?!\s?[:=])|[\[(]?\s?[MFO]\s?[\])]|(?:M|F|Male|Female|male|female)(?=\s|$|,))")
_NAME_WORD = re.compile(r"[^\W\d_][^\W_]*(?:['\u2019\-^][^\W_]+)*")
_CODE = re.compile(r"(?<![\w.:/])(?=[\w\-]*\d)(?=[\w\-]*[\w])[A-Za-z0-9][A-Za-z0-9_\-]{3,}(?![\w.:/%])")
_DATE_SHAPE = re.compile(r"^\d{1,4}[-./]\d{1,2}[-./]\d{1,4}$")
# not a code: a time, a measurement, a short series/image tag, a matrix size (`256x1024`) or a count
# with its thousands sign (`1416k` counts on a nuclear-medicine page), a time written `12h52`
_NOT_CODE = re.compile(r"^(?:\d{1,2}[:.]\d\d(?::\d\d)?|\d+(?:mm|cm|kv|ma|mas|hz|ms|s|%)|[A-Z]?\d{1,3}[A-Z]?|"
                       r"\d{2,4}[xX]\d{2,4}|\d{1,4}[kK]|\d{1,2}h\d\d)$", re.I)


def _covered(found, index: int, start: int, end: int, but_names: bool = False) -> bool:
    """A high match overlaps the span (`but_names`: other than a name, which the block's position
    confirms: a five-word name `Encik Ahmad Faiz Bin Ismail` found by word lists alone reads like a
    menu bar to the precision rules, placed first in a patient block it is a name)."""
    return any(m.severity == HIGH and m.start < end and start < m.end and not (but_names and m.category == "name")
               for m in found[index])


def _evidence(cell, found, names: bool = True) -> bool:
    for m in found[cell.line]:
        if m.severity != HIGH or not (m.start < cell.end and cell.start < m.end):
            continue
        if m.category in EVIDENCE or (names and m.category == "name" and m.confidence >= 0.85):
            return True
    return bool(_SEX_AGE.search(cell.text)) and any(ch.isdigit() for ch in cell.text)


def _name_shaped(text: str, vocabulary, loose: bool = False) -> bool:
    """A short run of capitalised words (`loose`: digits and lower case allowed, as test patients
    are named `3D_Knee` or `SignedSmallNegative, 12 No Window`)."""
    from slidesan.scan.picture_text.labels import is_caption, misread_label

    words = _NAME_WORD.findall(text)
    stripped = text.strip(" ,.;:[]()")
    if is_caption(text.strip(" ,.;:")) or misread_label(text.split(), 0, alone=True) or text.rstrip().endswith(":"):
        return False    # a caption (`Forename(s)`, `AET:`), or one OCR damaged by a letter (`Sumame`), is no name
    if not words or len(words) > 5 or sum(map(len, words)) < 2:
        return False
    if loose:       # ...but not an acronym alone (`ECG [ECG]`)
        return (not is_caption(stripped) and not all(is_allow_listed(w, vocabulary) for w in words)
                and any(len(w) >= 4 or any(ch.isdigit() for ch in w) for w in words))
    if sum(ch.isdigit() for ch in stripped) > 2:
        return False
    if not all(w[0].isupper() for w in words if len(w) > 1) or is_caption(stripped):
        return False
    return not all(is_allow_listed(w, vocabulary) for w in words)


# `st. clair, wen`, `horvath, kwame`: a name as typed at the scanner, all lower case, surname first
_LOWER_PAIR = re.compile(r"^[a-z][a-z'\u2019\-.]*(?:\s[a-z][a-z'\u2019\-.]*)?,\s?[a-z][a-z'\u2019\-]+(?:\s[a-z]+)?$")


# English words that join a sentence and are no name's particle (`de`, `van`, `bin`, `la` are)
_FUNCTION_WORDS = frozenset("and the of for with from that this into onto than then".split())


def _block_head(text: str, vocabulary) -> bool:
    """The first entry of a patient block that can be the name: shaped like one, or a lower-case
    `surname, given` (no word of it vocabulary)."""
    stripped = text.strip(" |[](),.;:")
    if _LOWER_PAIR.match(stripped):
        if _FUNCTION_WORDS & set(stripped.replace(",", " ").split()):
            return False                 # `and light, the`: a fragment of a sentence, never a name
        return not all(is_allow_listed(w, vocabulary) for w in re.findall(r"[^\W\d_]+", stripped) if len(w) > 2)
    return _name_shaped(text, vocabulary)


# the patient's ID as a header strip prints it right after the name: `441949`, `W47-4 32164`, `G13-974949`
_ID_CELL = re.compile(r"^(?=(?:\D*\d){5})[A-Z]{0,4}-?\d[\d \-]*\d$")


ID_GAP = 10.0       # text heights between the name and its ID in a strip (digits stand lower than a name's letters)


def _id_after_name(group, found) -> list:
    """(line, start, end) of a cell standing right after a cell that names the patient on its baseline, read
    as a line of its own (one line's cells are a table row or a patient block's row, judged above), when it is a
    bare code of five or more digits (not a date, a time or a measurement)."""
    out = []
    for k, cell in enumerate(group):
        left = [c for c in group[:k] if c.box[2] <= cell.box[0] + 2 and c.line != cell.line
                and cell.box[0] - c.box[2] <= ID_GAP * max(c.height, cell.height)]
        # the nearest field on the left, and any second reading of that same place (boxes overlapping it)
        nearest = max(left, key=lambda c: c.box[2], default=None)
        if nearest is None or not any(
                m.severity == HIGH and m.category == "name" and m.start < c.end and c.start < m.end
                for c in left if c.box[2] > nearest.box[0] for m in found[c.line]):
            continue
        text = cell.text.strip(" |[]()")
        if _ID_CELL.match(text) and not _covered(found, cell.line, cell.start, cell.end):
            start = cell.start + cell.text.index(text)
            out.append((cell.line, start, start + len(text)))
    return out


def _groups(cells: list[list]) -> tuple[list[list], list[list], list[list]]:
    """Stacks of aligned cells; rows of one line's cells; rows of cells on one baseline the reader
    gave as separate lines (an ultrasound header strip is often read field by field: these name
    the patient only, their codes are not taken as IDs)."""
    flat = [c for row in cells for c in row]
    stacked = [s for s in layout.stacks(flat) if len(s) >= 2]
    rows = [row for row in cells if len(row) >= 2]
    keys = {tuple((c.line, c.start) for c in row) for row in rows}
    spread = [part for row in layout.rows(flat) for part in _strips(row)
              if len(part) >= 2 and tuple((c.line, c.start) for c in part) not in keys]
    return stacked, rows, spread


STRIP_GAP = 6.0     # text heights: a header strip's fields stand closer; two corners of a viewer stand apart


def _strips(row: list) -> list[list]:
    """A row cut where its cells stand far apart (a viewer's top-left and top-right corners share a
    baseline but are two blocks)."""
    parts = [[row[0]]]
    for cell in row[1:]:
        if cell.box[0] - parts[-1][-1].box[2] > STRIP_GAP * min(cell.height, parts[-1][-1].height):
            parts.append([])
        parts[-1].append(cell)
    return parts


def _tag_rows(cells) -> set:
    """Cells of a DICOM tag browser's rows (`(0010,0010) Patient's Name PN SMITH^ANN`)."""
    from slidesan.scan.picture_text.fields import is_tag_row

    rows = layout.rows([c for row in cells for c in row])
    return {(c.line, c.start) for row in rows if is_tag_row(row) for c in row}


def _tag_browser(group, tagged: set) -> bool:
    """A group that is part of a tag browser's row: its attribute name, VR and value, no patient block
    (the VR `PN` before a name is no name); labels decide there (fields.py)."""
    return any((c.line, c.start) in tagged for c in group[:1])


def _name_in_row(row, found, vocabulary):
    """A header strip or banner row names the patient in the field just before the first field of
    patient evidence (`St Aidan's Hospital | Jack Ward | ID 36566989 | 02/06/2024`, `Encik Ahmad Faiz
    Bin Ismail | DOB 2 September 1988`), whatever comes before it (an institution, a logo's word)."""
    for k, cell in enumerate(row):
        if _row_evidence(cell, found):
            before = row[k - 1] if k else None
            if (before is not None and not _covered(found, before.line, before.start, before.end)
                    and len(before.text.strip()) >= 3 and _name_shaped(before.text, vocabulary)
                    and not interface_words(before.text, vocabulary, menu_bar=False)):
                return before
            return None
    return None


# what marks a row as a patient's: a birth date, a national or hospital number, an age, a labelled ID
# (a bare code or a study date is as often a study's)
ROW_EVIDENCE = {"date-of-birth", "nhs-number", "chi-number", "hospital-number", "age"}


def _row_evidence(cell, found) -> bool:
    return any(m.severity == HIGH and m.start < cell.end and cell.start < m.end and (
        m.category in ROW_EVIDENCE or (m.category == "patient-id" and m.origin == "label")) for m in found[cell.line])


# A patient list's line: `Anonymous [642341] 23 janv. 1971 Female`, `NAME, NONE [NOID]`,
# `3D_Knee [3D_Knee]`: a short run of words, then a code in brackets (OCR may read them as I or l)
_NAME_THEN_CODE = re.compile(r"(?P<name>[^\W_][^\[\]|]{0,60}?)\s?[\[(Il|](?P<code>[\w\-.^]{3,24})[\])Il|1](?!\w)")
_LIST_EVIDENCE = re.compile(r"\b(?:M|F|O|Male|Female|male|female|Homme|Femme|\d{1,3}\s?[YyMmWwDd])\b")
# `NAME, NONE [NOID]`, `OAKHART, Quentin [QVELL]`: one word, its comma and one more, as DICOM's names are
# written, before the code; a study description before a code is words without the comma (`Ax FIESTA [27]`)
_SURNAME_COMMA_GIVEN = re.compile(r"^\W*[^\W\d_][^\W\d_'\u2019\-]*(?:-[^\W\d_]+)?,\s?[^\W\d_][^\W\d_'\u2019\-.]*\s?$")


def named_lines(lines, found, vocabulary) -> list:
    """(line index, category, span, confidence) for `NAME [ID]` at the start of a line."""
    out = []
    for index, line in enumerate(lines):
        text = line.text
        m = _NAME_THEN_CODE.search(text)
        if m is None or text[:m.start()].strip(" |[({<>=-~\u2014") and len(text[:m.start()].split()) > 1:
            continue
        name, code = m.group("name"), m.group("code")
        if is_allow_listed(code, vocabulary) or not _name_shaped(name, vocabulary, loose=True):
            continue
        mixed = any(ch.isalpha() for ch in code) and any(ch.isdigit() for ch in code)
        evidence = _LIST_EVIDENCE.search(text, m.end()) or any(
            f.category in ("date", "date-of-birth") and f.start >= m.end() for f in found[index])
        if code.isdigit() and len(code) < 5:
            continue        # `Select All [295]`: a count, not an ID
        written_as_name = _SURNAME_COMMA_GIVEN.match(name) and not is_word_form(code, vocabulary)   # not `[SIGNED]`
        if not (evidence or mixed or code == name.strip() or written_as_name):
            continue        # a list line of a patient shows a birth date or sex, a code of letters and digits, or a
                            # name written as DICOM writes names
        if not _covered(found, index, m.start("name"), m.end("name")):
            out.append((index, "name", (m.start("name"), m.end("name")), 0.75))
        if not _covered(found, index, m.start("code"), m.end("code")):
            out.append((index, "patient-id", (m.start("code"), m.end("code")), 0.75))
    return out


def patient_block_values(lines, cells, found, vocabulary):
    """(line index, category, (start, end), confidence) for names and IDs placed by the block."""
    out = named_lines(lines, found, vocabulary)
    stacked, rows, spread = _groups(cells)
    tagged = _tag_rows(cells)
    named = set()
    for group, kind in ([(g, "stack") for g in stacked] + [(g, "line") for g in rows] + [(g, "spread") for g in spread]):
        if not any(_evidence(cell, found) for cell in group) or _tag_browser(group, tagged):
            continue
        first = group[0]
        # a name the word lists found (and might drop as too unsure) is confirmed by standing first
        if (_covered(found, first.line, first.start, first.end, but_names=True) or not _block_head(first.text, vocabulary)
                or not any(_evidence(cell, found) for cell in group[1:3])):
            first = _name_in_row(group, found, vocabulary) if kind != "stack" else None
            lead = group[0]
            if (first is None and kind == "line" and not _covered(found, lead.line, lead.start, lead.end, but_names=True)
                    and _name_shaped(lead.text, vocabulary) and any(_evidence(c, found) for c in group[1:3])
                    and not interface_words(lead.text, vocabulary, menu_bar=False)):
                first = lead
        if first is not None and (first.line, first.start) not in named:
            named.add((first.line, first.start))
            out.append((first.line, "name", (first.start, first.end), 0.8))
        if kind == "spread":
            continue        # a row gathered across the reader's lines names, its numbers are anyone's
        for cell in group:
            for m in _CODE.finditer(cell.text):
                start, end = cell.start + m.start(), cell.start + m.end()
                token = m.group(0)
                if (_NOT_CODE.match(token) or _covered(found, cell.line, start, end) or _DATE_SHAPE.match(token)
                        or inside_protected(cell.text, m.start(), m.end())):
                    continue
                if sum(ch.isdigit() for ch in token) >= 3:
                    out.append((cell.line, "patient-id", (start, end), 0.75))
    # ...but the one right after the name on its baseline (a header strip read field by field)
    for row in layout.rows([c for row in cells for c in row]):
        out += [(line, "patient-id", (start, end), 0.75) for line, start, end in _id_after_name(row, found)]
    return out
